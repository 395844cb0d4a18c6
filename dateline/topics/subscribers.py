"""Topics follow the copy: published, updated or corrected articles are tagged again."""

from django.dispatch import receiver

from dateline.newsroom import events
from dateline.topics.tasks import NAMES_PRIORITY, recognise_names_task, tag_articles_task

RETAG_ON = {events.PUBLISHED, events.UPDATED, events.CORRECTED}


@receiver(events.article_work, dispatch_uid="topics-retag")
def retag_changed_articles(sender, changes: tuple[events.ArticleChange, ...], **kwargs) -> None:
    # Our own topic changes announce TOPICS_CHANGED only, so they never loop back here.
    changed = [change for change in changes if change.what & RETAG_ON]
    # Polled wire copy comes tagged by the alias index already (its topics changed in the
    # same transaction); the rest (the desk's, pushed copy) gets that quick pass in the
    # worker, and everything the full pass later.
    untagged = [c.article_id for c in changed if events.TOPICS_CHANGED not in c.what]
    if untagged:
        tag_articles_task.enqueue(untagged)
    tagged = [c.article_id for c in changed if events.TOPICS_CHANGED in c.what]
    if tagged:
        recognise_names_task.using(priority=NAMES_PRIORITY).enqueue(tagged)
