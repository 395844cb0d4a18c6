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
from dateline.newsroom.events import ArticleChange, article_changed
from dateline.search.services import index_articles

logger = logging.getLogger(__name__)

# Up to this many changes in one event are indexed at once; more are queued.
INDEX_AT_ONCE = 10
REMOVED = {events.KILLED, events.UNPUBLISHED}


@receiver(article_changed, dispatch_uid="search-index")
def reindex_changed_articles(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    if len(changes) <= INDEX_AT_ONCE:
        now, later = list(changes), []
    else:
        now = [change for change in changes if change.what & REMOVED]
        later = [change for change in changes if not change.what & REMOVED]
    # The write has committed; a failing index must not turn the editor's action into an
    # error page. A killed article stays hidden even if its entry lingers until
    # `dateline reindex`.
    try:
        if now:
            index_articles(article_ids=[change.article_id for change in now])
        if later:
            from dateline.search.tasks import index_articles_task

            index_articles_task.enqueue([change.article_id for change in later])
    except DatabaseError:
        logger.exception(
            "Search index not updated for articles %s", [c.article_id for c in changes]
        )
