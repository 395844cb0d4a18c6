"""The task queue's upkeep: heartbeats, leases, retries, and what the desk and /healthz read.

The queue is django-tasks-db's table in our own database. Three things keep every task
moving to an end:

- a worker writes a heartbeat row every few seconds, naming the task it runs; a RUNNING
  task whose worker stopped beating (kill -9, a lost machine) is taken back after the lease
  and run again (tasks are idempotent);
- a failed task is run again after a growing wait, up to `MAX_ATTEMPTS` runs; then it
  stays FAILED, with its error, for the desk to read and retry;
- weather (a locked SQLite file, a PostgreSQL connection lost or a serialization failure)
  is waited out with backoff, never allowed to end the worker.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.ingest.models import WorkerHeartbeat

logger = logging.getLogger(__name__)


def lease() -> timedelta:
    """A worker silent this long is gone: its task is taken back, /healthz stops trusting it."""
    return timedelta(seconds=settings.DATELINE_WORKER_LEASE)


def heartbeat_every() -> float:
    """Seconds between a worker's heartbeats: several to a lease, so one slow write (a
    SQLite burst) does not lose it."""
    return min(2.0, lease().total_seconds() / 10)


MAX_ATTEMPTS = 5
RETRY_BASE = timedelta(seconds=2)  # the first retry's wait; each next one waits twice as long

READY = TaskResultStatus.READY
RUNNING = TaskResultStatus.RUNNING
FAILED = TaskResultStatus.FAILED


def is_transient(exc: BaseException) -> bool:
    """Weather, not a bug: a busy or locked SQLite file, a PostgreSQL connection that went
    away, a serialization failure or deadlock. Django raises all of them as OperationalError
    (or InterfaceError for a connection already closed)."""
    return isinstance(exc, OperationalError | InterfaceError)


def reset_connections() -> None:
    """After a database error, drop connections that cannot be trusted, so that the next
    query opens a fresh one; never raises."""
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close()
        except DatabaseError:
            logger.debug("Closing %s failed", connection.alias, exc_info=True)
    tidy_connections()


def tidy_connections() -> None:
    """Django's per-request tidying for a long-running loop: connections past their age or
    broken are closed; never raises."""
    try:
        close_old_connections()
    except DatabaseError:
        logger.debug("Dropping old connections failed", exc_info=True)


class Backoff:
    """Waits that grow while failures repeat (with jitter, so workers do not retry in step)."""

    def __init__(self, *, first: float = 0.1, most: float = 5.0) -> None:
        self.first, self.most, self.failures = first, most, 0

    def reset(self) -> None:
        self.failures = 0

    def next_wait(self) -> float:
        wait = min(self.most, self.first * 2**self.failures)
        self.failures += 1
        return wait * (0.5 + random.random() / 2)  # noqa: S311 (jitter, not secrecy)


def until_done(call, *, what: str, stop=None, most: float = 5.0):
    """Run `call()` until it gets through the weather; other errors are raised.

    `stop` (a threading.Event) ends the waiting early: then None is returned.
    """
    backoff = Backoff(most=most)
    while True:
        try:
            return call()
        except Exception as exc:
            if not is_transient(exc):
                raise
            wait = backoff.next_wait()
            logger.warning("%s: %s; trying again in %.1f s", what, exc, wait)
            reset_connections()
            if stop is not None:
                if stop.wait(wait):
                    return None
            else:
                time.sleep(wait)


def new_worker_id() -> str:
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{random.getrandbits(32):08x}"


def beat(*, worker_id: str, task_id: str = "", now: datetime | None = None) -> None:
    """Say that this worker is alive (and which task it runs)."""
    now = now or timezone.now()
    updated = WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=now, task_id=task_id)
    if not updated:
        WorkerHeartbeat.objects.create(
            worker_id=worker_id,
            hostname=socket.gethostname()[:200],
            pid=os.getpid(),
            started_at=now,
            seen_at=now,
            task_id=task_id,
        )


def forget_worker(*, worker_id: str) -> None:
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def reclaim_abandoned_tasks(*, now: datetime | None = None) -> int:
    """Take back RUNNING tasks whose worker is gone (or no longer on them) after the lease:
    READY again at once, or FAILED when they have had every attempt."""
    now = now or timezone.now()
    fresh = dict(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - lease()).values_list(
            "worker_id", "task_id"
        )
    )
    reclaimed = 0
    stale = DBTaskResult.objects.filter(status=RUNNING, started_at__lt=now - lease()).only(
        "id", "worker_ids", "started_at"
    )
    for task in stale:
        owner = task.worker_ids[-1] if task.worker_ids else ""
        if owner in fresh and fresh[owner] == str(task.pk):
            continue  # a long task whose worker is still on it
        attempts = len(task.worker_ids)
        message = (
            f"Worker {owner or '?'} stopped beating while running this task "
            f"(attempt {attempts} of {MAX_ATTEMPTS}).\n"
        )
        changes = {"exception_class_path": "dateline.ingest.queue.WorkerLost"}
        if attempts >= MAX_ATTEMPTS:
            changes |= {"status": FAILED, "finished_at": now, "traceback": message}
        else:
            changes |= {"status": READY, "run_after": now, "traceback": message}
        # Conditional on the claim we saw: a task another worker took meanwhile stays its own.
        reclaimed += DBTaskResult.objects.filter(
            pk=task.pk, status=RUNNING, started_at=task.started_at
        ).update(**changes)
    if reclaimed:
        logger.warning("Took back %s task(s) whose worker was gone", reclaimed)
    return reclaimed


def retry_later(*, task_id, now: datetime | None = None) -> bool:
    """A task just failed: queue it again after a wait that doubles with each attempt,
    unless it has had them all. Returns True when it will run again."""
    now = now or timezone.now()
    task = DBTaskResult.objects.filter(pk=task_id, status=FAILED).only("worker_ids").first()
    if task is None:
        return False
    attempts = len(task.worker_ids)
    if attempts >= MAX_ATTEMPTS:
        return False
    wait = RETRY_BASE * 2 ** (attempts - 1)
    # The error stays on the row: the desk shows why a task is waiting to run again.
    return bool(
        DBTaskResult.objects.filter(pk=task_id, status=FAILED).update(
            status=READY, run_after=now + wait, finished_at=None
        )
    )


def retry_task(*, task_id, now: datetime | None = None) -> bool:
    """The desk's retry: a failed task runs again now, with all its attempts back."""
    now = now or timezone.now()
    return bool(
        DBTaskResult.objects.filter(pk=task_id, status=FAILED).update(
            status=READY, run_after=now, finished_at=None, worker_ids=[]
        )
    )


