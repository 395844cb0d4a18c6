"""Reads for feeds and sitemaps, all through `visible_articles`.

A scope is the part of the site one feed or page covers: the whole edition, a section,
a topic or an author. Sitemaps also leave out articles whose source asks search engines
not to index them (verbatim agency copy under a syndication contract).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from dateline.newsroom.models import Article, Author, Section
from dateline.newsroom.selectors import visible_articles
from dateline.topics.models import Topic
from dateline.topics.selectors import public_topic_links, public_topics
from dateline.wires.models import Source

FEED_ITEMS = 50
NEWS_WINDOW = timedelta(hours=48)

# Columns a feed item shows; the body only when feeds carry full content.
FEED_FIELDS = (
    "id",
    "slug",
    "headline",
    "standfirst",
    "byline",
    "credit",
    "language",
    "published_at",
    "updated_at",
    "image_url",
    "image_alt",
    "image_caption",
    "image_credit",
    "section__id",
    "section__name",
    "section__slug",
)
SITEMAP_FIELDS = ("id", "slug", "headline", "language", "published_at", "updated_at")


@dataclass(frozen=True)
class Scope:
    """What one feed covers: `kind` is home, section, topic or author."""

    kind: str
    filter: Q
    name: str = ""
    slug: str = ""
    obj: object = None

    @classmethod
    def home(cls) -> Scope:
        return cls(kind="home", filter=Q())

    @classmethod
    def of_section(cls, section: Section) -> Scope:
        return cls("section", Q(section=section), section.name, section.slug, section)

    @classmethod
    def of_topic(cls, topic: Topic) -> Scope:
        return cls("topic", Q(topic_links__topic=topic), topic.name, topic.slug, topic)

    @classmethod
    def of_author(cls, author: Author) -> Scope:
        return cls("author", Q(authors=author), author.name, author.slug, author)


def scope_articles(*, scope: Scope, now: datetime | None = None) -> QuerySet[Article]:
    return visible_articles(now).filter(scope.filter)


def withdrawn_articles(*, scope: Scope) -> QuerySet[Article]:
    """Articles taken off the site (killed, unpublished): their leaving changes a list too."""
    return Article.objects.filter(scope.filter).filter(
        status__in=[Article.Status.KILLED, Article.Status.UNPUBLISHED]
    )


def feed_articles(
    *, scope: Scope, full: bool, limit: int = FEED_ITEMS, now: datetime | None = None
) -> list[Article]:
    """The newest visible articles of a scope, with authors and topics, for one feed."""
    fields = (*FEED_FIELDS, "body") if full else FEED_FIELDS
    return list(
        scope_articles(scope=scope, now=now)
        .select_related("section")
        .only(*fields)
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("id", "name", "slug")),
            Prefetch(
                "topic_links",
                queryset=public_topic_links()
                .select_related("topic")
                .only("id", "article_id", "position", "score", "topic__name", "topic__slug")
                .order_by("position", "-score"),
            ),
        )
        .order_by("-published_at", "-id")[:limit]
    )


def indexable_articles(now: datetime | None = None) -> QuerySet[Article]:
    """Visible articles that search engines may index (sitemaps list only these)."""
    return visible_articles(now).exclude(source__indexing_policy=Source.IndexingPolicy.NOINDEX)


@dataclass(frozen=True)
class Month:
    start: datetime  # first instant of the month, UTC
    count: int
    lastmod: datetime

    @property
    def label(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def end(self) -> datetime:
        return month_end(self.start)


def month_end(start: datetime) -> datetime:
    """The first instant of the month after the one `start` opens."""
    year, month = divmod(start.month, 12)
    return start.replace(year=start.year + year, month=month + 1)


def article_months(now: datetime | None = None) -> list[Month]:
    """Months (UTC) that have indexable articles, newest first, in one grouped query."""
    rows = (
        indexable_articles(now)
        .annotate(month=TruncMonth("published_at", tzinfo=UTC))
        .values("month")
        .annotate(count=Count("id"), published=Max("published_at"), updated=Max("updated_at"))
        .order_by("-month")
    )
    return [
        Month(
            start=row["month"],
            count=row["count"],
            lastmod=max(d for d in (row["published"], row["updated"]) if d is not None),
        )
        for row in rows
    ]


def month_start(label: str) -> datetime | None:
    try:
        return datetime.strptime(label, "%Y-%m").replace(tzinfo=UTC)
    except ValueError:
        return None


def articles_of_month(*, start: datetime, end: datetime, now=None) -> QuerySet[Article]:
    return (
        indexable_articles(now)
        .filter(published_at__gte=start, published_at__lt=end)
        .only(*SITEMAP_FIELDS)
        .order_by("published_at", "id")
    )


def news_articles(now: datetime) -> QuerySet[Article]:
    """Indexable articles first published within the news window (48 hours), newest first."""
    return (
        indexable_articles(now)
        .filter(published_at__gte=now - NEWS_WINDOW)
        .only(*SITEMAP_FIELDS)
        .order_by("-published_at", "-id")
    )


def last_left_news_window(now: datetime) -> datetime | None:
    """When the latest article to age out of the news window left it (index-only lookup)."""
    published = (
        indexable_articles(now)
        .filter(published_at__lt=now - NEWS_WINDOW)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    return published + NEWS_WINDOW if published else None


def sections_with_lastmod(now: datetime | None = None) -> list[tuple[Section, datetime | None]]:
    """Every section with when its newest indexable article appeared or last changed."""
    latest = {
        row["section_id"]: max(d for d in (row["published"], row["updated"]) if d is not None)
        for row in indexable_articles(now)
        .values("section_id")
        .annotate(published=Max("published_at"), updated=Max("updated_at"))
        .order_by()
    }
    return [(section, latest.get(section.id)) for section in Section.objects.only("id", "slug")]


def topics_with_lastmod(now: datetime | None = None) -> QuerySet[Topic]:
    """Topics that have indexable articles, annotated with their newest change."""
    return (
        public_topics()
        .filter(article_links__article__in=indexable_articles(now).values("id"))
        .annotate(
            published=Max("article_links__article__published_at"),
            updated=Max("article_links__article__updated_at"),
        )
        .only("id", "slug")
        .order_by("slug")
    )


def membership_fingerprint(queryset: QuerySet) -> tuple:
    """Count, id sum and newest id of a queryset: moves when a row joins or leaves."""
    row = queryset.order_by().aggregate(count=Count("id"), total=Sum("id"), top=Max("id"))
    return (row["count"], row["total"], row["top"])
