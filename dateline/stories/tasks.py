from django.tasks import task

from dateline.newsroom.models import Article


@task(queue_name="stories")
def assign_stories_task(article_ids: list[int]) -> dict[str, int | None]:
    """Put published or updated articles in their stories, in order of arrival; returns
    each article's story id by article id."""
    from dateline.stories.services import assign_articles_to_stories

    articles = list(Article.objects.filter(pk__in=article_ids).order_by("pk"))
    placed = assign_articles_to_stories(articles=articles)
    return {str(pk): story.pk if story else None for pk, story in placed.items()}


@task(queue_name="stories")
def refresh_stories_task(article_ids: list[int]) -> list[int]:
    """Members were killed, unpublished or retagged: their stories show the change."""
    from dateline.stories.services import refresh_stories_of_articles

    refreshed = refresh_stories_of_articles(article_ids=article_ids)
    return sorted({story.pk for story in refreshed.values()})
