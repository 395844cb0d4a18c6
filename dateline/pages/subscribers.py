"""Rendered pages follow the change event: stale tags are bumped and their files removed."""

from django.conf import settings
from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed
from dateline.pages import arrivals, store
from dateline.pages.dependencies import stale_tags


@receiver(article_changed, dispatch_uid="pages-purge")
def purge_stale_pages(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    arrivals.forget()
    tags = stale_tags(changes)
    store.bump(tags)
    paths = store.purge_files(tags)
    if settings.DATELINE_CDN_PURGE_URL and paths:
        from dateline.pages.tasks import purge_cdn_task

        purge_cdn_task.enqueue(sorted(set(paths)))
