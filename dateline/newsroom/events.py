"""The one event announced when what the public sees of an article changes.

Services announce it after their transaction commits; caches, rendered pages, feeds,
sitemaps and the search index subscribe to `article_changed` and nothing else.

The same changes are also sent as `article_work` inside the transaction that makes them,
for the subscribers that queue background work (topics, stories, the search index of a
burst): the queue is a table of the same database, so the tasks commit with the articles
and no crash between the commit and an after-commit hook can leave an article without
them. Those receivers only enqueue; the tasks re-read the articles, so one queued for a
change whose savepoint was rolled back finds nothing to do.

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
# Sent inside the writing transaction (see above); receivers get `changes` too.
article_work = Signal()

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
# The changes made inside the outermost `together_in_transaction()`, whose work is queued
# as one batch at its end, still inside its transaction.
_pending: ContextVar[list[ArticleChange] | None] = ContextVar("pending_article_work", default=None)


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
    pending = _pending.get()
    if pending is not None:
        pending.append(change)
    else:
        article_work.send(sender=ArticleChange, changes=(change,))
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


@contextmanager
def together_in_transaction() -> Iterator[None]:
    """A transaction whose changes queue their work as one batch before it commits and are
    delivered as one event after it (`delivered_together`). Nested inside another, it adds
    its changes to the outer one's batch."""
    if _pending.get() is not None:
        with transaction.atomic():
            yield
        return
    with delivered_together(), transaction.atomic():
        pending: list[ArticleChange] = []
        token = _pending.set(pending)
        try:
            yield
        finally:
            _pending.reset(token)
        # Reached only when the block succeeded: a failed one rolls back, work and all.
        if pending:
            article_work.send(sender=ArticleChange, changes=tuple(_merged(pending)))


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
