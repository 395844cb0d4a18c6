"""A publisher's article page (linked from its feed) as a wire item, with trafilatura.

trafilatura finds the article text among the page's navigation, adverts and comments, and
reads its metadata from JSON-LD and Open Graph first, then from the markup; the body it
gives is sanitized like every other body.
"""

from __future__ import annotations

import hashlib

import trafilatura

from dateline.core.text import plain_paragraphs_to_html, sanitize_html

from .common import clean_text, parse_datetime
from .model import HTML_NO_ARTICLE, ITEM_INVALID, ParsedWireItem, ParseResult, WireImage


def parse_html_page(raw: bytes, *, url: str | None = None) -> ParseResult:
    """The one article of a page, or `html.no-article` when the page holds none."""
    document = trafilatura.bare_extraction(
        raw,
        url=url,
        with_metadata=True,
        include_images=False,
        include_comments=False,
        include_tables=True,
    )
    document = document.as_dict() if document is not None else None
    if not document or not (document.get("text") or "").strip():
        return ParseResult.failed(
            "html", HTML_NO_ARTICLE, "no article text found on the page", url or ""
        )
    headline = clean_text(document.get("title"))
    if not headline:
        return ParseResult.failed("html", ITEM_INVALID, "the page has no headline", url or "")
    page_url = clean_text(document.get("url")) or (url or "")
    published = parse_datetime(document.get("date"))
    image = clean_text(document.get("image"))
    # The link the feed gave is the id: it is what the next poll sees in the feed again.
    agency_id = url or page_url or "sha256:" + hashlib.sha256(raw).hexdigest()
    item = ParsedWireItem(
        format="html",
        agency_id=agency_id,
        first_created=published,
        version_created=published,
        headline=headline,
        standfirst=clean_text(document.get("description")),
        byline=clean_text(document.get("author")),
        credit=clean_text(document.get("sitename")),
        language=clean_text(document.get("language")),
        body_html=sanitize_html(_paragraphs(document.get("text") or "", headline)),
        images=(WireImage(url=image),) if image.startswith(("http://", "https://")) else (),
        link=page_url,
    )
    return ParseResult(format="html", items=[item])


def _paragraphs(text: str, headline: str) -> str:
    """trafilatura gives one paragraph per line; the page's own headline is not body copy."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if lines and clean_text(lines[0]) == headline:
        lines = lines[1:]
    return plain_paragraphs_to_html("\n\n".join(lines))
