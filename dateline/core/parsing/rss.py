"""RSS 0.9x/1.0/2.0 and Atom feeds, read with feedparser, one wire item per entry."""

from __future__ import annotations

import hashlib
import html
import re
from typing import Any
from urllib.parse import urljoin

import feedparser
from lxml import html as lxml_html

from dateline.core.text import html_to_text, plain_paragraphs_to_html, sanitize_html

from .common import byline_names, clean_text, struct_time_to_utc, text_of_markup, to_qcode
from .model import (
    RSS_ITEM_EMPTY,
    RSS_MALFORMED,
    RSS_RECOVERED,
    XML_ENTITIES_FORBIDDEN,
    ParsedWireItem,
    ParseResult,
    Subject,
    WireImage,
    WireParseError,
)
from .xmlsafe import hostile_entity_declarations

FORMAT = "rss"
_RELATIVE_URL = re.compile(r"""(?:href|src)=["'](?![a-zA-Z][a-zA-Z0-9+.-]*:|//|#)""")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


def parse_rss(
    raw: bytes, *, base_url: str | None = None, content_type: str | None = None
) -> ParseResult:
    """Every entry of an RSS or Atom feed as a wire item; never raises for bad input.

    A feed that is not well-formed but from which feedparser still recovers entries gives
    those entries and an `rss.recovered` warning; one that gives nothing is `rss.malformed`.
    """
    hostile = hostile_entity_declarations(raw)
    if hostile:
        return ParseResult.failed(
            FORMAT,
            XML_ENTITIES_FORBIDDEN,
            "the feed declares external or nested entities (" + ", ".join(hostile[:5]) + ")",
            "/DOCTYPE",
        )
    # base_url is deliberately not given to feedparser as Content-Location: feedparser would
    # then resolve non-permalink guids against it, and a guid must stay as the agency sent it.
    # feedparser's own sanitizer and link resolver are off: each re-parses every fragment
    # with its pure-Python SGML parser (two thirds of the parse time), and copy is
    # sanitized by nh3 and its links resolved here anyway (_entry_to_item).
    # The HTTP Content-Type's charset overrides the XML declaration (RFC 7303), and a text/*
    # type without one means us-ascii: feedparser applies both when it is given the header.
    # Only that header: with any other, feedparser takes the missing type as HTTP's default.
    headers = {"content-type": content_type} if content_type else None
    try:
        parsed = feedparser.parse(
            raw, sanitize_html=False, resolve_relative_uris=False, response_headers=headers
        )
    except Exception as exc:  # feedparser promises not to raise; keep the promise ours too.
        return ParseResult.failed(FORMAT, RSS_MALFORMED, f"feedparser failed: {exc!r}")
    result = ParseResult(format=FORMAT)
    if parsed.get("bozo"):
        problem = str(parsed.get("bozo_exception") or "not well-formed")
        if not parsed.entries and not parsed.get("version") and not parsed.feed:
            result.errors.append(WireParseError(RSS_MALFORMED, f"not a feed: {problem}"))
            return result
        result.warnings.append(WireParseError(RSS_RECOVERED, f"recovered from: {problem}"))
    elif not parsed.get("version") and not parsed.entries and not parsed.feed:
        result.errors.append(WireParseError(RSS_MALFORMED, "not an RSS, Atom or JSON feed"))
        return result

    feed = parsed.feed
    for index, entry in enumerate(parsed.entries):
        location = f"entries[{index}]"
        try:
            item = _entry_to_item(entry, feed, base_url=base_url, location=location)
        except Exception as exc:  # one odd entry must never lose the rest of the feed
            result.errors.append(
                WireParseError(RSS_MALFORMED, f"entry could not be read: {exc!r}", location)
            )
            continue
        if item is None:
            # Nothing a reader could see: not a failure to quarantine, just nothing to ingest.
            result.skipped.append(
                WireParseError(RSS_ITEM_EMPTY, "entry has no headline, body or link", location)
            )
        else:
            result.items.append(item)
    return result


def _entry_to_item(
    entry: Any, feed: Any, *, base_url: str | None, location: str
) -> ParsedWireItem | None:
    headline = _text_of(entry.get("title", ""))
    summary_html = entry.get("summary", "") or ""
    content = entry.get("content") or []
    best = _best_content(content)
    body_source = _detail_html(best) if best else summary_html
    body_detail = best or entry.get("summary_detail") or {}
    link = _absolute(entry.get("link", ""), base_url)
    body_base = urljoin(base_url or "", body_detail.get("base") or "") or base_url
    body_html = sanitize_html(_resolve_links(body_source, body_base))
    if not (headline or body_html or link):
        return None
    agency_id = clean_text(entry.get("id", "")) or link
    if not agency_id:
        # Feeds without guid or link still deserve idempotent ingest: the same headline and
        # body give the same id, an edited one gives a new item (the best a feed allows).
        digest = hashlib.sha256(f"{headline}\n{body_source}".encode()).hexdigest()[:32]
        agency_id = f"sha256:{digest}"
    # Read the raw keys: feedparser's mapping would silently (and with a deprecation
    # warning) answer `updated` with the published time.
    published = struct_time_to_utc(dict.get(entry, "published_parsed"))
    updated = struct_time_to_utc(dict.get(entry, "updated_parsed"))
    images = _images(entry, base_url)
    return ParsedWireItem(
        format=FORMAT,
        agency_id=agency_id,
        version=None,
        first_created=published or updated,
        version_created=updated or published,
        headline=headline,
        standfirst=_text_of(summary_html) if best else _short_standfirst(body_html),
        byline=_byline(entry),
        credit=clean_text((entry.get("source") or {}).get("title", "")),
        language=_language(entry, feed),
        body_html=body_html,
        subjects=_subjects(entry),
        images=images,
        link=link,
        location=location,
    )


