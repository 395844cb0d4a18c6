"""Topics follow the copy: a published, updated or corrected article is tagged again."""

from django.dispatch import receiver

from dateline.newsroom import events
from dateline.topics.tasks import tag_article_task

RETAG_ON = {events.PUBLISHED, events.UPDATED, events.CORRECTED}


@receiver(events.article_changed, dispatch_uid="topics-retag")
def retag_changed_article(sender, change: events.ArticleChange, **kwargs) -> None:
    # Our own topic changes announce TOPICS_CHANGED only, so they never loop back here.
    if change.what & RETAG_ON:
        tag_article_task.enqueue(change.article_id)
