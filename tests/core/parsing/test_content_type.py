"""The HTTP answer's charset decides how a feed's bytes are read (RFC 7303)."""

from __future__ import annotations

from dateline.core.parsing import parse_wire

# Our own copy, in windows-1251, under a declaration that names another encoding.
FEED = (
    '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel><title>Порт</title>'
    "<item><title>Порт Одессы принял первые суда</title><guid>urn:demo:odesa:1</guid>"
    "<description>Суда вошли в гавань утром.</description></item></channel></rss>"
).encode("cp1251")


def test_the_content_type_charset_overrides_the_xml_declaration():
    result = parse_wire(FEED, "rss", content_type="application/rss+xml; charset=windows-1251")

    assert [item.headline for item in result.items] == ["Порт Одессы принял первые суда"]


def test_without_a_content_type_the_declaration_decides():
    result = parse_wire(FEED, "rss")

    assert result.items[0].headline != "Порт Одессы принял первые суда"
