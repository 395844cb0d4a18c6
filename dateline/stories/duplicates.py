"""Near-duplicates caught on the way in, so that a re-sent or retouched copy is never
published, not even for the moment before its story is assigned.

Ingest asks `find_near_duplicates` before it publishes new copy:
the open stories' copy is held here, in the story engine's near-duplicate index.
"""

from __future__ import annotations

from collections.abc import Hashable
from datetime import datetime

from django.utils import timezone

from dateline.core.stories.duplicates import jaccard
from dateline.core.stories.text import plain_text, split_dateline
from dateline.newsroom.selectors import visible_articles
from dateline.stories import engine as engine_state


def _shingles(index, body_html: str) -> set[str]:
    # As the engine reads copy: the words after the dateline.
    return index.shingles_of(split_dateline(plain_text(body_html))[1])


def find_near_duplicates(
    bodies: dict[Hashable, str], *, now: datetime | None = None
) -> dict[Hashable, int]:
    """For each new copy (key -> body HTML), the visible article it repeats, where one does."""
    now = now or timezone.now()
    found: dict[Hashable, int] = {}
    grams_of: dict[Hashable, set[str]] = {}
    with engine_state.story_lock():
        index = engine_state.sync_story_engine(now=now).duplicates
        if not len(index):
            return {}  # no open story's copy to repeat: no need to read the new copy
        for key, body in bodies.items():
            grams_of[key] = _shingles(index, body)
            match = index.find(grams_of[key])
            if match is not None:
                found[key] = match.original
        threshold = index.config.threshold
    if not found:
        return {}
    # The engine's copy may be older than the original's last update: check again against
    # the copy readers see now.
    originals = dict(
        visible_articles(now)
        .filter(pk__in=set(found.values()), duplicate_of__isnull=True)
        .values_list("pk", "body")
    )
    shingles_of_original: dict[int, set[str]] = {}
    confirmed = {}
    for key, original_id in found.items():
        if original_id not in originals:
            continue
        if original_id not in shingles_of_original:
            shingles_of_original[original_id] = _shingles(index, originals[original_id])
        if jaccard(grams_of[key], shingles_of_original[original_id]) >= threshold:
            confirmed[key] = original_id
    return confirmed
