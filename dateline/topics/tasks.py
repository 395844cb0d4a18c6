from django.tasks import task

from dateline.newsroom.models import Article


@task(queue_name="tagging")
def tag_article_task(article_id: int) -> list[str]:
    """Tag one article in the background; returns the slugs of its topics."""
    from dateline.topics.services import tag_article

    article = Article.objects.select_related("section").filter(pk=article_id).first()
    if article is None or article.status == Article.Status.KILLED:
        return []
    return list(tag_article(article=article).slugs)
