"""`dateline worker`: the scheduler that claims due sources, and the task worker."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import close_old_connections
from django.utils import timezone

from dateline.ingest.worker import schedule_once, task_worker

logger = logging.getLogger(__name__)


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
