"""The full-text engines behind search: one interface, one implementation per database.

The engine only finds and scores: given a parsed query and filters it returns candidate
article ids with a relevance, a count, and highlighted text for a page of results.
Visibility, recency, ordering, facets and paging are decided once, in `selectors`, for
both engines.

- SQLite: FTS5 (`search_fts`, external content over `search_document`), BM25 with column
  weights, `snippet()` and `highlight()`.
- PostgreSQL: tsvector columns with GIN indexes, in a narrow table beside
  `search_document` (`search_entry`), `websearch_to_tsquery` in each article
  language's configuration ('simple' when we know none), `ts_rank` and `ts_headline`; a
  GIN index of word pairs for phrases, and a choice of plan by the planner's estimate so
  that common words cost no more than rare ones (see `PostgreSQLBackend`).
"""

from __future__ import annotations

import json
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime

from django.db import connection as default_connection
from django.db import transaction

from dateline.newsroom.models import Article
from dateline.search.lookups import id_array
from dateline.search.query import ParsedQuery, Term
from dateline.topics.models import ArticleTopic

# Highlight markers: private-use characters, stripped from indexed text and from queries, so
# they can only come from the engine; the page escapes the text, then turns them into <mark>.
MARK_START = "\ue000"
MARK_END = "\ue001"

# ISO 639-1 language codes to the text search configurations PostgreSQL ships with.
TS_CONFIGS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nb": "norwegian",
    "ne": "nepali",
    "nl": "dutch",
    "nn": "norwegian",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
FALLBACK_TS_CONFIG = "simple"


def ts_config_for(language: str) -> str:
    """The configuration for a language tag ("en", "en-GB", "pt_BR"); 'simple' if unknown."""
    primary = (language or "").replace("_", "-").split("-", 1)[0].lower()
    return TS_CONFIGS.get(primary, FALLBACK_TS_CONFIG)


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
        """How many entries match, counting no further than `cap`."""

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


