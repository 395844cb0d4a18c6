"""Absolute URLs as the public knows them: canonical pages, feeds, the logo, the ids."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from dateline.newsroom.models import Article

FEED_FORMATS = ("rss", "atom", "json")
FEED_MIME_TYPES = {
    "rss": "application/rss+xml",
    "atom": "application/atom+xml",
    "json": "application/feed+json",
}
FEED_FORMAT_NAMES = {"rss": "RSS", "atom": "Atom", "json": "JSON Feed"}
# The logo file's own size, for publisher markup (Google wants width and height).
LOGO_PATH = "dateline/logo.png"
LOGO_SIZE = 512


def absolute(path: str) -> str:
    """The public URL of a path on this site: DATELINE_SITE_URL, never the request's host."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{settings.DATELINE_SITE_URL}{path}"


def canonical_url(article: Article) -> str:
    return absolute(article.get_absolute_url())


def logo_url() -> str:
    return absolute(static(LOGO_PATH))


def site_host() -> str:
    return urlsplit(settings.DATELINE_SITE_URL).hostname or "localhost"


def article_guid(article: Article) -> str:
    """A permanent id (RFC 4151 tag URI) that no edit changes.

    The slug moves with the headline, so the URL is no id; the article's primary key and
    its first publication date never move (`publish_article` keeps `published_at`).
    """
    day = article.published_at.date().isoformat() if article.published_at else "2026-01-01"
    return f"tag:{site_host()},{day}:article:{article.pk}"


def feed_url(scope: str, kind: str, slug: str | None = None) -> str:
    """The path of one feed: `scope` is home, section, topic or author."""
    if scope == "home":
        return reverse("feeds:home", kwargs={"kind": kind})
    return reverse(f"feeds:{scope}", kwargs={"slug": slug, "kind": kind})
