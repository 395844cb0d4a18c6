"""Background work for feeds: telling the WebSub hub which feeds changed."""

from __future__ import annotations

from django.tasks import task

from dateline.feeds import websub


@task(queue_name="websub")
def ping_hub_task(hub: str, urls: list[str]) -> dict:
    """Ping the hub once for the feeds one article change touched."""
    return websub.ping_hub(hub=hub, urls=urls)
