"""Stories follow the copy: published and updated articles find their story; kills,
withdrawals and new topics change what their story shows."""

from django.dispatch import receiver

from dateline.newsroom import events
from dateline.stories.models import StoryMember
from dateline.stories.selectors import forget_story_articles
from dateline.stories.tasks import assign_story_task, refresh_story_task

ASSIGN_ON = {events.PUBLISHED, events.UPDATED, events.CORRECTED}
REFRESH_ON = {events.KILLED, events.UNPUBLISHED, events.TOPICS_CHANGED, events.SECTION_CHANGED}


@receiver(events.article_changed, dispatch_uid="stories-assign")
def follow_changed_article(sender, change: events.ArticleChange, **kwargs) -> None:
    # Our own announcements say "story" only, so they never loop back here.
    if change.what & ASSIGN_ON:
        assign_story_task.enqueue(change.article_id)
    elif change.what & REFRESH_ON:
        refresh_story_task.enqueue(change.article_id)


@receiver(events.article_changed, dispatch_uid="stories-forget-box")
def forget_story_box(sender, change: events.ArticleChange, **kwargs) -> None:
    """Any change to a member may change what its story's pages list."""
    story_ids = set(
        StoryMember.objects.filter(article_id=change.article_id).values_list("story_id", flat=True)
    )
    if story_ids:
        forget_story_articles(story_ids)
