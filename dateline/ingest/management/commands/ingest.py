"""`dateline ingest`: ingest files, drop folders or URLs now."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from dateline.core.parsing import FORMATS
from dateline.ingest.services import (
    files_in_drop_folder,
    ingest_bytes,
    ingest_url,
    read_no_follow,
)
from dateline.ingest.wire_copy import IngestReport
from dateline.wires.models import Source

MANUAL_SOURCE = "Manual ingest"


class Command(BaseCommand):
    help = (
        "Ingest wire copy from files, folders or http(s) URLs. Exit 0 when every input was "
        "ingested or cleanly quarantined, 1 when an input could not be read or fetched."
    )

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--source", help="Name of the source the copy comes from.")
        parser.add_argument(
            "--format",
            choices=[*FORMATS, "atom"],
            help="Format of the input (default: the source's format, or detected).",
        )
        parser.add_argument("--json", action="store_true", help="Print one JSON object.")
        parser.add_argument(
            "--allow-private",
            action="store_true",
            help="Allow URLs on private or loopback addresses for this run.",
        )

    def handle(self, *args, **options):
        source = self._source(options["source"])
        if options["allow_private"]:
            source.allow_private_network = True
        report = IngestReport()
        inputs = self._expand(options["inputs"], report)
        show_progress = not options["json"] and sys.stderr.isatty() and len(inputs) > 1
        for number, item in enumerate(inputs, 1):
            if isinstance(item, Path):
                content = self._read(item, report)
                if content is not None:
                    ingest_bytes(
                        source=source,
                        content=content,
                        origin=str(item),
                        format=options["format"],
                        report=report,
                    )
            else:
                ingest_url(source=source, url=item, format=options["format"], report=report)
            if show_progress:
                width = 30
                done = int(width * number / len(inputs))
                sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {number}/{len(inputs)}")
                sys.stderr.flush()
        if show_progress:
            sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(json.dumps(report.as_json()))
        else:
            self.stdout.write(
                "ingested {ingested}, updated {updated}, unchanged {unchanged}, "
                "duplicates {duplicates}, killed {killed}, held {held}, "
                "quarantined {quarantined}".format(**report.as_json())
            )
            for rejected in report.rejected:
                self.stdout.write(
                    f"  {rejected['code']}: {rejected['input']}: {rejected['message']}"
                )
        unreadable = [
            r
            for r in report.rejected
            if r["code"].startswith(("http.", "input.unreadable", "input.symlink"))
        ]
        if unreadable:
            sys.exit(1)

    def _source(self, name: str | None) -> Source:
        if name:
            source = (
                Source.objects.filter(name__iexact=name).first()
                or Source.objects.filter(slug=name).first()
            )
            if source is None:
                known = ", ".join(Source.objects.values_list("name", flat=True)) or "none yet"
                raise CommandError(f"No source named {name!r} (known: {known})", returncode=2)
            return source
        source, _ = Source.objects.get_or_create(
            slug=slugify(MANUAL_SOURCE),
            defaults={"name": MANUAL_SOURCE, "format": Source.Format.AUTO, "enabled": False},
        )
        return source

    def _read(self, path: Path, report: IngestReport) -> bytes | None:
        """A file's bytes; a link found in a folder is refused, never followed."""
        try:
            if path in self.from_folders and path.is_symlink():
                code, message = "input.symlink", "a symbolic link in a folder is never followed"
            else:
                return read_no_follow(path) if path in self.from_folders else path.read_bytes()
        except OSError as exc:
            code, message = "input.unreadable", str(exc)
        report.rejected.append({"input": str(path), "code": code, "message": message})
        return None

    def _expand(self, inputs: list[str], report: IngestReport) -> list[Path | str]:
        expanded: list[Path | str] = []
        self.from_folders: set[Path] = set()
        for value in inputs:
            if value.startswith(("http://", "https://")):
                expanded.append(value)
                continue
            path = Path(value)
            if path.is_dir():
                found = files_in_drop_folder(path)
                self.from_folders.update(found)
                expanded.extend(found)
            elif path.is_file():
                expanded.append(path)
            else:
                report.rejected.append(
                    {
                        "input": value,
                        "code": "input.unreadable",
                        "message": "no such file or folder",
                    }
                )
        return expanded
