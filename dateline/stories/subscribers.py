"""Stories follow the copy: published and updated articles find their story; kills,
withdrawals and new topics change what their story shows."""

from django.dispatch import receiver

from dateline.newsroom import events
from dateline.stories.models import StoryMember
from dateline.stories.selectors import forget_story_articles
from dateline.stories.tasks import assign_stories_task, refresh_stories_task

ASSIGN_ON = {events.PUBLISHED, events.UPDATED, events.CORRECTED}
REFRESH_ON = {events.KILLED, events.UNPUBLISHED, events.TOPICS_CHANGED, events.SECTION_CHANGED}


@receiver(events.article_work, dispatch_uid="stories-assign")
def follow_changed_articles(sender, changes: tuple[events.ArticleChange, ...], **kwargs) -> None:
    # Our own announcements say "story" only, so they never loop back here.
    to_assign = [change.article_id for change in changes if change.what & ASSIGN_ON]
    to_refresh = [
        change.article_id
        for change in changes
        if change.what & REFRESH_ON and not change.what & ASSIGN_ON
    ]
    if to_assign:
        assign_stories_task.enqueue(to_assign)
    if to_refresh:
        refresh_stories_task.enqueue(to_refresh)


@receiver(events.article_changed, dispatch_uid="stories-forget-box")
def forget_story_boxes(sender, changes: tuple[events.ArticleChange, ...], **kwargs) -> None:
    """Any change to a member may change what its story's pages list."""
    story_ids = set(
        StoryMember.objects.filter(
            article_id__in=[change.article_id for change in changes]
        ).values_list("story_id", flat=True)
    )
    if story_ids:
        forget_story_articles(story_ids)
