"""Fetching a source over HTTP politely and safely. Plain Python: no Django here.

Polite: conditional GET (ETag, Last-Modified), honouring 429/503 Retry-After, a timeout.
Safe: a size cap read as the bytes arrive, a redirect cap, and no private or loopback
addresses unless the source is explicitly allowed them (a feed URL must not become a way
into our own network).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_TIMEOUT = 15.0
DEFAULT_MAX_REDIRECTS = 5
USER_AGENT = "dateline/0.1 (+https://github.com/dateline-news; wire ingest)"

# Stable error codes, shared with the parsers' (DESIGN.md #8).
HTTP_TOO_LARGE = "http.too-large"
HTTP_TIMEOUT = "http.timeout"
HTTP_STATUS = "http.status"
HTTP_RATE_LIMITED = "http.rate-limited"
HTTP_TOO_MANY_REDIRECTS = "http.too-many-redirects"
HTTP_FORBIDDEN_ADDRESS = "http.forbidden-address"
HTTP_CONNECTION = "http.connection"
HTTP_BAD_URL = "http.bad-url"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one fetch gave: new bytes, "not modified", or an error with its code."""

    url: str
    status: int = 0
    content: bytes | None = None
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""
    retry_after: float | None = None
    error_code: str = ""
    error: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return not self.error_code


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _address_refused(host: str, port: int) -> str | None:
    """Why connecting to `host` is refused, or None when every address it has is public."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as exc:
        return f"cannot resolve {host}: {exc}"
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if (
            address.is_private
            or address.is_loopback
            or address.is_link_local
            or address.is_multicast
            or address.is_reserved
            or address.is_unspecified
        ):
            return f"{host} resolves to {address}, a private or local address"
    return None


def fetch(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    allow_private_network: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float = DEFAULT_TIMEOUT,
    max_redirects: int = DEFAULT_MAX_REDIRECTS,
    client: httpx.Client | None = None,
) -> FetchResult:
    """GET `url` once (following up to `max_redirects` redirects), never raising.

    `timeout` bounds the whole fetch, so a server that drips bytes cannot hold a worker.
    """
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    own_client = client is None
    client = client or httpx.Client(
        follow_redirects=False, timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0))
    )
    try:
        for _hop in range(max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                return FetchResult(url, error_code=HTTP_BAD_URL, error=f"not an http(s) URL: {url}")
            if not allow_private_network:
                refused = _address_refused(
                    parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)
                )
                if refused:
                    return FetchResult(url, error_code=HTTP_FORBIDDEN_ADDRESS, error=refused)
            with client.stream("GET", url, headers=headers) as response:
                if response.has_redirect_location:
                    location = response.headers.get("Location", "")
                    url = urljoin(url, location)
                    continue
                return _read(response, url, max_bytes=max_bytes, deadline=deadline)
        return FetchResult(
            url,
            error_code=HTTP_TOO_MANY_REDIRECTS,
            error=f"more than {max_redirects} redirects",
        )
    except httpx.TimeoutException:
        return FetchResult(url, error_code=HTTP_TIMEOUT, error=f"no answer within {timeout:g} s")
    except TimeoutError as exc:
        return FetchResult(url, error_code=HTTP_TIMEOUT, error=str(exc))
    except httpx.HTTPError as exc:
        return FetchResult(url, error_code=HTTP_CONNECTION, error=f"{type(exc).__name__}: {exc}")
    finally:
        if own_client:
            client.close()


def _read(response: httpx.Response, url: str, *, max_bytes: int, deadline: float) -> FetchResult:
    status = response.status_code
    common = {
        "url": url,
        "status": status,
        "etag": response.headers.get("ETag", ""),
        "last_modified": response.headers.get("Last-Modified", ""),
        "content_type": response.headers.get("Content-Type", ""),
    }
    if status == 304:
        return FetchResult(**common)
    if status in {429, 503}:
        return FetchResult(
            **common,
            retry_after=parse_retry_after(response.headers.get("Retry-After")),
            error_code=HTTP_RATE_LIMITED,
            error=f"the server answered {status}; asked to wait",
        )
    if status >= 400:
        return FetchResult(**common, error_code=HTTP_STATUS, error=f"the server answered {status}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        return FetchResult(
            **common,
            error_code=HTTP_TOO_LARGE,
            error=f"{int(declared)} bytes declared; the cap is {max_bytes}",
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            return FetchResult(
                **common, error_code=HTTP_TOO_LARGE, error=f"more than {max_bytes} bytes"
            )
        if time.monotonic() > deadline:
            raise TimeoutError("the response did not finish in time")
        chunks.append(chunk)
    return FetchResult(**common, content=b"".join(chunks))
