"""The story core's state in this process, kept in step with the database.

The database is the record (stories, members, the desk's splits); the engine is a cache
of the open stories' words so that a new article is compared without reading the window
again. It is rebuilt at worker start (`rebuild_story_engine`), catches up with members
other workers added before each batch it decides (`sync_story_engine`), and is rebuilt
whenever what it holds disagrees with the database.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime

from django.db.models import Max
from django.utils import timezone

from dateline.core.stories import StoryArticle, StoryConfig, StoryEngine
from dateline.newsroom.models import Article
from dateline.stories.models import DeskSplit, StoryMember
from dateline.topics.models import ArticleTopic

logger = logging.getLogger(__name__)

CONFIG = StoryConfig()

_lock = threading.RLock()
_engine: StoryEngine | None = None
_synced_through = 0  # the highest StoryMember id the engine has seen


def story_article(article: Article, topics: tuple[str, ...] | None = None) -> StoryArticle:
    """The article as the core compares it."""
    if topics is None:
        topics = tuple(
            ArticleTopic.objects.filter(article=article)
            .order_by("topic__slug")
            .values_list("topic__slug", flat=True)
        )
    return StoryArticle(
        id=article.pk,
        headline=article.headline,
        body=article.body,
        published=article.published_at or article.created_at,
        source=str(article.source_id or ""),
        topics=topics,
        place=article.dateline_place,
    )


def _members_since(*, after_id: int, since: datetime):
    members = list(
        StoryMember.objects.filter(id__gt=after_id, story__last_seen_at__gte=since)
        .select_related("article")
        .only(
            "id",
            "story_id",
            "article__id",
            "article__headline",
            "article__body",
            "article__published_at",
            "article__created_at",
            "article__source_id",
            "article__dateline_place",
            "article__duplicate_of_id",
        )
        .order_by("published_at", "id")
    )
    topics: dict[int, list[str]] = {}
    for article_id, slug in (
        ArticleTopic.objects.filter(article_id__in=[m.article_id for m in members])
        .order_by("topic__slug")
        .values_list("article_id", "topic__slug")
    ):
        topics.setdefault(article_id, []).append(slug)
    return [(m, tuple(topics.get(m.article_id, ()))) for m in members]


def rebuild_story_engine(*, now: datetime | None = None) -> StoryEngine:
    """Load the stories open at `now` (quiet for less than the window) and the desk's
    splits among their articles. The worker calls this once at start."""
    global _engine, _synced_through
    now = now or timezone.now()
    with _lock:
        loaded = _members_since(after_id=0, since=now - CONFIG.window)
        article_ids = [member.article_id for member, _ in loaded]
        apart = DeskSplit.objects.filter(article_id__in=article_ids).values_list(
            "article_id", "apart_from_id"
        )
        _engine = StoryEngine.rebuild(
            (
                (story_article(m.article, topics), m.story_id, m.article.duplicate_of_id)
                for m, topics in loaded
            ),
            apart=list(apart),
            config=CONFIG,
        )
        _synced_through = max((member.id for member, _ in loaded), default=0)
        _synced_through = max(
            _synced_through, StoryMember.objects.aggregate(top=Max("id"))["top"] or 0
        )
        logger.info("Story engine rebuilt: %s open stories", len(_engine))
        return _engine


def sync_story_engine(*, now: datetime | None = None) -> StoryEngine:
    """The engine, caught up with the members other workers added since it last looked."""
    global _synced_through
    now = now or timezone.now()
    with _lock:
        top = StoryMember.objects.aggregate(top=Max("id"))["top"] or 0
        if _engine is None or top < _synced_through:
            # Never built, or the database went back (a restore; a test's rollback).
            return rebuild_story_engine(now=now)
        if top > _synced_through:
            for member, topics in _members_since(
                after_id=_synced_through, since=now - CONFIG.window
            ):
                if _engine.story_of(member.article_id) != member.story_id:
                    _engine.add(
                        story_article(member.article, topics),
                        member.story_id,
                        duplicate_of=member.article.duplicate_of_id,
                    )
            _synced_through = top
        return _engine


def note_own_members(member_ids: Iterable[int | None]) -> None:
    """This process added the members and told the engine: the next sync need not read
    them back, unless another worker's member came in between."""
    global _synced_through
    with _lock:
        for member_id in sorted(pk for pk in member_ids if pk is not None):
            if member_id == _synced_through + 1:
                _synced_through = member_id


def forget_story_engine() -> None:
    """Drop the engine; the next decision rebuilds it from the database."""
    global _engine, _synced_through
    with _lock:
        _engine = None
        _synced_through = 0


def story_lock() -> threading.RLock:
    return _lock


@contextmanager
def loaded_story_engine() -> Iterator[StoryEngine | None]:
    """The engine this process holds, under the story lock, or None when it has not built
    one: a desk correction is applied to it in place, and a process without one builds it
    from the database when it next decides."""
    with _lock:
        yield _engine
