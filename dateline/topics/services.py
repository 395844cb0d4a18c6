"""Writes to topics: tagging articles, and the desk's work on the topic knowledge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from dateline.core.tagging import TaggingResult, TopicEntry, clean_name
from dateline.core.tagging import slugify as topic_slug
from dateline.core.text import html_to_text
from dateline.newsroom import events
from dateline.newsroom.models import Article
from dateline.topics.models import ArticleTopic, Topic
from dateline.topics.tagging import current_tagger, knowledge_changed
from dateline.wires.models import WireItem

# How far back a desk change to a topic re-tags the articles it may affect.
RETAG_WINDOW = timedelta(days=3)
SUGGESTION_SCORE = 0.0
SUGGESTED = Topic.Status.SUGGESTED


def find_or_create_topic(*, name: str, kind: str, description: str = "") -> Topic:
    slug = slugify(name) or "topic"
    topic, _ = Topic.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind, "description": description}
    )
    return topic


def assign_topics(*, article: Article, topics: Sequence[tuple[Topic, float]]) -> None:
    """Set an article's topics, in the given order, with their scores."""
    assign_topics_of_articles({article: topics})


@transaction.atomic
def assign_topics_of_articles(
    chosen: dict[Article, Sequence[tuple[Topic, float]]], *, new: frozenset[int] = frozenset()
) -> None:
    """`assign_topics` for several articles in a few queries, whatever their number.

    Only articles whose topics actually changed are written. Only those whose topics as
    readers see them changed (suggestions are for the desk) are announced: a re-tag that
    finds what was there already must not purge pages, re-index and refresh stories.
    `new` names articles made in this transaction: they have no topics to read or replace.
    """
    if not chosen:
        return
    before: dict[int, list[str]] = {article.pk: [] for article in chosen}
    shown_before: dict[int, list[str]] = {article.pk: [] for article in chosen}
    for article_id, slug, status in (
        ArticleTopic.objects.filter(article__in=[a for a in chosen if a.pk not in new])
        .order_by("article_id", "position")
        .values_list("article_id", "topic__slug", "topic__status")
    ):
        before[article_id].append(slug)
        if status == Topic.Status.ACTIVE:
            shown_before[article_id].append(slug)
    changed = [
        article
        for article, topics in chosen.items()
        if before[article.pk] != [topic.slug for topic, _ in topics]
    ]
    if not changed:
        return
    replaced = [article for article in changed if article.pk not in new]
    if replaced:
        ArticleTopic.objects.filter(article__in=replaced).delete()
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=topic, score=score, position=position)
        for article in changed
        for position, (topic, score) in enumerate(chosen[article])
    )
    shown = [
        article
        for article in changed
        if shown_before[article.pk]
        != [topic.slug for topic, _ in chosen[article] if topic.status == Topic.Status.ACTIVE]
    ]
    if not shown:
        return
    # The articles' records changed (topics are in their feed and API entries), so their
    # validators must move; `updated_at`, the public "Updated" time, stays. A new
    # article's record was only just made: nothing can hold an older validator of it.
    moved = [article.pk for article in shown if article.pk not in new]
    if moved:
        Article.objects.filter(pk__in=moved).update(modified_at=timezone.now())
    for article in shown:
        if article.is_published:
            events.announce_change(
                article_id=article.pk,
                what={events.TOPICS_CHANGED},
                section_ids={article.section_id},
                topic_slugs=set(before[article.pk]),
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
    # Only the subjects are read out of the stored parse: the rest holds the whole body.
    for source_id, agency_id, subjects in (
        WireItem.objects.filter(
            source_id__in={source for source, _ in wanted},
            agency_id__in={agency for _, agency in wanted},
        )
        .order_by("-received_at", "-id")
        .values_list("source_id", "agency_id", "parsed__subjects")
    ):
        key = (source_id, agency_id)
        if key in wanted and key not in seen:
            seen.add(key)
            found[wanted[key]] = [code for code, _ in subjects or [] if code]
    return found


def _rows_of(topics: dict[str, Topic]) -> dict[str, Topic]:
    """The stored rows of these (unsaved) topics by slug, the missing ones made, in three
    queries for any number. Another worker may make one meanwhile: the slug is unique,
    and theirs wins."""
    known = {topic.slug: topic for topic in Topic.objects.filter(slug__in=topics)}
    missing = [topic for slug, topic in topics.items() if slug not in known]
    if missing:
        Topic.objects.bulk_create(missing, ignore_conflicts=True)
        known.update(
            (topic.slug, topic)
            for topic in Topic.objects.filter(slug__in=[topic.slug for topic in missing])
        )
    return known


def _topics_for_entries(entries: Sequence[TopicEntry]) -> dict[str, Topic]:
    """Knowledge entries' topics; one used for the first time is made from the seed."""
    return _rows_of(
        {
            entry.slug: Topic(
                slug=entry.slug,
                name=entry.name,
                kind=entry.kind,
                description=entry.description[:300],
                aliases=list(entry.aliases),
                external_ids=dict(entry.external_ids),
            )
            for entry in entries
        }
    )


def _suggested_topics(results: Sequence[TaggingResult]) -> dict[str, Topic]:
    """The recogniser's suggestions' topics by the tagger's slug; new ones are made
    `suggested`, their names cleaned (one line, whitespace collapsed, trimmed)."""
    made: dict[str, Topic] = {}
    slug_of: dict[str, str] = {}
    for result in results:
        for s in result.suggested:
            name = clean_name(s.name)
            slug = topic_slug(name)
            if not slug:
                continue
            slug_of[s.slug] = slug
            made.setdefault(slug, Topic(slug=slug, name=name, kind=s.kind, status=SUGGESTED))
    rows = _rows_of(made)
    return {tagger_slug: rows[slug] for tagger_slug, slug in slug_of.items()}


def _kept_suggestions(articles: Sequence[Article]) -> dict[int, list[Topic]]:
    """The suggestions already linked to each article (the pass that found them ran before)."""
    kept: dict[int, list[Topic]] = {}
    for link in (
        ArticleTopic.objects.filter(article__in=articles, topic__status=Topic.Status.SUGGESTED)
        .select_related("topic")
        .order_by("article_id", "position")
    ):
        kept.setdefault(link.article_id, []).append(link.topic)
    return kept


def _store_taggings(
    articles: Sequence[Article],
    results: Sequence[TaggingResult],
    *,
    names: bool,
    new: frozenset[int] = frozenset(),
) -> None:
    entries = [tagged.entry for result in results for tagged in result.topics]
    topics = _topics_for_entries(entries)
    if names:
        suggested = _suggested_topics(results)
        suggestions = {
            article.pk: [suggested[s.slug] for s in result.suggested if s.slug in suggested]
            for article, result in zip(articles, results, strict=True)
        }
    else:
        suggestions = _kept_suggestions([a for a in articles if a.pk not in new])
    chosen: dict[Article, list[tuple[Topic, float]]] = {}
    for article, result in zip(articles, results, strict=True):
        picked = [(topics[t.entry.slug], round(t.score, 4)) for t in result.topics]
        seen = {topic.pk for topic, _ in picked}
        for topic in suggestions.get(article.pk, ()):
            if topic.pk not in seen and topic.status == Topic.Status.SUGGESTED:
                picked.append((topic, SUGGESTION_SCORE))
                seen.add(topic.pk)
        chosen[article] = picked
    assign_topics_of_articles(chosen, new=new)


def tag_article(*, article: Article) -> TaggingResult:
    """Tag an article with the current knowledge and store its topics.

    Recognised names the knowledge does not hold become `suggested` topics, linked to the
    article for the desk but never shown to readers until approved.
    """
    return tag_articles(articles=[article])[0]


def tag_articles(
    *,
    articles: Sequence[Article],
    names: bool = True,
    agency_subjects: dict[int, list[str]] | None = None,
    new: frozenset[int] = frozenset(),
) -> list[TaggingResult]:
    """Tag several articles (a wire input's batch) as `tag_article` does each one.

    The name recogniser reads the batch in one pass, the topics are stored in a few
    queries, and the changes go out as one event. `names=False` is the quick pass: the
    alias index alone (the topics readers see, at ten times the speed), the suggestions an
    earlier full pass linked left as they are. Ingest, which holds the wire versions,
    gives their `agency_subjects` and the articles it made (`new`) instead of having
    them read back.
    """
    subjects = dict(agency_subjects or {})
    unknown = [article for article in articles if article.pk not in subjects]
    if unknown:
        subjects.update(_agency_subjects_of(unknown))
    results = current_tagger().tag_many(
        [_tagger_input(article, subjects.get(article.pk, [])) for article in articles],
        recognise=names,
    )
    with events.together_in_transaction():
        _store_taggings(articles, results, names=names, new=new)
    return results


def tag_wire_copy(
    *, articles: list[Article], agency_subjects: dict[int, list[str]], new: frozenset[int]
) -> None:
    """The quick pass (alias index only) over the copy a wire input publishes, inside its
    transaction; the name recogniser's pass follows in the worker. `agency_subjects` holds
    the agency's subject codes of each article, `new` the articles the input made (they
    have no topics yet to read back or replace)."""
    tag_articles(articles=articles, names=False, agency_subjects=agency_subjects, new=new)


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
    # The articles it was suggested for show it from now on, even where a re-tag finds it
    # just where it was: their pages, feed entries and search entries change.
    shown = list(
        Article.objects.filter(
            topic_links__topic=topic, status=Article.Status.PUBLISHED
        ).values_list("id", "section_id")
    )
    Article.objects.filter(pk__in=[pk for pk, _ in shown]).update(modified_at=timezone.now())
    for article_id, section_id in shown:
        events.announce_change(
            article_id=article_id, what={events.TOPICS_CHANGED}, section_ids={section_id}
        )
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