@dataclass(frozen=True)
class QueueState:
    """What the desk and /healthz say about the workers and the queue."""

    worker_seen_at: datetime | None
    workers: int  # those with a fresh heartbeat
    waiting: int
    oldest_waiting_at: datetime | None
    running: int
    failed: int
    now: datetime

    @property
    def worker_seen_seconds(self) -> float | None:
        if self.worker_seen_at is None:
            return None
        return max(0.0, (self.now - self.worker_seen_at).total_seconds())

    @property
    def worker_fresh(self) -> bool:
        seen = self.worker_seen_seconds
        return seen is not None and seen <= lease().total_seconds()

    @property
    def oldest_waiting_seconds(self) -> float | None:
        if self.oldest_waiting_at is None:
            return None
        return max(0.0, (self.now - self.oldest_waiting_at).total_seconds())

    def as_json(self) -> dict:
        def rounded(value: float | None) -> float | None:
            return None if value is None else round(value, 1)

        return {
            "worker_seen_seconds": rounded(self.worker_seen_seconds),
            "workers": self.workers,
            "queue_depth": self.waiting,
            "oldest_waiting_seconds": rounded(self.oldest_waiting_seconds),
            "running": self.running,
            "failed": self.failed,
        }


def queue_state(*, now: datetime | None = None) -> QueueState:
    now = now or timezone.now()
    # Plain reads, no transaction: on SQLite a transaction would queue for the write lock.
    heartbeats = list(WorkerHeartbeat.objects.values_list("seen_at", flat=True)[:50])
    waiting = DBTaskResult.objects.filter(status=READY)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return QueueState(
        worker_seen_at=max(heartbeats, default=None),
        workers=sum(1 for seen in heartbeats if seen >= now - lease()),
        waiting=waiting.count(),
        oldest_waiting_at=oldest,
        running=DBTaskResult.objects.filter(status=RUNNING).count(),
        failed=DBTaskResult.objects.filter(status=FAILED).count(),
        now=now,
    )


def failed_tasks(*, limit: int = 50) -> list[DBTaskResult]:
    return list(
        DBTaskResult.objects.filter(status=FAILED)
        .order_by("-finished_at")
        .only("id", "task_path", "finished_at", "exception_class_path", "traceback", "worker_ids")[
            :limit
        ]
    )
