"""`dateline worker`: the scheduler that claims due sources, and the task worker."""

from __future__ import annotations

import logging
import socket
import threading
import time
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker

from dateline.newsroom.ingest import claim_source, due_sources
from dateline.newsroom.services import announce_arrived_articles
from dateline.newsroom.tasks import poll_source_task
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
    from dateline.stories.engine import rebuild_story_engine

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


class Command(BaseCommand):
    help = "Run the ingest scheduler and the background task worker (Ctrl-C stops both)."

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=1.0, help="Scheduler period (s).")
        parser.add_argument("--interval", type=float, default=0.2, help="Idle task poll (s).")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Only run tasks; another worker schedules."
        )

    def handle(self, *args, tick: float, interval: float, no_scheduler: bool, **options):
        stop = threading.Event()
        if not no_scheduler:
            threading.Thread(
                target=self._schedule, args=(stop, tick), name="scheduler", daemon=True
            ).start()
        worker = task_worker(interval=interval)
        worker.configure_signals()
        self.stdout.write("dateline worker: scheduling sources and running tasks")
        try:
            worker.run()
        finally:
            stop.set()

    def _schedule(self, stop: threading.Event, tick: float) -> None:
        since = timezone.now() - timedelta(minutes=5)
        while not stop.is_set():
            now = timezone.now()
            try:
                schedule_once(since=since, now=now)
                since = now
            except Exception:  # a bad tick is logged; the next one tries again
                logger.exception("Scheduler tick failed")
            finally:
                close_old_connections()
            stop.wait(tick)
            time.sleep(0)
