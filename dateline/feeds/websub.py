"""WebSub publishing: which feeds an article change touches, and the ping to the hub.

The W3C WebSub recommendation leaves the publish notification to the hub; the common
form (PubSubHubbub 0.4, Google's and Superfeedr's hubs, websub.rocks) is a form POST of
`hub.mode=publish` with one `hub.url` per changed feed.
"""

from __future__ import annotations

import logging

import httpx

from dateline.feeds.links import FEED_FORMATS, absolute, feed_url
from dateline.newsroom.events import ArticleChange
from dateline.newsroom.models import Author, Section
from dateline.topics.selectors import public_topics

logger = logging.getLogger(__name__)
TIMEOUT = 10.0


def feed_urls_for_changes(changes: tuple[ArticleChange, ...] | list[ArticleChange]) -> list[str]:
    """Every feed that may list the articles: home, their sections (old and new), topics,
    authors."""
    article_ids = {change.article_id for change in changes}
    section_ids = set().union(*(change.section_ids for change in changes))
    scopes: list[tuple[str, str | None]] = [("home", None)]
    scopes += [
        ("section", slug)
        for slug in Section.objects.filter(id__in=section_ids)
        .values_list("slug", flat=True)
        .order_by("slug")
    ]
    for kind, lists in (
        ("topic", public_topics().filter(article_links__article__in=article_ids)),
        ("author", Author.objects.filter(articles__id__in=article_ids)),
    ):
        slugs = lists.values_list("slug", flat=True).order_by("slug").distinct()
        scopes += [(kind, slug) for slug in slugs]
    return [absolute(feed_url(kind, fmt, slug)) for kind, slug in scopes for fmt in FEED_FORMATS]


def ping_hub(*, hub: str, urls: list[str]) -> dict:
    """POST the changed feed URLs to the hub; failures are reported, never raised."""
    data = {"hub.mode": "publish", "hub.url": urls}  # httpx repeats a key for a list
    try:
        response = httpx.post(hub, data=data, timeout=TIMEOUT)
    except httpx.HTTPError as exc:
        logger.warning("WebSub ping to %s failed: %s", hub, exc)
        return {"ok": False, "code": "websub.unreachable", "error": str(exc)}
    ok = response.status_code < 300
    if not ok:
        logger.warning("WebSub hub %s answered %s", hub, response.status_code)
    return {"ok": ok, "status": response.status_code, "urls": len(urls)}
