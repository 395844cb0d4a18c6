"""Removing what no stored item may hold: invalid code points, and URLs that are not http(s).

A lone surrogate, a NUL or a non-character in one field of one entry costs that character,
never the entry, the batch or the feed: a JSON document is cleaned as soon as it is decoded,
XML numeric character references to such code points are dropped before the XML parser sees
them (they would make the whole document ill-formed), and every parsed item is cleaned
field by field on its way out. An image or a link whose URL is not absolute http(s)
(`javascript:`, `data:`, `file:`) is dropped: it would reach pages, feeds and the API.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from dateline.core.text import http_url, is_invalid_code_point, remove_invalid_code_points

from .model import ParsedWireItem, WireImage, WireParseError

_CHARACTER_REFERENCE = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,12})|([0-9]{1,12}));")


def drop_invalid_character_references(raw: bytes) -> bytes:
    """XML or HTML bytes without the `&#0;`, `&#xD800;`... that name invalid code points."""
    if b"&#" not in raw:
        return raw

    def keep(match: re.Match[bytes]) -> bytes:
        hex_digits, digits = match.groups()
        code_point = int(hex_digits, 16) if hex_digits else int(digits)
        return b"" if is_invalid_code_point(code_point) else match[0]

    return _CHARACTER_REFERENCE.sub(keep, raw)


def clean_document(value: Any) -> Any:
    """A decoded JSON value with invalid code points removed from every key and string."""
    if isinstance(value, str):
        return remove_invalid_code_points(value)
    if isinstance(value, dict):
        return {clean_document(key): clean_document(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_document(item) for item in value]
    return value


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return remove_invalid_code_points(value)
    if isinstance(value, tuple):
        return tuple(_clean_value(part) for part in value)
    if isinstance(value, WireImage):
        return _clean_dataclass(value)
    return value


def _clean_dataclass(value: Any) -> Any:
    changes = {}
    for field in dataclasses.fields(value):
        current = getattr(value, field.name)
        cleaned = _clean_value(current)
        if cleaned != current:
            changes[field.name] = cleaned
    return dataclasses.replace(value, **changes) if changes else value


def clean_item(item: ParsedWireItem) -> ParsedWireItem:
    """The item with invalid code points removed from every text field, with only http(s)
    image URLs, and with no link of another scheme (a path the feed left relative stays)."""
    item = _clean_dataclass(item)
    images = tuple(image for image in item.images if http_url(image.url))
    link = http_url(item.link, relative=True)
    # Urgency is a rank from 1 to 9 in every IPTC format; anything else says nothing (and a
    # negative one would not even fit the column).
    urgency = item.urgency if item.urgency is not None and 1 <= item.urgency <= 9 else None
    if images != item.images or link != item.link or urgency != item.urgency:
        item = dataclasses.replace(item, images=images, link=link, urgency=urgency)
    return item


def clean_error(error: WireParseError) -> WireParseError:
    return _clean_dataclass(error)
