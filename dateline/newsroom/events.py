"""The one event announced when what the public sees of an article changes.

Services announce it after their transaction commits; caches, rendered pages, feeds,
sitemaps and the search index subscribe to `article_changed` and nothing else.

Receivers get `changes`: a tuple of `ArticleChange`, one per changed article. A single
desk action delivers one; a wire input of a hundred items, applied in one transaction
inside `delivered_together()`, delivers its hundred changes at once, so that subscribers
do their work once per batch (one purge of the home page, one index write, one task)
instead of once per item.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db import transaction
from django.dispatch import Signal

# Receivers get `changes=(ArticleChange, ...)`.
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


# The changes committed inside the innermost `delivered_together()`, waiting for its end.
_held: ContextVar[list[ArticleChange] | None] = ContextVar("held_article_changes", default=None)


def _deliver(change: ArticleChange) -> None:
    held = _held.get()
    if held is not None:
        held.append(change)
    else:
        article_changed.send(sender=ArticleChange, changes=(change,))


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
    # Each change waits for its own commit: a savepoint rolled back (one bad wire item)
    # drops its change and keeps the others of the batch.
    transaction.on_commit(lambda: _deliver(change))
    return change


@contextmanager
def delivered_together() -> Iterator[None]:
    """Hold the changes committed inside the block and deliver them as one event at its end.

    Wrap the transaction (not the other way round): changes are collected as it commits.
    """
    held: list[ArticleChange] = []
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        if held:
            article_changed.send(sender=ArticleChange, changes=tuple(_merged(held)))


def _merged(changes: list[ArticleChange]) -> list[ArticleChange]:
    """One change per article, in first-seen order, with what changed added up."""
    by_article: dict[int, ArticleChange] = {}
    for change in changes:
        seen = by_article.get(change.article_id)
        if seen is None:
            by_article[change.article_id] = change
        else:
            by_article[change.article_id] = ArticleChange(
                article_id=change.article_id,
                what=seen.what | change.what,
                section_ids=seen.section_ids | change.section_ids,
                topic_slugs=seen.topic_slugs | change.topic_slugs,
            )
    return list(by_article.values())
