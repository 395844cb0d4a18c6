"""Choosing a story's lead: the most complete of its recent articles."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class LeadCandidate:
    id: Hashable
    published: datetime
    words: int
    has_standfirst: bool = False
    has_image: bool = False


def most_complete_recent(
    candidates: Iterable[LeadCandidate], *, recent: timedelta = timedelta(hours=12)
) -> Hashable | None:
    """The story's lead when the desk has not chosen one: of the articles published in the
    last `recent` of the story, the most complete (longest copy, a standfirst, a picture);
    the newest breaks ties."""
    candidates = list(candidates)
    if not candidates:
        return None
    newest = max(candidate.published for candidate in candidates)
    fresh = [c for c in candidates if newest - c.published <= recent]
    best = max(
        fresh,
        key=lambda c: (
            c.words + 40 * c.has_standfirst + 60 * c.has_image,
            c.published,
            str(c.id),
        ),
    )
    return best.id
