"""Reads of articles for every public surface. Visibility is decided here, once."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from dateline.newsroom.models import Article, Author, CorrectionNote, Section

# Teasers need only these columns; the body stays in the database.
TEASER_FIELDS = (
    "id",
    "slug",
    "headline",
    "standfirst",
    "published_at",
    "updated_at",
    "section_id",
    "image_url",
    "image_alt",
    "credit",
    "is_lead",
)


def visible_articles(now: datetime | None = None) -> QuerySet[Article]:
    """Articles the public may see at `now`: published, its time come, no embargo pending.

    Drafts, articles ready for review, unpublished and killed ones, scheduled ones whose
    time has not come and embargoed ones are all left out. Every public surface starts here.
    """
    now = now or timezone.now()
    return Article.objects.filter(status=Article.Status.PUBLISHED, published_at__lte=now).filter(
        Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)
    )


def latest_articles(*, limit: int, now: datetime | None = None) -> list[Article]:
    """The newest visible articles across sections, as teasers."""
    return list(visible_articles(now).only(*TEASER_FIELDS).order_by("-published_at", "-id")[:limit])


def lead_articles(*, limit: int = 3, now: datetime | None = None) -> list[Article]:
    """The articles the desk chose to lead the home page, newest first; else the newest."""
    leads = list(
        visible_articles(now)
        .filter(is_lead=True)
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")[:limit]
    )
    if leads:
        return leads
    return list(
        visible_articles(now)
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")[:limit]
    )


def articles_in_section(*, section: Section, now: datetime | None = None) -> QuerySet[Article]:
    return (
        visible_articles(now)
        .filter(section=section)
        .only(*TEASER_FIELDS)
        .order_by("-published_at", "-id")
    )


def articles_by_author(*, author: Author, now: datetime | None = None) -> QuerySet[Article]:
    return (
        visible_articles(now)
        .filter(authors=author)
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")
    )


def latest_by_section(
    *, sections: list[Section], per_section: int, exclude_ids: set[int], now: datetime | None = None
) -> dict[int, list[Article]]:
    """The latest articles of each section, in one query per section (a few sections)."""
    result: dict[int, list[Article]] = {}
    for section in sections:
        result[section.id] = list(
            articles_in_section(section=section, now=now).exclude(id__in=exclude_ids)[:per_section]
        )
    return result


def article_for_page(
    *, pk: int, now: datetime | None = None, annotations: dict[str, Any] | None = None
) -> Article | None:
    """One article with everything its page shows, whatever its status: its section and
    source, its authors and correction notes (prefetched: `article.authors.all()` asks no
    query), in three queries.

    `is_visible` is annotated from `visible_articles` itself, so the page applies the same
    rule as every list without a second query. Apps downstream add what they need to the
    same query through `annotations` (e.g. the article's story id).
    """
    now = now or timezone.now()
    return (
        Article.objects.select_related("section", "source")
        .annotate(is_visible=Exists(visible_articles(now).filter(pk=OuterRef("pk"))))
        .annotate(**(annotations or {}))
        .prefetch_related(
            Prefetch("authors", queryset=Author.objects.only("id", "name", "slug")),
            Prefetch("corrections", queryset=CorrectionNote.objects.order_by("noted_at", "id")),
        )
        .filter(pk=pk)
        .first()
    )


def menu_sections() -> list[Section]:
    return list(Section.objects.only("id", "name", "slug", "position"))
