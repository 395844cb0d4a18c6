"""The full-text engines behind search: one interface, one implementation per database.

The engine only finds and scores: given a parsed query and filters it returns candidate
article ids with a relevance, a count, and highlighted text for a page of results.
Visibility, recency, ordering, facets and paging are decided once, in `selectors`, for
both engines.

- SQLite: FTS5 (`search_fts`, external content over `search_document`), BM25 with column
  weights, `snippet()` and `highlight()`.
- PostgreSQL: tsvector columns with GIN indexes, `websearch_to_tsquery` in each article
  language's configuration ('simple' when we know none), `ts_rank` and `ts_headline`.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection as default_connection

from dateline.newsroom.models import Article
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
        self, query: ParsedQuery, filters: Filters, *, limit: int, headline_limit: int
    ) -> tuple[list[Candidate], bool]:
        """The newest `limit` matches, plus the newest `headline_limit` headline matches.

        Returns the candidates and whether the newest-matches part was full (there may
        be more matches than were scored).
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

    def _filter_sql(self, filters: Filters) -> tuple[list[str], list]:
        """WHERE clauses on `search_document d`, shared by both engines."""
        ops = self.connection.ops
        clauses: list[str] = []
        params: list = []
        if filters.section_id is not None:
            clauses.append("d.section_id = %s")
            params.append(filters.section_id)
        if filters.source_id is not None:
            clauses.append("d.source_id = %s")
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
    vendor = "sqlite"
    # bm25() weights in column order: headline, standfirst, body, topics, byline, place.
    WEIGHTS = "10.0, 5.0, 2.0, 1.5, 1.0, 0.75"
    TABLES = (
        "search_document",
        "sqlite_autoindex_search_document_1",
        "search_doc_published_idx",
        "search_doc_config_idx",
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

    def candidates(self, query, filters, *, limit, headline_limit):
        # Newest first by rowid (the article id, which follows arrival order): FTS5 walks
        # its doclists backwards and stops at the limit, however common the words are.
        select = f"search_fts.rowid, bm25(search_fts, {self.WEIGHTS})"
        tail = "ORDER BY search_fts.rowid DESC LIMIT %s"
        newest = self._matches(query.to_fts5(), filters, select, tail, [limit])
        headline = self._matches(
            query.to_fts5(column="headline"), filters, select, tail, [headline_limit]
        )
        seen: dict[int, Candidate] = {}
        for article_id, bm25 in [*newest, *headline]:
            # bm25() is negative, better matches more so.
            seen[article_id] = Candidate(article_id=article_id, relevance=-bm25)
        return list(seen.values()), len(newest) >= limit

    def count(self, query, filters, *, cap):
        clauses, params = self._filter_sql(filters)
        join = " JOIN search_document d ON d.article_id = search_fts.rowid" if clauses else ""
        where = " AND ".join(["search_fts MATCH %s", *clauses])
        sql = f"SELECT count(*) FROM (SELECT 1 FROM search_fts{join} WHERE {where} LIMIT %s)"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [query.to_fts5(), *params, cap])
            return cursor.fetchone()[0]

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


