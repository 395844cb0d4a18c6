"""Background work through Django's tasks framework (database-backed worker by default)."""

from __future__ import annotations

from django.tasks import task

from dateline.ingest.services import poll_source
from dateline.wires.models import Source


@task(queue_name="ingest")
def poll_source_task(source_id: int) -> dict:
    """Poll one source whose turn the scheduler has claimed."""
    source = Source.objects.filter(pk=source_id, enabled=True).first()
    if source is None:
        return {"skipped": "source disabled or gone"}
    return poll_source(source=source).as_json()
