"""Fetching a source over HTTP politely and safely. Plain Python: no Django here.

Polite: conditional GET (ETag, Last-Modified), honouring 429/503 Retry-After, a timeout.
Safe: a size cap read as the bytes arrive, a redirect cap, and only globally routable
addresses unless the source is explicitly allowed private ones (a feed URL must not become
a way into our own network), checked on the address actually connected to.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit, urlunsplit

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


Resolver = Callable[[str, int], list[str]]


def resolve(host: str, port: int) -> list[str]:
    """Every address a host name has, in the order the system prefers them."""
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def address_allowed(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Whether an address is on the public internet (not private, shared, loopback, ...)."""
    if isinstance(address, ipaddress.IPv6Address):
        # An IPv4 address wrapped in IPv6 (::ffff:127.0.0.1, 64:ff9b::7f00:1) is that
        # IPv4 address to the network stack.
        if address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        elif address in _NAT64:
            address = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.is_global and not address.is_multicast


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _pinned_address(
    host: str, port: int, *, allow_private_network: bool, resolver: Resolver
) -> tuple[str | None, FetchResult | None]:
    """The one address to connect to for `host`, or why there is none.

    The name is resolved once and the connection goes to the address checked, so that a
    name answering a public address to the check and loopback to the connection (DNS
    rebinding) never reaches our own network. Any non-public address refuses the name.
    """
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    try:
        addresses = [str(literal)] if literal else resolver(host, port)
    except OSError as exc:
        return None, FetchResult(
            host, error_code=HTTP_CONNECTION, error=f"cannot resolve {host}: {exc}"
        )
    if not addresses:
        return None, FetchResult(host, error_code=HTTP_CONNECTION, error=f"{host} has no address")
    if not allow_private_network:
        for address in addresses:
            if not address_allowed(ipaddress.ip_address(address)):
                return None, FetchResult(
                    host,
                    error_code=HTTP_FORBIDDEN_ADDRESS,
                    error=f"{host} resolves to {address}, not a public address",
                )
    return addresses[0], None


def _request_target(url: str, address: str) -> tuple[str, dict[str, str], dict[str, str]]:
    """The URL with its host replaced by `address`, the Host header and the TLS name."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{address}]" if ":" in address else address
    if parts.port:
        netloc += f":{parts.port}"
    pinned = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    authority = parts.netloc.rsplit("@", 1)[-1]
    # TLS is still checked against the name: the certificate must be the host's.
    extensions = {"sni_hostname": host} if parts.scheme == "https" else {}
    return pinned, {"Host": authority}, extensions


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
    resolver: Resolver = resolve,
) -> FetchResult:
    """GET `url` once (following up to `max_redirects` redirects), never raising.

    `timeout` bounds the whole fetch, so a server that drips bytes cannot hold a worker.
    Each hop's host name is resolved once (by `resolver`) and its checked address is the
    one connected to.
    """
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    deadline = time.monotonic() + timeout
    own_client = client is None
    # No proxy from the environment: the connection must go to the address checked.
    client = client or httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        trust_env=False,
    )
    try:
        for _hop in range(max_redirects + 1):
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                return FetchResult(url, error_code=HTTP_BAD_URL, error=f"not an http(s) URL: {url}")
            address, refused = _pinned_address(
                parts.hostname,
                parts.port or (443 if parts.scheme == "https" else 80),
                allow_private_network=allow_private_network,
                resolver=resolver,
            )
            if refused is not None:
                return dataclasses.replace(refused, url=url)
            target, host_header, extensions = _request_target(url, address or "")
            with client.stream(
                "GET", target, headers={**headers, **host_header}, extensions=extensions
            ) as response:
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
