from django.tasks import task

from dateline.newsroom.models import Article


@task(queue_name="stories")
def assign_story_task(article_id: int) -> int | None:
    """Put a published or updated article in its story; returns the story's id."""
    from dateline.stories.services import assign_article_to_story

    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return None
    story = assign_article_to_story(article=article)
    return story.pk if story else None


@task(queue_name="stories")
def refresh_story_task(article_id: int) -> int | None:
    """A member was killed, unpublished or retagged: its story shows the change."""
    from dateline.stories.services import refresh_story_of_article

    story = refresh_story_of_article(article_id=article_id)
    return story.pk if story else None
