"""Every write to stories: the engine's decisions and the desk's corrections.

Each action runs in a transaction and, after commit, announces the change event for the
articles whose pages show something new (their story's box, the fronts that collapse a
story to one item), with `what={"story"}`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from dateline.core.stories import LeadCandidate, StoryArticle, most_complete_recent
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


def _is_duplicate_in_fact(article: StoryArticle, original: Article, threshold: float) -> bool:
    """Check the engine's word against the original's copy as the database has it now."""
    engine = engine_state.CONFIG.duplicates
    from dateline.core.stories.text import shingles, split_dateline

    mine = shingles(split_dateline(html_to_text(article.body))[1], engine.shingle_size)
    theirs = shingles(split_dateline(html_to_text(original.body))[1], engine.shingle_size)
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

    The engine is synced once, each story touched is refreshed once, and the changes go
    out as one event: a hundred new articles cost a few queries each, not a few dozen.
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
    touched: dict[int, Story] = {}
    joined: set[int] = set()
    duplicates: list[tuple[Article, Article]] = []
    with events.delivered_together(), transaction.atomic():
        _one_worker_at_a_time()
        for article in published:
            candidate = engine_state.story_article(article, tuple(topics.get(article.pk, ())))
            story, original, new_member = _place(article, candidate, now)
            placed[article.pk] = story
            if new_member:
                joined.add(article.pk)
            touched[story.pk] = story
            if original is not None:
                duplicates.append((article, original))
        for article, original in duplicates:
            # Ingest publishes wire copy as it arrives and this runs after commit, so the
            # copy may have been visible for a moment: unpublishing (not killing) keeps its
            # revision, announces the change to every surface, and lets the desk publish it.
            Article.objects.filter(pk=article.pk).update(duplicate_of=original)
            article.duplicate_of = original
            newsroom.unpublish_article(article=article)
        for story in touched.values():
            refresh_story(story=story, now=now)
        _announce(joined)
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


def _place(
    article: Article, candidate: StoryArticle, now: datetime
) -> tuple[Story, Article | None, bool]:
    """The story an article joins (written as a member), its original when it is a
    near-duplicate of a visible article, and whether it joined just now."""
    with engine_state.story_lock():
        engine = engine_state.sync_story_engine(now=now)
        member = StoryMember.objects.filter(article=article).select_related("story").first()
        if member is not None:
            engine.add(candidate, member.story_id, duplicate_of=article.duplicate_of_id)
            return member.story, None, False
        decision = engine.decide(candidate)
        if decision.story is not None and not _engine_agrees(engine, decision.story):
            engine = engine_state.rebuild_story_engine(now=now)
            decision = engine.decide(candidate)
        original = None
        if decision.duplicate_of is not None and article.source_id is not None:
            original = visible_articles(now).filter(pk=decision.duplicate_of).first()
            if original is not None and not _is_duplicate_in_fact(
                candidate, original, engine.config.duplicates.threshold
            ):
                original = None
        story = Story.objects.filter(pk=decision.story, merged_into__isnull=True).first()
        if story is None:
            story = Story.objects.create(first_seen_at=candidate.published)
            if engine.members(story.pk):
                # The engine remembers a story by this id that the database no longer has.
                engine = engine_state.rebuild_story_engine(now=now)
        member = StoryMember.objects.create(
            story=story,
            article=article,
            source_id=article.source_id,
            published_at=article.published_at,
            score=decision.score,
        )
        engine.add(candidate, story.pk, duplicate_of=original.pk if original else None)
        engine_state.note_own_member(member.pk)
    return story, original, True


def _engine_agrees(engine, story_id: int) -> bool:
    in_db = set(StoryMember.objects.filter(story_id=story_id).values_list("article_id", flat=True))
    return in_db == set(engine.members(story_id))


@transaction.atomic
def refresh_story(*, story: Story, now: datetime | None = None) -> Story:
    """Recompute what a story shows from its members: times, lead, headline, topics."""
    now = now or timezone.now()
    members = list(
        StoryMember.objects.filter(story=story).values_list("article_id", "published_at")
    )
    times = [published for _, published in members if published]
    story.first_seen_at = min(times, default=story.first_seen_at)
    story.last_seen_at = max(times, default=story.last_seen_at)
    if not story.lead_chosen_by_desk or story.lead_id not in {a for a, _ in members}:
        story.lead_chosen_by_desk = False
        story.lead_id = _automatic_lead(story, now)
    story.headline = (
        Article.objects.filter(pk=story.lead_id).values_list("headline", flat=True).first()
        if story.lead_id
        else story.headline
    ) or story.headline
    story.save()
    _rank_topics(story)
    return story


def _automatic_lead(story: Story, now: datetime) -> int | None:
    rows = (
        visible_articles(now)
        .filter(story_link__story=story, duplicate_of__isnull=True)
        .values_list("id", "published_at", "body", "standfirst", "image_url")
    )
    return most_complete_recent(
        LeadCandidate(
            id=pk,
            published=published,
            words=len(html_to_text(body).split()),
            has_standfirst=bool(standfirst),
            has_image=bool(image_url),
        )
        for pk, published, body, standfirst, image_url in rows
    )


def _rank_topics(story: Story) -> None:
    weights: Counter[int] = Counter()
    for topic_id, score in ArticleTopic.objects.filter(
        article__story_link__story=story
    ).values_list("topic_id", "score"):
        # How many of the story's articles carry the topic first, how strongly second.
        weights[topic_id] += 1.0 + min(score, 1.0) / 10
    ranked = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:MAX_TOPICS]
    StoryTopic.objects.filter(story=story).delete()
    StoryTopic.objects.bulk_create(
        StoryTopic(story=story, topic_id=topic_id, weight=weight, position=position)
        for position, (topic_id, weight) in enumerate(ranked)
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
        with engine_state.story_lock():
            if engine_state._engine is not None:
                for article_id in killed:
                    engine_state._engine.remove(article_id)
    refreshed: dict[int, Story] = {}
    for member in members:
        if member.story_id not in refreshed:
            refreshed[member.story_id] = refresh_story(story=member.story)
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
    with engine_state.story_lock():
        if engine_state._engine is not None:
            engine_state._engine.merge(keep.pk, other.pk)
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
    with engine_state.story_lock():
        if engine_state._engine is not None:
            engine_state._engine.move(article.pk, story.pk)
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
