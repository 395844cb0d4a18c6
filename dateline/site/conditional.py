"""Conditional GET for every read surface (pages, feeds, sitemaps, the API): one answer to
If-None-Match and If-Modified-Since, by Django's own rules (RFC 9110 13.2.2: the entity tag
decides when sent, compared weakly; the date only without it).

A compressed body carries its validator made weak (`pages.CompressionMiddleware`, as
Django's GZipMiddleware does), so a client that sends back what it got still matches.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe


def timestamp_of(moment: datetime | str | None) -> int | None:
    """Seconds since the epoch of an aware datetime or an HTTP date, as validators use."""
    if moment is None or moment == "":
        return None
    if isinstance(moment, str):
        return parse_http_date_safe(moment)
    return int(moment.timestamp())


def respond(
    request: HttpRequest,
    *,
    etag: str,
    last_modified: datetime | str | None,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """304 when the client's copy is current, else the rendered response; the validators
    on both, so that a 304 names what it confirms."""
    timestamp = timestamp_of(last_modified)
    response = None
    if request.method in {"GET", "HEAD"}:
        response = get_conditional_response(request, etag=etag, last_modified=timestamp)
    if response is None:
        response = render()
    if request.method in {"GET", "HEAD"} and response.status_code in {200, 304}:
        response.headers["ETag"] = etag
        if timestamp is not None:
            response.headers["Last-Modified"] = http_date(timestamp)
    return response
