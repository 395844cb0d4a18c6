from django.tasks import task


@task(queue_name="search")
def index_articles_task(article_ids: list[int]) -> dict[str, int]:
    """Index a wire burst's articles in the background; returns the counts."""
    from dateline.search.services import index_articles

    report = index_articles(article_ids=article_ids)
    return {"indexed": report.indexed, "removed": report.removed}
