"""Ingest: inputs from sources (files, drop folders, polled URLs) to articles on the site.

The wires app keeps and parses what arrives; `wire_copy` turns wire items into articles;
this module connects them and keeps each source's polling state (conditional GET, backoff,
Retry-After). Several workers may poll at once: a source is claimed with a conditional
UPDATE before it is fetched, so that no two workers fetch it for the same turn.
"""

from __future__ import annotations

import errno
import logging
import os
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.utils import timezone

from dateline.core.parsing import DEFAULT_MAX_BYTES, WireParseError, parse_wire
from dateline.ingest.wire_copy import IngestReport, ingest_receipt
from dateline.newsroom import events
from dateline.wires import fetching
from dateline.wires.models import Source, WireItem
from dateline.wires.services import quarantine, receive_input

logger = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)
PROCESSED_FOLDER = "processed"
INGEST_FAILED = "ingest.failed"
INPUT_SYMLINK = "input.symlink"
INPUT_UNREADABLE = "input.unreadable"


def ingest_bytes(
    *,
    source: Source,
    content: bytes,
    origin: str,
    format: str | None = None,
    report: IngestReport | None = None,
    content_type: str | None = None,
    quick_tags: bool = True,
) -> IngestReport:
    """Store an input and apply its items; `quick_tags=False` (the web process's pushes)
    leaves all tagging to the worker, see `ingest_receipt`."""
    report = report or IngestReport()
    counted = _snapshot(report)
    try:
        # One transaction per input: the batch lands together (each item in its own
        # savepoint) with the tasks that index, tag and group it; its change events go out
        # together once it has committed.
        with events.together_in_transaction():
            receipt = receive_input(
                source=source,
                content=content,
                origin=origin,
                format=format,
                content_type=content_type,
            )
            return ingest_receipt(receipt=receipt, report=report, quick_tags=quick_tags)
    except (OperationalError, InterfaceError):
        raise  # the database itself is in trouble, not the input: the caller retries it
    except Exception as exc:
        # A fault no parser caught must still not lose the input nor stop the caller's
        # next one: the bytes are kept in quarantine with the error, for a retry after a fix.
        logger.exception("Ingesting %s failed", origin)
        _restore_counts(report, counted)
        with transaction.atomic():
            quarantined = quarantine(
                source=source,
                origin=origin,
                content=content[:DEFAULT_MAX_BYTES],
                error=WireParseError(INGEST_FAILED, f"{type(exc).__name__}: {exc}"),
            )
        report.quarantined += 1
        report.rejected.append(
            {"input": quarantined.origin, "code": quarantined.code, "message": quarantined.message}
        )
        return report


def _snapshot(report: IngestReport) -> dict:
    counts = {name: value for name, value in report.as_json().items() if isinstance(value, int)}
    return {
        "counts": counts,
        "skipped_codes": dict(report.skipped_codes),
        "rejected": len(report.rejected),
        "articles": len(report.articles),
    }


def _restore_counts(report: IngestReport, snapshot: dict) -> None:
    """Undo what a rolled-back input had counted, so that the report says what is stored."""
    for name, value in snapshot["counts"].items():
        setattr(report, name, value)
    report.skipped_codes = snapshot["skipped_codes"]
    del report.rejected[snapshot["rejected"] :]
    del report.articles[snapshot["articles"] :]


def ingest_file(
    *, source: Source, path: Path, format: str | None = None, report: IngestReport | None = None
) -> IngestReport:
    return ingest_bytes(
        source=source, content=read_no_follow(path), origin=str(path), format=format, report=report
    )


def read_no_follow(path: Path) -> bytes:
    """A file's bytes, refusing (OSError) if the path is a symbolic link at the moment of
    opening, so that a link swapped in after a check is not followed either."""
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as file:
        return file.read()


def drop_root() -> Path:
    return Path(settings.DATELINE_DROP_ROOT).resolve()


def drop_folder_for(location: str) -> Path | None:
    """The folder a source's location names, when it is a folder under the drop root.

    The location is resolved first (`..`, and any symlink on the way), so that no spelling
    of it reaches outside the root.
    """
    folder = Path(location).resolve()
    return folder if folder.is_dir() and folder.is_relative_to(drop_root()) else None


