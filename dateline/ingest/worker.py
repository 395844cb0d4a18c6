"""The worker's loops: the scheduler that claims due sources and announces articles whose
time came, the heartbeat that keeps its tasks' lease, and the database queue's task worker.

None of them ends on weather: a locked SQLite file, a lost PostgreSQL connection or a
serialization failure is waited out with backoff; the process ends only when told to
(a signal), and a supervisor (`make run`, `scripts/serve-prod`) starts it again if it
dies all the same.
"""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction

from dateline.ingest import queue
from dateline.ingest.repair import repair
from dateline.ingest.services import claim_source, due_sources
from dateline.ingest.tasks import poll_source_task
from dateline.newsroom.services import announce_arrived_articles
from dateline.stories.engine import rebuild_story_engine
from dateline.wires.services import prune_raw_inputs

logger = logging.getLogger(__name__)

REPAIR_EVERY = timedelta(minutes=10)


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


class SteadyWorker(Worker):
    """django-tasks-db's worker, with a claim loop that waits out weather, failed tasks
    queued again with backoff, and the task in hand told to the heartbeat."""

    current_task_id = ""

    def claim_next(self) -> DBTaskResult | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        # The whole claim (BEGIN included) is inside the caller's retry: on SQLite the lock
        # is taken at BEGIN, which is where a busy database answers.
        with exclusive_transaction(tasks.db):
            task_result = tasks.get_locked()
            if task_result is not None:
                task_result.claim(self.worker_id)
        return task_result

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task_id = str(db_task_result.pk)
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task_id = ""
        if db_task_result.status == queue.FAILED:
            queue.until_done(
                lambda: queue.retry_later(task_id=db_task_result.pk),
                what=f"Queueing task {db_task_result.pk} again",
            )

    def run(self) -> None:
        logger.info("Worker %s runs queues %s", self.worker_id, ",".join(self.queue_names))
        backoff = queue.Backoff()
        while self.running:
            try:
                queue.tidy_connections()
                task_result = self.claim_next()
                if task_result is not None:
                    self.run_task(task_result)
                backoff.reset()
            except Exception as exc:
                # Weather or not, the worker stays: a bug in one task's bookkeeping must not
                # stop every other task. The lease takes back a task left RUNNING.
                wait = backoff.next_wait()
                log = logger.warning if queue.is_transient(exc) else logger.exception
                log("Task loop: %s; going on in %.1f s", exc, wait)
                queue.reset_connections()
                time.sleep(wait)
                continue
            if task_result is None:
                if self.batch:
                    return
                time.sleep(self.interval)


def task_worker(
    *, interval: float, batch: bool = False, queue_names: list[str] | None = None
) -> SteadyWorker:
    """The database queue's worker on every queue (or those named); with `batch`, it stops
    when none is left.

    The story grouping keeps its window of open stories in memory: it is read back first.
    """
    queue.until_done(rebuild_story_engine, what="Reading the open stories")
    return SteadyWorker(
        queue_names=queue_names or ["*"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=queue.new_worker_id(),
        excluded_queue_names=[],
    )


def keep_heartbeat(worker: SteadyWorker, stop: threading.Event) -> None:
    """Beat every few seconds (naming the task in hand) and take back abandoned tasks."""
    last_reclaim = 0.0
    backoff = queue.Backoff()
    while not stop.is_set():
        try:
            queue.beat(worker_id=worker.worker_id, task_id=worker.current_task_id)
            if time.monotonic() - last_reclaim >= queue.lease().total_seconds() / 3:
                queue.reclaim_abandoned_tasks()
                last_reclaim = time.monotonic()
            backoff.reset()
            wait = queue.heartbeat_every()
        except Exception as exc:
            wait = backoff.next_wait()
            logger.warning("Heartbeat: %s; again in %.1f s", exc, wait)
            queue.reset_connections()
        finally:
            queue.tidy_connections()
        stop.wait(wait)
    try:
        queue.forget_worker(worker_id=worker.worker_id)
    except Exception:
        logger.debug("Heartbeat row not removed", exc_info=True)


def keep_schedule(stop: threading.Event, tick: float) -> None:
    """Tick until told to stop; a failed tick is logged and the next one tries again
    (sooner after weather, with backoff while it lasts). Every few minutes, the repair sweep."""
    since = timezone.now() - timedelta(minutes=5)
    last_repair = timezone.now()
    backoff = queue.Backoff(first=tick, most=max(tick, 10.0))
    while not stop.is_set():
        now = timezone.now()
        wait = tick
        try:
            schedule_once(since=since, now=now)
            since = now
            if now - last_repair >= REPAIR_EVERY:
                repair(now=now, since=last_repair - REPAIR_EVERY)
                last_repair = now
            backoff.reset()
        except Exception as exc:
            wait = backoff.next_wait()
            log = logger.warning if queue.is_transient(exc) else logger.exception
            log("Scheduler tick failed: %s; again in %.1f s", exc, wait)
            queue.reset_connections()
        finally:
            queue.tidy_connections()
        stop.wait(wait)


def repair_at_start(stop: threading.Event) -> None:
    """The sweep over the whole archive, once, when the worker starts."""
    found = queue.until_done(repair, what="Repair sweep", stop=stop)
    if found is not None and found.queued:
        logger.warning("Worker start: queued work for %s live articles", found.queued)
