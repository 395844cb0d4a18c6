"""Searching the archive: one function for the site's search page and the JSON API.

How a search runs, whichever database is underneath:

1. The query is parsed once (`query.parse_query`); hostile input becomes a message.
2. The engine (`backends`) returns candidates with a relevance score: the newest
   POOL_SIZE matches and the newest HEADLINE_POOL_SIZE headline matches, so that the cost
   stays flat however common the words are.
3. The candidates go through `visible_articles(now)`, the one visibility rule.
4. They are ordered here: exact headline matches first, then relevance times freshness.
5. Facets are counted over the candidates; a page of them is highlighted and returned.
"""

from __future__ import annotations

import difflib
import logging
import math
import re
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import DatabaseError, connection, transaction
from django.db.models import Case, Count, Value, When
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from dateline.newsroom.models import Article, Author, Section
from dateline.newsroom.selectors import TEASER_FIELDS, visible_articles
from dateline.search.backends import (
    MARK_END,
    MARK_START,
    Filters,
    Highlight,
    get_backend,
)
from dateline.search.query import ParsedQuery, fold, parse_query, words_of
from dateline.topics.models import Topic
from dateline.topics.selectors import public_topic_links, public_topics
from dateline.wires.models import Source

logger = logging.getLogger(__name__)

PAGE_SIZE = 20
# 200 results: past that, readers narrow the search instead. Every search reads, ranks and
# counts facets over its pool of candidates, so a larger pool costs every search more.
MAX_PAGE = 10
POOL_SIZE = PAGE_SIZE * MAX_PAGE
HEADLINE_POOL_SIZE = 100
EXACT_COUNT_LIMIT = 10_000  # above this the total is given as "more than" the limit
FACET_SIZE = 10
# Freshness multiplies relevance by up to 1 + RECENCY_BOOST, halving its extra every
# RECENCY_DAYS: of two equally relevant articles the newer wins; much more relevant old
# copy still beats a passing mention today.
RECENCY_BOOST = 1.0
RECENCY_DAYS = 7.0
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class SearchHit:
    article: Article
    headline_html: SafeString
    snippet_html: SafeString
    exact_headline: bool
    score: float


@dataclass(frozen=True)
class FacetValue:
    slug: str
    name: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    query: ParsedQuery
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    total_is_estimate: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE
    num_pages: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    facets_are_partial: bool = False
    did_you_mean: str | None = None
    messages: list[str] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.page > 1 and self.num_pages > 0

    @property
    def has_next(self) -> bool:
        return self.page < self.num_pages

    @property
    def previous_page(self) -> int:
        return min(self.page - 1, self.num_pages)

    @property
    def next_page(self) -> int:
        return self.page + 1

    @property
    def first_number(self) -> int:
        return (self.page - 1) * self.page_size + 1


def marked_html(text: str) -> SafeString:
    """Escape engine text, then turn its highlight markers into <mark> elements."""
    escaped = str(escape(text))
    return mark_safe(escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))  # noqa: S308


def _edition_midnight(day: date) -> datetime:
    # Dates readers pick are days in the edition's time zone (time is local at the edge).
    return timezone.make_aware(datetime.combine(day, time.min))


def _resolve_filters(
    *,
    section: str | None,
    topic: str | None,
    source: str | None,
    author: str | None,
    language: str | None,
    published_from: date | None,
    published_to: date | None,
    messages: list[str],
) -> tuple[Filters, dict[str, str]]:
    """Slugs to ids; an unknown one is dropped with a message rather than failing."""
    values: dict = {}
    labels: dict[str, str] = {}
    for name, slug, model in (
        ("section", section, Section),
        ("topic", topic, Topic),
        ("source", source, Source),
        ("author", author, Author),
    ):
        if not slug:
            continue
        found = (public_topics() if model is Topic else model.objects).filter(slug=slug)
        found = found.only("id", "name").first()
        if found is None:
            messages.append(f"There is no {name} “{slug[:80]}”, so results are not limited to it.")
            continue
        values[f"{name}_id"] = found.pk
        labels[name] = found.name
    if language:
        if _LANGUAGE.match(language):
            values["language"] = language
            labels["language"] = language
        else:
            messages.append("That language code was not understood, so it was ignored.")
    if published_from and published_to and published_from > published_to:
        published_from, published_to = published_to, published_from
    if published_from:
        values["published_from"] = _edition_midnight(published_from)
        labels["from"] = published_from.isoformat()
    if published_to:
        values["published_before"] = _edition_midnight(published_to + timedelta(days=1))
        labels["to"] = published_to.isoformat()
    return Filters(**values), labels


