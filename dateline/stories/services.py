"""Every write to stories: the engine's decisions and the desk's corrections.

Each action runs in a transaction and, after commit, announces the change event for the
articles whose pages show something new (their story's box, the fronts that collapse a
story to one item), with `what={"story"}`.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from dateline.core.stories import (
    LeadCandidate,
    StoryArticle,
    StoryEngine,
    most_complete_recent,
)
from dateline.core.stories.duplicates import jaccard
from dateline.core.text import html_to_text
from dateline.newsroom import events
from dateline.newsroom import services as newsroom
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from dateline.stories import engine as engine_state
from dateline.stories.models import DeskSplit, Story, StoryMember, StoryTopic
from dateline.topics.models import ArticleTopic

logger = logging.getLogger(__name__)

STORY_CHANGED = "story"
MAX_TOPICS = 12


def _announce(article_ids: set[int]) -> None:
    for article_id, section_id in Article.objects.filter(pk__in=article_ids).values_list(
        "id", "section_id"
    ):
        events.announce_change(
            article_id=article_id, what={STORY_CHANGED}, section_ids={section_id}
        )


def _is_duplicate_in_fact(article: StoryArticle, original_body: str, threshold: float) -> bool:
    """Check the engine's word against the original's copy as the database has it now."""
    engine = engine_state.CONFIG.duplicates
    from dateline.core.stories.text import shingles, split_dateline

    mine = shingles(split_dateline(html_to_text(article.body))[1], engine.shingle_size)
    theirs = shingles(split_dateline(html_to_text(original_body))[1], engine.shingle_size)
    return jaccard(mine, theirs) >= threshold


def assign_article_to_story(*, article: Article, now: datetime | None = None) -> Story | None:
    """Put a published article in its story: a near-duplicate's original's, the best open
    story above the threshold, or a new one. An article already in a story stays there (the
    engine learns its new copy); only the desk moves articles between stories.

    A near-duplicate of a visible article from the wire is linked to it (`duplicate_of`)
    and unpublished, as ingest does for exact copies.
    """
    return assign_articles_to_stories(articles=[article], now=now)[article.pk]


def assign_articles_to_stories(
    *, articles: Sequence[Article], now: datetime | None = None
) -> dict[int, Story | None]:
    """`assign_article_to_story` for a batch (a wire input's articles, in order).

    The engine decides the articles one after the other in memory, and the database is
    read and written for the whole batch at once: a hundred new articles cost a dozen
    queries, plus one for each story they start, and the changes go out as one event.
    """
    now = now or timezone.now()
    placed: dict[int, Story | None] = {article.pk: None for article in articles}
    published = [a for a in articles if a.status == Article.Status.PUBLISHED]
    if not published:
        return placed
    topics: dict[int, list[str]] = {}
    for article_id, slug in (
        ArticleTopic.objects.filter(article__in=published)
        .order_by("topic__slug")
        .values_list("article_id", "topic__slug")
    ):
        topics.setdefault(article_id, []).append(slug)
    candidates = {
        article.pk: engine_state.story_article(article, tuple(topics.get(article.pk, ())))
        for article in published
    }
    with events.together_in_transaction():
        _one_worker_at_a_time()
        with engine_state.story_lock():
            # No other worker adds members while we hold the lock: one sync serves the batch.
            engine = engine_state.sync_story_engine(now=now)
            members = dict(
                StoryMember.objects.filter(article__in=published).values_list(
                    "article_id", "story_id"
                )
            )
            originals = _Originals(
                likely=engine.likely_originals(candidates.values()) | set(candidates), now=now
            )
            placing = _place_checked(engine, published, candidates, members, originals)
            if placing is None:
                # The engine no longer holds what the database does (another process moved
                # members, or the database went back). Nothing is written yet: the batch is
                # decided again on an engine read afresh, which is trusted as it stands.
                engine = engine_state.rebuild_story_engine(now=now)
                placing = _Placing()
                _place(placing, engine, published, candidates, members, originals, check=False)
            StoryMember.objects.bulk_create(placing.joined)
            engine_state.note_own_members(member.pk for member in placing.joined)
        for article, original_id in placing.duplicates:
            # Ingest publishes wire copy as it arrives and this runs after commit, so the
            # copy may have been visible for a moment: unpublishing (not killing) keeps its
            # revision, announces the change to every surface, and lets the desk publish it.
            Article.objects.filter(pk=article.pk).update(duplicate_of=original_id)
            article.duplicate_of_id = original_id
            newsroom.unpublish_article(article=article)
        stories = Story.objects.in_bulk(set(placing.story_of.values()))
        _refresh(list(stories.values()), now)
        _announce({member.article_id for member in placing.joined})
    for article_id, story_id in placing.story_of.items():
        placed[article_id] = stories[story_id]
    return placed


# Any fixed number: the key of the lock all workers take to assign articles to stories.
ASSIGNMENT_LOCK = 0x5701_0001


def _one_worker_at_a_time() -> None:
    """Workers on several machines assign in turn until commit, so that each sees the
    members the one before it added (its engine syncs from the database under the lock)
    and two workers never start two stories for one event. SQLite writers are serialized
    already."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ASSIGNMENT_LOCK])


class _EngineDrifted(Exception):
    """The engine holds a story otherwise than the database does."""


@dataclass
class _Placing:
    """Where a batch's articles go, decided in memory before any member is written."""

    story_of: dict[int, int] = field(default_factory=dict)  # article id -> story id
    joined: list[StoryMember] = field(default_factory=list)  # the members to write
    duplicates: list[tuple[Article, int]] = field(default_factory=list)  # copy, original id
    new_stories: dict[int, Story] = field(default_factory=dict)
    # The engine's members of each open story an article was put in, as they were at the
    # first such decision: the database must hold the same (see `_engine_agrees`).
    seen: dict[int, frozenset[int]] = field(default_factory=dict)


class _Originals:
    """The visible copy of the originals a batch's near-duplicates repeat: at the first
    need, every likely one is read in one query."""

    def __init__(self, *, likely: set[int], now: datetime) -> None:
        self._likely = likely
        self._now = now
        self._bodies: dict[int, str] = {}
        self._read: set[int] = set()

    def body_of(self, original_id: int) -> str | None:
        if original_id not in self._read:
            wanted = {original_id} if self._read else self._likely | {original_id}
            self._bodies.update(
                visible_articles(self._now).filter(pk__in=wanted).values_list("pk", "body")
            )
            self._read |= wanted
        return self._bodies.get(original_id)


def _place_checked(
    engine: StoryEngine,
    articles: Sequence[Article],
    candidates: dict[int, StoryArticle],
    members: dict[int, int],
    originals: _Originals,
) -> _Placing | None:
    """Place the batch on the engine as it is, then check once that the database holds
    every story it was put in as the engine does; None (and no story left behind) when
    it does not."""
    placing = _Placing()
    try:
        _place(placing, engine, articles, candidates, members, originals, check=True)
        if _engine_agrees(placing):
            return placing
    except _EngineDrifted:
        pass
    Story.objects.filter(pk__in=placing.new_stories).delete()
    return None


def _place(
    placing: _Placing,
    engine: StoryEngine,
    articles: Sequence[Article],
    candidates: dict[int, StoryArticle],
    members: dict[int, int],
    originals: _Originals,
    *,
    check: bool,
) -> None:
    """Decide each article's story in order and teach the engine at once, so that the
    next article sees it; only new stories are written here. With `check`, the stories
    chosen are checked afterwards (`_engine_agrees`); without, the engine was just read
    from the database and each story chosen is only looked up."""
    open_in_db: dict[int, bool] = {}
    threshold = engine.config.duplicates.threshold
    for article in articles:
        candidate = candidates[article.pk]
        story_id = members.get(article.pk, placing.story_of.get(article.pk))
        if story_id is not None:
            # Already in a story: it stays there and the engine learns its new copy.
            engine.add(candidate, story_id, duplicate_of=article.duplicate_of_id)
            placing.story_of[article.pk] = story_id
            continue
        decision = engine.decide(candidate)
        story_id = decision.story
        if story_id is not None and story_id not in placing.new_stories:
            if check:
                placing.seen.setdefault(story_id, frozenset(engine.members(story_id)))
            else:
                if story_id not in open_in_db:
                    open_in_db[story_id] = Story.objects.filter(
                        pk=story_id, merged_into__isnull=True
                    ).exists()
                if not open_in_db[story_id]:
                    story_id = None
        original_id = None
        if decision.duplicate_of is not None and article.source_id is not None:
            body = originals.body_of(decision.duplicate_of)
            if body is not None and _is_duplicate_in_fact(candidate, body, threshold):
                original_id = decision.duplicate_of
        if story_id is None:
            story = Story.objects.create(first_seen_at=candidate.published)
            placing.new_stories[story.pk] = story
            if engine.members(story.pk):
                # The engine remembers a story by this id that the database no longer has.
                if check:
                    raise _EngineDrifted
                for stale in engine.members(story.pk):
                    engine.remove(stale)
            story_id = story.pk
        placing.joined.append(
            StoryMember(
                story_id=story_id,
                article=article,
                source_id=article.source_id,
                published_at=article.published_at,
                score=decision.score,
            )
        )
        engine.add(candidate, story_id, duplicate_of=original_id)
        placing.story_of[article.pk] = story_id
        if original_id is not None:
            placing.duplicates.append((article, original_id))


def _engine_agrees(placing: _Placing) -> bool:
    """Whether the database holds the same members as the engine did, for every open
    story the batch was put in: the engine may have drifted from the database when
    another worker or the desk changed a story (in one query for the whole batch)."""
    if not placing.seen:
        return True
    in_db: dict[int, set[int]] = {story_id: set() for story_id in placing.seen}
    for story_id, article_id in StoryMember.objects.filter(
        story_id__in=placing.seen, story__merged_into__isnull=True
    ).values_list("story_id", "article_id"):
        in_db[story_id].add(article_id)
    return all(in_db[story_id] == held for story_id, held in placing.seen.items())


def refresh_story(*, story: Story, now: datetime | None = None) -> Story:
    """Recompute what a story shows from its members: times, lead, headline, topics."""
    return refresh_stories(stories=[story], now=now)[0]


@transaction.atomic
def refresh_stories(*, stories: Sequence[Story], now: datetime | None = None) -> list[Story]:
    """`refresh_story` for several stories at once: their members, leads, headlines and
    topics are read and written in a few queries, however many stories there are."""
    return _refresh(stories, now or timezone.now())


def _refresh(stories: Sequence[Story], now: datetime) -> list[Story]:
    stories = list({story.pk: story for story in stories}.values())
    if not stories:
        return []
    ids = [story.pk for story in stories]
    members: dict[int, list[tuple[int, datetime | None]]] = {pk: [] for pk in ids}
    for story_id, article_id, published in StoryMember.objects.filter(story_id__in=ids).values_list(
        "story_id", "article_id", "published_at"
    ):
        members[story_id].append((article_id, published))
    # A lead the desk chose is kept while it is still a member.
    automatic = [
        story
        for story in stories
        if not story.lead_chosen_by_desk
        or story.lead_id not in {article_id for article_id, _ in members[story.pk]}
    ]
    leads = _automatic_leads([story.pk for story in automatic], now)
    for story in stories:
        times = [published for _, published in members[story.pk] if published]
        story.first_seen_at = min(times, default=story.first_seen_at)
        story.last_seen_at = max(times, default=story.last_seen_at)
    for story in automatic:
        story.lead_chosen_by_desk = False
        story.lead_id = leads[story.pk]
    headlines = dict(
        Article.objects.filter(
            pk__in={story.lead_id for story in stories if story.lead_id}
        ).values_list("pk", "headline")
    )
    for story in stories:
        if story.lead_id:
            story.headline = headlines.get(story.lead_id) or story.headline
    Story.objects.bulk_update(
        stories, ["first_seen_at", "last_seen_at", "lead", "lead_chosen_by_desk", "headline"]
    )
    _rank_topics(ids)
    return stories


def _automatic_leads(story_ids: Sequence[int], now: datetime) -> dict[int, int | None]:
    if not story_ids:
        return {}
    found: dict[int, list[LeadCandidate]] = {story_id: [] for story_id in story_ids}
    for story_id, pk, published, body, standfirst, image_url in (
        visible_articles(now)
        .filter(story_link__story_id__in=story_ids, duplicate_of__isnull=True)
        .values_list(
            "story_link__story_id", "id", "published_at", "body", "standfirst", "image_url"
        )
    ):
        found[story_id].append(
            LeadCandidate(
                id=pk,
                published=published,
                words=len(html_to_text(body).split()),
                has_standfirst=bool(standfirst),
                has_image=bool(image_url),
            )
        )
    return {story_id: most_complete_recent(candidates) for story_id, candidates in found.items()}


def _rank_topics(story_ids: Sequence[int]) -> None:
    parts: dict[int, dict[int, list[float]]] = {story_id: {} for story_id in story_ids}
    for story_id, topic_id, score in ArticleTopic.objects.filter(
        article__story_link__story_id__in=story_ids
    ).values_list("article__story_link__story_id", "topic_id", "score"):
        # How many of the story's articles carry the topic first, how strongly second.
        parts[story_id].setdefault(topic_id, []).append(1.0 + min(score, 1.0) / 10)
    ranked = {
        # fsum: the same weight whatever order the database returns the rows in, so that
        # equal weights tie exactly and the topic id decides.
        story_id: sorted(
            ((topic_id, math.fsum(weights)) for topic_id, weights in topics.items()),
            key=lambda item: (-item[1], item[0]),
        )[:MAX_TOPICS]
        for story_id, topics in parts.items()
    }
    StoryTopic.objects.filter(story_id__in=story_ids).delete()
    StoryTopic.objects.bulk_create(
        StoryTopic(story_id=story_id, topic_id=topic_id, weight=weight, position=position)
        for story_id, topics in ranked.items()
        for position, (topic_id, weight) in enumerate(topics)
    )


def refresh_story_of_article(*, article_id: int) -> Story | None:
    """A member changed (killed, unpublished, retagged): its story shows it at once."""
    return refresh_stories_of_articles(article_ids=[article_id]).get(article_id)


@transaction.atomic
def refresh_stories_of_articles(*, article_ids: Sequence[int]) -> dict[int, Story]:
    """`refresh_story_of_article` for a batch: each story concerned is refreshed once."""
    members = list(StoryMember.objects.filter(article_id__in=article_ids).select_related("story"))
    killed = set(
        Article.objects.filter(
            pk__in=[m.article_id for m in members], status=Article.Status.KILLED
        ).values_list("pk", flat=True)
    )
    if killed:
        with engine_state.loaded_story_engine() as engine:
            if engine is not None:
                for article_id in killed:
                    engine.remove(article_id)
    refreshed = {story.pk: story for story in refresh_stories(stories=[m.story for m in members])}
    return {member.article_id: refreshed[member.story_id] for member in members}


@transaction.atomic
def merge_stories(*, keep: Story, other: Story) -> Story:
    """The desk's merge: every member of `other` joins `keep`, for good.

    `other` keeps its row (its URL leads to `keep`); splits the desk made between the two
    stories' articles are lifted, since the desk now says they belong together.
    """
    if keep.pk == other.pk:
        return keep
    moved = set(StoryMember.objects.filter(story=other).values_list("article_id", flat=True))
    kept = set(StoryMember.objects.filter(story=keep).values_list("article_id", flat=True))
    StoryMember.objects.filter(story=other).update(story=keep, placed_by_desk=True)
    DeskSplit.objects.filter(
        Q(article__in=moved, apart_from__in=kept) | Q(article__in=kept, apart_from__in=moved)
    ).delete()
    Story.objects.filter(merged_into=other).update(merged_into=keep)
    other.merged_into = keep
    other.lead = None
    other.save(update_fields=["merged_into", "lead"])
    StoryTopic.objects.filter(story=other).delete()
    keep.edited_by_desk = True
    keep.save(update_fields=["edited_by_desk"])
    with engine_state.loaded_story_engine() as engine:
        if engine is not None:
            engine.merge(keep.pk, other.pk)
    refresh_story(story=keep)
    _announce(moved | kept)
    return keep


@transaction.atomic
def split_article_out(*, article: Article) -> Story:
    """The desk's split: the article leaves its story for a new one of its own, and is
    never put back with the articles it left."""
    member = StoryMember.objects.select_related("story").get(article=article)
    old = member.story
    left = list(
        StoryMember.objects.filter(story=old)
        .exclude(pk=member.pk)
        .values_list("article_id", flat=True)
    )
    if not left:
        return old
    story = Story.objects.create(first_seen_at=member.published_at, edited_by_desk=True)
    member.story = story
    member.placed_by_desk = True
    member.save(update_fields=["story", "placed_by_desk"])
    DeskSplit.objects.bulk_create(
        [
            DeskSplit(article_id=min(article.pk, other), apart_from_id=max(article.pk, other))
            for other in left
        ],
        ignore_conflicts=True,
    )
    old.edited_by_desk = True
    old.save(update_fields=["edited_by_desk"])
    with engine_state.loaded_story_engine() as engine:
        if engine is not None:
            engine.move(article.pk, story.pk)
    refresh_story(story=old)
    refresh_story(story=story)
    _announce({article.pk, *left})
    return story


@transaction.atomic
def choose_lead(*, story: Story, article: Article | None) -> Story:
    """The desk picks the story's lead; `None` hands the choice back to the automatic rule
    (the most complete recent article)."""
    if article is not None:
        if not StoryMember.objects.filter(story=story, article=article).exists():
            raise ValueError("The lead must be one of the story's articles.")
        story.lead = article
        story.lead_chosen_by_desk = True
    else:
        story.lead_chosen_by_desk = False
    story.save(update_fields=["lead", "lead_chosen_by_desk"])
    refresh_story(story=story)
    _announce(set(StoryMember.objects.filter(story=story).values_list("article_id", flat=True)))
    return story
