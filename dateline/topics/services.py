"""Writes to topics: tagging articles, and the desk's work on the topic knowledge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from dateline.core.tagging import TaggingResult, TopicEntry
from dateline.core.text import html_to_text
from dateline.newsroom import events
from dateline.newsroom.models import Article
from dateline.topics.models import ArticleTopic, Topic
from dateline.topics.tagging import current_tagger, knowledge_changed
from dateline.wires.models import WireItem

# How far back a desk change to a topic re-tags the articles it may affect.
RETAG_WINDOW = timedelta(days=3)
SUGGESTION_SCORE = 0.0


def find_or_create_topic(*, name: str, kind: str, description: str = "") -> Topic:
    slug = slugify(name) or "topic"
    topic, _ = Topic.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind, "description": description}
    )
    return topic


def topic_for_entry(entry: TopicEntry, known: dict[str, Topic] | None = None) -> Topic:
    """The topic row for a knowledge entry, made from the seed the first time it is used.

    `known` (slug -> topic, read in one query for a batch) saves the lookup."""
    if known is not None and entry.slug in known:
        return known[entry.slug]
    topic, _ = Topic.objects.get_or_create(
        slug=entry.slug,
        defaults={
            "name": entry.name,
            "kind": entry.kind,
            "description": entry.description[:300],
            "aliases": list(entry.aliases),
            "external_ids": dict(entry.external_ids),
        },
    )
    if known is not None:
        known[topic.slug] = topic
    return topic


@transaction.atomic
def assign_topics(*, article: Article, topics: Sequence[tuple[Topic, float]]) -> None:
    """Set an article's topics, in the given order, with their scores."""
    before = list(
        ArticleTopic.objects.filter(article=article)
        .order_by("position")
        .values_list("topic__slug", flat=True)
    )
    ArticleTopic.objects.filter(article=article).delete()
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=topic, score=score, position=position)
        for position, (topic, score) in enumerate(topics)
    )
    if before != [topic.slug for topic, _ in topics]:
        # The article's record changed (its topics are in its feed and API entries), so its
        # validators must move; `updated_at`, the public "Updated" time, stays.
        Article.objects.filter(pk=article.pk).update(modified_at=timezone.now())
    if article.is_published:
        events.announce_change(
            article_id=article.pk,
            what={events.TOPICS_CHANGED},
            section_ids={article.section_id},
            topic_slugs=set(before),
        )


def _tagger_input(article: Article, agency_subjects: list[str]) -> dict:
    return {
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": html_to_text(article.body),
        "language": article.language,
        "agency_subjects": agency_subjects,
        "section": article.section.slug,
    }


def _agency_subjects_of(articles: Sequence[Article]) -> dict[int, list[str]]:
    """The agency's subject codes of each article's latest wire version, in one query."""
    wanted = {(a.source_id, a.agency_id): a.pk for a in articles if a.agency_id}
    found: dict[int, list[str]] = {pk: [] for pk in wanted.values()}
    if not wanted:
        return found
    seen: set[tuple[int, str]] = set()
    for source_id, agency_id, parsed in (
        WireItem.objects.filter(
            source_id__in={source for source, _ in wanted},
            agency_id__in={agency for _, agency in wanted},
        )
        .order_by("-received_at", "-id")
        .values_list("source_id", "agency_id", "parsed")
    ):
        key = (source_id, agency_id)
        if key in wanted and key not in seen:
            seen.add(key)
            found[wanted[key]] = [code for code, _ in (parsed or {}).get("subjects", []) if code]
    return found


def _store_tagging(
    article: Article, result: TaggingResult, known: dict[str, Topic] | None = None
) -> None:
    chosen = [
        (topic_for_entry(tagged.entry, known), round(tagged.score, 4)) for tagged in result.topics
    ]
    known = {topic.pk for topic, _ in chosen}
    for suggestion in result.suggested:
        topic, _ = Topic.objects.get_or_create(
            slug=suggestion.slug,
            defaults={
                "name": suggestion.name,
                "kind": suggestion.kind,
                "status": Topic.Status.SUGGESTED,
            },
        )
        if topic.pk not in known and topic.status == Topic.Status.SUGGESTED:
            chosen.append((topic, SUGGESTION_SCORE))
            known.add(topic.pk)
    assign_topics(article=article, topics=chosen)


def tag_article(*, article: Article) -> TaggingResult:
    """Tag an article with the current knowledge and store its topics.

    Recognised names the knowledge does not hold become `suggested` topics, linked to the
    article for the desk but never shown to readers until approved.
    """
    return tag_articles(articles=[article])[0]


