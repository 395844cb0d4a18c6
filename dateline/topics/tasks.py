from django.tasks import task

from dateline.newsroom.models import Article

# Below every other task: a wire burst's articles all get their topics (and stories, and
# search entries) before the slower name recogniser reads them for the desk.
NAMES_PRIORITY = -20


def _articles(article_ids: list[int]) -> list[Article]:
    return list(
        Article.objects.select_related("section")
        .filter(pk__in=article_ids)
        .exclude(status=Article.Status.KILLED)
        .order_by("pk")
    )


@task(queue_name="tagging")
def tag_articles_task(article_ids: list[int]) -> dict[str, list[str]]:
    """Tag articles in the background (a wire input's batch in one task) with the alias
    index, then queue the name recogniser's pass; returns each article's topic slugs by id."""
    from dateline.topics.services import tag_articles

    articles = _articles(article_ids)
    results = tag_articles(articles=articles, names=False)
    if articles:
        recognise_names_task.using(priority=NAMES_PRIORITY).enqueue(
            [article.pk for article in articles]
        )
    return {str(a.pk): list(r.slugs) for a, r in zip(articles, results, strict=True)}


@task(queue_name="names")
def recognise_names_task(article_ids: list[int]) -> dict[str, list[str]]:
    """The full pass: the name recogniser as well, which may settle an ambiguous name and
    finds the names the knowledge lacks (suggestions for the desk)."""
    from dateline.topics.services import tag_articles

    articles = _articles(article_ids)
    results = tag_articles(articles=articles, names=True)
    return {str(a.pk): list(r.slugs) for a, r in zip(articles, results, strict=True)}
