"""The address a desk request really comes from, for the login lockout.

Behind nginx every request reaches the app from the proxy's own address; nginx names the
client in `X-Real-IP` (deploy/proxy_params.conf). Those headers are believed only when the
request comes from a trusted proxy (DATELINE_TRUSTED_PROXIES): anyone else could write them.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _address(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str:
    """The client's address: the peer's, or the one a trusted proxy says it saw."""
    peer = _address(request.META.get("REMOTE_ADDR", "")) or ""
    if peer not in settings.DATELINE_TRUSTED_PROXIES:
        return peer
    real = _address(request.META.get("HTTP_X_REAL_IP", ""))
    if real:
        return real
    # Without X-Real-IP: the right-most address no trusted proxy wrote, as a client can
    # put anything on the left of the list.
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _address(hop)
        if address and address not in settings.DATELINE_TRUSTED_PROXIES:
            return address
    return peer