def tag_articles(*, articles: Sequence[Article]) -> list[TaggingResult]:
    """Tag several articles (a wire input's batch) as `tag_article` does each one.

    The name recogniser reads the batch in one pass, and the topic changes go out as one
    event once stored.
    """
    subjects = _agency_subjects_of(articles)
    results = current_tagger().tag_many(
        [_tagger_input(article, subjects.get(article.pk, [])) for article in articles]
    )
    slugs = {tagged.entry.slug for result in results for tagged in result.topics}
    known = {topic.slug: topic for topic in Topic.objects.filter(slug__in=slugs)}
    with events.delivered_together(), transaction.atomic():
        for article, result in zip(articles, results, strict=True):
            _store_tagging(article, result, known)
    return results


def _retag_articles_mentioning(names: Sequence[str]) -> int:
    """Re-tag recent articles whose copy names any of `names` (after a desk change)."""
    names = [name for name in names if name.strip()]
    if not names:
        return 0
    query = Q()
    for name in names:
        query |= (
            Q(headline__icontains=name) | Q(standfirst__icontains=name) | Q(body__icontains=name)
        )
    since = timezone.now() - RETAG_WINDOW
    articles = list(Article.objects.filter(query, created_at__gte=since).select_related("section"))
    if articles:
        tag_articles(articles=articles)
    return len(articles)


def _desk_edit(topic: Topic, **changes) -> Topic:
    for name, value in changes.items():
        setattr(topic, name, value)
    topic.edited_by_desk = True
    topic.save()
    transaction.on_commit(knowledge_changed)
    return topic


@transaction.atomic
def approve_topic(*, topic: Topic) -> Topic:
    """A suggested topic becomes a real one, and recent articles naming it are re-tagged."""
    _desk_edit(topic, status=Topic.Status.ACTIVE)
    knowledge_changed()
    _retag_articles_mentioning([topic.name, *topic.aliases])
    return topic


@transaction.atomic
def block_topic(*, topic: Topic) -> Topic:
    """Never tag this again, and take it off every article now."""
    _desk_edit(topic, status=Topic.Status.BLOCKED)
    affected = list(
        Article.objects.filter(topic_links__topic=topic).values_list("id", "section_id")
    )
    ArticleTopic.objects.filter(topic=topic).delete()
    for article_id, section_id in affected:
        events.announce_change(
            article_id=article_id,
            what={events.TOPICS_CHANGED},
            section_ids={section_id},
            topic_slugs={topic.slug},
        )
    return topic


@transaction.atomic
def rename_topic(*, topic: Topic, name: str) -> Topic:
    """A new display name; the old one stays as an alias so that copy using it still tags."""
    aliases = list(dict.fromkeys([*topic.aliases, topic.name]))
    return _desk_edit(topic, name=name.strip(), aliases=aliases)


@transaction.atomic
def add_aliases(*, topic: Topic, aliases: Sequence[str]) -> Topic:
    new = [alias.strip() for alias in aliases if alias.strip()]
    _desk_edit(topic, aliases=list(dict.fromkeys([*topic.aliases, *new])))
    knowledge_changed()
    _retag_articles_mentioning(new)
    return topic


@transaction.atomic
def merge_topics(*, topic: Topic, into: Topic) -> Topic:
    """Fold one topic into another: every article keeps its tag, under the surviving topic.

    The merged topic's names become aliases of the survivor, so copy using them still tags.
    """
    if topic.pk == into.pk:
        raise ValueError("A topic cannot be merged into itself.")
    for link in ArticleTopic.objects.filter(topic=topic).select_related("article"):
        existing = ArticleTopic.objects.filter(article=link.article, topic=into).first()
        if existing is None:
            link.topic = into
            link.save(update_fields=["topic"])
        else:
            existing.score = max(existing.score, link.score)
            existing.position = min(existing.position, link.position)
            existing.save(update_fields=["score", "position"])
            link.delete()
        if link.article.is_published:
            events.announce_change(
                article_id=link.article_id,
                what={events.TOPICS_CHANGED},
                section_ids={link.article.section_id},
                topic_slugs={topic.slug},
            )
    _desk_edit(into, aliases=list(dict.fromkeys([*into.aliases, topic.name, *topic.aliases])))
    _desk_edit(topic, status=Topic.Status.MERGED, merged_into=into)
    return into
