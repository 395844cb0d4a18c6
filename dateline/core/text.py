"""Text helpers shared by the parsers, the newsroom and the site. Plain Python, no Django."""

from __future__ import annotations

import contextlib
import functools
import html
import re
import unicodedata

import nh3

# What survives in an article body: the structure of news copy (paragraphs, headings,
# quotes, lists, links, images with captions, simple tables) and nothing that runs.
BODY_TAGS = frozenset(
    {
        "p", "br", "h2", "h3", "h4", "blockquote", "q", "cite", "ul", "ol", "li",
        "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "abbr", "a",
        "figure", "figcaption", "img", "table", "thead", "tbody", "tr", "th", "td",
        "caption", "hr", "pre", "code", "span",
    }
)  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "img": {"src", "alt", "width", "height", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def sanitize_html(fragment: str) -> str:
    """Return the fragment with only the tags and attributes of news copy kept.

    Scripts, styles, event handlers and `javascript:` links are removed with their
    content; links get `rel="noopener noreferrer"` so that copy cannot reach back.
    """
    # Wire copy is sanitized by its parser and again by the newsroom: a fragment that is
    # exactly what this function just returned is clean already.
    if fragment in _recently_cleaned:
        return fragment
    cleaned = _clean(fragment)
    if len(cleaned) <= _REMEMBERED_LENGTH:
        _recently_cleaned[cleaned] = None
        if len(_recently_cleaned) > 256:
            # Another thread may evict at the same moment; losing a memo costs nothing.
            with contextlib.suppress(KeyError, RuntimeError, StopIteration):
                del _recently_cleaned[next(iter(_recently_cleaned))]
    return cleaned


_recently_cleaned: dict[str, None] = {}


def _clean(fragment: str) -> str:
    return nh3.clean(
        fragment or "",
        tags=set(BODY_TAGS),
        attributes={tag: set(attrs) for tag, attrs in BODY_ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed."""
    if fragment and len(fragment) <= _REMEMBERED_LENGTH:
        return _remembered_text(fragment)
    return _text(fragment)


def _text(fragment: str) -> str:
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", fragment or ""))).strip()


# One body is read as text by ingest (fingerprints, near-duplicates), tagging, story
# grouping and search in turn, often in one worker process: the last few are remembered.
# Only copy of ordinary length, so that the memory held stays small.
_REMEMBERED_LENGTH = 64 * 1024
_remembered_text = functools.lru_cache(maxsize=1024)(_text)


def plain_paragraphs_to_html(text: str) -> str:
    """Wrap plain text in paragraphs, one per blank-line-separated block."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return "".join(f"<p>{html.escape(_SPACE.sub(' ', b))}</p>" for b in blocks)


def shorten_headline(headline: str, limit: int = 60) -> str:
    """Cut a headline at the last word boundary within `limit` characters, adding an ellipsis.

    Headlines that fit are returned unchanged; a cut never leaves trailing punctuation
    before the ellipsis ("Talks resume in Geneva…", not "Talks resume in Geneva,…").
    """
    headline = _SPACE.sub(" ", headline or "").strip()
    if len(headline) <= limit:
        return headline
    cut = headline[: limit + 1]
    space = cut.rfind(" ")
    cut = cut[:space] if space > 0 else headline[:limit]
    return cut.rstrip(" ,;:.-–—") + "…"


def slugify_headline(headline: str, max_length: int = 80) -> str:
    """An ASCII slug of a headline, cut on a word boundary, never empty."""
    text = unicodedata.normalize("NFKD", headline or "").encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > max_length:
            break
        slug = candidate
    return slug or "article"


# Code points no text may carry: C0 controls other than tab and line breaks (XML 1.0 forbids
# them; PostgreSQL refuses NUL), lone surrogates (they cannot be encoded, so a database
# driver, a hash or a JSON writer fails on them) and the Unicode non-characters.
_INVALID_CODE_POINTS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17))
    + "]"
)


def remove_invalid_code_points(text: str) -> str:
    """The text without the code points no stored or published text may hold."""
    return _INVALID_CODE_POINTS.sub("", text) if _INVALID_CODE_POINTS.search(text) else text


def is_invalid_code_point(code_point: int) -> bool:
    """Whether a numeric character reference names a code point no text may hold."""
    if code_point > 0x10FFFF:
        return True
    return code_point not in (0x09, 0x0A, 0x0D) and bool(
        _INVALID_CODE_POINTS.match(chr(code_point))
    )


_URL_INVISIBLE = re.compile("[\t\n\r]")
_URL_LEADING = re.compile("^[\x00-\x20]+")


def http_url(url: str, *, relative: bool = False) -> str:
    """The URL when it is an absolute http(s) URL (or, with `relative`, one with no scheme
    at all, such as a path), else "".

    Browsers ignore tabs and line breaks anywhere in a URL and control characters before
    it, so `java\tscript:` is judged as the browser would read it.
    """
    seen = _URL_LEADING.sub("", _URL_INVISIBLE.sub("", url or ""))
    scheme, colon, rest = seen.partition(":")
    if relative and (not colon or any(mark in scheme for mark in "/?#")):
        return url.strip()
    if scheme.lower() not in {"http", "https"} or not rest.startswith("//") or len(rest) < 3:
        return ""
    return url.strip()
