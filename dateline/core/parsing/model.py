"""The values the wire parsers return: parsed wire items, typed errors and the batch result.

Plain dataclasses, no Django: the `WireItem` model of `dateline.wires` stores them later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from dateline.core.text import html_to_text

PubStatus = Literal["usable", "withheld", "canceled"]
PUB_STATUSES: frozenset[str] = frozenset({"usable", "withheld", "canceled"})

# Stable error codes (DESIGN.md #8): the ingest service, the desk, the API and the tests share
# these strings, so they are never renamed, only added to.
INPUT_EMPTY = "input.empty"
INPUT_TOO_LARGE = "input.too-large"
FORMAT_UNKNOWN = "format.unknown"
FORMAT_UNDETECTED = "format.undetected"
JSON_MALFORMED = "json.malformed"
NINJS_NOT_OBJECT = "ninjs.not-object"
NINJS_SCHEMA = "ninjs.schema"
NINJS_VERSION_UNKNOWN = "ninjs.version-unknown"
NINJS_SCHEMA_UNAVAILABLE = "ninjs.schema-unavailable"
XML_MALFORMED = "xml.malformed"
XML_DTD_FORBIDDEN = "xml.dtd-forbidden"
XML_ENTITIES_FORBIDDEN = "xml.entities-forbidden"
RSS_MALFORMED = "rss.malformed"
RSS_RECOVERED = "rss.recovered"
RSS_ITEM_EMPTY = "rss.item-empty"
NEWSML_NOT_NEWSML = "newsml.not-newsml"
NEWSML_NOT_NEWS_ITEM = "newsml.not-news-item"
NEWSML_FRAGMENT = "newsml.fragment"
NEWSML_NO_GUID = "newsml.no-guid"
NEWSML_SCHEMA = "newsml.schema"
ITEM_INVALID = "item.invalid"
ITEM_EMPTY = "item.empty"
PARSER_FAILED = "parser.failed"
HTML_NO_ARTICLE = "html.no-article"

ERROR_CODES: frozenset[str] = frozenset(
    {
        INPUT_EMPTY, INPUT_TOO_LARGE, FORMAT_UNKNOWN, FORMAT_UNDETECTED, JSON_MALFORMED,
        NINJS_NOT_OBJECT, NINJS_SCHEMA, NINJS_VERSION_UNKNOWN, NINJS_SCHEMA_UNAVAILABLE,
        XML_MALFORMED, XML_DTD_FORBIDDEN, XML_ENTITIES_FORBIDDEN, RSS_MALFORMED, RSS_RECOVERED,
        RSS_ITEM_EMPTY, NEWSML_NOT_NEWSML, NEWSML_NOT_NEWS_ITEM, NEWSML_FRAGMENT, NEWSML_NO_GUID,
        NEWSML_SCHEMA, ITEM_INVALID, ITEM_EMPTY, PARSER_FAILED, HTML_NO_ARTICLE,
    }
)  # fmt: skip

DEFAULT_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WireParseError:
    """Why an input (or one entry of it) could not become a wire item.

    `code` is one of the stable strings above; `message` names the problem and the field for
    a person on the desk; `location` says where in the input (a JSON pointer such as
    `/headlines/0/value`, an XPath such as `/newsMessage/itemSet/packageItem[1]`, a line, or
    an entry index such as `entries[3]`).
    """

    code: str
    message: str
    location: str = ""

    def __str__(self) -> str:
        where = f" at {self.location}" if self.location else ""
        return f"{self.code}: {self.message}{where}"


@dataclass(frozen=True, slots=True)
class WireImage:
    """A picture that comes with a wire item, with the caption and credit it must carry."""

    url: str
    caption: str = ""
    credit: str = ""
    alt: str = ""
    mime_type: str = ""
    width: int | None = None
    height: int | None = None


# A subject as (code, name): `code` is a QCode such as `medtop:11000000` when the source gives
# one in a known scheme, the scheme URI or term otherwise, and "" for a bare category name.
Subject = tuple[str, str]


@dataclass(frozen=True, slots=True)
class ParsedWireItem:
    """One version of one wire item as the source sent it, normalised.

    Datetimes are aware and in UTC, or None when the source did not say. `body_html` has
    already been through `dateline.core.text.sanitize_html`. `signals` are short names taken
    from the IPTC signal vocabulary ("update", "correction", "cwarn", ...).
    """

    format: str
    agency_id: str
    version: str | None = None
    first_created: datetime | None = None
    version_created: datetime | None = None
    pub_status: PubStatus = "usable"
    embargoed_until: datetime | None = None
    urgency: int | None = None
    headline: str = ""
    standfirst: str = ""
    byline: str = ""
    dateline: str = ""
    dateline_place: str = ""
    dateline_date: datetime | None = None
    credit: str = ""
    language: str = ""
    body_html: str = ""
    subjects: tuple[Subject, ...] = ()
    images: tuple[WireImage, ...] = ()
    link: str = ""
    signals: tuple[str, ...] = ()
    item_type: str = "text"
    ed_note: str = ""
    location: str = ""

    @property
    def version_number(self) -> int | None:
        """The version as an integer when the source numbers its versions, else None."""
        if self.version is None:
            return None
        try:
            return int(self.version.strip())
        except ValueError:
            return None

    @property
    def is_empty(self) -> bool:
        """Nothing a reader could be shown: no headline and no body text.

        A kill or a withhold needs no copy, so only a usable item can be empty.
        """
        return (
            self.pub_status == "usable"
            and not self.headline.strip()
            and not _has_text(self.body_html)
        )

    @property
    def is_correction(self) -> bool:
        return "correction" in self.signals

    @property
    def is_update(self) -> bool:
        return "update" in self.signals


def _has_text(body_html: str) -> bool:
    return bool(body_html.strip()) and bool(html_to_text(body_html))


@dataclass(slots=True)
class ParseResult:
    """What one input gave: its wire items and, separately, what went wrong.

    One bad entry in a batch never loses the others: `items` holds every entry that parsed,
    `errors` one typed error per entry (or for the whole input) that did not. `skipped`
    lists entries that are well-formed but are not news items (a NewsML-G2 packageItem, a
    conceptItem): they are not failures and need no quarantine. `warnings` are problems the
    parser recovered from (a feed that was not well-formed XML but still gave items).
    """

    format: str
    items: list[ParsedWireItem] = field(default_factory=list)
    errors: list[WireParseError] = field(default_factory=list)
    skipped: list[WireParseError] = field(default_factory=list)
    warnings: list[WireParseError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_codes(self) -> list[str]:
        return [error.code for error in self.errors]

    @classmethod
    def failed(cls, format: str, code: str, message: str, location: str = "") -> ParseResult:
        return cls(format=format, errors=[WireParseError(code, message, location)])