class SQLiteBackend(SearchBackend):
    """FTS5, newest matches first, in work bounded by the pool however common the words.

    Relevance is BM25's term-frequency part, computed here from what FTS5 knows of each
    candidate (its marked instances per column, its length from `search_fts_docsize`),
    not by bm25(): bm25() first counts every row that holds each term of the query, for
    its IDF, which for a common word or a phrase of common words reads the whole index.
    Like ts_rank on PostgreSQL, relevance has no IDF; for a query of one word or one
    phrase it orders rows exactly as bm25() does. A lone word held by few entries is scored
    by bm25() itself: its IDF pass is then cheaper than reading the candidates' text.
    A full pool's total above the cap is estimated from samples (`estimate`).
    """

    vendor = "sqlite"
    # Weights in column order: headline, standfirst, body, topics, byline, place.
    COLUMNS = ("headline", "standfirst", "body", "topics", "byline", "place")
    COLUMN_WEIGHTS = (10.0, 5.0, 2.0, 1.5, 1.0, 0.75)
    # BM25's constants, those of FTS5's bm25().
    BM25_K1 = 1.2
    BM25_B = 0.75
    # Up to this many entries holding a lone word, bm25() itself scores it (see _few_matches).
    BM25_MAX_MATCHES = 100_000
    # A full pool's total is estimated from SAMPLES slices of the older archive, each sized
    # to hold about SAMPLE_MATCHES matches at the pool's density; above ESTIMATE_FACTOR times
    # the cap, the count says "more than" without reading every match.
    SAMPLES = 8
    SAMPLE_MATCHES = 64
    ESTIMATE_FACTOR = 1.5
    TABLES = (
        "search_document",
        "sqlite_autoindex_search_document_1",
        "search_doc_published_idx",
        "search_doc_config_idx",
        "search_doc_filters_idx",
        "search_fts_data",
        "search_fts_idx",
        "search_fts_docsize",
        "search_fts_config",
    )

    def _matches(self, match: str, filters: Filters, select: str, tail: str, tail_params: list):
        clauses, params = self._filter_sql(filters)
        join = ""
        if clauses:
            join = " JOIN search_document d ON d.article_id = search_fts.rowid"
        where = " AND ".join(["search_fts MATCH %s", *clauses])
        sql = f"SELECT {select} FROM search_fts{join} WHERE {where} {tail}"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, *tail_params])
            return cursor.fetchall()

    def __init__(self, connection=None) -> None:
        super().__init__(connection)
        # (query, filters) -> (rows found, oldest rowid among them) of the newest-matches walk.
        self._pools: dict[tuple, tuple[int, int]] = {}

    def _scored(self, match: str, filters: Filters, limit: int, columns: int) -> list[Candidate]:
        """The newest `limit` matches of `match`, scored from their first `columns` columns.

        Newest first by rowid (the article id, which follows arrival order): FTS5 walks its
        doclists backwards and stops at the limit. highlight() marks each instance of the
        query in a column (auxiliary functions run for the rows returned only).
        """
        # One mark after each instance: the marked text is that much longer than the text.
        marks = f"'', '{MARK_END}'"
        select = ", ".join(
            [
                "search_fts.rowid",
                "(SELECT sz FROM search_fts_docsize WHERE id = search_fts.rowid)",
                *(
                    f"length(highlight(search_fts, {n}, {marks})) - length(search_fts.{column})"
                    for n, column in enumerate(self.COLUMNS[:columns])
                ),
            ]
        )
        tail = "ORDER BY search_fts.rowid DESC LIMIT %s"
        rows = self._matches(match, filters, select, tail, [limit])
        average = self._average_length()
        k1, b = self.BM25_K1, self.BM25_B
        candidates = []
        for article_id, size, *counts in rows:
            frequency = sum(
                weight * count
                for weight, count in zip(self.COLUMN_WEIGHTS, counts, strict=False)
                if count
            )
            length = _varint_sum(size) if size else average
            relevance = frequency * (k1 + 1) / (frequency + k1 * (1 - b + b * length / average))
            candidates.append(Candidate(article_id=article_id, relevance=relevance))
        return candidates

    def _average_length(self) -> float:
        """Tokens per entry, from FTS5's averages record (entries, then tokens per column)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT block FROM search_fts_data WHERE id = 1")
            row = cursor.fetchone()
        values = _varints(row[0]) if row and row[0] else []
        if len(values) < 2 or values[0] <= 0:
            return 1.0
        return max(sum(values[1:]) / values[0], 1.0)

    def _few_matches(self, query: ParsedQuery, limit: int) -> bool:
        """Whether the query is one word found in few entries, whose bm25() costs little.

        bm25() counts the entries holding the word (for its IDF) in a pass over them; for
        one word that pass is cheaper than reading `limit` entries' text to mark them. The
        order is the same either way: one word's IDF is one factor for the whole query.
        """
        if len(query.groups) != 1 or len(query.groups[0]) != 1 or query.excluded:
            return False
        if query.groups[0][0].is_phrase:
            return False
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
                " ORDER BY rowid DESC LIMIT %s",
                [query.to_fts5(), limit],
            )
            rowids = [row[0] for row in cursor.fetchall()]
            if len(rowids) < limit:
                return len(rowids) <= self.BM25_MAX_MATCHES
            cursor.execute("SELECT max(article_id) FROM search_document")
            newest = cursor.fetchone()[0] or rowids[0]
        # Ids follow arrival, so the share of the ids the walk went through is a share of
        # the archive; as many entries as ids is an upper bound.
        estimate = len(rowids) * newest / max(newest - rowids[-1] + 1, 1)
        return estimate <= self.BM25_MAX_MATCHES

    def _bm25(self, match: str, filters: Filters, limit: int) -> list[Candidate]:
        select = f"search_fts.rowid, bm25(search_fts, {', '.join(map(str, self.COLUMN_WEIGHTS))})"
        tail = "ORDER BY search_fts.rowid DESC LIMIT %s"
        rows = self._matches(match, filters, select, tail, [limit])
        # bm25() is negative, better matches more so.
        return [Candidate(article_id=row[0], relevance=-row[1]) for row in rows]

    def candidates(self, query, filters, *, limit, headline_limit, count_cap=0):
        if self._few_matches(query, limit):
            newest = self._bm25(query.to_fts5(), filters, limit)
            headline = self._bm25(query.to_fts5(column="headline"), filters, headline_limit)
        else:
            newest = self._scored(query.to_fts5(), filters, limit, len(self.COLUMN_WEIGHTS))
            # The headline query scores the headline alone (its instances are all there):
            # an article both queries found keeps its whole-article score.
            headline = self._scored(query.to_fts5(column="headline"), filters, headline_limit, 1)
        if newest:
            self._pools[(query, filters)] = (len(newest), newest[-1].article_id)
        seen = {candidate.article_id: candidate for candidate in newest}
        for candidate in headline:
            found = seen.get(candidate.article_id, candidate)
            seen[candidate.article_id] = replace(found, in_headline=True)
        return list(seen.values()), len(newest) >= limit

    def _count(self, match: str, filters: Filters, cap: int, rowids: tuple[int, int] | None):
        """Matches (up to `cap`), of those with rowids in the range `rowids` if given."""
        clauses, params = self._filter_sql(filters)
        join = " JOIN search_document d ON d.article_id = search_fts.rowid" if clauses else ""
        if rowids is not None:
            clauses.append("search_fts.rowid BETWEEN %s AND %s")
            params += list(rowids)
        where = " AND ".join(["search_fts MATCH %s", *clauses])
        sql = f"SELECT count(*) FROM (SELECT 1 FROM search_fts{join} WHERE {where} LIMIT %s)"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, cap])
            return cursor.fetchone()[0]

    def estimate(self, query: ParsedQuery, filters: Filters) -> float | None:
        """Matches in the whole archive, from the newest-matches walk and a sample of slices.

        None when there is nothing to go on (no full walk) or the sample would be most of
        what a count reads. Slices spread over the archive older than the pool, so that a
        word common only lately is not taken for one common throughout.
        """
        pool = self._pools.get((query, filters))
        if pool is None:
            return None
        found, oldest = pool
        with self.connection.cursor() as cursor:
            # Two subqueries: each is one end of the primary key; min() with max() is a scan.
            cursor.execute(
                "SELECT (SELECT min(article_id) FROM search_document),"
                " (SELECT max(article_id) FROM search_document)"
            )
            low, high = cursor.fetchone()
        if low is None or high is None or oldest <= low:
            return None
        older = oldest - low
        density = found / max(high - oldest + 1, 1)
        width = max(1, int(self.SAMPLE_MATCHES / density))
        if self.SAMPLES * width * 2 > older:
            return None
        match = query.to_fts5()
        step = (older - width) / self.SAMPLES
        sampled = 0
        for n in range(self.SAMPLES):
            first = low + int(step * (n + 0.5))
            sampled += self._count(
                match, filters, self.SAMPLE_MATCHES * 8, (first, first + width - 1)
            )
        return found + sampled * older / (self.SAMPLES * width)

    def count(self, query, filters, *, cap):
        # Counting a common word's or phrase's matches reads them all; a sample of the
        # archive is enough to say "more than" when it is far above the cap.
        estimate = self.estimate(query, filters)
        if estimate is not None and estimate >= self.ESTIMATE_FACTOR * cap:
            return cap
        pool = self._pools.get((query, filters))
        if pool is None or pool[0] >= cap:
            return self._count(query.to_fts5(), filters, cap, None)
        # The walk found every match from its oldest on: only older ones are left to count.
        found, oldest = pool
        return found + self._count(query.to_fts5(), filters, cap - found, (-(2**63), oldest - 1))

    def highlights(self, query, article_ids):
        if not article_ids:
            return {}
        marks = f"'{MARK_START}', '{MARK_END}'"
        placeholders = ", ".join(["%s"] * len(article_ids))
        sql = (
            f"SELECT rowid, highlight(search_fts, 0, {marks}), highlight(search_fts, 1, {marks}),"
            f" snippet(search_fts, 2, {marks}, '…', 40)"
            f" FROM search_fts WHERE search_fts MATCH %s AND rowid IN ({placeholders})"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *article_ids])
            return {
                row[0]: Highlight(headline=row[1], standfirst=row[2] or "", snippet=row[3] or "")
                for row in cursor.fetchall()
            }

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            try:
                names = ", ".join(["%s"] * len(self.TABLES))
                cursor.execute(
                    f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ({names})",
                    self.TABLES,
                )
            except Exception:  # dbstat is a compile-time option of SQLite
                return -1
            return cursor.fetchone()[0]

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


@dataclass(frozen=True)
class TermShape:
    """How a configuration splits one term into lexemes, by position.

    `pairs` are the adjacent lexeme pairs ("a b") a matching document must hold;
    `exact` says whether they are the whole condition (a two-word phrase).
    """

    lexemes: tuple[tuple[str, ...], ...] = ()
    pairs: tuple[str, ...] = ()
    exact: bool = False
    # The term as a tsquery (websearch_to_tsquery of the quoted term), in tsquery syntax.
    tsquery: str = ""
    # Its words in any order (plainto_tsquery): what a headline holding the phrase holds,
    # which the headline's GIN index answers without reading a tsvector to check the order.
    words: str = ""

    @property
    def is_phrase(self) -> bool:
        return len(self.lexemes) > 1 or any(len(at) > 1 for at in self.lexemes)


def term_shape(positions: dict[int, list[str]]) -> TermShape:
    """The shape of a term from its tsvector (position -> lexemes there)."""
    if not positions:
        return TermShape()
    last = max(positions)
    lexemes = tuple(tuple(sorted(positions.get(n, ()))) for n in range(1, last + 1))
    pairs = tuple(
        f"{first[0]} {second[0]}"
        for first, second in zip(lexemes, lexemes[1:], strict=False)
        if len(first) == 1 and len(second) == 1
    )
    regular = all(len(at) == 1 for at in lexemes)
    return TermShape(lexemes=lexemes, pairs=pairs, exact=regular and len(lexemes) == 2)


class PostgreSQLBackend(SearchBackend):
    """tsvector + GIN, with the newest matches found in bounded work however common the words.

    Which articles are candidates is decided from the planner's estimate of how many
    articles match (its statistics of the tsvector column):

    - few matches: the GIN index finds them all, and they are sorted by date;
    - many: the GIN index is intersected with a window of the newest articles (the
      published_at index), sized from the estimate to hold the pool, widened if it did not;
    - most articles: the newest articles are read in date order until the pool is full.

    The index conditions are exact (words in the GIN index, a two-word phrase by its word
    pair; the configuration in the index too, or read from the row when it holds most of
    the archive), so none of this reads a row's tsvector; only the pool is ranked, and
    only a page is highlighted. When the words read differently in two configurations,
    each configuration is one query of a UNION ALL.

    Everything but highlighting reads `search_entry` (migration 0004): about 100 bytes a
    row, the tsvectors out of line, so the rows a search counts and sorts are mostly in
    shared buffers; `search_document`, with the copy, is read for a page's highlights.
    """

    vendor = "postgresql"
    # ts_rank weights for {D, C, B, A}: byline and place, body and topics, standfirst, headline.
    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
    # 1: divide by 1 + log(document length), so a long body does not outweigh a headline.
    NORMALIZATION = 1
    ESTIMATE_FACTOR = 1.2
    # Index entries this far past the cap say "more than" even where a configuration is
    # read from the rows, whose entries hold other languages' rows too (see `_entries_pass`).
    ENTRIES_FACTOR = 1.25
    # Below this share of `count`'s cap, the matches are read all at once (see `_newest`).
    READ_ALL_SHARE = 0.9
    # Up to this many estimated matches, all are fetched from the GIN index and sorted.
    FEW_MATCHES = 2_000
    # From this share of the archive on, reading the newest articles in order is cheapest.
    WALK_SHARE = 0.25
    # A phrase of words that common is tried that way on this many times the pool first
    # (0: never).
    PHRASE_WALK = 4
    # A window is sized to hold this many times the pool, by the estimate, and grows by
    # WINDOW_GROWTH when it held too few; past MAX_WINDOW_SHARE it becomes the whole archive.
    WINDOW_SLACK = 2.0
    WINDOW_GROWTH = 8.0
    MAX_WINDOW_SHARE = 0.4
    STATISTICS_SECONDS = 300
    # A configuration holding more of the archive than this is tested on the rows found
    # rather than in the GIN index (see `_exact_match`).
    LARGE_CONFIG_SHARE = 0.2
    # Bitmaps of a few hundred thousand rows stay exact (at the default 4 MB they turn
    # lossy, and every row of a lossy page is read and checked).
    WORK_MEM = "32MB"
    # The GIN indexes, as migrations 0002 and 0004 create them: a first build drops them
    # while the archive loads and builds them once at the end; `optimize` restores any that
    # is missing.
    GIN_OPTIONS = "WITH (gin_pending_list_limit = 512)"
    GIN_INDEXES = {
        "search_entry_gin": (
            "ON search_entry USING gin (ts_config, section_id, source_id, document) " + GIN_OPTIONS
        ),
        "search_entry_headline_gin": (
            "ON search_entry USING gin (ts_config, section_id, source_id, headline_document) "
            + GIN_OPTIONS
        ),
        "search_entry_pairs_gin": (
            f"ON search_entry USING gin (ts_config, search_word_pairs(document)) {GIN_OPTIONS}"
        ),
    }
    AFTER_INDEXES = ["ALTER INDEX search_entry_pairs_gin ALTER COLUMN 2 SET STATISTICS 0"]
    BUILD_MEMORY = "512MB"

    # Per process: the published_at quantiles and the row count, from the statistics.
    _statistics: tuple[float, int, list[datetime]] | None = None
    # Per process: each configuration's share of the entries, from the statistics.
    _shares: tuple[float, dict[str, float]] | None = None

    def __init__(self, connection=None) -> None:
        super().__init__(connection)
        self._configs: dict[str | None, list[str]] = {}
        self._estimates: dict[tuple, float] = {}
        # (query, filters) -> (cutoff, matches): how many entries published from the
        # cutoff on match (every entry, when the cutoff is None), as a search counted them.
        self._counted: dict[tuple, tuple[datetime | None, int]] = {}
        # (query, filters) -> the entries its GIN scans return (see `_index_entries`).
        self._entries: dict[tuple, int | None] = {}
        # (query, filters) of phrases whose pool filled from the newest PHRASE_WALK times
        # the pool, read in date order (see `_newest`).
        self._walked: set[tuple] = set()
        # (configuration, term text) -> TermShape, for this search (see `_term`).
        self._known: dict[tuple[str, str], TermShape] = {}

    def configs(self, filters: Filters) -> list[str]:
        """The configurations in use: a few index probes, not a scan (a loose index scan)."""
        if filters.language:
            return [ts_config_for(filters.language)]
        if None in self._configs:
            return self._configs[None]
        with self.connection.cursor() as cursor:
            cursor.execute(
                """WITH RECURSIVE c AS (
                    (SELECT ts_config FROM search_document ORDER BY ts_config LIMIT 1)
                    UNION ALL
                    SELECT (SELECT ts_config FROM search_document
                            WHERE ts_config > c.ts_config ORDER BY ts_config LIMIT 1)
                    FROM c WHERE c.ts_config IS NOT NULL
                ) SELECT ts_config FROM c WHERE ts_config IS NOT NULL"""
            )
            found = [row[0] for row in cursor.fetchall()] or [FALLBACK_TS_CONFIG]
        self._configs[None] = found
        return found

    def _term(self, config: str, term: Term, *, words: bool = False) -> tuple[str, list]:
        # Each term went to websearch_to_tsquery on its own, quoted, so that the reader's
        # words are never read as operators (see `_shapes`); we combine them with tsquery
        # operators. As a constant rather than the call: websearch_to_tsquery is only
        # stable, so a call would be run again for every row a condition or a rank reads.
        shape = self._known.get((config, term.text))
        if shape is None:
            shape = self._shapes(ParsedQuery(raw=term.text, groups=((term,),)), [config])[
                config, term.text
            ]
        return "%s::tsquery", [shape.words if words else shape.tsquery]

    def _tsquery(
        self, query: ParsedQuery, config: str, *, positive_only: bool = False, words: bool = False
    ):
        self._shapes(query, [config])  # every term's tsquery, in one round trip
        parts: list[str] = []
        params: list = []
        for group in query.groups:
            terms = [self._term(config, term, words=words) for term in group]
            parts.append("(" + " || ".join(sql for sql, _ in terms) + ")")
            params += [p for _, term_params in terms for p in term_params]
        if not positive_only:
            for term in query.excluded:
                sql, term_params = self._term(config, term)
                parts.append(f"(!! {sql})")
                params += term_params
        return " && ".join(parts), params

    def _match(self, query, configs, column="document", *, positive_only=False, words=False):
        """Every term in one tsquery per configuration: the plain condition, for estimates."""
        if self._uniform(query, configs):
            tsquery, params = self._tsquery(
                query, configs[0], positive_only=positive_only, words=words
            )
            return f"(d.{column} @@ ({tsquery}))", params
        clauses, params = [], []
        for config in configs:
            tsquery, tsquery_params = self._tsquery(
                query, config, positive_only=positive_only, words=words
            )
            clauses.append(f"(d.ts_config = %s AND d.{column} @@ ({tsquery}))")
            params += [config, *tsquery_params]
        return "(" + " OR ".join(clauses) + ")", params

    def _uniform(self, query: ParsedQuery, configs: list[str]) -> bool:
        """Whether every configuration in use reads every term alike (same lexemes).

        Then one tsquery serves all rows and the configuration need not be tested at all:
        every row has one of `configs`. (Else the planner, seeing the same tsquery under
        each configuration, tests the configuration row by row.)
        """
        if len(configs) < 2:
            return True
        shapes = self._shapes(query, configs)
        texts = {text for _, text in shapes}
        return all(len({shapes[config, text] for config in configs}) == 1 for text in texts)

    def _shapes(self, query: ParsedQuery, configs: list[str]) -> dict[tuple[str, str], TermShape]:
        """Each term's lexemes in each configuration, as to_tsvector gives them, and its
        tsquery, as websearch_to_tsquery gives it."""
        terms = {term.text for group in query.groups for term in group}
        terms |= {term.text for term in query.excluded}
        shapes: dict[tuple[str, str], TermShape] = {}
        missing = []
        for config in configs:
            for text in terms:
                cached = self._known.get((config, text)) or _SHAPES.get((config, text))
                if cached is None:
                    missing.append((config, text))
                else:
                    shapes[config, text] = cached
        if missing:
            with self.connection.cursor() as cursor:
                cursor.execute(
                    """SELECT q.n, websearch_to_tsquery(q.config::regconfig, q.quoted)::text,
                        plainto_tsquery(q.config::regconfig, q.text)::text,
                        t.lexeme, t.positions
                    FROM unnest(%s::text[], %s::text[], %s::text[])
                        WITH ORDINALITY AS q(config, text, quoted, n)
                    LEFT JOIN LATERAL unnest(to_tsvector(q.config::regconfig, q.text)) t
                        ON true""",
                    [
                        [config for config, _ in missing],
                        [text for _, text in missing],
                        [f'"{text}"' for _, text in missing],
                    ],
                )
                found: dict[int, dict[int, list[str]]] = {}
                tsqueries: dict[int, tuple[str, str]] = {}
                for n, tsquery, words, lexeme, positions in cursor.fetchall():
                    tsqueries[n] = (tsquery or "", words or "")
                    at = found.setdefault(n, {})
                    for position in positions or ():
                        at.setdefault(position, []).append(lexeme)
            if len(_SHAPES) > 10_000:
                _SHAPES.clear()
            for n, key in enumerate(missing, start=1):
                tsquery, words = tsqueries.get(n, ("", ""))
                shape = replace(term_shape(found.get(n, {})), tsquery=tsquery, words=words)
                shapes[key] = _SHAPES.setdefault(key, shape)
        self._known.update(shapes)
        return shapes

    def _has_phrase(self, query: ParsedQuery, configs: list[str]) -> bool:
        """Whether a term reads as more than one lexeme in a configuration in use."""
        return any(shape.is_phrase for shape in self._shapes(query, configs).values())

    def _exact_match(self, query, configs, *, headline: bool = False):
        """The match as index conditions: configuration, words, and word pairs for phrases.

        Returns one condition per configuration (a row has one configuration, so the rows
        they find never overlap: callers join them with UNION ALL), their parameters, and
        whether the indexes answer them exactly (else the rows they find are checked: longer
        phrases, phrases in OR, excluded phrases). With `headline`, the words of the positive
        terms must be in the headline, in any order: the GIN index answers that alone, where
        the order of a phrase's words is only known from the tsvector, out of line. Such a
        find may not hold the phrase at all (see `_candidates`).

        Third, the overlaps: for an arm whose configuration is tested on the rows, its index
        conditions in each other configuration (in the index). Its GIN scans return those
        rows too, with the same lexemes (see `_entries_pass`).
        """
        shapes = self._shapes(query, configs)
        uniform = self._uniform(query, configs)
        if uniform:
            configs = configs[:1]
        shares = self._config_shares()
        arms, overlaps, exact = [], [], True
        for config in configs:
            positive, positive_params, pairs = [], [], []
            in_headline, in_headline_params = [], []
            for group in query.groups:
                has_phrase = any(shapes[config, term.text].is_phrase for term in group)
                if headline:
                    terms = [self._term(config, term, words=True) for term in group]
                    in_headline.append("(" + " || ".join(sql for sql, _ in terms) + ")")
                    in_headline_params += [p for _, term_params in terms for p in term_params]
                    continue
                if len(group) == 1:
                    shape = shapes[config, group[0].text]
                    pairs += [pair for pair in shape.pairs if pair not in pairs]
                    if shape.exact:
                        continue  # the pair is the whole condition
                if has_phrase:
                    exact = False
                terms = [self._term(config, term) for term in group]
                positive.append("(" + " || ".join(sql for sql, _ in terms) + ")")
                positive_params += [p for _, term_params in terms for p in term_params]
            negative, negative_params = [], []
            for term in query.excluded:
                sql, term_params = self._term(config, term)
                negative.append(sql)
                negative_params += term_params
                if shapes[config, term.text].is_phrase:
                    exact = False
            parts, part_params = [], []  # what the GIN indexes answer
            if pairs:
                hashes = ", ".join(["hashtextextended(%s, 0)"] * len(pairs))
                parts.append(f"search_word_pairs(d.document) @> ARRAY[{hashes}]::bigint[]")
                part_params += pairs
            if in_headline:
                parts.append(f"d.headline_document @@ ({' && '.join(in_headline)})")
                part_params += in_headline_params
            checks, check_params = [], []  # what is checked on the rows found
            if positive and negative:
                # One tsquery: GIN leaves the excluded words out itself.
                tsquery = " && ".join(positive + [f"(!! {sql})" for sql in negative])
                parts.append(f"d.document @@ ({tsquery})")
                part_params += positive_params + negative_params
            elif positive:
                parts.append(f"d.document @@ ({' && '.join(positive)})")
                part_params += positive_params
            elif negative:
                # Checked on the rows found (an index cannot list what lacks a word).
                checks.append(f"NOT (d.document @@ ({' || '.join(negative)}))")
                check_params += negative_params
                exact = False
            if uniform:
                config_part, config_params = [], []
            elif shares.get(config, 0.0) > self.LARGE_CONFIG_SHARE:
                # Tested on the rows the words found, not in the GIN index: there the
                # configuration of most of the archive is a posting list of most rows,
                # and intersecting a word with it cost 6 ms for 8,000 matches against
                # 2 ms for the word alone. (`|| ''` keeps the planner from using the
                # index for it; the column is read from the row, never the tsvector.)
                config_part, config_params = ["(d.ts_config || '') = %s"], [config]
                overlaps += [
                    ("(" + " AND ".join(["d.ts_config = %s", *parts]) + ")", [other, *part_params])
                    for other in configs
                    if other != config
                ]
            else:
                config_part, config_params = ["d.ts_config = %s"], [config]
            arms.append(
                (
                    "(" + " AND ".join([*config_part, *parts, *checks]) + ")",
                    [*config_params, *part_params, *check_params],
                )
            )
        return arms, exact, overlaps

    def _matching(self, arms, filters: Filters, select: str, *, extra: str = "", extra_params=()):
        """SELECT `select` FROM the entries each arm matches (and the filters), in UNION ALL.

        One query per configuration rather than one with OR: with OR, a configuration
        tested on the row makes the planner check the whole condition, tsvector included,
        on every row found.
        """
        filter_clauses, filter_params = self._filter_sql(filters)
        parts, params = [], []
        for arm, arm_params in arms:
            where = " AND ".join([arm, *filter_clauses])
            parts.append(f"SELECT {select} FROM search_entry d WHERE {where}{extra}")
            params += [*arm_params, *filter_params, *extra_params]
        return " UNION ALL ".join(parts), params

    def _per_row_query(self, query, configs):
        """The tsquery for each row's own configuration."""
        if self._uniform(query, configs):
            return self._tsquery(query, configs[0])
        sql, params = "CASE d.ts_config", []
        for config in configs:
            tsquery, tsquery_params = self._tsquery(query, config)
            sql += f" WHEN %s THEN {tsquery}"
            params += [config, *tsquery_params]
        return sql + " END", params

    def estimate(self, query: ParsedQuery, filters: Filters, *, headline: bool = False) -> float:
        """The planner's estimate of how many entries match (phrases counted as their words).

        With `headline`, how many match the positive terms in the headline. Both are
        planned in one statement: a search that wants one mostly wants the other.
        """
        key = (query, filters, headline)
        if key not in self._estimates:
            configs = self.configs(filters)
            filter_clauses, filter_params = self._filter_sql(filters)
            selects, params = [], []  # the document's, then the headline's
            for in_headline in (False, True):
                if in_headline:
                    match, match_params = self._match(
                        query, configs, "headline_document", positive_only=True, words=True
                    )
                else:
                    match, match_params = self._match(query, configs)
                where = " AND ".join([match, *filter_clauses])
                selects.append(f"SELECT FROM search_entry d WHERE {where}")
                params.append([*match_params, *filter_params])
            plan = self._plan(" UNION ALL ".join(selects), params[0] + params[1])
            parts = plan.get("Plans", [])
            if plan["Node Type"] != "Append" or len(parts) != 2:
                # (Should the planner ever fold one away: each planned alone.)
                parts = [
                    self._plan(select, select_params)
                    for select, select_params in zip(selects, params, strict=True)
                ]
            for in_headline, part in zip((False, True), parts, strict=True):
                self._estimates[query, filters, in_headline] = float(part["Plan Rows"])
        return self._estimates[key]

    def _plan(self, sql: str, params, *, options: str = "") -> dict:
        """The top node of the statement's plan (EXPLAIN with `options` too, if any)."""
        with self.connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN ({options}{', ' if options else ''}FORMAT JSON) {sql}", params)
            plan = cursor.fetchone()[0]
        return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]

    def _archive(self) -> tuple[int, list[datetime]]:
        """Entries in the index, and published_at quantiles (oldest first), from statistics."""
        now = time.monotonic()
        cached = PostgreSQLBackend._statistics
        if cached and now - cached[0] < self.STATISTICS_SECONDS:
            return cached[1], cached[2]
        with self.connection.cursor() as cursor:
            cursor.execute(
                """SELECT GREATEST(c.reltuples, 0)::bigint, s.histogram_bounds::text::timestamptz[]
                FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()
                    AND s.tablename = c.relname AND s.attname = 'published_at'
                WHERE c.oid = 'search_entry'::regclass"""
            )
            rows, bounds = cursor.fetchone()
        PostgreSQLBackend._statistics = (now, rows, bounds or [])
        return rows, bounds or []

    def _config_shares(self) -> dict[str, float]:
        """Each configuration's share of the entries (the commonest ones), from statistics."""
        now = time.monotonic()
        cached = PostgreSQLBackend._shares
        if cached and now - cached[0] < self.STATISTICS_SECONDS:
            return cached[1]
        with self.connection.cursor() as cursor:
            cursor.execute(
                """SELECT most_common_vals::text::text[], most_common_freqs FROM pg_stats
                WHERE schemaname = current_schema() AND tablename = 'search_entry'
                    AND attname = 'ts_config'"""
            )
            row = cursor.fetchone()
        shares = dict(zip(row[0] or (), row[1] or (), strict=False)) if row else {}
        PostgreSQLBackend._shares = (now, shares)
        return shares

    def _windows(self, estimate: float, limit: int) -> list[datetime | None]:
        """Lower bounds of published_at to try in turn, ending with None (everything)."""
        rows, bounds = self._archive()
        if estimate <= self.FEW_MATCHES or rows <= 0 or len(bounds) < 2:
            return [None]
        share = self.WINDOW_SLACK * limit / estimate
        cutoffs: list[datetime | None] = []
        while share < self.MAX_WINDOW_SHARE:
            # Quantiles are equal shares of the rows; the newest `share` starts at this one.
            index = max(0, min(len(bounds) - 1, int((len(bounds) - 1) * (1 - share))))
            if not cutoffs or bounds[index] != cutoffs[-1]:
                cutoffs.append(bounds[index])
            share *= self.WINDOW_GROWTH
        return [*cutoffs, None]

    def _newest(
        self, query, filters, limit: int, *, headline: bool = False, count_cap: int = 0
    ) -> list[int]:
        """Ids of the newest `limit` matching entries, newest first.

        With `headline`, of the entries matching the positive terms in the headline.
        When `count` (with `count_cap`) would have to count the matches, they are all
        read at once instead, sorted and counted here.
        """
        configs = self.configs(filters)
        arms, exact, _ = self._exact_match(query, configs, headline=headline)
        rows, _ = self._archive()
        if headline and not query.excluded and self.estimate(query, filters) <= self.FEW_MATCHES:
            # The headline matches are among the document matches: few too, and all of
            # them are fetched either way; a second estimate (an EXPLAIN) would not change it.
            estimate = self.estimate(query, filters)
        else:
            estimate = self.estimate(query, filters, headline=headline)
        # A phrase's estimate is that of its words, far above its matches when they are
        # common: reading the newest rows until enough hold the phrase could take all day.
        # Several words are estimated as if they were independent, which words that go
        # together ("prime minister") are not: far below their matches, the estimate would
        # have all of them read at once. For both, the index entries are counted instead
        # (an upper bound of the matches).
        has_phrase = self._has_phrase(query, configs)
        walk_first = self.PHRASE_WALK and has_phrase and not headline
        if walk_first and rows and estimate >= self.WALK_SHARE * rows:
            # Words in most articles may make a phrase in most too: then the newest rows
            # fill the pool at once, where its word pairs' posting list, read any other
            # way, takes tens of milliseconds (40 for a pair in 716,000 entries of a
            # million). Most such phrases are rarer: a sample of the newest tells (about
            # a millisecond), then only the newest PHRASE_WALK times the pool are read;
            # short of the pool there, its index entries are counted as below.
            sample = max(1, limit // (2 * self.PHRASE_WALK))
            found = self._walk(query, filters, configs, arms, sample, within=self.PHRASE_WALK)
            if len(found) >= sample:
                found = self._walk(query, filters, configs, arms, limit, within=self.PHRASE_WALK)
            if len(found) >= limit:
                self._walked.add((query, filters))
                return found
        entries = None
        if (has_phrase or len(query.groups) > 1) and not headline:
            entries = self._entries[query, filters] = self._index_entries(arms, filters)
            if entries is not None:
                estimate = entries
        with self.connection.cursor() as cursor:
            if rows and estimate >= self.WALK_SHARE * rows and not has_phrase:
                return self._walk(query, filters, configs, arms, limit, headline=headline)
            # Every window reads the whole posting lists of the words again (the GIN scan
            # comes before the date condition), so a window too small costs more than one
            # too large. A phrase's matches are a fraction of its words' that the
            # statistics do not know: its first window is the one after theirs.
            windows = self._windows(estimate, limit)
            if has_phrase and entries is None and not headline and len(windows) > 2:
                # (The headline query asks for the words in any order: its estimate holds.)
                windows = windows[1:]
            if not headline and estimate < self.READ_ALL_SHARE * count_cap:
                # `count` would read every match outside the window again (GIN posting
                # lists and heap pages): one read of all of them, sorted and counted,
                # costs less than a window and that count (11 against 26 ms for a word in
                # 6,200 entries of a million). Not near the cap: past it, `count` stops
                # at the cap and this would read on.
                windows = [None]
            for cutoff in windows:
                window, window_params = "", []
                if cutoff is not None:
                    window, window_params = " AND d.published_at >= %s", [cutoff]
                matching, params = self._matching(
                    arms,
                    filters,
                    "d.article_id, d.published_at",
                    extra=window,
                    extra_params=window_params,
                )
                # Sorting on an expression keeps the planner from walking the date index
                # row by row (it does not know that checking a tsvector means reading it).
                # Every match in the window is read to sort them: their number comes with
                # them, and `count` need not read them again (see `count`).
                cursor.execute(
                    f"""SELECT m.article_id, count(*) OVER () FROM ({matching}) m
                    ORDER BY m.published_at + interval '0 seconds' DESC, m.article_id DESC
                    LIMIT %s""",
                    [*params, limit],
                )
                fetched = cursor.fetchall()
                found = [row[0] for row in fetched]
                if not headline:
                    self._counted[query, filters] = (cutoff, fetched[0][1] if fetched else 0)
                if len(found) >= limit or cutoff is None:
                    return found
        return found

    def _walk(
        self, query, filters, configs, arms, limit, *, headline=False, within: float = 0
    ) -> list[int]:
        """The newest `limit` matching entries, read in date order: most entries match.

        Each row is checked against its tsvector: the plain tsquery, not the word pairs (an
        index expression, computed again for every row it is checked on). With `within`,
        only the newest `within` times `limit` entries (with the filters) are read.
        """
        filter_clauses, filter_params = self._filter_sql(filters)
        if headline:
            plain = "(" + " OR ".join(arm for arm, _ in arms) + ")"
            plain_params = [p for _, arm_params in arms for p in arm_params]
        else:
            plain, plain_params = self._match(query, configs)
        newest = "ORDER BY d.published_at DESC, d.article_id DESC"
        if within:
            where = " AND ".join(filter_clauses) or "true"
            source = f"(SELECT * FROM search_entry d WHERE {where} {newest} LIMIT %s) d"
            source_params = [*filter_params, int(within * limit)]
            filter_clauses, filter_params = [], []
        else:
            source, source_params = "search_entry d", []
        with self.connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_indexscan = on")
            cursor.execute(
                f"""SELECT d.article_id FROM {source}
                WHERE {" AND ".join([plain, *filter_clauses])} {newest} LIMIT %s""",
                [*source_params, *plain_params, *filter_params, limit],
            )
            found = [row[0] for row in cursor.fetchall()]
            cursor.execute("SET LOCAL enable_indexscan = off")
        return found

    def _index_entries(self, arms, filters: Filters) -> int | None:
        """How many entries the GIN indexes return for the arms: no heap page is read.

        Counting matches reads a heap page for each (PostgreSQL checks every row's
        visibility there), 20 to 30 ms for 10,000 of them when the table is not in shared
        buffers; the bitmap an index scan builds holds them all without reading any.
        EXPLAIN ANALYZE reports its size: the query behind it stops at its first row.
        None when the plan has no such figure (the bitmap of an arm was combined with
        another index's, or came from an index of another condition).
        """
        filter_clauses, filter_params = self._filter_sql(filters)
        probes, params = [], []
        for arm, arm_params in arms:
            where = " AND ".join([arm, *filter_clauses])
            probes.append(f"(SELECT 1 FROM search_entry d WHERE {where} LIMIT 1)")
            params += [*arm_params, *filter_params]
        with self.connection.cursor() as cursor:
            # For one row, reading the table from its start would look cheaper.
            cursor.execute("SET LOCAL enable_seqscan = off")
            plan = self._plan(f"SELECT {', '.join(probes)}", params, options="ANALYZE, TIMING OFF")
            cursor.execute("SET LOCAL enable_seqscan TO DEFAULT")
        # Each arm must be one scan of the index of its words or word pairs, which then
        # answers every condition that index holds (configuration, section, source). On a
        # tiny table the planner may scan another for the configuration alone and check
        # the words on the rows: the entries would be those of the configuration.
        entries, scans, nodes = 0, 0, [plan]
        while nodes:
            node = nodes.pop()
            if node["Node Type"] in ("BitmapAnd", "BitmapOr"):
                return None
            if node["Node Type"] == "Bitmap Index Scan":
                condition = node.get("Index Cond", "")
                if " @@ " not in condition and " @> " not in condition:
                    return None
                entries += int(node["Actual Rows"])
                scans += 1
            nodes += node.get("Plans", [])
        return entries if scans == len(arms) else None

    @contextmanager
    def _tuned(self) -> Iterator[None]:
        """A transaction with room for exact bitmaps, no plain index scans and no JIT.

        An index scan with the words as a filter (on the date index, for a window) reads
        every row's tsvector; the planner does not count that cost, and on the narrow
        entries it took such a scan for a cheap one (500 ms for a window of 120,000
        entries, against a few ms for the GIN bitmap). Only the walk in date order needs
        one, and turns them back on for itself (see `_newest`).
        JIT compiles a plan whose estimated cost passes jit_above_cost (100,000), which takes
        tens of milliseconds for a statement that runs in a few. None of the benchmark's
        statements at a million entries reached it (the costliest seen: 24,811), but a
        larger archive or a misestimate would.
        SET LOCAL ends with the transaction; inside an outer one, index scans and JIT come
        back when this one ends.
        """
        nested = self.connection.in_atomic_block
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SET LOCAL work_mem = '{self.WORK_MEM}'; SET LOCAL enable_indexscan = off;"
                    " SET LOCAL jit = off"
                )
            yield
            if nested:
                with self.connection.cursor() as cursor:
                    cursor.execute("SET LOCAL enable_indexscan = on; SET LOCAL jit TO DEFAULT")

    def candidates(self, query, filters, *, limit, headline_limit, count_cap=0):
        self.configs(filters)  # a loose index scan: before index scans are turned off
        with self._tuned():
            return self._candidates(
                query, filters, limit=limit, headline_limit=headline_limit, count_cap=count_cap
            )

    def _candidates(self, query, filters, *, limit, headline_limit, count_cap=0):
        configs = self.configs(filters)
        newest = self._newest(query, filters, limit, count_cap=count_cap)
        headline = self._newest(query, filters, headline_limit, headline=True)
        # The headline query found a phrase's words in any order: those of its finds that the
        # document query did not find are checked for the whole query here, where ranking
        # reads their tsvectors anyway.
        unchecked = list(set(headline) - set(newest)) if self._has_phrase(query, configs) else []
        rank_query, rank_params = self._per_row_query(query, configs)
        sql = f"""
            SELECT d.article_id, ts_rank(%s::float4[], d.document, {rank_query}, %s),
                d.article_id <> ALL(%s::bigint[]) OR d.document @@ ({rank_query})
            FROM search_entry d WHERE d.article_id = ANY(%s::bigint[])
        """
        params = [
            self.WEIGHTS,
            *rank_params,
            self.NORMALIZATION,
            id_array(unchecked),
            *rank_params,
            id_array({*newest, *headline}),
        ]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        in_headline = set(headline)
        candidates = [
            Candidate(article_id=row[0], relevance=row[1], in_headline=row[0] in in_headline)
            for row in rows
            if row[2]
        ]
        return candidates, len(newest) >= limit

    def count(self, query, filters, *, cap):
        # The newest-matches part counted the matches of its last window (all of them
        # when it had none): only the older ones, if any, are left to count.
        cutoff, counted = self._counted.get((query, filters), (False, 0))
        if cutoff is None or counted >= cap:
            return min(counted, cap)
        # A phrase whose pool came from the newest entries alone: as many of all entries
        # would be far past the cap. "More than" is then an estimate, as for words below.
        if (query, filters) in self._walked and filters == Filters():
            rows, _ = self._archive()
            if rows / self.PHRASE_WALK >= self.ESTIMATE_FACTOR * cap:
                return cap
        configs = self.configs(filters)
        # Counting a common word's matches reads them all; the planner's estimate (from
        # the lexeme statistics) is enough to say "more than 10,000" when far above. Not
        # for a phrase: its estimate is that of its words (see `estimate`), far above its
        # matches when they are common.
        has_phrase = self._has_phrase(query, configs)
        if not has_phrase and self.estimate(query, filters) >= self.ESTIMATE_FACTOR * cap:
            return cap
        arms, exact, overlaps = self._exact_match(query, configs)
        with self._tuned():
            if exact and self._entries_pass(query, filters, arms, overlaps, has_phrase, cap):
                return cap
            extra, extra_params = "", []
            if cutoff:
                extra, extra_params = " AND d.published_at < %s", [cutoff]
            matching, params = self._matching(
                arms, filters, "1", extra=extra, extra_params=extra_params
            )
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT count(*) FROM ({matching} LIMIT %s) s", [*params, cap - counted]
                )
                return counted + cursor.fetchone()[0]

    def _entries_pass(self, query, filters, arms, overlaps, has_phrase, cap) -> bool:
        """Whether the index entries of exact arms alone show `cap` matches, reading no row.

        Only when the GIN scans answer the whole condition: no filter but a section or
        source (in the words' index, not in the word pairs'). Entries of rows updated or
        deleted since the last VACUUM are still there: the table's dead rows, as its
        statistics count them, are taken off (a bound, however they are spread).

        An arm that reads its configuration from the rows has the other configurations'
        entries for the same lexemes too. Far past the cap (ENTRIES_FACTOR), "more than"
        is an estimate, as the planner's is for words (see `count`); nearer, those entries
        are counted in the index (the overlaps of `_exact_match`) and taken off: 1 to 6 ms
        at a million entries, where counting the matches takes 10 to 15.
        """
        on_rows = replace(filters, section_id=None, source_id=None) != Filters()
        if on_rows or (has_phrase and filters != Filters()):
            return False
        if (query, filters) not in self._entries:
            # Words have an estimate (see `count`), good to a few percent: no GIN scan for
            # entries that would fall short.
            if self.estimate(query, filters) < 0.95 * cap:
                return False
            self._entries[query, filters] = self._index_entries(arms, filters)
        entries = self._entries[query, filters]
        if entries is None or entries < cap:
            return False
        dead = self._dead_entries()
        if overlaps:
            if entries - dead >= self.ENTRIES_FACTOR * cap:
                return True
            other_languages = self._index_entries(overlaps, filters)
            if other_languages is None:
                return False
            entries -= other_languages
        return entries - dead >= cap

    def _dead_entries(self) -> int:
        """Rows of `search_entry` updated or deleted since its last VACUUM (statistics)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_stat_get_dead_tuples('search_entry'::regclass)")
            return cursor.fetchone()[0] or 0

    def highlights(self, query, article_ids):
        if not article_ids:
            return {}
        configs = self.configs(Filters())
        tsquery, tsquery_params = self._per_row_query(query, configs)
        marks = f'StartSel="{MARK_START}", StopSel="{MARK_END}"'
        whole = f"HighlightAll=true, {marks}"
        snippet = f'MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … ", {marks}'
        sql = f"""
            SELECT d.article_id,
                ts_headline(d.ts_config::regconfig, d.headline, {tsquery}, %s),
                ts_headline(d.ts_config::regconfig, d.standfirst, {tsquery}, %s),
                ts_headline(d.ts_config::regconfig, d.body, {tsquery}, %s)
            FROM search_document d WHERE d.article_id = ANY(%s::bigint[])
        """
        params = [*tsquery_params, whole, *tsquery_params, whole, *tsquery_params, snippet]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*params, id_array(article_ids)])
            return {
                row[0]: Highlight(headline=row[1], standfirst=row[2] or "", snippet=row[3] or "")
                for row in cursor.fetchall()
            }

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_total_relation_size('search_document')"
                " + pg_total_relation_size('search_entry')"
            )
            return cursor.fetchone()[0]

    @contextmanager
    def deferred_indexes(self):
        with self.connection.cursor() as cursor:
            for name in self.GIN_INDEXES:
                cursor.execute(f"DROP INDEX IF EXISTS {name}")
        try:
            yield
        finally:
            self.create_indexes()

    def create_indexes(self) -> None:
        """Create any missing GIN index (a no-op when all are there)."""
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'search_entry'")
            present = {row[0] for row in cursor.fetchall()}
            missing = [name for name in self.GIN_INDEXES if name not in present]
            if not missing:
                return
            if self.connection.in_atomic_block:
                # CREATE INDEX refuses to run while deferred foreign key checks of rows
                # written in this transaction are pending: run them now. (`dateline reindex`
                # commits each batch and never gets here.)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"SET maintenance_work_mem = '{self.BUILD_MEMORY}'")
            try:
                for name in missing:
                    cursor.execute(f"CREATE INDEX {name} {self.GIN_INDEXES[name]}")
                for sql in self.AFTER_INDEXES:
                    cursor.execute(sql)
            finally:
                cursor.execute("RESET maintenance_work_mem")

    def optimize(self):
        self.create_indexes()
        with self.connection.cursor() as cursor:
            # VACUUM sets hint bits and takes dead rows' entries out of the GIN indexes (see
            # `_entries_pass`); it cannot run inside a transaction, where ANALYZE alone will
            # do.
            if self.connection.in_atomic_block:
                cursor.execute("ANALYZE search_document, search_entry")
            else:
                cursor.execute("VACUUM (ANALYZE) search_document, search_entry")
        PostgreSQLBackend._statistics = None


def _varints(blob: bytes) -> list[int]:
    """Decode SQLite varints (FTS5 stores its sizes and totals as these)."""
    values, value, length = [], 0, 0
    for byte in bytes(blob):
        length += 1
        if length == 9:  # the ninth byte gives all its eight bits
            values.append((value << 8) | byte)
            value, length = 0, 0
        elif byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            values.append((value << 7) | byte)
            value, length = 0, 0
    return values


def _varint_sum(blob: bytes) -> int:
    """The sum of SQLite varints too small to take nine bytes (FTS5's column sizes)."""
    total = value = 0
    for byte in blob:
        if byte & 0x80:
            value = (value << 7) | (byte & 0x7F)
        else:
            total += (value << 7) | byte
            value = 0
    return total


# (configuration, term text) -> TermShape: to_tsvector of a word never changes.
_SHAPES: dict[tuple[str, str], TermShape] = {}


BACKENDS: dict[str, type[SearchBackend]] = {
    SQLiteBackend.vendor: SQLiteBackend,
    PostgreSQLBackend.vendor: PostgreSQLBackend,
}


def get_backend(connection=None) -> SearchBackend:
    """The engine for the database in use."""
    connection = connection or default_connection
    try:
        return BACKENDS[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"Search has no engine for {connection.vendor}") from None
