"""Headlines and bylines are plain text in every format: markup read, never printed, and
the byline's "By" left to the page."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from dateline.core.parsing import parse_wire
from dateline.core.parsing.common import byline_names

from .support import payload

MARKED_UP = '<b>Harbour</b> cranes <script>alert("x")</script>return &amp; rest'
PLAIN = "Harbour cranes return & rest"


def rss(headline: str, creator: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Demo</title>
<item><title>{escape(headline)}</title><guid>urn:demo:1</guid>
<dc:creator>{escape(creator)}</dc:creator><description>Copy.</description></item>
</channel></rss>""".encode()


def ninjs(headline: str, by: str) -> bytes:
    document = json.loads(payload("demo-ninjs", "story-3.json"))
    document["headlines"] = [{"role": "main", "value": headline}]
    document["by"] = by
    return json.dumps(document).encode()


def newsml(headline: str, by: str) -> bytes:
    xml = payload("demo-newsml", "news-item.xml").decode()
    xml = xml.replace("<headline>Fish market fire contained</headline>",
                      f"<headline>{escape(headline)}</headline>")  # fmt: skip
    return xml.replace("<by>By Jeanne Plume</by>", f"<by>{escape(by)}</by>").encode()


BUILDERS = {"rss": rss, "ninjs": ninjs, "newsml-g2": newsml}


@pytest.mark.parametrize("format", BUILDERS)
def test_a_headline_sent_with_markup_is_stored_as_its_text(format):
    result = parse_wire(BUILDERS[format](MARKED_UP, "Ada Quill"), format)

    assert result.ok, result.errors
    assert result.items[0].headline == PLAIN


@pytest.mark.parametrize("format", BUILDERS)
def test_the_byline_keeps_the_names_without_by(format):
    result = parse_wire(BUILDERS[format]("Cranes return", "By Daniel Achterberg"), format)

    assert result.items[0].byline == "Daniel Achterberg"


@pytest.mark.parametrize(
    ("sent", "names"),
    [
        ("By Daniel Achterberg", "Daniel Achterberg"),
        ("BY DANIEL ACHTERBERG", "DANIEL ACHTERBERG"),
        ("By: Ada Quill and Luc Encre", "Ada Quill and Luc Encre"),
        ("by  Ada Quill, Harbour Wire", "Ada Quill, Harbour Wire"),
        ("Byron Quill", "Byron Quill"),
        ("Ada Quill", "Ada Quill"),
        ("", ""),
    ],
)
def test_byline_names(sent, names):
    assert byline_names(sent) == names
