"""Opaque cursors for keyset pagination: the sort values of the last row, base64url JSON.

A cursor is not signed: forging one only moves where a public list starts. It is opaque so
that clients keep it whole and we may change what it holds.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime

from django.utils.dateparse import parse_datetime


class CursorError(ValueError):
    """A cursor this API did not make."""


def encode_cursor(*values: str | int) -> str:
    raw = json.dumps(list(values), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _decode(cursor: str, length: int) -> list:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, UnicodeError, binascii.Error) as exc:
        raise CursorError("cursor is not one this API made") from exc
    if not isinstance(values, list) or len(values) != length:
        raise CursorError("cursor is not one this API made")
    return values


def _id(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 2**63:
        raise CursorError("cursor is not one this API made")
    return value


def article_cursor(published_at: datetime, pk: int) -> str:
    return encode_cursor(published_at.isoformat(), pk)


def decode_article_cursor(cursor: str) -> tuple[datetime, int]:
    published, pk = _decode(cursor, 2)
    try:
        when = parse_datetime(published) if isinstance(published, str) else None
    except ValueError:  # well-formed but impossible, e.g. month 13
        when = None
    if when is None or when.tzinfo is None:
        raise CursorError("cursor is not one this API made")
    try:
        when = when.astimezone(UTC)
    except OverflowError as exc:
        raise CursorError("cursor is not one this API made") from exc
    return when, _id(pk)


def name_cursor(name: str, pk: int) -> str:
    return encode_cursor(name, pk)


def decode_name_cursor(cursor: str) -> tuple[str, int]:
    name, pk = _decode(cursor, 2)
    if not isinstance(name, str):
        raise CursorError("cursor is not one this API made")
    return name, _id(pk)
