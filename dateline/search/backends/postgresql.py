"""PostgreSQL: tsvector columns with GIN indexes, ranked by ts_rank, marked by ts_headline.

The strategy, in one place:

Layout. Everything but highlighting reads `search_entry`, a narrow table kept by triggers
beside `search_document`: ids, date, section, source, text search configuration and the
tsvectors out of line, so that the rows a search counts and sorts are few pages, mostly in
shared buffers. `search_document`, with the copy, is read for a page's highlights only.
Three GIN indexes serve it: the words of the whole entry, the words of the headline, and
hashed pairs of adjacent words (for phrases). Each leads with the configuration, and the
words' ones with section and source, so that one index scan answers those conditions too.

Languages. Each article is indexed in its language's configuration ('simple' when we know
none). Each term goes through websearch_to_tsquery on its own, quoted, so that the reader's
words are never read as operators, once per search and configuration; it reaches the
statements as a tsquery constant (the function is only stable: called in a statement, it
would run again for every row). When every configuration in use reads the terms alike, one
tsquery serves all rows and the configuration is not tested. Otherwise each configuration
is one query of a UNION ALL: with OR, the planner would check the whole condition,
tsvector included, on every row found. A configuration holding most of the archive is
tested on the rows found rather than in the index, where it is a posting list of most rows.

Exact index conditions. The GIN indexes answer words, and a two-word phrase by its word
pair; only longer phrases, phrases in OR and excluded phrases are checked on the rows
found. Finding candidates therefore reads no tsvector: only the pool is ranked, and only a
page is highlighted. The headline query asks for the words in any order (which the
headline's index answers alone); its finds are checked for the whole query as they are
ranked.

The newest matches. Finding the pool costs about the same however common the words: the
planner's estimate of how many entries match (from the statistics of the tsvector column)
chooses how.
- Few matches: the GIN index returns them all, and they are sorted by date.
- Many: the GIN index is intersected with a window of the newest entries, sized from the
  estimate to hold the pool and grown when it held too few; past a share of the archive
  the window is the whole archive. Every window reads the words' posting lists again, so
  windows err on the large side.
- Most of the archive: the newest entries are read in date order until the pool is full.
The planner misjudges two cases, which are sized by their index entries instead (an upper
bound of their matches, read from EXPLAIN ANALYZE of a probe that stops at its first row,
so no row is read): a phrase, estimated as its words, and several words, estimated as if
independent. A phrase whose words are in most entries is first looked for among a few
times the pool of the newest entries, in date order, where a common phrase fills it.

Counting. A window query counts the matches in its window as it sorts them, and `count`
then reads only the older ones. Well under the cap, every match is read at once, sorted
and counted, rather than a window and then the rest. Far above the cap, "more than" comes
without counting: from the planner's estimate for words, and from the index entries (less
the table's dead rows, which VACUUM clears) for phrases and for filters the indexes hold.

Planner settings. A search runs in a transaction with SET LOCAL: enough work_mem for
exact bitmaps; plain index scans off, since an index scan with the words as a filter reads
every row's tsvector, a cost the planner does not count (the walk in date order turns them
on for itself); JIT off, since compiling a plan would cost more than these statements take
to run. Inside an outer transaction, the settings are put back when the search ends.

Statistics. The archive's row count, published_at quantiles and configurations' shares
come from the catalogue and are kept per process for a while; each term's lexemes are kept
per process. `optimize` (VACUUM ANALYZE) forgets the statistics.

Where: `postgresql_query` (tsquery constants and index conditions), `postgresql_planning`
(estimates, statistics, the newest matches), `tuning` (every threshold, with its reason).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime

from django.db import transaction

from dateline.search.backends import tuning
from dateline.search.backends.base import (
    MARK_END,
    MARK_START,
    Candidate,
    Filters,
    Highlight,
    SearchBackend,
)
from dateline.search.backends.postgresql_planning import (
    PostgreSQLPlanning,
    clear_statistics,
)
from dateline.search.backends.postgresql_query import PostgreSQLQuery, TermShape
from dateline.search.lookups import id_array

# The GIN indexes, as the migrations create them: a first build drops them while the
# archive loads and builds them once at the end; `optimize` restores any that is missing.
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


class PostgreSQLBackend(PostgreSQLPlanning, PostgreSQLQuery, SearchBackend):
    """tsvector + GIN, with the newest matches found in bounded work however common the
    words (see the module docstring)."""

    vendor = "postgresql"

    def __init__(self, connection=None) -> None:
        super().__init__(connection)
        # What this search learnt, for its later steps (a backend serves one search).
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

    @contextmanager
    def _tuned(self) -> Iterator[None]:
        """A transaction with room for exact bitmaps, no plain index scans and no JIT (see
        "Planner settings" in the module docstring). SET LOCAL ends with the transaction;
        inside an outer one, index scans and JIT come back when this one ends."""
        nested = self.connection.in_atomic_block
        with transaction.atomic(using=self.connection.alias):
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SET LOCAL work_mem = '{tuning.WORK_MEM}'; SET LOCAL enable_indexscan = off;"
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
            tuning.RANK_WEIGHTS,
            *rank_params,
            tuning.RANK_NORMALIZATION,
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
            if rows / tuning.PHRASE_WALK >= tuning.PLANNER_ESTIMATE_FACTOR * cap:
                return cap
        configs = self.configs(filters)
        # Counting a common word's matches reads them all; the planner's estimate (from
        # the lexeme statistics) is enough to say "more than" the cap when far above. Not
        # for a phrase: its estimate is that of its words (see `estimate`), far above its
        # matches when they are common.
        has_phrase = self._has_phrase(query, configs)
        if not has_phrase and self.estimate(query, filters) >= tuning.PLANNER_ESTIMATE_FACTOR * cap:
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
        are counted in the index (the overlaps of `_exact_match`) and taken off, which
        reads no row where counting the matches reads every one.
        """
        on_rows = replace(filters, section_id=None, source_id=None) != Filters()
        if on_rows or (has_phrase and filters != Filters()):
            return False
        if (query, filters) not in self._entries:
            # Words have an estimate (see `count`), good to a few percent: no GIN scan for
            # entries that would fall short.
            if self.estimate(query, filters) < tuning.ENTRIES_ESTIMATE_SHARE * cap:
                return False
            self._entries[query, filters] = self._index_entries(arms, filters)
        entries = self._entries[query, filters]
        if entries is None or entries < cap:
            return False
        dead = self._dead_entries()
        if overlaps:
            if entries - dead >= tuning.ENTRIES_FACTOR * cap:
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
            for name in GIN_INDEXES:
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
            missing = [name for name in GIN_INDEXES if name not in present]
            if not missing:
                return
            if self.connection.in_atomic_block:
                # CREATE INDEX refuses to run while deferred foreign key checks of rows
                # written in this transaction are pending: run them now. (`dateline reindex`
                # commits each batch and never gets here.)
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"SET maintenance_work_mem = '{tuning.BUILD_MEMORY}'")
            try:
                for name in missing:
                    cursor.execute(f"CREATE INDEX {name} {GIN_INDEXES[name]}")
                for sql in AFTER_INDEXES:
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
        clear_statistics()
