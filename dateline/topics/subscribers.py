"""Topics follow the copy: published, updated or corrected articles are tagged again."""

from django.dispatch import receiver

from dateline.newsroom import events
from dateline.topics.tasks import tag_articles_task

RETAG_ON = {events.PUBLISHED, events.UPDATED, events.CORRECTED}


@receiver(events.article_changed, dispatch_uid="topics-retag")
def retag_changed_articles(sender, changes: tuple[events.ArticleChange, ...], **kwargs) -> None:
    # Our own topic changes announce TOPICS_CHANGED only, so they never loop back here.
    article_ids = [change.article_id for change in changes if change.what & RETAG_ON]
    if article_ids:
        tag_articles_task.enqueue(article_ids)
