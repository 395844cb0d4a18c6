"""The one event announced when what the public sees of an article changes.

Services announce it after their transaction commits; caches, rendered pages, feeds,
sitemaps and the search index subscribe to `article_changed` and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

# Receivers get `change=ArticleChange(...)`.
article_changed = Signal()

PUBLISHED = "published"
UPDATED = "updated"
CORRECTED = "corrected"
KILLED = "killed"
UNPUBLISHED = "unpublished"
SECTION_CHANGED = "section"
TOPICS_CHANGED = "topics"


@dataclass(frozen=True)
class ArticleChange:
    article_id: int
    what: frozenset[str]
    section_ids: frozenset[int] = frozenset()
    # Topics the article had before the change, whose pages showed it.
    topic_slugs: frozenset[str] = frozenset()


def announce_change(
    *,
    article_id: int,
    what: set[str] | frozenset[str],
    section_ids: set[int] | None = None,
    topic_slugs: set[str] | None = None,
) -> ArticleChange:
    """Announce the change once the current transaction commits (at once outside one)."""
    change = ArticleChange(
        article_id=article_id,
        what=frozenset(what),
        section_ids=frozenset(section_ids or ()),
        topic_slugs=frozenset(topic_slugs or ()),
    )
    transaction.on_commit(lambda: article_changed.send(sender=ArticleChange, change=change))
    return change