def files_in_drop_folder(folder: Path) -> list[Path]:
    """Files an agency delivered, oldest first; hidden and half-written files wait.

    Symbolic links are listed too (never followed: `ingest_drop_folder` refuses them).
    """
    files = [
        path
        for path in folder.iterdir()
        if (path.is_symlink() or path.is_file())
        and not path.name.startswith(".")
        and not path.name.endswith(".tmp")
    ]
    return sorted(files, key=lambda path: (path.lstat().st_mtime, path.name))


def ingest_drop_folder(
    *, source: Source, folder: Path, format: str | None = None, report: IngestReport | None = None
) -> IngestReport:
    """Ingest every delivered file, then move it under `processed/` (its bytes are kept).

    A symbolic link is refused (`input.symlink`) without reading what it points at: a drop
    folder must not become a way to publish any file the worker can read.
    """
    report = report or IngestReport()
    done = folder / PROCESSED_FOLDER
    for path in files_in_drop_folder(folder):
        try:
            if path.is_symlink():
                raise OSError(errno.ELOOP, "a symbolic link", str(path))
            content = read_no_follow(path)
        except FileNotFoundError:
            # A poll run again after its worker vanished may meet a second poll of the
            # same folder: the file the other took first is already in (ingest is
            # idempotent).
            continue
        except OSError as exc:
            code = INPUT_SYMLINK if exc.errno == errno.ELOOP else INPUT_UNREADABLE
            _refuse_file(source=source, path=path, code=code, error=exc, report=report)
            if code == INPUT_UNREADABLE:
                continue  # may be readable at the next poll
        else:
            ingest_bytes(
                source=source, content=content, origin=str(path), format=format, report=report
            )
        done.mkdir(exist_ok=True)
        try:
            path.replace(done / path.name)
        except FileNotFoundError:
            continue  # the other poll moved it first
    return report


def _refuse_file(
    *, source: Source, path: Path, code: str, error: OSError, report: IngestReport
) -> None:
    message = "a symbolic link is never followed" if code == INPUT_SYMLINK else str(error)
    with transaction.atomic():
        quarantine(
            source=source,
            origin=str(path),
            content=b"",
            error=WireParseError(code, message),
        )
    report.quarantined += 1
    report.rejected.append({"input": str(path), "code": code, "message": message})


def ingest_url(
    *,
    source: Source,
    url: str,
    format: str | None = None,
    report: IngestReport | None = None,
    conditional: bool = False,
) -> tuple[IngestReport, fetching.FetchResult]:
    report = report or IngestReport()
    result = fetching.fetch(
        url,
        etag=source.etag if conditional else "",
        last_modified=source.last_modified if conditional else "",
        allow_private_network=source.allow_private_network,
    )
    if (format or source.format) == Source.Format.HTML:
        if result.ok and not result.not_modified and result.content is not None:
            ingest_linked_pages(source=source, feed=result, report=report)
        elif not result.ok:
            report.rejected.append(
                {"input": url, "code": result.error_code, "message": result.error}
            )
        return report, result
    if result.ok and not result.not_modified and result.content is not None:
        ingest_bytes(
            source=source,
            content=result.content,
            origin=result.url,
            format=format,
            report=report,
            content_type=result.content_type,
        )
    elif not result.ok:
        report.rejected.append({"input": url, "code": result.error_code, "message": result.error})
    return report, result


