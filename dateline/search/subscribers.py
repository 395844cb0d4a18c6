"""What search does when an article changes: re-read it and index or drop it at once."""

import logging

from django.db import DatabaseError
from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed
from dateline.search.services import index_articles

logger = logging.getLogger(__name__)


@receiver(article_changed, dispatch_uid="search-index")
def reindex_changed_article(sender, change: ArticleChange, **kwargs) -> None:
    # The write has committed; a failing index must not turn the editor's action into an
    # error page. Searches filter through visible_articles, so a killed article stays hidden
    # even if its entry lingers until `dateline reindex`.
    try:
        index_articles(article_ids=[change.article_id])
    except DatabaseError:
        logger.exception("Search index not updated for article %s", change.article_id)
