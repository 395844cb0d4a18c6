"""Rendered pages follow the change event: stale tags are bumped and their files removed."""

from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed
from dateline.pages import arrivals
from dateline.pages.purge import purge_stale_pages


@receiver(article_changed, dispatch_uid="pages-purge")
def purge_after_change(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    arrivals.forget()  # the change may have scheduled something sooner
    purge_stale_pages(changes)
