"""What search does when articles change: re-read them and index or drop them at once."""

import logging

from django.db import DatabaseError
from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed
from dateline.search.services import index_articles

logger = logging.getLogger(__name__)


@receiver(article_changed, dispatch_uid="search-index")
def reindex_changed_articles(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    # The write has committed; a failing index must not turn the editor's action into an
    # error page. Searches filter through visible_articles, so a killed article stays hidden
    # even if its entry lingers until `dateline reindex`.
    try:
        index_articles(article_ids=[change.article_id for change in changes])
    except DatabaseError:
        logger.exception(
            "Search index not updated for articles %s", [c.article_id for c in changes]
        )
