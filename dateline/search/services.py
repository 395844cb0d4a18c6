"""Writes to the search index: it holds the articles the public may see, and only those.

The index follows the article life cycle through the change event (see `subscribers`):
every announced change re-reads the article through `visible_articles`; a visible article
is written (publish, update, correction, topics, section), any other is removed at once
(kill, unpublish, embargo or schedule not yet passed). Embargoed and scheduled articles
come in when the worker announces their arrival. Searches filter through
`visible_articles` again, so a missed event can never show what readers may not see.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from dateline.core.text import html_to_text
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from dateline.search.backends import get_backend, ts_config_for
from dateline.search.models import SearchDocument
from dateline.search.query import clean_text
from dateline.topics.selectors import public_topic_links

INDEXED_FIELDS = (
    "id",
    "headline",
    "standfirst",
    "body",
    "byline",
    "dateline_place",
    "language",
    "section_id",
    "source_id",
    "published_at",
)
UPDATED_COLUMNS = [
    "headline",
    "standfirst",
    "body",
    "topics",
    "byline",
    "place",
    "language",
    "ts_config",
    "section_id",
    "source_id",
    "published_at",
    "indexed_at",
]
DEFAULT_BATCH_SIZE = 500


def _documents_for(articles: list[Article], *, now: datetime) -> list[SearchDocument]:
    """Index entries for articles: their copy, their topics' names and aliases, and the
    authors' names when the byline is empty."""
    ids = [article.pk for article in articles]
    topic_names: dict[int, list[str]] = defaultdict(list)
    # Only topics readers can see; suggested ones wait for the desk.
    for article_id, name, aliases in (
        public_topic_links()
        .filter(article_id__in=ids)
        .order_by("article_id", "position", "-score")
        .values_list("article_id", "topic__name", "topic__aliases")
    ):
        topic_names[article_id].append(name)
        topic_names[article_id].extend(alias for alias in aliases or () if isinstance(alias, str))
    author_names: dict[int, list[str]] = defaultdict(list)
    without_byline = [article.pk for article in articles if not article.byline.strip()]
    if without_byline:
        through = Article.authors.through
        for article_id, name in (
            through.objects.filter(article_id__in=without_byline)
            .order_by("article_id", "author__name")
            .values_list("article_id", "author__name")
        ):
            author_names[article_id].append(name)
    return [
        SearchDocument(
            article_id=article.pk,
            headline=clean_text(article.headline),
            standfirst=clean_text(article.standfirst),
            body=clean_text(html_to_text(article.body)),
            # A full stop between names keeps a phrase from running from one into the next.
            topics=clean_text(". ".join(topic_names[article.pk])),
            byline=clean_text(article.byline or ", ".join(author_names[article.pk])),
            place=clean_text(article.dateline_place),
            language=article.language,
            ts_config=ts_config_for(article.language),
            section_id=article.section_id,
            source_id=article.source_id,
            published_at=article.published_at,
            indexed_at=now,
        )
        for article in articles
    ]


def _write(documents: list[SearchDocument]) -> None:
    if documents:
        SearchDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["article"],
            update_fields=UPDATED_COLUMNS,
        )


@dataclass(frozen=True)
class IndexReport:
    indexed: int
    removed: int


@transaction.atomic
def index_articles(*, article_ids: Iterable[int], now: datetime | None = None) -> IndexReport:
    """Bring the index entries of these articles in line with what readers may see now."""
    now = now or timezone.now()
    ids = set(article_ids)
    articles = list(visible_articles(now).filter(pk__in=ids).only(*INDEXED_FIELDS).order_by())
    _write(_documents_for(articles, now=now))
    hidden = ids - {article.pk for article in articles}
    removed = SearchDocument.objects.filter(pk__in=hidden).delete()[0] if hidden else 0
    return IndexReport(indexed=len(articles), removed=removed)


@dataclass(frozen=True)
class RebuildReport:
    indexed: int
    removed: int
    seconds: float
    size_bytes: int


def rebuild_index(
    *,
    batch_size: int = DEFAULT_BATCH_SIZE,
    now: datetime | None = None,
    dry_run: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> RebuildReport:
    """Rewrite every entry, in batches of articles in id order, each batch its own transaction.

    Search stays online throughout: entries are replaced in place (upserts), never dropped
    first, so a reader searching during a rebuild finds the old entry or the new one. Entries
    of articles no longer visible are removed batch by batch over the same id range.

    Into an empty index (a first build), the engine may build its full-text indexes once at
    the end instead of growing them entry by entry (PostgreSQL does); searches during such a
    build read the entries loaded so far without them, and writes wait while the indexes
    are built.
    """
    started = time.perf_counter()
    total = visible_articles(now).count()
    backend = get_backend()
    # A first build (or one after the entries were dropped) loads everything before the
    # full-text indexes are built, at once: growing GIN indexes entry by entry slows the
    # load more the larger the archive, where one build at the end does not.
    first_build = not dry_run and not SearchDocument.objects.exists()
    with backend.deferred_indexes() if first_build else nullcontext():
        indexed, removed, last_id = _rebuild_batches(
            batch_size=batch_size, now=now, dry_run=dry_run, total=total, progress=progress
        )
    visible_now = visible_articles(now or timezone.now())
    if dry_run:
        removed = SearchDocument.objects.exclude(article__in=visible_now).count()
    else:
        removed += (
            SearchDocument.objects.filter(pk__gt=last_id)
            .exclude(article__in=visible_now)
            .delete()[0]
        )
        backend.optimize()
    return RebuildReport(
        indexed=indexed,
        removed=removed,
        seconds=time.perf_counter() - started,
        size_bytes=backend.size_bytes(),
    )


def _rebuild_batches(
    *,
    batch_size: int,
    now: datetime | None,
    dry_run: bool,
    total: int,
    progress: Callable[[int, int], None] | None,
) -> tuple[int, int, int]:
    """Upsert the entries of visible articles batch by batch; (indexed, removed, last id)."""
    done = indexed = removed = 0
    last_id = 0
    if progress:
        progress(0, total)
    while True:
        # The clock is read per batch: an article published while the rebuild runs is
        # indexed by its own event, and must not be taken for a stale entry here.
        batch_now = now or timezone.now()
        articles = list(
            visible_articles(batch_now)
            .filter(pk__gt=last_id)
            .only(*INDEXED_FIELDS)
            .order_by("pk")[:batch_size]
        )
        if not articles:
            break
        upper = articles[-1].pk
        if not dry_run:
            with transaction.atomic():
                _write(_documents_for(articles, now=batch_now))
                removed += (
                    SearchDocument.objects.filter(pk__gt=last_id, pk__lte=upper)
                    .exclude(pk__in=[article.pk for article in articles])
                    .delete()[0]
                )
        indexed += len(articles)
        done += len(articles)
        last_id = upper
        if progress:
            progress(done, total)
    return indexed, removed, last_id
