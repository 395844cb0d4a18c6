from django.tasks import task

from dateline.newsroom.models import Article


@task(queue_name="tagging")
def tag_articles_task(article_ids: list[int]) -> dict[str, list[str]]:
    """Tag articles in the background (a wire input's batch in one task); returns each
    article's topic slugs by id."""
    from dateline.topics.services import tag_articles

    articles = list(
        Article.objects.select_related("section")
        .filter(pk__in=article_ids)
        .exclude(status=Article.Status.KILLED)
        .order_by("pk")
    )
    results = tag_articles(articles=articles)
    return {str(a.pk): list(r.slugs) for a, r in zip(articles, results, strict=True)}