def _best_content(content: list[Any]) -> Any:
    """Prefer the HTML rendition of `content:encoded` / Atom content over plain text."""
    for wanted in ("text/html", "application/xhtml+xml"):
        for part in content:
            if part.get("type") == wanted and part.get("value"):
                return part
    for part in content:
        if part.get("value"):
            return part
    return None


def _detail_html(part: Any) -> str:
    value = part.get("value") or ""
    return plain_paragraphs_to_html(value) if part.get("type") == "text/plain" else value


def _text_of(fragment: str) -> str:
    """Plain text of a feed's title or summary, without what a script or style held.

    feedparser's sanitizer is off (parse_rss): a title may still carry markup as sent.
    """
    return text_of_markup(fragment)


def _short_standfirst(body_html: str) -> str:
    """With no separate body, the description is the body; only a short one is a standfirst.

    Read from the sanitized body, whose text ingest reads again (and remembers) anyway.
    """
    text = html_to_text(body_html)
    return text if len(text) <= 300 else ""


def _byline(entry: Any) -> str:
    # dc:creator and Atom authors both arrive in `authors`; `author` is feedparser's join.
    names = [byline_names(a.get("name", "")) for a in entry.get("authors") or [] if a]
    names = [n for n in names if n]
    return ", ".join(dict.fromkeys(names)) if names else byline_names(entry.get("author", ""))


def _language(entry: Any, feed: Any) -> str:
    for detail in (entry.get("title_detail"), *(entry.get("content") or [])):
        if detail and detail.get("language"):
            return str(detail["language"])
    return clean_text(feed.get("language", ""))


def _subjects(entry: Any) -> tuple[Subject, ...]:
    subjects: list[Subject] = []
    for tag in entry.get("tags") or []:
        term = clean_text(tag.get("term") or "")
        label = clean_text(tag.get("label") or "")
        scheme = clean_text(tag.get("scheme") or "")
        if not term and not label:
            continue
        if scheme:
            code = to_qcode(term, scheme)
            subjects.append((code, label or ("" if code != term else term)))
        elif term.startswith(("http://cv.iptc.org/", "https://cv.iptc.org/")):
            subjects.append((to_qcode(term), label))
        else:
            subjects.append(("", label or term))
    return tuple(dict.fromkeys(subjects))


def _images(entry: Any, base_url: str | None) -> tuple[WireImage, ...]:
    credits = [clean_text(c.get("content", "")) for c in entry.get("media_credit") or []]
    credit = ", ".join(c for c in credits if c)
    images: dict[str, WireImage] = {}
    for media in entry.get("media_content") or []:
        url = _absolute(media.get("url", ""), base_url)
        kind = media.get("medium") or ""
        mime = media.get("type") or ""
        if url and (kind == "image" or mime.startswith("image/") or _looks_like_image(url)):
            images.setdefault(
                url,
                WireImage(
                    url=url,
                    credit=credit,
                    mime_type=mime,
                    width=_int(media.get("width")),
                    height=_int(media.get("height")),
                ),
            )
    for link in entry.get("links") or []:
        mime = link.get("type") or ""
        url = _absolute(link.get("href", ""), base_url)
        if link.get("rel") == "enclosure" and url and mime.startswith("image/"):
            images.setdefault(url, WireImage(url=url, credit=credit, mime_type=mime))
    if not images:
        for thumb in entry.get("media_thumbnail") or []:
            url = _absolute(thumb.get("url", ""), base_url)
            if url:
                images.setdefault(
                    url,
                    WireImage(
                        url=url,
                        credit=credit,
                        width=_int(thumb.get("width")),
                        height=_int(thumb.get("height")),
                    ),
                )
    return tuple(images.values())


def _looks_like_image(url: str) -> bool:
    return url.lower().split("?", 1)[0].endswith(_IMAGE_EXTENSIONS)


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _absolute(url: str, base_url: str | None) -> str:
    url = (url or "").strip()
    return urljoin(base_url, url) if base_url and url else url


def _resolve_links(fragment: str, base_url: str | None) -> str:
    """Make relative links and image sources in copy absolute against the feed's address."""
    if not base_url or not fragment or not _RELATIVE_URL.search(fragment):
        return fragment
    try:
        wrapper = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # unparseable copy is left for the sanitizer to clean as it is
        return fragment
    # An empty href must stay empty, not become a link to the feed itself; other schemes
    # (`javascript:` too) are kept by urljoin for the sanitizer to judge.
    wrapper.rewrite_links(lambda url: urljoin(base_url, url) if url.strip() else url)
    inner = html.escape(wrapper.text or "", quote=False)
    return inner + "".join(lxml_html.tostring(child, encoding="unicode") for child in wrapper)
