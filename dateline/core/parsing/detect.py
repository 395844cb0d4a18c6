"""Telling the format of a wire input from its first bytes, for sources set to `auto`."""

from __future__ import annotations

import json
import re

from .xmlsafe import decode_head

_ROOT = re.compile(r"<(?!\?|!)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)")
_G2_ROOTS = frozenset(
    {
        "newsItem", "newsMessage", "packageItem", "conceptItem", "knowledgeItem",
        "planningItem", "catalogItem",
    }
)  # fmt: skip
_FEED_ROOTS = frozenset({"rss", "feed", "RDF", "channel"})
_NAR_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"


def detect_format(raw: bytes) -> str | None:
    """'rss', 'ninjs' or 'newsml-g2' for a recognisable input, else None (JSON Feed too).

    Only the start of the input is read: the root element of XML, the first keys of JSON.
    """
    head = decode_head(raw[:65536]).lstrip("\ufeff \t\r\n")
    if head.startswith(("{", "[")):
        return _detect_json(raw)
    if not head.startswith("<"):
        return None
    # Skip comments so that a licence comment before the root is not read as the root.
    without_comments = re.sub(r"<!--.*?-->", "", head, flags=re.DOTALL)
    match = _ROOT.search(without_comments)
    if match is None:
        return None
    root = match[1]
    if (
        root in _G2_ROOTS
        or _NAR_NAMESPACE in without_comments[match.start() : match.start() + 2000]
    ):
        return "newsml-g2"
    if root in _FEED_ROOTS:
        return "rss"
    return None


def _detect_json(raw: bytes) -> str | None:
    try:
        document = json.loads(raw)
    except (ValueError, RecursionError):
        # Broken JSON from a wire is far likelier ninjs than a JSON Feed; let the ninjs
        # parser name the syntax error.
        return "ninjs"
    if isinstance(document, dict) and str(document.get("version", "")).startswith(
        ("https://jsonfeed.org/", "http://jsonfeed.org/")
    ):
        # feedparser 6.0 does not read JSON Feed; say "unknown" rather than fail in a parser.
        return None
    return "ninjs"
