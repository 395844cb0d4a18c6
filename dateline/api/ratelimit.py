"""Fixed-window request counters in Django's cache, shared by every web process.

A window is a whole number of `seconds` since the epoch; the counter for the current
window lives under its own key and expires with it. With Redis (REDIS_URL) all processes
count together; the per-process memory cache counts per process, which is enough on a
laptop.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured

UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(second|minute|hour|day)s?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Rate:
    limit: int
    seconds: int


def parse_rate(text: str) -> Rate | None:
    """`"120/minute"` as a Rate; `""`, `"0"` or `"off"` mean no limit."""
    if text.strip().lower() in {"", "0", "off", "none"}:
        return None
    match = _RATE.match(text)
    if match is None:
        raise ImproperlyConfigured(
            f"Rate {text!r} is not N/second, N/minute, N/hour or N/day (e.g. 120/minute)."
        )
    return Rate(limit=int(match[1]), seconds=UNITS[match[2].lower()])


def hit(key: str, rate: Rate, *, now: float | None = None) -> int | None:
    """Count one request under `key`; None when it is within the rate.

    Over the rate, the whole seconds until the window ends (at least 1), for Retry-After.
    """
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    cache_key = f"dateline:rate:{key}:{rate.seconds}:{window}"
    # `add` does nothing when the key exists, so two first requests never reset the count;
    # `incr` is atomic in Redis and under the memory cache's lock.
    cache.add(cache_key, 0, timeout=rate.seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # the window expired between add and incr
        cache.add(cache_key, 1, timeout=rate.seconds + 1)
        count = 1
    if count <= rate.limit:
        return None
    return max(1, math.ceil((window + 1) * rate.seconds - now))
