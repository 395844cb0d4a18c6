"""Helpers the wire parsers share: input checks, dates, subjects, signals, conformance files."""

from __future__ import annotations

import os
import re
import time
from datetime import UTC, datetime
from pathlib import Path

from dateline.core.text import html_to_text, sanitize_html

from .model import DEFAULT_MAX_BYTES, INPUT_EMPTY, INPUT_TOO_LARGE, WireParseError

_SPACE = re.compile(r"\s+")

# IPTC scheme URIs and the QCode aliases the IPTC catalog gives them; subjects and signals
# sent as full URIs are stored as QCodes so that one topic has one code whatever the format.
IPTC_SCHEMES: dict[str, str] = {
    "http://cv.iptc.org/newscodes/mediatopic/": "medtop",
    "https://cv.iptc.org/newscodes/mediatopic/": "medtop",
    "http://cv.iptc.org/newscodes/subjectcode/": "subj",
    "https://cv.iptc.org/newscodes/subjectcode/": "subj",
    "http://cv.iptc.org/newscodes/genre/": "genre",
    "http://cv.iptc.org/newscodes/signal/": "sig",
    "https://cv.iptc.org/newscodes/signal/": "sig",
    "http://cv.iptc.org/newscodes/pubstatusg2/": "stat",
    "http://cv.iptc.org/newscodes/ninature/": "ninat",
}


def check_input(raw: bytes, max_bytes: int = DEFAULT_MAX_BYTES) -> WireParseError | None:
    """The error for input that no parser should even look at, or None."""
    if len(raw) > max_bytes:
        return WireParseError(
            INPUT_TOO_LARGE,
            f"input is {len(raw)} bytes, over the limit of {max_bytes} bytes",
        )
    if not raw.strip():
        return WireParseError(INPUT_EMPTY, "input is empty")
    return None


def clean_text(value: object) -> str:
    """A single line of text with whitespace collapsed; non-strings give ""."""
    if not isinstance(value, str):
        return ""
    return _SPACE.sub(" ", value).strip()


# "By Jane Doe", "BY JANE DOE", "By: Jane Doe": the page prints its own "By".
_BY = re.compile(r"^by\b\s*:?\s*", re.IGNORECASE)


def byline_names(value: object) -> str:
    """The names a byline gives, without the word "By" agencies put before them."""
    return _BY.sub("", clean_text(value), count=1)


def text_of_markup(fragment: str) -> str:
    """Plain text of a headline or summary that may carry markup as sent (`<b>`, `<script>`).

    What a script or style held is dropped with it; entities are read as characters.
    """
    if "<" in fragment:
        fragment = sanitize_html(fragment)
    return clean_text(html_to_text(fragment))


def parse_datetime(value: object) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 string, or None when absent or unreadable.

    Agencies sometimes omit the offset; such times are taken as UTC, which is what the
    NewsML-G2 and ninjs guidelines recommend senders use.
    """
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def struct_time_to_utc(value: time.struct_time | None) -> datetime | None:
    """feedparser's `*_parsed` values are UTC struct_times; make them aware datetimes."""
    if value is None:
        return None
    try:
        return datetime(*value[:6], tzinfo=UTC)
    except (TypeError, ValueError):
        return None


def to_qcode(code: str, scheme: str = "") -> str:
    """A QCode for an IPTC code given as a URI, as scheme + code, or already as a QCode."""
    code = (code or "").strip()
    scheme = (scheme or "").strip()
    for uri, alias in IPTC_SCHEMES.items():
        if code.startswith(uri):
            return f"{alias}:{code[len(uri) :]}"
        if scheme and scheme.rstrip("/") + "/" == uri and code:
            return f"{alias}:{code}"
    if scheme and code and ":" not in code:
        # Unknown scheme: keep it whole so two sources' codes never collide.
        return f"{scheme.rstrip('/')}/{code}" if "/" in scheme else f"{scheme}:{code}"
    return code


def signal_name(code: str) -> str:
    """'sig:update' or 'http://cv.iptc.org/newscodes/signal/update' -> 'update'."""
    code = to_qcode(code)
    return code.split(":", 1)[1] if code.startswith("sig:") else code.rsplit("/", 1)[-1]


def pub_status_name(code: str) -> str:
    """'stat:canceled', a pubstatusg2 URI or a bare word -> 'usable' | 'withheld' | 'canceled'."""
    word = to_qcode(code).rsplit(":", 1)[-1].rsplit("/", 1)[-1].strip().lower()
    # "cancelled" is the British spelling some agencies send; the IPTC code has one l.
    return "canceled" if word == "cancelled" else word


def conformance_dir() -> Path | None:
    """Where the IPTC conformance material lives, or None when this machine has none.

    `DATELINE_CONFORMANCE_DIR` wins; otherwise the `shared/conformance` folder beside the
    repository, which is where development machines keep it.
    """
    configured = os.environ.get("DATELINE_CONFORMANCE_DIR")
    candidates = [Path(configured)] if configured else []
    repo_root = Path(__file__).resolve().parents[3]
    candidates.append(repo_root.parent / "shared" / "conformance")
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None
