"""`/healthz`: readiness for a load balancer."""

from __future__ import annotations

from django.db import DatabaseError
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from dateline.ingest.queue import queue_state


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers and a worker beat within its lease, 503 otherwise,
    with the figures either way (no article data, nothing per reader)."""
    try:
        state = queue_state()
    except DatabaseError as exc:
        return JsonResponse(
            {"ok": False, "database": "unreachable", "error": type(exc).__name__}, status=503
        )
    body = {"ok": state.worker_fresh, "database": "ok", **state.as_json()}
    if not state.worker_fresh:
        body["problem"] = "no worker heartbeat" if state.worker_seen_at is None else "worker silent"
    return JsonResponse(body, status=200 if state.worker_fresh else 503)
