"""Receiving what sources send: keep it as received, parse it, store each version once.

Nothing is lost: the raw bytes are kept, every parsed version becomes a `WireItem`, and
what cannot be parsed is quarantined with its typed error while the rest goes in.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from dateline.core.parsing import ParsedWireItem, WireImage, WireParseError, parse_wire
from dateline.core.parsing.model import ITEM_EMPTY
from dateline.core.text import remove_invalid_code_points
from dateline.wires.models import QuarantinedInput, RawInput, Source, WireItem


@dataclass
class Receipt:
    """What one input gave once stored."""

    raw_input: RawInput | None
    new_items: list[WireItem] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    quarantined: list[QuarantinedInput] = field(default_factory=list)
    skipped_codes: dict[str, int] = field(default_factory=dict)


def _jsonable(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


_ITEM_FIELDS = tuple(f.name for f in dataclasses.fields(ParsedWireItem))
_IMAGE_FIELDS = tuple(f.name for f in dataclasses.fields(WireImage))


def item_to_json(item: ParsedWireItem) -> dict:
    # Field by field: dataclasses.asdict deep-copies every value and cost more than the
    # rest of storing an item.
    stored = {name: _jsonable(getattr(item, name)) for name in _ITEM_FIELDS}
    stored["images"] = [
        {name: getattr(image, name) for name in _IMAGE_FIELDS} for image in item.images
    ]
    return stored


def item_from_json(data: dict) -> ParsedWireItem:
    """The parsed item back from its stored form."""
    values = dict(data)
    for name in ("first_created", "version_created", "embargoed_until", "dateline_date"):
        if values.get(name):
            values[name] = parse_datetime(values[name])
    values["subjects"] = tuple(tuple(s) for s in values.get("subjects", ()))
    values["images"] = tuple(WireImage(**image) for image in values.get("images", ()))
    values["signals"] = tuple(values.get("signals", ()))
    known = {f.name for f in dataclasses.fields(ParsedWireItem)}
    return ParsedWireItem(**{k: v for k, v in values.items() if k in known})


def fingerprint(parsed: dict) -> str:
    return hashlib.sha256(json.dumps(parsed, sort_keys=True).encode()).hexdigest()


def quarantine(
    *, source: Source | None, origin: str, content: bytes, error: WireParseError
) -> QuarantinedInput:
    return QuarantinedInput.objects.create(
        source=source,
        origin=remove_invalid_code_points(origin)[:1000],
        content=content,
        code=error.code,
        message=remove_invalid_code_points(error.message),
        location=remove_invalid_code_points(error.location)[:300],
    )


def receive_input(
    *,
    source: Source,
    content: bytes,
    origin: str,
    format: str | None = None,
    max_bytes: int = 10 * 1024 * 1024,
    content_type: str | None = None,
) -> Receipt:
    """Keep, parse and store one input from a source; never raises for bad input.

    `content_type` is the HTTP answer's, for input fetched over HTTP (its charset counts).
    """
    # A file name read with surrogateescape may hold lone surrogates no database takes.
    origin = remove_invalid_code_points(origin)
    raw_input = RawInput.objects.create(
        source=source,
        origin=origin[:1000],
        content=content if len(content) <= max_bytes else b"",
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
    )
    base_url = origin if origin.startswith(("http://", "https://")) else None
    result = parse_wire(
        content,
        format or source.format,
        base_url=base_url,
        max_bytes=max_bytes,
        content_type=content_type,
    )
    receipt = Receipt(raw_input=raw_input, skipped=len(result.skipped))
    for skipped in result.skipped:
        receipt.skipped_codes[skipped.code] = receipt.skipped_codes.get(skipped.code, 0) + 1
    # An input over the cap is kept whole in quarantine only up to the cap, so that a
    # hostile 50 MB body cannot fill the database; its size and hash are on record.
    kept = content if len(content) <= max_bytes else content[:max_bytes]
    # An item with nothing a reader could see is never published as a blank page.
    errors = list(result.errors)
    items = []
    for item in result.items:
        if item.is_empty:
            errors.append(
                WireParseError(ITEM_EMPTY, "the item has no headline and no body", item.location)
            )
        else:
            items.append(item)
    for error in errors:
        receipt.quarantined.append(
            quarantine(source=source, origin=origin, content=kept, error=error)
        )
    receipt.new_items, receipt.unchanged = _store_new_versions(
        source=source, raw_input=raw_input, format=result.format, items=items
    )
    return receipt


def _wire_item(*, source, raw_input, format, item: ParsedWireItem) -> WireItem:
    parsed = item_to_json(item)
    return WireItem(
        source=source,
        raw_input=raw_input,
        agency_id=item.agency_id[:500],
        version=(item.version or "")[:100],
        fingerprint=fingerprint(parsed),
        format=format,
        pub_status=item.pub_status,
        signals=list(item.signals),
        headline=item.headline[:500],
        version_created=item.version_created,
        embargoed_until=item.embargoed_until,
        urgency=item.urgency,
        parsed=parsed,
    )


def _store_new_versions(
    *, source: Source, raw_input: RawInput, format: str, items: list[ParsedWireItem]
) -> tuple[list[WireItem], int]:
    """Store the versions not seen before, in one insert; returns them and the unchanged count.

    The unique constraint is the real guard: when another worker stores the same version
    between our look and our insert, we fall back to one insert per item.
    """
    candidates: dict[tuple[str, str], WireItem] = {}
    for item in items:
        wire_item = _wire_item(source=source, raw_input=raw_input, format=format, item=item)
        candidates.setdefault((wire_item.agency_id, wire_item.fingerprint), wire_item)
    seen = set(
        WireItem.objects.filter(
            source=source, agency_id__in={agency_id for agency_id, _ in candidates}
        ).values_list("agency_id", "fingerprint")
    )
    fresh = [wire_item for key, wire_item in candidates.items() if key not in seen]
    unchanged = len(items) - len(fresh)
    try:
        with transaction.atomic():
            return WireItem.objects.bulk_create(fresh), unchanged
    except IntegrityError:
        stored = []
        for wire_item in fresh:
            try:
                with transaction.atomic():
                    wire_item.save()
                stored.append(wire_item)
            except IntegrityError:
                unchanged += 1
        return stored, unchanged


def retry_quarantined(*, quarantined: QuarantinedInput, format: str | None = None) -> Receipt:
    """Try a quarantined input again (after a parser fix or with another format)."""
    receipt = receive_input(
        source=quarantined.source,
        content=bytes(quarantined.content),
        origin=quarantined.origin,
        format=format,
    )
    quarantined.retried_at = timezone.now()
    quarantined.resolved = not receipt.quarantined
    quarantined.save(update_fields=["retried_at", "resolved"])
    return receipt


def prune_raw_inputs(*, older_than: timedelta) -> int:
    """Drop raw inputs past their keeping time; parsed wire items stay."""
    deleted, _ = RawInput.objects.filter(received_at__lt=timezone.now() - older_than).delete()
    return deleted
