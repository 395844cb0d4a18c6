"""What the workers say about themselves: one heartbeat row per running worker process.

A row, not a cache key, so that the desk and `/healthz` read it on any stack (SQLite alone
or PostgreSQL with Redis), and so that a task's lease is the heartbeat of the worker that
claimed it: a task whose worker stopped beating is taken back and run again.
"""

from django.db import models
from django.utils import timezone


class WorkerHeartbeat(models.Model):
    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=200, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The task the worker is running now (its lease is this row's freshness), or "".
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-seen_at"]

    def __str__(self) -> str:
        return f"worker {self.worker_id} (pid {self.pid} on {self.hostname})"
