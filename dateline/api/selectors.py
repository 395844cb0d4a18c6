"""What the API reads: every article through `visible_articles`, pages by keyset."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from dateline.newsroom.models import Article, Author, CorrectionNote, Revision, Section
from dateline.newsroom.selectors import visible_articles
from dateline.topics.models import ArticleTopic, Topic
from dateline.topics.selectors import public_topic_links, public_topics


@dataclass(frozen=True, slots=True)
class ArticleFilters:
    section: str | None = None
    topic: str | None = None
    source: str | None = None
    language: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def _revision_count() -> Coalesce:
    # The ninjs `version` of an article: one more than the revisions its changes kept.
    counted = (
        Revision.objects.filter(article=OuterRef("pk"))
        .order_by()
        .values("article")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def filtered_articles(*, filters: ArticleFilters, now: datetime) -> QuerySet[Article]:
    """Visible articles matching the filters, newest first."""
    articles = visible_articles(now)
    if filters.section:
        articles = articles.filter(section__slug=filters.section)
    if filters.topic:
        # One row per article: a topic is linked to an article at most once.
        articles = articles.filter(
            topic_links__topic__in=public_topics().filter(slug=filters.topic)
        )
    if filters.source:
        articles = articles.filter(source__slug=filters.source)
    if filters.language:
        articles = articles.filter(language__iexact=filters.language)
    if filters.since:
        articles = articles.filter(published_at__gte=filters.since)
    if filters.until:
        articles = articles.filter(published_at__lt=filters.until)
    return articles.order_by("-published_at", "-id")


def article_page(
    *,
    filters: ArticleFilters,
    after: tuple[datetime, int] | None,
    limit: int,
    now: datetime,
) -> tuple[list[Article], bool]:
    """One page of articles after the cursor position, and whether more follow."""
    articles = (
        filtered_articles(filters=filters, now=now)
        .select_related("section", "source")
        .annotate(revision_count=_revision_count())
    )
    if after is not None:
        published_at, pk = after
        articles = articles.filter(
            Q(published_at__lt=published_at) | Q(published_at=published_at, id__lt=pk)
        )
    rows = list(articles[: limit + 1])
    return rows[:limit], len(rows) > limit


def article_details() -> tuple[Prefetch, ...]:
    """What an article's JSON needs besides its row: authors, topics, correction notes."""
    return (
        Prefetch("authors", queryset=Author.objects.only("id", "name", "slug")),
        Prefetch(
            "topic_links",
            queryset=public_topic_links()
            .select_related("topic")
            .order_by("position", "-score", "topic__name"),
        ),
        Prefetch("corrections", queryset=CorrectionNote.objects.order_by("noted_at", "id")),
    )


def article_for_api(*, pk: int, now: datetime) -> Article | None:
    """One article whatever its status, with `is_visible` from `visible_articles` itself.

    The caller answers 410 for a killed one and 404 for anything else not visible.
    """
    return (
        Article.objects.select_related("section", "source")
        .annotate(
            is_visible=Exists(visible_articles(now).filter(pk=OuterRef("pk"))),
            revision_count=_revision_count(),
        )
        .prefetch_related(*article_details())
        .filter(pk=pk)
        .first()
    )


def api_sections() -> list[Section]:
    return list(Section.objects.order_by("position", "name"))


def api_topics(
    *, kind: str | None, after: tuple[str, int] | None, limit: int, now: datetime
) -> tuple[list[Topic], bool]:
    """Topics that a visible article is about, by name.

    A topic the tagger made from copy still under embargo would tell its news early, so a
    topic shows only once one of its articles does.
    """
    topics = public_topics().filter(
        Exists(
            ArticleTopic.objects.filter(
                topic=OuterRef("pk"), article__in=visible_articles(now).values("pk")
            )
        )
    )
    if kind:
        topics = topics.filter(kind=kind)
    if after is not None:
        name, pk = after
        topics = topics.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    rows = list(
        topics.only("id", "name", "slug", "kind", "description").order_by("name", "id")[: limit + 1]
    )
    return rows[:limit], len(rows) > limit


def api_authors(*, after: tuple[str, int] | None, limit: int) -> tuple[list[Author], bool]:
    authors = Author.objects.only("id", "name", "slug", "role")
    if after is not None:
        name, pk = after
        authors = authors.filter(Q(name__gt=name) | Q(name=name, id__gt=pk))
    rows = list(authors.order_by("name", "id")[: limit + 1])
    return rows[:limit], len(rows) > limit
