"""`dateline demo_wire`: play three demo agencies delivering copy, for the demo site."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from dateline.demo.wire import DemoWire


class Command(BaseCommand):
    help = (
        "Deliver synthetic agency copy every few seconds (NewsML-G2 and ninjs files into "
        "drop folders, an RSS feed over HTTP on loopback) for the worker to ingest."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=20.0, help="Seconds between items.")
        parser.add_argument("--port", type=int, default=8001, help="Port of the demo RSS feed.")
        parser.add_argument("--count", type=int, default=0, help="Stop after N deliveries.")
        parser.add_argument("--dry-run", action="store_true", help="Configure nothing, send one.")

    def handle(self, *args, interval: float, port: int, count: int, dry_run: bool, **options):
        wire = DemoWire(folder=Path(settings.DATELINE_DROP_ROOT) / "demo-wire", port=port)
        if dry_run:
            self.stdout.write(f"would configure 3 demo sources under {wire.folder}")
            return
        wire.serve_feed()
        for source in wire.configure_sources():
            self.stdout.write(f"demo source {source.name}: {source.format} at {source.location}")
        sent = 0
        while not count or sent < count:
            self.stdout.write(wire.tick())
            sent += 1
            if not count or sent < count:
                time.sleep(interval)
