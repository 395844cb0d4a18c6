"""What search does when articles change: re-read them and index or drop them.

Whatever takes an article off the site (kill, unpublish) is dropped from the index at
once, and so is every change of a small batch (a desk action): the editor searches for it
next. A wire burst's new and updated copy is indexed by the worker, one task per batch,
so that ingest does not wait for the index. Searches filter through visible_articles in
any case, so the index can never show what readers may not see.
"""

import logging

from django.db import DatabaseError
from django.dispatch import receiver

from dateline.newsroom import events
from dateline.newsroom.events import ArticleChange, article_changed, article_work
from dateline.search.services import index_articles

logger = logging.getLogger(__name__)

# Up to this many changes in one event are indexed at once; more are queued.
INDEX_AT_ONCE = 10
REMOVED = {events.KILLED, events.UNPUBLISHED}


@receiver(article_changed, dispatch_uid="search-index")
def reindex_changed_articles(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    now = list(changes)
    if len(changes) > INDEX_AT_ONCE:
        # The rest of a burst was queued with the articles (`queue_burst_indexing`).
        now = [change for change in changes if change.what & REMOVED]
    # The write has committed; a failing index must not turn the editor's action into an
    # error page. A killed article stays hidden even if its entry lingers until
    # `dateline reindex`, and the repair sweep indexes a live article an outage left out.
    try:
        if now:
            index_articles(article_ids=[change.article_id for change in now])
    except DatabaseError:
        logger.exception(
            "Search index not updated for articles %s", [c.article_id for c in changes]
        )


@receiver(article_work, dispatch_uid="search-index-burst")
def queue_burst_indexing(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    """Inside the writing transaction: a burst's new and updated copy is queued for the
    worker with the articles themselves, so a crash after the commit cannot lose it."""
    if len(changes) <= INDEX_AT_ONCE:
        return
    later = [change.article_id for change in changes if not change.what & REMOVED]
    if later:
        from dateline.search.tasks import index_articles_task

        index_articles_task.enqueue(later)
