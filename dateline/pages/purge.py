"""Purging what a change made stale: the tags' versions bumped, their files removed, and the
CDN told (when one is configured)."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings

from dateline.newsroom.events import ArticleChange
from dateline.pages import store
from dateline.pages.dependencies import stale_tags


def purge_stale_pages(changes: Iterable[ArticleChange]) -> None:
    tags = stale_tags(tuple(changes))
    store.bump(tags)
    paths = store.purge_files(tags)
    if settings.DATELINE_CDN_PURGE_URL and paths:
        from dateline.pages.tasks import purge_cdn_task

        purge_cdn_task.enqueue(sorted(set(paths)))
