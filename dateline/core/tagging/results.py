"""What the tagger gives back: ranked topics, entity mentions and suggestions, with offsets
into ``headline + "\\n" + standfirst + "\\n" + body``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .knowledge import TopicEntry


@dataclass(frozen=True, slots=True)
class TaggedTopic:
    entry: TopicEntry
    score: float
    mentions: tuple[tuple[int, int], ...]
    source: str = "text"  # "text" | "agency" | "section" | "cues"

    @property
    def slug(self) -> str:
        return self.entry.slug

    @property
    def name(self) -> str:
        return self.entry.name

    @property
    def kind(self) -> str:
        return self.entry.kind


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A name found in the text, linked to a topic slug or not (``topic`` None)."""

    text: str
    kind: str
    start: int
    end: int
    topic: str | None
    source: str  # "index" | "recogniser"


@dataclass(frozen=True, slots=True)
class SuggestedTopic:
    """A name the knowledge lacks, seen often enough to offer the desk. Never shown to readers."""

    name: str
    kind: str
    slug: str
    count: int
    mentions: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class TaggingResult:
    text: str
    topics: tuple[TaggedTopic, ...]
    entities: tuple[EntityMention, ...]
    suggested: tuple[SuggestedTopic, ...] = ()

    @property
    def slugs(self) -> list[str]:
        return [t.slug for t in self.topics]

    def as_dict(self) -> dict[str, Any]:
        """The ``dateline tag`` output: topics, entities, and suggestions for the desk."""
        return {
            "topics": [
                {
                    "name": t.name,
                    "kind": t.kind,
                    "slug": t.slug,
                    "score": round(t.score, 4),
                    "mentions": [list(m) for m in t.mentions],
                }
                for t in self.topics
            ],
            "entities": [
                {"text": e.text, "kind": e.kind, "start": e.start, "end": e.end, "topic": e.topic}
                for e in self.entities
            ],
            "suggested": [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "slug": s.slug,
                    "count": s.count,
                    "mentions": [list(m) for m in s.mentions],
                }
                for s in self.suggested
            ],
        }
