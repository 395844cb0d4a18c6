"""What a full-text engine promises to `selectors.search_articles`, whatever the database.

The engine only finds and scores. Given a parsed query and filters, it returns:

- results: candidate article ids with a relevance, the newest matches first, plus the
  newest headline matches (`candidates`);
- a count of the matches, exact up to a cap; above the cap the engine may answer the cap
  from an estimate ("more than") without reading every match (`count`);
- highlighted headline, standfirst and snippet for a page of results (`highlights`);
- the disk space of its index and a way to tidy it after a rebuild.

Visibility, recency, the final order, facets and paging are decided once, in `selectors`,
for both engines. A backend object serves one search: it may keep what it learnt (a pool,
an estimate) between `candidates` and `count` of that search.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

from django.db import connection as default_connection

from dateline.newsroom.models import Article
from dateline.search.query import ParsedQuery
from dateline.topics.models import ArticleTopic

# Highlight markers: private-use characters, stripped from indexed text and from queries, so
# they can only come from the engine; the page escapes the text, then turns them into <mark>.
MARK_START = "\ue000"
MARK_END = "\ue001"


@dataclass(frozen=True)
class Filters:
    """Restrictions on results, as ids and values the index stores."""

    section_id: int | None = None
    topic_id: int | None = None
    source_id: int | None = None
    author_id: int | None = None
    language: str | None = None
    published_from: datetime | None = None
    published_before: datetime | None = None


@dataclass(frozen=True)
class Candidate:
    article_id: int
    relevance: float
    # Found by the headline query: the positive terms are in its headline. Only these can
    # be exact headline matches (see `selectors.search_articles`).
    in_headline: bool = False


@dataclass(frozen=True)
class Highlight:
    """Text with the matched words between MARK_START and MARK_END."""

    headline: str
    standfirst: str
    snippet: str


class SearchBackend(ABC):
    """What `selectors.search_articles` needs from a full-text engine."""

    vendor: str

    def __init__(self, connection=None) -> None:
        self.connection = connection or default_connection

    @abstractmethod
    def candidates(
        self,
        query: ParsedQuery,
        filters: Filters,
        *,
        limit: int,
        headline_limit: int,
        count_cap: int = 0,
    ) -> tuple[list[Candidate], bool]:
        """The newest `limit` matches, plus the newest `headline_limit` headline matches.

        Returns the candidates and whether the newest-matches part was full (there may
        be more matches than were scored). `count_cap` is the `cap` a later `count` will
        be given, if any: an engine that must read every match to count them may count
        them now, with the candidates, and answer `count` from that.
        """

    @abstractmethod
    def count(self, query: ParsedQuery, filters: Filters, *, cap: int) -> int:
        """How many entries match, counting no further than `cap`.

        Below `cap` the count is exact. An answer of `cap` means "at least that many",
        and may come from an estimate far above it rather than from counting.
        """

    @abstractmethod
    def highlights(self, query: ParsedQuery, article_ids: Sequence[int]) -> dict[int, Highlight]:
        """Headline, standfirst and a body snippet with the matched words marked."""

    @abstractmethod
    def size_bytes(self) -> int:
        """Disk space the index takes (entries and full-text structures)."""

    @abstractmethod
    def optimize(self) -> None:
        """Tidy the index after a rebuild."""

    @contextmanager
    def deferred_indexes(self) -> Iterator[None]:
        """Load many entries into an empty index faster: full-text indexes built at the end."""
        yield

    def _filter_sql(self, filters: Filters) -> tuple[list[str], list]:
        """WHERE clauses on `search_document d`, shared by both engines."""
        ops = self.connection.ops
        clauses: list[str] = []
        params: list = []
        # bigint on both sides: PostgreSQL's GIN indexes (btree_gin) know no cross-type
        # operator, and would leave `section_id = <int4>` to be checked row by row.
        if filters.section_id is not None:
            clauses.append("d.section_id = CAST(%s AS bigint)")
            params.append(filters.section_id)
        if filters.source_id is not None:
            clauses.append("d.source_id = CAST(%s AS bigint)")
            params.append(filters.source_id)
        if filters.language:
            clauses.append("d.language = %s")
            params.append(filters.language)
        if filters.published_from is not None:
            clauses.append("d.published_at >= %s")
            params.append(ops.adapt_datetimefield_value(filters.published_from))
        if filters.published_before is not None:
            clauses.append("d.published_at < %s")
            params.append(ops.adapt_datetimefield_value(filters.published_before))
        if filters.topic_id is not None:
            table = ArticleTopic._meta.db_table
            clauses.append(f"d.article_id IN (SELECT article_id FROM {table} WHERE topic_id = %s)")
            params.append(filters.topic_id)
        if filters.author_id is not None:
            table = Article.authors.through._meta.db_table
            clauses.append(f"d.article_id IN (SELECT article_id FROM {table} WHERE author_id = %s)")
            params.append(filters.author_id)
        return clauses, params