def ingest_linked_pages(
    *, source: Source, feed: fetching.FetchResult, report: IngestReport
) -> IngestReport:
    """For a publisher that gives only links: fetch each new article page the feed lists.

    A page already stored is not fetched again; a page that cannot be fetched is reported
    and tried again at the next poll.
    """
    parsed = parse_wire(
        feed.content or b"", "rss", base_url=feed.url, content_type=feed.content_type
    )
    if not parsed.ok and not parsed.items:
        with transaction.atomic():
            receive_input(
                source=source, content=feed.content or b"", origin=feed.url, format="rss"
            )  # quarantines the feed with its error
        report.quarantined += len(parsed.errors)
        report.rejected.extend(
            {"input": feed.url, "code": e.code, "message": e.message} for e in parsed.errors
        )
        return report
    links = [item.link for item in parsed.items if item.link]
    known = set(
        WireItem.objects.filter(source=source, agency_id__in=links).values_list(
            "agency_id", flat=True
        )
    )
    for link in links:
        if link in known:
            report.unchanged += 1
            continue
        page = fetching.fetch(link, allow_private_network=source.allow_private_network)
        if page.ok and page.content:
            ingest_bytes(
                source=source, content=page.content, origin=link, format="html", report=report
            )
        else:
            report.rejected.append({"input": link, "code": page.error_code, "message": page.error})
    return report


def claim_source(source: Source, now: datetime) -> bool:
    """Take this turn of polling a source; False when another worker has it."""
    claimed = Source.objects.filter(
        pk=source.pk, enabled=True, next_poll_at=source.next_poll_at, next_poll_at__lte=now
    ).update(next_poll_at=now + source.poll_interval)
    return claimed == 1


def poll_source(*, source: Source, now: datetime | None = None) -> IngestReport:
    """Fetch a source once (URL or drop folder) and record how it went."""
    now = now or timezone.now()
    location = source.location.strip()
    report = IngestReport()
    try:
        if location.startswith(("http://", "https://")):
            report, result = ingest_url(
                source=source, url=location, report=report, conditional=True
            )
            if result.ok:
                _record_success(
                    source,
                    now,
                    etag=result.etag,
                    last_modified=result.last_modified,
                    skipped=report.skipped_codes,
                )
            else:
                _record_failure(
                    source,
                    now,
                    f"{result.error_code}: {result.error}",
                    retry_after=result.retry_after,
                )
        elif location and (folder := drop_folder_for(location)) is not None:
            ingest_drop_folder(source=source, folder=folder, report=report)
            _record_success(source, now, skipped=report.skipped_codes)
        else:
            _record_failure(
                source,
                now,
                f"source.location: {location!r} is no URL nor a folder under {drop_root()}",
            )
    except Exception as exc:  # one broken source must not stop the worker's other sources
        logger.exception("Polling %s failed", source)
        _record_failure(source, now, f"{type(exc).__name__}: {exc}")
    return report


def _record_success(
    source: Source,
    now: datetime,
    *,
    etag: str = "",
    last_modified: str = "",
    skipped: dict[str, int] | None = None,
):
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        failure_count=0,
        last_error="",
        last_skipped=skipped or {},
        etag=etag or source.etag,
        last_modified=last_modified or source.last_modified,
    )


def _record_failure(
    source: Source, now: datetime, error: str, *, retry_after: float | None = None
) -> None:
    """Back off exponentially (capped at an hour), or as long as the server asked."""
    failures = source.failure_count + 1
    wait = min(source.poll_interval * (2 ** min(failures, 10)), MAX_BACKOFF)
    if retry_after is not None:
        wait = max(wait, timedelta(seconds=retry_after))
    Source.objects.filter(pk=source.pk).update(
        last_polled_at=now,
        failure_count=failures,
        last_error=error[:500],
        next_poll_at=now + wait,
    )


def due_sources(now: datetime | None = None) -> list[Source]:
    now = now or timezone.now()
    return list(Source.objects.filter(enabled=True, next_poll_at__lte=now).exclude(location=""))


def poll_due_sources(*, now: datetime | None = None) -> IngestReport:
    """Poll every source whose turn has come and that no other worker has taken."""
    now = now or timezone.now()
    total = IngestReport()
    for source in due_sources(now):
        if not claim_source(source, now):
            continue
        report = poll_source(source=source, now=now)
        for name in (
            "ingested",
            "updated",
            "unchanged",
            "duplicates",
            "killed",
            "held",
            "quarantined",
        ):
            setattr(total, name, getattr(total, name) + getattr(report, name))
        total.rejected.extend(report.rejected)
    return total
