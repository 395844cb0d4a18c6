"""Wire parsing: bytes from a source in, `ParsedWireItem` dataclasses and typed errors out.

Plain Python (no Django), so it can be benchmarked and table-tested on its own. One parser
per format, collected in `PARSERS`; `parse_wire` is the one entry point the ingest service
uses. Parsers never raise for bad input: problems come back as `WireParseError` values with
stable codes (DESIGN.md #8), one per failed entry, beside the entries that parsed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .common import check_input, conformance_dir
from .detect import detect_format
from .html_page import parse_html_page
from .model import (
    DEFAULT_MAX_BYTES,
    ERROR_CODES,
    FORMAT_UNDETECTED,
    FORMAT_UNKNOWN,
    PARSER_FAILED,
    ParsedWireItem,
    ParseResult,
    PubStatus,
    Subject,
    WireImage,
    WireParseError,
)
from .newsmlg2 import newsml_schema_path, parse_newsml_g2
from .ninjs import parse_ninjs, schemas_available
from .rss import parse_rss
from .scrub import clean_error, clean_item, drop_invalid_character_references

__all__ = [
    "DEFAULT_MAX_BYTES",
    "ERROR_CODES",
    "FORMATS",
    "PARSERS",
    "ParseOptions",
    "ParseResult",
    "ParsedWireItem",
    "PubStatus",
    "Subject",
    "WireImage",
    "WireParseError",
    "conformance_dir",
    "detect_format",
    "newsml_schema_path",
    "parse_html_page",
    "parse_newsml_g2",
    "parse_ninjs",
    "parse_rss",
    "parse_wire",
    "schemas_available",
]


@dataclass(frozen=True, slots=True)
class ParseOptions:
    """What a source may tell its parser beyond the bytes."""

    base_url: str | None = None
    ninjs_version: str | None = None
    newsml_schema: Path | None = None
    # The HTTP answer's Content-Type: its charset overrides the XML declaration (RFC 7303).
    content_type: str | None = None


Parser = Callable[[bytes, ParseOptions], ParseResult]

PARSERS: dict[str, Parser] = {
    "rss": lambda raw, options: parse_rss(
        raw, base_url=options.base_url, content_type=options.content_type
    ),
    "ninjs": lambda raw, options: parse_ninjs(raw, version=options.ninjs_version),
    "newsml-g2": lambda raw, options: parse_newsml_g2(raw, schema=options.newsml_schema),
    # A publisher's article page; `auto` never guesses it (a feed links to it instead).
    "html": lambda raw, options: parse_html_page(raw, url=options.base_url),
}
# Other spellings a desk editor or a command line may use for the same formats.
ALIASES = {
    "atom": "rss",
    "rdf": "rss",
    "jsonfeed": "rss",
    "newsmlg2": "newsml-g2",
    "g2": "newsml-g2",
}
FORMATS = (*PARSERS, "auto")


def parse_wire(
    raw: bytes,
    format: str,
    *,
    base_url: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    ninjs_version: str | None = None,
    newsml_schema: Path | None = None,
    content_type: str | None = None,
) -> ParseResult:
    """Parse one input from a source in the given format (`auto` to detect it).

    Input over `max_bytes` is refused (`input.too-large`) before any parser sees it. The
    result's `format` is the format actually used, so an `auto` source records what came.
    `content_type` is the HTTP answer's Content-Type, when the input came over HTTP.
    """
    name = ALIASES.get(format.strip().lower(), format.strip().lower())
    refused = check_input(raw, max_bytes)
    if refused is not None:
        return ParseResult(format=name, errors=[refused])
    if name == "auto":
        detected = detect_format(raw)
        if detected is None:
            return ParseResult.failed(
                name, FORMAT_UNDETECTED, "input is not RSS/Atom, ninjs or NewsML-G2"
            )
        name = detected
    parser = PARSERS.get(name)
    if parser is None:
        known = ", ".join(FORMATS)
        return ParseResult.failed(name, FORMAT_UNKNOWN, f"no parser for {format!r} ({known})")
    if name in _MARKUP_FORMATS:
        raw = drop_invalid_character_references(raw)
    try:
        result = parser(
            raw,
            ParseOptions(
                base_url=base_url,
                ninjs_version=ninjs_version,
                newsml_schema=newsml_schema,
                content_type=content_type,
            ),
        )
    except Exception as exc:  # the promise is "never raises"; a bug becomes a quarantine
        return ParseResult.failed(name, PARSER_FAILED, f"{type(exc).__name__}: {exc}")
    # Whatever a parser let through, no item leaves with a character the database, a hash
    # or a page cannot hold.
    result.items = [clean_item(item) for item in result.items]
    for problems in (result.errors, result.skipped, result.warnings):
        problems[:] = [clean_error(problem) for problem in problems]
    return result


# Formats whose numeric character references the parser would resolve (or choke on).
_MARKUP_FORMATS = frozenset({"rss", "newsml-g2", "html"})
