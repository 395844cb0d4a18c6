"""What the public site does when articles change."""

from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed
from dateline.site import fragments


@receiver(article_changed, dispatch_uid="site-recent-stories")
def refresh_recent_stories(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    fragments.forget_recent_stories()
