"""PostgreSQL: sizing a search from the planner's statistics, and finding the newest
matches the way that size calls for (see the strategy in `postgresql`)."""

from __future__ import annotations

import json
import time
from datetime import datetime

from dateline.search.backends import tuning
from dateline.search.backends.base import Filters
from dateline.search.query import ParsedQuery

# Per process, for tuning.STATISTICS_SECONDS: the archive's statistics, read from the
# catalogue ("archive": entries and published_at quantiles; "shares": each configuration's
# share of the entries), as (read at, value). `clear_statistics` empties it; `optimize`
# does after ANALYZE.
_statistics: dict[str, tuple[float, object]] = {}


def clear_statistics() -> None:
    """Forget the archive's statistics: the next search reads them again."""
    _statistics.clear()


def _kept(name: str):
    cached = _statistics.get(name)
    if cached and time.monotonic() - cached[0] < tuning.STATISTICS_SECONDS:
        return cached[1]
    return None


def window_cutoffs(
    estimate: float, limit: int, rows: int, bounds: list[datetime]
) -> list[datetime | None]:
    """Lower bounds of published_at to try in turn for the newest `limit` of `estimate`
    matches, ending with None (everything); `bounds` are the archive's published_at
    quantiles, oldest first, over its `rows` entries."""
    if estimate <= tuning.FEW_MATCHES or rows <= 0 or len(bounds) < 2:
        return [None]
    share = tuning.WINDOW_SLACK * limit / estimate
    cutoffs: list[datetime | None] = []
    while share < tuning.MAX_WINDOW_SHARE:
        # Quantiles are equal shares of the rows; the newest `share` starts at this one.
        index = max(0, min(len(bounds) - 1, int((len(bounds) - 1) * (1 - share))))
        if not cutoffs or bounds[index] != cutoffs[-1]:
            cutoffs.append(bounds[index])
        share *= tuning.WINDOW_GROWTH
    return [*cutoffs, None]


class PostgreSQLPlanning:
    """The planning part of `PostgreSQLBackend`: estimates, statistics and the newest
    matches. A search keeps its estimates in `_estimates`, what it counted in `_counted`,
    its index entries in `_entries` and its phrases read in date order in `_walked`."""

    _estimates: dict[tuple, float]
    _counted: dict[tuple, tuple[datetime | None, int]]
    _entries: dict[tuple, int | None]
    _walked: set[tuple]

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
        cached = _kept("archive")
        if cached is not None:
            return cached
        with self.connection.cursor() as cursor:
            cursor.execute(
                """SELECT GREATEST(c.reltuples, 0)::bigint, s.histogram_bounds::text::timestamptz[]
                FROM pg_class c LEFT JOIN pg_stats s ON s.schemaname = current_schema()
                    AND s.tablename = c.relname AND s.attname = 'published_at'
                WHERE c.oid = 'search_entry'::regclass"""
            )
            rows, bounds = cursor.fetchone()
        _statistics["archive"] = (time.monotonic(), (rows, bounds or []))
        return rows, bounds or []

    def _config_shares(self) -> dict[str, float]:
        """Each configuration's share of the entries (the commonest ones), from statistics."""
        cached = _kept("shares")
        if cached is not None:
            return cached
        with self.connection.cursor() as cursor:
            cursor.execute(
                """SELECT most_common_vals::text::text[], most_common_freqs FROM pg_stats
                WHERE schemaname = current_schema() AND tablename = 'search_entry'
                    AND attname = 'ts_config'"""
            )
            row = cursor.fetchone()
        shares = dict(zip(row[0] or (), row[1] or (), strict=False)) if row else {}
        _statistics["shares"] = (time.monotonic(), shares)
        return shares

    def _windows(self, estimate: float, limit: int) -> list[datetime | None]:
        """Lower bounds of published_at to try in turn, ending with None (everything)."""
        rows, bounds = self._archive()
        return window_cutoffs(estimate, limit, rows, bounds)

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
        if headline and not query.excluded and self.estimate(query, filters) <= tuning.FEW_MATCHES:
            # The headline matches are among the document matches: few too, and all of
            # them are fetched either way; a second estimate (an EXPLAIN) would not change it.
            estimate = self.estimate(query, filters)
        else:
            estimate = self.estimate(query, filters, headline=headline)
        # A phrase's estimate is that of its words, far above its matches when they are
        # common: reading the newest rows until enough hold the phrase could read most of
        # the archive.
        # Several words are estimated as if they were independent, which words that go
        # together ("prime minister") are not: far below their matches, the estimate would
        # have all of them read at once. For both, the index entries are counted instead
        # (an upper bound of the matches).
        has_phrase = self._has_phrase(query, configs)
        walk_first = tuning.PHRASE_WALK and has_phrase and not headline
        if walk_first and rows and estimate >= tuning.WALK_SHARE * rows:
            # Words in most articles may make a phrase in most too: then the newest rows
            # fill the pool at once, where its word pairs' long posting list would be read
            # any other way. Most such phrases are rarer: a small sample of the newest
            # tells, then only the newest PHRASE_WALK times the pool are read; short of
            # the pool there, its index entries are counted as below.
            sample = max(1, limit // (2 * tuning.PHRASE_WALK))
            found = self._walk(query, filters, configs, arms, sample, within=tuning.PHRASE_WALK)
            if len(found) >= sample:
                found = self._walk(query, filters, configs, arms, limit, within=tuning.PHRASE_WALK)
            if len(found) >= limit:
                self._walked.add((query, filters))
                return found
        entries = None
        if (has_phrase or len(query.groups) > 1) and not headline:
            entries = self._entries[query, filters] = self._index_entries(arms, filters)
            if entries is not None:
                estimate = entries
        with self.connection.cursor() as cursor:
            if rows and estimate >= tuning.WALK_SHARE * rows and not has_phrase:
                return self._walk(query, filters, configs, arms, limit, headline=headline)
            # Every window reads the whole posting lists of the words again (the GIN scan
            # comes before the date condition), so a window too small costs more than one
            # too large. A phrase's matches are a fraction of its words' that the
            # statistics do not know: its first window is the one after theirs.
            windows = self._windows(estimate, limit)
            if has_phrase and entries is None and not headline and len(windows) > 2:
                # (The headline query asks for the words in any order: its estimate holds.)
                windows = windows[1:]
            if not headline and estimate < tuning.READ_ALL_SHARE * count_cap:
                # `count` would read every match outside the window again (GIN posting
                # lists and heap pages): one read of all of them, sorted and counted,
                # costs less than a window and that count. Not near the cap: past it,
                # `count` stops at the cap and this would read on.
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
        visibility there); the bitmap an index scan builds holds them all without reading
        any.
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
