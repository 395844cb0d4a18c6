"""Articles that appear by the clock alone (a scheduled time, an embargo) must not wait.

The worker announces them every second; the page cache also checks, on the request path,
whether the next known arrival time has passed, so that a site without a running worker
(or a test) never serves a page that should already show an article. The check costs one
cache read per request; the work happens once per arrival, under a lock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db.models import Min, Q

from dateline.newsroom.models import Article
from dateline.newsroom.services import announce_arrived_articles
from dateline.pages.purge import purge_stale_pages

NEXT_KEY = "pages:next-arrival"
CHECKED_KEY = "pages:arrivals-checked"
LOCK_KEY = "pages:arrivals-lock"
NONE_PENDING = float("inf")


def next_arrival(now: datetime) -> float:
    """When the next scheduled or embargoed article becomes visible (epoch seconds)."""
    found = Article.objects.filter(status=Article.Status.PUBLISHED).aggregate(
        scheduled=Min("published_at", filter=Q(published_at__gt=now)),
        embargoed=Min("embargo_until", filter=Q(embargo_until__gt=now)),
    )
    times = [moment.timestamp() for moment in found.values() if moment is not None]
    return min(times, default=NONE_PENDING)


def forget() -> None:
    """A change may have scheduled something sooner: look again on the next request."""
    cache.delete(NEXT_KEY)


def catch_up(now: datetime) -> None:
    due = cache.get(NEXT_KEY)
    if due is None:
        due = next_arrival(now)
        cache.set(NEXT_KEY, due, None)
    if now.timestamp() < due or not cache.add(LOCK_KEY, 1, 30):
        return
    try:
        checked = cache.get(CHECKED_KEY)
        since = datetime.fromtimestamp(checked, UTC) if checked else now - timedelta(minutes=5)
        since = min(since, datetime.fromtimestamp(due, UTC) - timedelta(seconds=1))
        # The event goes out after commit as always; this request must not wait for it to
        # serve the right page, so the pages of the arrivals are purged here and now.
        arrived = announce_arrived_articles(since=since, until=now)
        if arrived:
            purge_stale_pages(arrived)
        cache.set(CHECKED_KEY, now.timestamp(), None)
        cache.set(NEXT_KEY, next_arrival(now), None)
    finally:
        cache.delete(LOCK_KEY)
