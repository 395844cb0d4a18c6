"""ETag and Last-Modified for feeds and sitemaps, answered with 304 when nothing moved.

Both come from one aggregate over the articles an output lists, so a 304 costs one or
two indexed queries instead of a render. What can change a list, and what catches it:

- a publication, update or correction moves the newest `modified_at` (every write saves);
- a scheduled time or an embargo passing adds an article without any write: the count and
  id sum move, and so does the newest `published_at` / `embargo_until`;
- a kill or unpublish removes one: the count moves, and `withdrawn` (the newest
  `modified_at` of withdrawn articles in scope) moves Last-Modified for clients that
  send only If-Modified-Since.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import quote_etag

from dateline.newsroom.models import Article
from dateline.site import conditional

# Feed readers and crawlers may reuse a response this long without asking again.
MAX_AGE = 60


@dataclass(frozen=True)
class Freshness:
    etag: str
    last_modified: datetime | None


def freshness(
    *,
    articles: QuerySet[Article],
    withdrawn: QuerySet[Article] | None = None,
    extra: Iterable = (),
    moments: Iterable[datetime | None] = (),
    salt: str = "",
) -> Freshness:
    """The validators of an output listing `articles` (already visible ones).

    A feed passes its own window (the newest FEED_ITEMS), so the cost stays flat as the
    archive grows and the validators cover exactly the rows it shows.

    `extra` adds other state the output shows (sections, topics), `moments` other times at
    which it changed, `salt` what else shapes the bytes (format, settings).
    """
    if not articles.query.is_sliced:  # a sliced queryset keeps its order (it picks the rows)
        articles = articles.order_by()
    row = articles.aggregate(
        count=Count("id"),
        total=Sum("id"),
        modified=Max("modified_at"),
        published=Max("published_at"),
        embargo=Max("embargo_until"),
    )
    withdrawn_at = None
    if withdrawn is not None:
        withdrawn_at = withdrawn.order_by().aggregate(at=Max("modified_at"))["at"]
    times = [
        row["modified"],
        row["published"],
        row["embargo"],
        withdrawn_at,
        *moments,
    ]
    known = [t for t in times if t is not None]
    last_modified = min(max(known), timezone.now()) if known else None
    state = repr((row["count"], row["total"], times, list(extra), salt))
    return Freshness(
        etag=hashlib.sha256(state.encode()).hexdigest()[:32], last_modified=last_modified
    )


def respond(
    request: HttpRequest, fresh: Freshness, render: Callable[[], HttpResponse]
) -> HttpResponse:
    """304 when the client's copy is current, else the rendered response; validators on both."""
    response = conditional.respond(
        request, etag=quote_etag(fresh.etag), last_modified=fresh.last_modified, render=render
    )
    if response.status_code in {200, 304}:
        patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response
