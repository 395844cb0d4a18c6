"""PostgreSQL: the reader's query as tsquery constants and as conditions the GIN indexes
answer (see the strategy in `postgresql`)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dateline.search.backends import tuning
from dateline.search.backends.base import Filters
from dateline.search.query import ParsedQuery, Term

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


# Per process: (configuration, term text) -> TermShape, since to_tsvector of a word never
# changes. At most tuning.TERM_SHAPES_KEPT; `clear_term_shapes` empties it.
_term_shapes: dict[tuple[str, str], TermShape] = {}


def clear_term_shapes() -> None:
    """Forget every term's lexemes (after a change of text search configurations)."""
    _term_shapes.clear()


class PostgreSQLQuery:
    """The query-building part of `PostgreSQLBackend` (one search's terms and conditions).

    A search keeps each term's shape in `_known` (see `_shapes`) and the configurations in
    use in `_configs` (see `configs`).
    """

    _configs: dict[str | None, list[str]]
    _known: dict[tuple[str, str], TermShape]

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
                cached = self._known.get((config, text)) or _term_shapes.get((config, text))
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
            if len(_term_shapes) > tuning.TERM_SHAPES_KEPT:
                _term_shapes.clear()
            for n, key in enumerate(missing, start=1):
                tsquery, words = tsqueries.get(n, ("", ""))
                shape = replace(term_shape(found.get(n, {})), tsquery=tsquery, words=words)
                shapes[key] = _term_shapes.setdefault(key, shape)
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
            elif shares.get(config, 0.0) > tuning.LARGE_CONFIG_SHARE:
                # Tested on the rows the words found, not in the GIN index: there the
                # configuration of most of the archive is a posting list of most rows,
                # dearer to intersect with a word than the word alone. (`|| ''` keeps the
                # planner from using the index for it; the column is read from the row,
                # never the tsvector.)
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
