"""The worker's two loops: the scheduler that claims due sources and announces articles whose
time came, and the database queue's task worker."""

from __future__ import annotations

import logging
import socket
import uuid
from datetime import timedelta

from django.conf import settings
from django_tasks_db.management.commands.db_worker import Worker

from dateline.ingest.services import claim_source, due_sources
from dateline.ingest.tasks import poll_source_task
from dateline.newsroom.services import announce_arrived_articles
from dateline.stories.engine import rebuild_story_engine
from dateline.wires.services import prune_raw_inputs

logger = logging.getLogger(__name__)


def schedule_once(*, since, now) -> int:
    """One scheduler tick: enqueue a poll for each due source this worker could claim,
    announce articles whose time came, and once an hour drop raw input past its time."""
    if since.hour != now.hour:
        prune_raw_inputs(older_than=timedelta(days=settings.DATELINE_RAW_INPUT_DAYS))
    enqueued = 0
    for source in due_sources(now):
        if claim_source(source, now):
            poll_source_task.enqueue(source.pk)
            enqueued += 1
    announce_arrived_articles(since=since, until=now)
    return enqueued


def task_worker(
    *, interval: float, batch: bool = False, queue_names: list[str] | None = None
) -> Worker:
    """The database queue's worker on every queue (or those named); with `batch`, it stops
    when none is left.

    The story grouping keeps its window of open stories in memory: it is read back first.
    """
    rebuild_story_engine()
    return Worker(
        queue_names=queue_names or ["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"{socket.gethostname()}-{uuid.uuid4().hex[:8]}",
        excluded_queue_names=[],
    )
