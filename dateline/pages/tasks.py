import logging

import httpx
from django.conf import settings
from django.tasks import task

logger = logging.getLogger(__name__)


@task(queue_name="cdn")
def purge_cdn_task(paths: list[str]) -> int:
    """Ask the CDN in front to drop its copies: one request per path to the purge URL."""
    purged = 0
    with httpx.Client(timeout=10) as client:
        for path in paths:
            url = settings.DATELINE_CDN_PURGE_URL.format(path=path.lstrip("/"))
            try:
                response = client.request(settings.DATELINE_CDN_PURGE_METHOD, url)
                purged += response.is_success
            except httpx.HTTPError:
                logger.warning("CDN purge of %s failed", path, exc_info=True)
    return purged
