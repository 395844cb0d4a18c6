"""Hostile input is refused with a code and never expanded, fetched or executed."""

from __future__ import annotations

import time

import pytest

from dateline.core.parsing import parse_wire

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
"""
G2_BODY = b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">&lol9;</newsItem>'
RSS_BODY = b"<rss><channel><item><title>&lol9;</title><guid>x</guid></item></channel></rss>"
XXE = b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
XXE_G2 = XXE + b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="&xxe;"/>'
XXE_RSS = XXE + b"<rss><channel><item><title>&xxe;</title><guid>x</guid></item></channel></rss>"


@pytest.mark.parametrize("format", ["newsml-g2", "auto"])
def test_billion_laughs_in_newsml_is_refused_quickly_without_expansion(format):
    started = time.perf_counter()
    result = parse_wire(BILLION_LAUGHS + G2_BODY, format)
    assert result.error_codes == ["xml.entities-forbidden"]
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize("format", ["rss", "auto"])
def test_billion_laughs_in_a_feed_is_refused(format):
    assert parse_wire(BILLION_LAUGHS + RSS_BODY, format).error_codes == ["xml.entities-forbidden"]


@pytest.mark.parametrize(("raw", "format"), [(XXE_G2, "newsml-g2"), (XXE_RSS, "rss")])
def test_an_external_entity_pointing_at_a_local_file_is_refused(raw, format):
    result = parse_wire(raw, format)
    assert result.error_codes == ["xml.entities-forbidden"]
    assert not result.items


def test_an_external_dtd_in_newsml_is_refused_and_never_fetched():
    raw = b'<!DOCTYPE newsItem SYSTEM "http://127.0.0.1:9/evil.dtd">' + G2_BODY.replace(
        b"&lol9;", b""
    )
    assert parse_wire(raw, "newsml-g2").error_codes == ["xml.dtd-forbidden"]


def test_entities_declared_in_a_utf16_newsml_document_are_still_refused():
    raw = (
        (BILLION_LAUGHS + G2_BODY)
        .decode()
        .replace('version="1.0"?>', 'version="1.0" encoding="UTF-16"?>')
    )
    assert parse_wire(raw.encode("utf-16"), "newsml-g2").error_codes == ["xml.entities-forbidden"]


def test_a_harmless_entity_in_a_feed_is_kept_as_feedparser_does():
    raw = b'<!DOCTYPE rss [\n  <!ENTITY id "tag:example.org,">\n]>\n' + (
        b"<rss version='2.0'><channel><item><title>T</title><guid>&id;1</guid></item>"
        b"</channel></rss>"
    )
    assert [i.agency_id for i in parse_wire(raw, "rss").items] == ["tag:example.org,1"]


SCRIPTS = (
    '<script>alert(1)</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)">x</a>'
)


def test_script_in_every_ninjs_body_and_headline_never_reaches_the_item():
    import json

    document = {
        "uri": "urn:s",
        "headlines": [{"role": "main", "value": "Safe" + SCRIPTS}],
        "descriptions": [{"role": "summary", "value": "Lead" + SCRIPTS}],
        "bodies": [{"contenttype": "text/html", "value": "<p>Copy</p>" + SCRIPTS}],
    }
    item = parse_wire(json.dumps(document).encode(), "ninjs").items[0]
    for text in (item.headline, item.standfirst, item.body_html):
        assert "<script" not in text
        assert "onerror" not in text
        assert "javascript:" not in text


def test_script_in_a_newsml_xhtml_body_never_reaches_the_item():
    raw = (
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="s"><contentSet>'
        b'<inlineXML contenttype="application/xhtml+xml">'
        b'<html xmlns="http://www.w3.org/1999/xhtml"><body><p onclick="x()">Copy</p>'
        b'<script>alert(1)</script><a href="javascript:alert(1)">x</a>'
        b'<img src="a.jpg" onerror="alert(1)"/></body></html>'
        b"</inlineXML></contentSet></newsItem>"
    )
    body = parse_wire(raw, "newsml-g2").items[0].body_html
    assert "Copy" in body
    for forbidden in ("<script", "onclick", "onerror", "javascript:"):
        assert forbidden not in body
