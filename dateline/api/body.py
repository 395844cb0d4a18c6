"""Reading a request's body whole, however the client sent it."""

from __future__ import annotations

from django.http import HttpRequest


def read_body(request: HttpRequest, *, limit: int) -> bytes:
    """The request's body, at most one byte past `limit` (so that "too large" shows).

    Read the stream, not `request.body`: that would stop at Django's 2.5 MB form limit. A
    chunked body comes with no Content-Length, and Django then reads it as empty; the
    server (gunicorn) has already decoded the chunks, so the WSGI input holds the body.
    """
    if (
        request.META.get("CONTENT_LENGTH")
        or "chunked" not in request.headers.get("Transfer-Encoding", "").lower()
    ):
        return request.read(limit + 1)
    stream = request.META["wsgi.input"]
    chunks: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(64 * 1024, limit + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
