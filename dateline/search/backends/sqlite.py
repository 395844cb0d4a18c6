"""SQLite: FTS5 (`search_fts`, external content over `search_document`), BM25 with column
weights, `snippet()` and `highlight()`; newest matches first, in work bounded by the pool
however common the words."""

from __future__ import annotations

from dataclasses import replace

from dateline.search.backends import tuning
from dateline.search.backends.base import (
    MARK_END,
    MARK_START,
    Candidate,
    Filters,
    Highlight,
    SearchBackend,
)
from dateline.search.query import ParsedQuery

# The columns of `search_fts`, in order (tuning.COLUMN_WEIGHTS weighs them).
COLUMNS = ("headline", "standfirst", "body", "topics", "byline", "place")
# BM25's constants, those of FTS5's bm25(): relevance orders rows as bm25() does.
BM25_K1 = 1.2
BM25_B = 0.75
# The tables and indexes the index takes, for `size_bytes`.
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
                    for n, column in enumerate(COLUMNS[:columns])
                ),
            ]
        )
        tail = "ORDER BY search_fts.rowid DESC LIMIT %s"
        rows = self._matches(match, filters, select, tail, [limit])
        average = self._average_length()
        k1, b = BM25_K1, BM25_B
        candidates = []
        for article_id, size, *counts in rows:
            frequency = sum(
                weight * count
                for weight, count in zip(tuning.COLUMN_WEIGHTS, counts, strict=False)
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
                return len(rowids) <= tuning.BM25_MAX_MATCHES
            cursor.execute("SELECT max(article_id) FROM search_document")
            newest = cursor.fetchone()[0] or rowids[0]
        # Ids follow arrival, so the share of the ids the walk went through is a share of
        # the archive; as many entries as ids is an upper bound.
        estimate = len(rowids) * newest / max(newest - rowids[-1] + 1, 1)
        return estimate <= tuning.BM25_MAX_MATCHES

    def _bm25(self, match: str, filters: Filters, limit: int) -> list[Candidate]:
        select = f"search_fts.rowid, bm25(search_fts, {', '.join(map(str, tuning.COLUMN_WEIGHTS))})"
        tail = "ORDER BY search_fts.rowid DESC LIMIT %s"
        rows = self._matches(match, filters, select, tail, [limit])
        # bm25() is negative, better matches more so.
        return [Candidate(article_id=row[0], relevance=-row[1]) for row in rows]

    def candidates(self, query, filters, *, limit, headline_limit, count_cap=0):
        if self._few_matches(query, limit):
            newest = self._bm25(query.to_fts5(), filters, limit)
            headline = self._bm25(query.to_fts5(column="headline"), filters, headline_limit)
        else:
            newest = self._scored(query.to_fts5(), filters, limit, len(tuning.COLUMN_WEIGHTS))
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
        width = max(1, int(tuning.SAMPLE_MATCHES / density))
        if tuning.SAMPLES * width * 2 > older:
            return None
        match = query.to_fts5()
        step = (older - width) / tuning.SAMPLES
        sampled = 0
        for n in range(tuning.SAMPLES):
            first = low + int(step * (n + 0.5))
            sampled += self._count(
                match, filters, tuning.SAMPLE_MATCHES * 8, (first, first + width - 1)
            )
        return found + sampled * older / (tuning.SAMPLES * width)

    def count(self, query, filters, *, cap):
        # Counting a common word's or phrase's matches reads them all; a sample of the
        # archive is enough to say "more than" when it is far above the cap.
        estimate = self.estimate(query, filters)
        if estimate is not None and estimate >= tuning.SAMPLE_ESTIMATE_FACTOR * cap:
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
                names = ", ".join(["%s"] * len(TABLES))
                cursor.execute(
                    f"SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN ({names})",
                    TABLES,
                )
            except Exception:  # dbstat is a compile-time option of SQLite
                return -1
            return cursor.fetchone()[0]

    def optimize(self):
        with self.connection.cursor() as cursor:
            cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")


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
