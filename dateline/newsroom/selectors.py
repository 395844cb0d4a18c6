"""Reads of articles for every public surface. Visibility is decided here, once."""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.db import connections, router
from django.db.models import Exists, Field, OuterRef, Q, QuerySet
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


class PreparedQuery:
    """A queryset compiled to SQL once per database, then run with new values each time.

    Building and compiling an ORM query costs several times what running it does (about a
    millisecond for the article page's query with its joins and visibility test, against a
    fraction of that in SQLite or PostgreSQL), and the uncached article page asks the same
    few queries each time with another id and clock. `build(**values)` returns the queryset
    for some values; it is built once with stand-in values (`stand_ins`: name -> (value,
    field the value is compared with)), compiled, and each run puts the caller's values,
    prepared for the database by the same field, where the stand-ins were in the SQL's
    parameters. The rows become model instances through Django's own iterable, so
    `select_related`, `only`, annotations and `prefetch_related` behave as usual.

    The stand-ins must be values no real query uses (a negative id, a date long past),
    so that they cannot be taken for a constant of the query.
    """

    def __init__(
        self, model: type, build: Callable[..., QuerySet], stand_ins: dict[str, tuple[Any, Field]]
    ) -> None:
        self.model = model
        self.build = build
        self.stand_ins = stand_ins
        self._compiled: dict[str, tuple] = {}
        self._lock = threading.Lock()

    def _compile(self, alias: str) -> tuple:
        connection = connections[alias]
        queryset = self.build(**{name: value for name, (value, _) in self.stand_ins.items()})
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots: dict[str, list[int]] = {}
        for name, (value, field) in self.stand_ins.items():
            prepared = field.get_db_prep_value(value, connection, prepared=False)
            slots[name] = [n for n, param in enumerate(params) if param == prepared]
            if not slots[name]:
                raise ValueError(f"the stand-in for {name} is not among the query's parameters")
        return queryset, compiler, sql, tuple(params), slots

    def run(self, **values: Any) -> list:
        """The rows for `values`, as model instances.

        Only the rows leave: a queryset carrying the SQL made for the stand-ins would
        ignore whatever was chained onto it (`.filter()`, `.values()`).
        """
        alias = router.db_for_read(self.model)
        compiled = self._compiled.get(alias)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(alias) or self._compile(alias)
                self._compiled[alias] = compiled
        template, template_compiler, sql, params, slots = compiled
        connection = connections[alias]
        bound = list(params)
        for name, positions in slots.items():
            field = self.stand_ins[name][1]
            prepared = field.get_db_prep_value(values[name], connection, prepared=False)
            for position in positions:
                bound[position] = prepared
        bound_params = tuple(bound)
        # A copy of the compiler that ran setup (select, klass_info, converters), on this
        # thread's connection, answering with the SQL already made.
        compiler = copy.copy(template_compiler)
        compiler.connection = connection
        compiler.as_sql = lambda *args, **kwargs: (sql, bound_params)
        queryset = template._chain()
        queryset.query.get_compiler = lambda *args, **kwargs: compiler
        return list(queryset)


def _page_queryset(pk: int, now: datetime, annotations: dict[str, Any]) -> QuerySet[Article]:
    return (
        Article.objects.select_related("section", "source")
        .annotate(is_visible=Exists(visible_articles(now).filter(pk=OuterRef("pk"))))
        .annotate(**annotations)
        .filter(pk=pk)[:1]
    )


# A moment no article is published at, and an id no row has: see PreparedQuery.
_STAND_IN_NOW = datetime(1901, 2, 3, 4, 5, 6, 789, tzinfo=UTC)
_STAND_IN_PK = -7_391_044_221
_page_queries: dict[tuple, PreparedQuery] = {}
_article_pk = Article._meta.pk
_authors_of_article = PreparedQuery(
    Author,
    lambda pk: Author.objects.filter(articles=pk).only("id", "name", "slug"),
    {"pk": (_STAND_IN_PK, _article_pk)},
)
_corrections_of_article = PreparedQuery(
    CorrectionNote,
    lambda pk: CorrectionNote.objects.filter(article=pk).order_by("noted_at", "id"),
    {"pk": (_STAND_IN_PK, _article_pk)},
)


def article_for_page(
    *, pk: int, now: datetime | None = None, annotations: dict[str, Any] | None = None
) -> Article | None:
    """One article with everything its page shows, whatever its status: its section and
    source, its authors and correction notes (as if prefetched: `article.authors.all()`
    asks no query), in three queries.

    `is_visible` is annotated from `visible_articles` itself, so the page applies the same
    rule as every list without a second query. Apps downstream add what they need to the
    same query through `annotations` (e.g. the article's story id). The queries are
    compiled once (see `PreparedQuery`): the uncached page asks them with every render.
    """
    annotations = annotations or {}
    key = tuple(sorted(annotations.items(), key=lambda item: item[0]))
    prepared = _page_queries.get(key)
    if prepared is None:
        prepared = _page_queries.setdefault(
            key,
            PreparedQuery(
                Article,
                lambda pk, now: _page_queryset(pk, now, annotations),
                {
                    "pk": (_STAND_IN_PK, _article_pk),
                    "now": (_STAND_IN_NOW, Article._meta.get_field("published_at")),
                },
            ),
        )
    found = prepared.run(pk=pk, now=now or timezone.now())
    if not found:
        return None
    article = found[0]
    # What prefetch_related("authors", "corrections") leaves behind: the related managers'
    # own querysets (built, never compiled) holding the rows, so that `.all()` asks no
    # query and anything chained onto it is a query of its own.
    article._prefetched_objects_cache = {}
    for name, related in (
        ("authors", _authors_of_article),
        ("corrections", _corrections_of_article),
    ):
        queryset = getattr(article, name).all()
        queryset._result_cache = related.run(pk=article.pk)
        queryset._prefetch_done = True
        article._prefetched_objects_cache[name] = queryset
    return article


def menu_sections() -> list[Section]:
    return list(Section.objects.only("id", "name", "slug", "position"))
