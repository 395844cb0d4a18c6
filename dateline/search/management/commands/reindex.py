"""`dateline reindex`: rebuild the search index while search stays online."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from dateline.search.services import DEFAULT_BATCH_SIZE, rebuild_index

BAR_WIDTH = 30


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the articles readers may see, in batches, replacing "
        "entries in place so that search keeps answering throughout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE)
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be indexed; write nothing."
        )

    def handle(self, *args, batch_size: int, dry_run: bool, **options):
        started = time.perf_counter()
        interactive = self.stdout.isatty()
        last_line = [0.0]

        def progress(done: int, total: int) -> None:
            # A redrawn bar on a terminal; a line every few seconds in a log.
            now = time.perf_counter()
            if not interactive and done < total and now - last_line[0] < 5:
                return
            last_line[0] = now
            share = min(done / total, 1.0) if total else 1.0
            filled = round(BAR_WIDTH * share)
            rate = done / (now - started) if now > started else 0.0
            line = (
                f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {share:4.0%} "
                f"{done:,}/{total:,} articles  {rate:,.0f}/s"
            )
            if interactive:
                self.stdout.write("\r" + line, ending="")
                self.stdout.flush()
            else:
                self.stdout.write(line)

        report = rebuild_index(batch_size=max(batch_size, 1), dry_run=dry_run, progress=progress)
        if interactive:
            self.stdout.write("")
        size = ""
        if report.size_bytes >= 0:
            size = f", index size {report.size_bytes / 1_048_576:,.1f} MB"
        if dry_run:
            self.stdout.write(
                f"Dry run: {report.indexed:,} articles would be indexed and "
                f"{report.removed:,} stale entries removed."
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {report.indexed:,} articles, removed {report.removed:,} stale "
                    f"entries in {report.seconds:.1f} s{size}."
                )
            )
