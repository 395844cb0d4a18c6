"""The sweep that heals what a crash or an outage left half done.

Articles on the site must be in the search index, tagged and in a story. The work that
does it is queued in the transaction that changes the article, so a crash cannot separate
them; this sweep is the second line (archives from before, a task that used up its
attempts, an index dropped by hand): it finds live articles that lack one of the three and
queues the work, except where a task for that article already waits in the queue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.ingest.queue import READY, RUNNING
from dateline.newsroom.selectors import visible_articles
from dateline.search.models import SearchDocument
from dateline.search.tasks import index_articles_task
from dateline.stories.models import StoryMember
from dateline.stories.tasks import assign_stories_task
from dateline.topics.models import ArticleTopic
from dateline.topics.tasks import tag_articles_task

logger = logging.getLogger(__name__)

CHUNK = 500  # articles per queued task


@dataclass
class RepairReport:
    unindexed: list[int] = field(default_factory=list)
    untagged: list[int] = field(default_factory=list)
    ungrouped: list[int] = field(default_factory=list)

    @property
    def queued(self) -> int:
        return len(self.unindexed) + len(self.untagged) + len(self.ungrouped)

    def as_json(self) -> dict:
        return {
            "unindexed": len(self.unindexed),
            "untagged": len(self.untagged),
            "ungrouped": len(self.ungrouped),
        }


def _pending_article_ids(task) -> set[int]:
    """Articles that a waiting or running task of this kind will see to."""
    pending: set[int] = set()
    for args_kwargs in DBTaskResult.objects.filter(
        status__in=[READY, RUNNING], task_path=task.module_path
    ).values_list("args_kwargs", flat=True):
        args = (args_kwargs or {}).get("args") or []
        if args and isinstance(args[0], list):
            pending.update(value for value in args[0] if isinstance(value, int))
    return pending


def articles_needing_work(
    *, now: datetime | None = None, since: datetime | None = None
) -> RepairReport:
    """Live articles (changed since `since`, when given) not indexed, tagged or grouped,
    leaving out those a queued task already covers."""
    now = now or timezone.now()
    live = visible_articles(now).order_by("pk")
    if since is not None:
        live = live.filter(modified_at__gte=since)
    found = RepairReport()
    for name, model, task in (
        ("unindexed", SearchDocument, index_articles_task),
        ("untagged", ArticleTopic, tag_articles_task),
        ("ungrouped", StoryMember, assign_stories_task),
    ):
        lacking = list(
            live.exclude(Exists(model.objects.filter(article_id=OuterRef("pk")))).values_list(
                "pk", flat=True
            )
        )
        if lacking:
            pending = _pending_article_ids(task)
            setattr(found, name, [pk for pk in lacking if pk not in pending])
    return found


def repair(*, now: datetime | None = None, since: datetime | None = None) -> RepairReport:
    """Queue the missing work of live articles (see `articles_needing_work`)."""
    found = articles_needing_work(now=now, since=since)
    if not found.queued:
        return found
    # Topics first, then stories (the story engine reads an article's topics), then search.
    with transaction.atomic():
        for ids, task in (
            (found.untagged, tag_articles_task),
            (found.ungrouped, assign_stories_task),
            (found.unindexed, index_articles_task),
        ):
            for start in range(0, len(ids), CHUNK):
                task.enqueue(ids[start : start + CHUNK])
    logger.warning("Repair queued work for live articles: %s", found.as_json())
    return found
