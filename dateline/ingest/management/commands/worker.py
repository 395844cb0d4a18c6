"""`dateline worker`: the scheduler that claims due sources, the heartbeat, and the task worker."""

from __future__ import annotations

import logging
import threading

from django.core.management.base import BaseCommand

from dateline.ingest.worker import keep_heartbeat, keep_schedule, repair_at_start, task_worker

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the ingest scheduler and the background task worker. It waits out database "
        "trouble and stops only on a signal (Ctrl-C, SIGTERM)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--tick", type=float, default=1.0, help="Scheduler period (s).")
        parser.add_argument("--interval", type=float, default=0.2, help="Idle task poll (s).")
        parser.add_argument(
            "--no-scheduler", action="store_true", help="Only run tasks; another worker schedules."
        )
        parser.add_argument(
            "--no-repair", action="store_true", help="Skip the repair sweep at start."
        )

    def handle(self, *args, tick: float, interval: float, no_scheduler: bool, **options):
        stop = threading.Event()
        worker = task_worker(interval=interval)
        worker.configure_signals()
        threading.Thread(
            target=keep_heartbeat, args=(worker, stop), name="heartbeat", daemon=True
        ).start()
        if not no_scheduler:
            threading.Thread(
                target=keep_schedule, args=(stop, tick), name="scheduler", daemon=True
            ).start()
        if not options["no_repair"]:
            threading.Thread(
                target=repair_at_start, args=(stop,), name="repair", daemon=True
            ).start()
        self.stdout.write(
            f"dateline worker {worker.worker_id}: scheduling sources and running tasks"
        )
        self.stdout.flush()
        try:
            worker.run()
        finally:
            stop.set()
