"""`parse_wire` picks the parser, checks size and never raises for bad input."""

from __future__ import annotations

import random

import pytest

from dateline.core.parsing import ERROR_CODES, PARSERS, detect_format, parse_wire

from .support import payload


@pytest.mark.parametrize(
    ("source", "name", "expected"),
    [
        ("demo-rss", "feed.xml", "rss"),
        ("demo-rss", "atom.xml", "rss"),
        ("demo-ninjs", "story-3.json", "ninjs"),
        ("demo-ninjs", "batch.json", "ninjs"),
        ("demo-newsml", "news-item.xml", "newsml-g2"),
        ("demo-newsml", "news-message.xml", "newsml-g2"),
    ],
)
def test_auto_detects_the_format_of_each_demo_payload(source, name, expected):
    raw = payload(source, name)
    assert detect_format(raw) == expected
    assert parse_wire(raw, "auto").format == expected


def test_input_over_the_size_cap_is_refused_before_parsing():
    result = parse_wire(b"<rss>" + b" " * 2048 + b"</rss>", "rss", max_bytes=1024)
    assert result.error_codes == ["input.too-large"]


def test_a_fifty_megabyte_body_is_refused_at_the_default_cap():
    result = parse_wire(b"{" + b" " * (50 * 1024 * 1024) + b"}", "auto")
    assert result.error_codes == ["input.too-large"]


@pytest.mark.parametrize("raw", [b"", b"   \n\t"])
def test_empty_input_is_refused(raw):
    assert parse_wire(raw, "auto").error_codes == ["input.empty"]


def test_an_unknown_format_is_a_typed_error():
    assert parse_wire(b"<x/>", "telex").error_codes == ["format.unknown"]


def test_input_in_no_known_format_is_undetected():
    assert parse_wire(b"Dear editor, please publish this.", "auto").error_codes == [
        "format.undetected"
    ]


def test_every_parser_returns_a_result_for_random_bytes():
    rng = random.Random(20250603)
    samples = [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 400))) for _ in range(40)]
    samples += [b"<", b"{", b"[", b"<?xml version='1.0'?>", b"\x00\x00", b"<rss><channel>"]
    for raw in samples:
        for name in (*PARSERS, "auto"):
            result = parse_wire(raw, name)
            assert set(result.error_codes) <= ERROR_CODES