def _freshness(published_at: datetime, now: datetime) -> float:
    age_days = max(0.0, (now - published_at).total_seconds() / 86_400)
    return 1.0 + RECENCY_BOOST / (1.0 + age_days / RECENCY_DAYS)


def _contains_phrase(words: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(words[i : i + size] == phrase for i in range(len(words) - size + 1))


def _guarded():
    """A savepoint inside a transaction, so an engine error leaves the transaction usable.

    Outside one, no transaction at all: on SQLite BEGIN IMMEDIATE would take the write lock
    for a read.
    """
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def did_you_mean(query: ParsedQuery) -> str | None:
    """A close topic name for a query that found nothing (the whole query, else one word)."""
    words = query.positive_words
    if not words:
        return None

    def closest(text: str) -> str | None:
        size = len(text)
        if size < 3:
            return None
        spread = max(2, size // 4)
        names = list(
            public_topics()
            .annotate(size=Length("name"))
            .filter(name__istartswith=text[0], size__gte=size - spread, size__lte=size + spread)
            .values_list("name", flat=True)[:5000]
        )
        by_folded = {fold(name): name for name in names}
        match = difflib.get_close_matches(fold(text), list(by_folded), n=1, cutoff=0.75)
        if match and match[0] != fold(text):
            return by_folded[match[0]]
        return None

    whole = closest(" ".join(words))
    if whole:
        return whole
    if len(words) > 1:
        for index, word in enumerate(words):
            better = closest(word)
            if better:
                return " ".join([*words[:index], better, *words[index + 1 :]])
    return None


def search_articles(
    *,
    query: str,
    section: str | None = None,
    topic: str | None = None,
    source: str | None = None,
    author: str | None = None,
    language: str | None = None,
    published_from: date | None = None,
    published_to: date | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    now: datetime | None = None,
) -> SearchResults:
    """Search what readers may see; filters are slugs. Never raises on what readers type."""
    now = now or timezone.now()
    parsed = parse_query(query)
    messages = list(parsed.notices)
    page_size = min(max(page_size, 1), 100)
    if page > MAX_PAGE:
        messages.append(f"Only the first {MAX_PAGE} pages of results are shown; narrow the search.")
    page = min(max(page, 1), MAX_PAGE)
    filters, labels = _resolve_filters(
        section=section,
        topic=topic,
        source=source,
        author=author,
        language=language,
        published_from=published_from,
        published_to=published_to,
        messages=messages,
    )
    results = SearchResults(
        query=parsed, page=page, page_size=page_size, messages=messages, filters=labels
    )
    if not parsed.is_searchable:
        return results

    backend = get_backend()
    try:
        with _guarded():
            candidates, pool_full = backend.candidates(
                parsed,
                filters,
                limit=POOL_SIZE,
                headline_limit=HEADLINE_POOL_SIZE,
                count_cap=EXACT_COUNT_LIMIT + 1,
            )
    except DatabaseError:
        logger.exception("Search failed for %r", parsed.text)
        messages.append("That search could not be run. Try fewer or simpler words.")
        return results

    relevance = {candidate.article_id: candidate.relevance for candidate in candidates}
    # The one visibility rule, applied at query time whatever the index holds (built once,
    # as a search uses it twice).
    visible = visible_articles(now)
    phrase = parsed.headline_phrase
    # Only an article the headline query found can hold the words in its headline; its
    # headline comes with its visibility, from the same row.
    in_headline = {c.article_id for c in candidates if c.in_headline} if phrase else set()
    headline = (
        Case(When(pk__any_of=in_headline, then="headline"), default=Value(""))
        if in_headline
        else Value("")
    )
    rows = list(
        visible.filter(pk__any_of=set(relevance))
        .order_by()  # ranked below
        .values_list("pk", "published_at", "section_id", "section__name", "section__slug")
        .annotate(candidate_headline=headline)
    )
    ranked = []
    sections: dict[int, tuple[str, str]] = {}
    for pk, published_at, section_id, section_name, section_slug, headline_text in rows:
        sections[section_id] = (section_name, section_slug)
        exact = False
        if headline_text:
            # Cheap test first: most candidates match in the body, not the headline.
            folded = headline_text.lower() if headline_text.isascii() else fold(headline_text)
            exact = phrase[0] in folded and _contains_phrase(tuple(words_of(folded)), phrase)
        score = max(relevance[pk], 1e-9) * _freshness(published_at, now)
        ranked.append((not exact, -score, -published_at.timestamp(), -pk, section_id, exact))
    ranked.sort()

    if pool_full:
        with _guarded():
            counted = backend.count(parsed, filters, cap=EXACT_COUNT_LIMIT + 1)
        results.total_is_estimate = counted > EXACT_COUNT_LIMIT
        # Shown as "more than" the limit when over it.
        results.total = (
            EXACT_COUNT_LIMIT if results.total_is_estimate else max(counted, len(ranked))
        )
        results.facets_are_partial = True
    else:
        results.total = len(ranked)
    results.num_pages = min(math.ceil(len(ranked) / page_size), MAX_PAGE)

    results.facets = _facets(
        ranked,
        sections,
        section=section if "section" in labels else None,
        topic=topic if "topic" in labels else None,
    )
    if not ranked:
        results.did_you_mean = did_you_mean(parsed)
        return results
    if page > results.num_pages:
        messages.append("There are no more results; this is past the last page.")
        return results

    page_rows = ranked[(page - 1) * page_size : page * page_size]
    page_ids = [-row[3] for row in page_rows]
    articles = (
        visible.select_related("section")
        .only(*TEASER_FIELDS, "byline", "section__name", "section__slug")
        .in_bulk(page_ids)
    )
    with _guarded():
        marked = backend.highlights(parsed, page_ids)
    for row in page_rows:
        article = articles.get(-row[3])
        if article is None:  # hidden between the two reads
            continue
        mark = marked.get(article.pk) or Highlight(article.headline, article.standfirst, "")
        snippet = mark.snippet if MARK_START in mark.snippet else ""
        if not snippet and MARK_START in mark.standfirst:
            snippet = mark.standfirst
        results.hits.append(
            SearchHit(
                article=article,
                headline_html=marked_html(mark.headline or article.headline),
                snippet_html=marked_html(snippet or mark.snippet or article.standfirst),
                exact_headline=row[5],
                score=-row[1],
            )
        )
    return results


def _facets(
    ranked: list[tuple],
    sections: dict[int, tuple[str, str]],
    *,
    section: str | None,
    topic: str | None,
) -> dict[str, list[FacetValue]]:
    """Counts by section and by topic over the candidates (all results, up to the pool).

    `sections` holds the name and slug of each candidate's section (read with them).
    """
    section_counts = Counter(row[4] for row in ranked)
    facets = {
        "section": sorted(
            (
                FacetValue(slug=slug, name=name, count=section_counts[pk], selected=slug == section)
                for pk, (name, slug) in sections.items()
                if pk in section_counts
            ),
            key=lambda value: (-value.count, value.name),
        )
    }
    # Counting topic_id rather than id: the (article, topic) index answers the links alone,
    # and each counted topic is one primary-key read.
    ids = {-row[3] for row in ranked}
    counts = []
    if ids:
        counts = list(
            public_topic_links()
            .filter(article_id__any_of=ids)
            .values_list("topic_id", "topic__name", "topic__slug")
            .annotate(count=Count("topic_id"))
            .order_by("-count", "topic__name")[:FACET_SIZE]
        )
    facets["topic"] = [
        FacetValue(slug=slug, name=name, count=count, selected=slug == topic)
        for _, name, slug, count in counts
    ]
    return facets