class PostgreSQLBackend(SearchBackend):
    vendor = "postgresql"
    # ts_rank weights for {D, C, B, A}: byline and place, body and topics, standfirst, headline.
    WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
    # 1: divide by 1 + log(document length), so a long body does not outweigh a headline.
    NORMALIZATION = 1
    ESTIMATE_FACTOR = 1.2

    def configs(self, filters: Filters) -> list[str]:
        """The configurations in use: a few index probes, not a scan (a loose index scan)."""
        if filters.language:
            return [ts_config_for(filters.language)]
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
            return [row[0] for row in cursor.fetchall()] or [FALLBACK_TS_CONFIG]

    @staticmethod
    def _term(config: str, term: Term) -> tuple[str, list]:
        # Each term goes to websearch_to_tsquery on its own, quoted, so that the reader's
        # words are never read as operators; we combine them with tsquery operators.
        return "websearch_to_tsquery(%s::regconfig, %s)", [config, f'"{term.text}"']

    def _tsquery(self, query: ParsedQuery, config: str, *, positive_only: bool = False):
        parts: list[str] = []
        params: list = []
        for group in query.groups:
            terms = [self._term(config, term) for term in group]
            parts.append("(" + " || ".join(sql for sql, _ in terms) + ")")
            params += [p for _, term_params in terms for p in term_params]
        if not positive_only:
            for term in query.excluded:
                sql, term_params = self._term(config, term)
                parts.append(f"(!! {sql})")
                params += term_params
        return " && ".join(parts), params

    def _match(self, query, configs, column="document", *, positive_only=False):
        clauses, params = [], []
        for config in configs:
            tsquery, tsquery_params = self._tsquery(query, config, positive_only=positive_only)
            clauses.append(f"(d.ts_config = %s AND d.{column} @@ ({tsquery}))")
            params += [config, *tsquery_params]
        return "(" + " OR ".join(clauses) + ")", params

    def _per_row_query(self, query, configs):
        """The tsquery for each row's own configuration."""
        if len(configs) == 1:
            return self._tsquery(query, configs[0])
        sql, params = "CASE d.ts_config", []
        for config in configs:
            tsquery, tsquery_params = self._tsquery(query, config)
            sql += f" WHEN %s THEN {tsquery}"
            params += [config, *tsquery_params]
        return sql + " END", params

    def candidates(self, query, filters, *, limit, headline_limit):
        configs = self.configs(filters)
        filter_clauses, filter_params = self._filter_sql(filters)
        match, match_params = self._match(query, configs)
        headline_match, headline_params = self._match(
            query, configs, "headline_document", positive_only=True
        )
        rank_query, rank_params = self._per_row_query(query, configs)
        where = " AND ".join([match, *filter_clauses])
        columns = "d.article_id, d.document, d.ts_config"
        sql = f"""
            SELECT d.article_id, ts_rank(%s::float4[], d.document, {rank_query}, %s), d.newest
            FROM (
                (SELECT {columns}, true AS newest FROM search_document d
                 WHERE {where} ORDER BY d.published_at DESC LIMIT %s)
                UNION ALL
                (SELECT {columns}, false AS newest FROM search_document d
                 WHERE {where} AND {headline_match} ORDER BY d.published_at DESC LIMIT %s)
            ) d
        """
        params = [
            self.WEIGHTS,
            *rank_params,
            self.NORMALIZATION,
            *match_params,
            *filter_params,
            limit,
            *match_params,
            *filter_params,
            *headline_params,
            headline_limit,
        ]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        seen = {row[0]: Candidate(article_id=row[0], relevance=row[1]) for row in rows}
        return list(seen.values()), sum(1 for row in rows if row[2]) >= limit

    def count(self, query, filters, *, cap):
        configs = self.configs(filters)
        filter_clauses, filter_params = self._filter_sql(filters)
        match, match_params = self._match(query, configs)
        where = " AND ".join([match, *filter_clauses])
        inner = f"SELECT 1 FROM search_document d WHERE {where}"
        params = [*match_params, *filter_params]
        with self.connection.cursor() as cursor:
            # Counting a common word's matches reads them all; the planner's estimate (from
            # the lexeme statistics) is enough to say "more than 10,000" when far above.
            cursor.execute(f"EXPLAIN (FORMAT JSON) {inner}", params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            if plan[0]["Plan"]["Plan Rows"] >= self.ESTIMATE_FACTOR * cap:
                return cap
            cursor.execute(f"SELECT count(*) FROM ({inner} LIMIT %s) s", [*params, cap])
            return cursor.fetchone()[0]

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
            FROM search_document d WHERE d.article_id = ANY(%s)
        """
        params = [*tsquery_params, whole, *tsquery_params, whole, *tsquery_params, snippet]
        with self.connection.cursor() as cursor:
            cursor.execute(sql, [*params, list(article_ids)])
            return {
                row[0]: Highlight(headline=row[1], standfirst=row[2] or "", snippet=row[3] or "")
                for row in cursor.fetchall()
            }

    def size_bytes(self):
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT pg_total_relation_size('search_document')")
            return cursor.fetchone()[0]

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("ANALYZE search_document")


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
