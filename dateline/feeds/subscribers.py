"""What feeds do when articles change: tell the WebSub hub, when there is one.

Feeds and sitemaps themselves need no invalidation: their validators are computed from
the articles on every request (see `conditional`).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.dispatch import receiver

from dateline.newsroom.events import ArticleChange, article_changed

logger = logging.getLogger(__name__)


@receiver(article_changed, dispatch_uid="feeds-websub-ping")
def ping_websub_hub(sender, changes: tuple[ArticleChange, ...], **kwargs) -> None:
    hub = settings.DATELINE_WEBSUB_HUB
    if not hub:
        return
    from dateline.feeds.tasks import ping_hub_task
    from dateline.feeds.websub import feed_urls_for_changes

    # The articles are already committed: a failed enqueue must not fail the editor's action.
    try:
        ping_hub_task.enqueue(hub, feed_urls_for_changes(changes))
    except Exception:
        logger.exception(
            "Could not enqueue the WebSub ping for articles %s", [c.article_id for c in changes]
        )
