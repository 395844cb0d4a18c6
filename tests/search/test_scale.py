"""Search at a million articles: bounded work per query, the same results as looking at all.

Each way an engine finds the newest matches or tells a total is chosen by thresholds in
`backends.tuning`; these tests set the thresholds so that a small archive takes the way a
large one would, and check what a search promises (results, their order, the total and
whether it is "more than") through `search_articles`, on both databases.
"""

import random
from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dateline.newsroom.models import Article
from dateline.search import selectors
from dateline.search.backends import Filters, get_backend, tuning
from dateline.search.backends.postgresql import GIN_INDEXES
from dateline.search.backends.postgresql_planning import window_cutoffs
from dateline.search.backends.postgresql_query import term_shape
from dateline.search.models import SearchDocument
from dateline.search.query import parse_query
from dateline.search.selectors import search_articles
from dateline.topics.models import ArticleTopic
from tests.factories import TopicFactory
from tests.search.conftest import QUIET_BODY, headlines

pytestmark = pytest.mark.django_db


def tune(monkeypatch, **values):
    """Set search thresholds (`backends.tuning`) for one test; a misspelt name fails."""
    for name, value in values.items():
        monkeypatch.setattr(tuning, name, value)


# Without a database


@pytest.mark.parametrize(
    ("positions", "lexemes", "pairs", "exact"),
    [
        ({}, (), (), False),
        ({1: ["bank"]}, (("bank",),), (), False),
        ({1: ["central"], 2: ["bank"]}, (("central",), ("bank",)), ("central bank",), True),
        ({1: ["bank"], 2: ["bank"]}, (("bank",), ("bank",)), ("bank bank",), True),
        (
            {1: ["rail"], 2: ["strike"], 3: ["talk"]},
            (("rail",), ("strike",), ("talk",)),
            ("rail strike", "strike talk"),
            False,
        ),
        # "bank of england": the stop word leaves a gap, which no pair spans.
        ({1: ["bank"], 3: ["england"]}, (("bank",), (), ("england",)), (), False),
        ({1: ["foo-bar", "foo"], 2: ["baz"]}, (("foo", "foo-bar"), ("baz",)), (), False),
    ],
    ids=["no words", "word", "two words", "a word twice", "three words", "gap", "two at once"],
)
def test_a_term_is_split_into_the_word_pairs_a_phrase_needs(positions, lexemes, pairs, exact):
    shape = term_shape(positions)
    assert (shape.lexemes, shape.pairs, shape.exact) == (lexemes, pairs, exact)


def test_windows_grow_from_the_estimate_and_end_with_the_whole_archive(monkeypatch):
    bounds = [datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=n) for n in range(101)]
    tune(monkeypatch, FEW_MATCHES=2_000, WINDOW_SLACK=2.0, WINDOW_GROWTH=8.0, MAX_WINDOW_SHARE=0.4)

    assert window_cutoffs(2_000, 500, 1_000_000, bounds) == [None]  # few: all, sorted
    # One article in ten matches: the newest 1% should hold the pool twice, then 8%, then all.
    assert window_cutoffs(100_000, 500, 1_000_000, bounds) == [bounds[99], bounds[92], None]
    # No statistics yet (a new archive): everything at once.
    assert window_cutoffs(100_000, 500, 0, []) == [None]


# On the database


@pytest.fixture
def census(publish):
    """Forty articles over forty days, every third about the census, oldest written first."""
    for n in reversed(range(40)):
        if n % 3 == 0:
            publish(
                headline=f"Census count {n}" if n % 2 else f"Harvest report {n}",
                body=f"<p>The census {'census ' * (n % 5)}takers reported.</p>",
                minutes_ago=60 * 24 * n + 5,
            )
        else:
            publish(headline=f"Harvest report {n}", body=QUIET_BODY, minutes_ago=60 * 24 * n + 5)
    get_backend().optimize()  # planner statistics, as autovacuum keeps them


def ranked(results):
    return [(hit.article.headline, hit.exact_headline) for hit in results.hits]


@pytest.mark.parametrize(
    "strategy",
    [
        {"FEW_MATCHES": 10**9},  # all matches, sorted
        {"FEW_MATCHES": 0, "WINDOW_SLACK": 0.01, "WALK_SHARE": 2.0},  # windows, widened
        {"FEW_MATCHES": 0, "WALK_SHARE": 0.0},  # newest first, in date order
    ],
    ids=["few", "windows", "walk"],
)
def test_every_way_of_finding_the_newest_matches_gives_the_same_results(
    census, monkeypatch, strategy
):
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    expected = search_articles(query="census")
    tune(monkeypatch, **strategy)
    results = search_articles(query="census")
    assert ranked(results) == ranked(expected)
    assert (results.total, results.total_is_estimate) == (expected.total, False)


def test_a_common_word_is_ranked_by_relevance_and_recency_within_the_newest_matches(
    census, monkeypatch
):
    """The pool holds the newest matches and the newest headline matches; inside it, exact
    headline matches come first, then relevance times freshness orders them."""
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    results = search_articles(query="census")
    # Newest four: days 0, 3, 6, 9; every "Census count" headline joins them.
    exact = [hit for hit in results.hits if hit.exact_headline]
    others = [hit for hit in results.hits if not hit.exact_headline]
    assert results.hits == exact + others
    assert {hit.article.headline for hit in exact} == {f"Census count {n}" for n in range(3, 40, 6)}
    assert {hit.article.headline for hit in others} == {"Harvest report 0", "Harvest report 6"}
    for group in (exact, others):
        scores = [hit.score for hit in group]
        assert scores == sorted(scores, reverse=True)
    assert results.total == 14  # every census article is counted, not only the pool
    assert results.facets_are_partial


def test_a_capped_count_is_marked_as_an_estimate(census, monkeypatch):
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 10)
    results = search_articles(query="census")
    assert results.total_is_estimate
    assert results.total == 10


@pytest.mark.database("postgresql")  # one configuration per language
@pytest.mark.parametrize(
    "share", [0.0, 1.0], ids=["configuration read from the row", "configuration in the index"]
)
@pytest.mark.parametrize(
    "strategy",
    [{"FEW_MATCHES": 10**9}, {"FEW_MATCHES": 0, "WINDOW_SLACK": 0.01, "WALK_SHARE": 2.0}],
    ids=["few", "windows"],
)
def test_each_article_matches_in_its_own_language_however_the_language_is_tested(
    publish, monkeypatch, share, strategy
):
    """ "national" is 'nation' in English and 'national' in French: a French article
    holding only "nations" ('nation') must not be found, though the English query matches it."""
    publish(headline="National parks reopen", language="en", minutes_ago=30)
    publish(headline="Assemblée nationale vote", language="fr", minutes_ago=20)
    publish(headline="Les nations unies votent", language="fr", minutes_ago=10)
    publish(headline="Harbour news", language="en", body=QUIET_BODY, minutes_ago=5)
    get_backend().optimize()  # the languages' shares, read again
    tune(monkeypatch, LARGE_CONFIG_SHARE=share, **strategy)
    # A pool of one: the rest is found by counting.
    monkeypatch.setattr(selectors, "POOL_SIZE", 1)

    results = search_articles(query="national")

    expected = {"National parks reopen", "Assemblée nationale vote"}
    assert {hit.article.headline for hit in results.hits} <= expected
    assert results.total == 2
    assert set(headlines(search_articles(query="national", language="fr"))) == {
        "Assemblée nationale vote"
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('"central bank"', {"Central bank raises interest rates"}),
        ('"bank raises interest"', {"Central bank raises interest rates"}),
        ('"interest rates" -"central bank"', {"Savers cheer as interest rates climb"}),
        (
            '"central bank" OR "rates climb"',
            {
                "Central bank raises interest rates",
                "Savers cheer as interest rates climb",
            },
        ),
        ('"bank of england"', {"Bank of England holds"}),
        ('"rates interest"', set()),
    ],
    ids=["two words", "three words", "excluded phrase", "phrases in or", "stop word", "order"],
)
def test_phrases_match_their_words_in_order_only(publish, query, expected):
    publish(headline="Central bank raises interest rates", body=QUIET_BODY)
    publish(headline="Savers cheer as interest rates climb", body=QUIET_BODY)
    publish(headline="Bank of England holds", body=QUIET_BODY)
    publish(headline="England bank holiday", body=QUIET_BODY)
    publish(headline="Rates of interest in the central square", body=QUIET_BODY)
    assert set(headlines(search_articles(query=query))) == expected


def test_a_first_build_into_an_empty_index_leaves_it_complete(publish):
    publish(headline="Orchestra strike", body=QUIET_BODY)
    publish(headline="Orchestra tour", body="<p>The central bank sponsored it.</p>")
    SearchDocument.objects.all().delete()

    call_command("reindex", stdout=StringIO())

    assert SearchDocument.objects.count() == 2
    assert len(search_articles(query="orchestra").hits) == 2
    assert headlines(search_articles(query='"central bank"')) == ["Orchestra tour"]
    if connection.vendor == "postgresql":
        assert _gin_indexes() == set(GIN_INDEXES)


def test_a_rebuild_restores_a_missing_full_text_index(publish):
    publish(headline="Orchestra strike", body=QUIET_BODY)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP INDEX search_entry_pairs_gin")

    call_command("reindex", stdout=StringIO())

    assert headlines(search_articles(query='"orchestra strike"')) == ["Orchestra strike"]
    if connection.vendor == "postgresql":
        assert _gin_indexes() == set(GIN_INDEXES)


@pytest.mark.database("postgresql")  # entries beside the documents
def test_the_entries_searched_follow_the_documents_written(publish):
    """Every entry of `search_document` has one in `search_entry` with the same ids, date
    and words, through inserts, updates and removals."""
    kept = publish(headline="Orchestra strike", body=QUIET_BODY)
    removed = publish(headline="Harbour news", body=QUIET_BODY)

    SearchDocument.objects.filter(pk=kept.pk).update(headline="Orchestra tour", section_id=7)
    SearchDocument.objects.filter(pk=removed.pk).delete()

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT article_id, section_id, published_at, headline_document::text FROM search_entry"
        )
        assert cursor.fetchall() == [(kept.pk, 7, kept.published_at, "'orchestra':1 'tour':2")]
    assert headlines(search_articles(query="tour")) == ["Orchestra strike"]
    assert search_articles(query="strike").total == 0


def _gin_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'search_entry'"
            " AND indexdef LIKE '%%USING gin%%'"
        )
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.database("sqlite")  # FTS5's bm25() is SQLite's
@pytest.mark.parametrize("query", ["copper", '"copper prices"'], ids=["word", "phrase"])
@pytest.mark.parametrize("bm25_up_to", [0, 10**9], ids=["marked words", "bm25 when few"])
def test_sqlite_relevance_orders_a_one_term_query_as_bm25_does(
    publish, monkeypatch, query, bm25_up_to
):
    """Relevance is computed from each candidate's marked words and length rather than by
    bm25() (whose IDF reads every match of every term); for one word or one phrase it
    orders articles exactly as bm25() with the column weights would."""
    publish(headline="Copper prices rise", body=QUIET_BODY)
    publish(headline="Markets steady", body="<p>Copper prices rose, copper prices fell.</p>")
    publish(headline="Markets steady", body="<p>Copper prices rose. " + "Word " * 80 + "</p>")
    publish(headline="Markets calm", body="<p>Copper prices rose.</p>")  # the same, shorter
    publish(headline="Ports reopen", standfirst="Copper prices lift the port.", body=QUIET_BODY)
    publish(headline="Mines", body="<p>Copper prices, copper prices, copper prices.</p>")
    # Scored from the marked words, as a common word is, or by bm25() itself when few hold
    # a lone word.
    tune(monkeypatch, BM25_MAX_MATCHES=bm25_up_to)
    backend = get_backend()
    parsed = parse_query(query)
    candidates, _ = backend.candidates(parsed, Filters(), limit=100, headline_limit=100)
    ours = sorted(candidates, key=lambda c: -c.relevance)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, bm25(search_fts, 10.0, 5.0, 2.0, 1.5, 1.0, 0.75) FROM search_fts"
            " WHERE search_fts MATCH %s ORDER BY 2",
            [parsed.to_fts5()],
        )
        expected = cursor.fetchall()
    assert [c.article_id for c in ours] == [row[0] for row in expected]
    # Different scores throughout (the two single mentions differ by length only), so the
    # order is not an accident of ties.
    assert len({round(c.relevance, 9) for c in ours}) == len(ours) == 6


def test_a_word_common_only_lately_is_counted_exactly(publish, monkeypatch):
    """The newest matches say nothing of the older archive: forty old articles without
    the word and eight new ones with it give eight, not an estimate from the newest."""
    for n in range(40):
        publish(headline=f"Harvest report {n}", body=QUIET_BODY, minutes_ago=60 * 24 * 90 + n)
    for n in range(8):
        publish(headline=f"Census count {n}", body=QUIET_BODY, minutes_ago=10 + n)
    get_backend().optimize()
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 10)
    _small_samples(monkeypatch)
    results = search_articles(query="census")
    assert (results.total, results.total_is_estimate) == (8, False)


def test_a_word_common_throughout_is_estimated_without_counting_every_match(publish, monkeypatch):
    for n in range(60):
        publish(headline=f"Census count {n}", body=QUIET_BODY, minutes_ago=60 * n + 10)
    get_backend().optimize()
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 10)
    _small_samples(monkeypatch)
    results = search_articles(query="census")
    assert (results.total, results.total_is_estimate) == (10, True)
    if connection.vendor == "sqlite":
        backend = get_backend()
        parsed = parse_query("census")
        backend.candidates(parsed, Filters(), limit=4, headline_limit=4)
        # Every slice of the older archive holds the word, as the newest four did.
        assert backend.estimate(parsed, Filters()) == pytest.approx(60, rel=0.1)
        # The estimate alone answers: no count of the matches runs.
        with CaptureQueriesContext(connection) as queries:
            assert backend.count(parsed, Filters(), cap=11) == 11
        assert not [q for q in queries.captured_queries if "LIMIT 11" in q["sql"]]


def _small_samples(monkeypatch):
    tune(monkeypatch, SAMPLES=4, SAMPLE_MATCHES=2)


# PostgreSQL: the work of one search, done once


def _statements(queries, text):
    return [q["sql"] for q in queries.captured_queries if text in q["sql"]]


@pytest.mark.database("postgresql")  # the count read with the matches
def test_a_total_read_with_the_matches_is_not_counted_again(census, monkeypatch):
    """When the newest-matches part reads every match (few of them), their number comes
    with them: no second statement counts them."""
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    tune(monkeypatch, FEW_MATCHES=10**9, WALK_SHARE=2.0)
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query="census")
    assert (results.total, results.total_is_estimate) == (14, False)
    assert not _statements(queries, "count(*) FROM (SELECT 1")


@pytest.mark.parametrize("read_all", [False, True], ids=["window and count", "all at once"])
def test_matches_are_windowed_and_the_older_counted_or_read_at_once(census, monkeypatch, read_all):
    """Past a window of the newest entries, only the older matches are counted. Well under
    the cap, counting would read every match again: they are read, sorted and counted in
    one statement instead. Either way the results and the exact total are the same."""
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    expected = search_articles(query="census")
    # Windows sized from the estimate (fourteen in forty), not the whole archive at once.
    tune(monkeypatch, FEW_MATCHES=0, WALK_SHARE=2.0, MAX_WINDOW_SHARE=1.0)
    if not read_all:
        tune(monkeypatch, READ_ALL_SHARE=0.0)
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query="census")
    assert ranked(results) == ranked(expected)
    assert (results.total, results.total_is_estimate) == (14, False)
    if connection.vendor == "postgresql":  # the way taken
        counts = _statements(queries, "count(*) FROM (SELECT 1")
        [window] = [sql for sql in _statements(queries, "count(*) OVER") if "headline" not in sql]
        if read_all:
            assert not counts
            assert "d.published_at >=" not in window
        else:
            [count] = counts
            assert "d.published_at <" in count
            assert "d.published_at >=" in window


@pytest.fixture
def central_bank_reports(publish, monkeypatch):
    """Sixteen articles holding "central bank", for a pool of four and a cap of ten."""
    for n in range(16):
        publish(headline=f"Central bank report {n}", body=QUIET_BODY, minutes_ago=10 + n)
    get_backend().optimize()
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 10)


@pytest.mark.parametrize("section", [None, "world"], ids=["whole archive", "one section"])
def test_a_phrase_past_the_cap_is_more_than_whether_its_index_entries_tell_or_a_count(
    central_bank_reports, monkeypatch, section
):
    """A window of the newest holds the pool; the older matches are then told by the word
    pairs' index entries (less the rows changed since VACUUM), or counted when a filter is
    not in that index. Sixteen matches past a cap of ten are "more than" either way."""
    tune(monkeypatch, PHRASE_WALK=0, FEW_MATCHES=0, MAX_WINDOW_SHARE=1.0)
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query='"central bank"', section=section)
    assert (results.total, results.total_is_estimate) == (10, True)
    assert set(headlines(results)) <= {f"Central bank report {n}" for n in range(16)}
    if connection.vendor == "postgresql":  # the way taken
        [probe] = _statements(queries, "EXPLAIN (ANALYZE")
        assert "search_word_pairs" in probe
        windows = [sql for sql in _statements(queries, "count(*) OVER") if "headline" not in sql]
        assert "d.published_at >=" in windows[0]  # the first, sized from the entries
        if section:
            assert _statements(queries, "count(*) FROM (SELECT 1")


@pytest.mark.database("postgresql")  # a configuration per language
@pytest.mark.parametrize(("english", "french"), [(16, 6), (22, 1)], ids=["below", "past"])
def test_index_entries_of_other_languages_with_the_same_lexeme_are_not_matches(
    publish, monkeypatch, english, french
):
    """The English arm reads its configuration from the rows: its GIN scan returns every row
    holding its lexeme, French ones too. Those are not English matches: below the cap the
    total is exact, past it "more than"."""
    # A word of its own for each run: GIN keeps the entries of rolled-back tests' rows until
    # VACUUM, and the test database is kept between runs. It ends in "k", which the English
    # stemmer never undoubles: from "…mmings" it would take "…m", and the French rows' "…mm"
    # would then not share the lexeme.
    stem = "zorb" + "".join(random.choice("bcdfgkmnprtvw") for _ in range(7)) + "k"
    for n in range(english):
        publish(headline=f"Harbour report {n}", body=f"<p>The {stem}ings went on.</p>",
                language="en", minutes_ago=10 + n)  # fmt: skip
    # French reads the stem as itself, English reads "…ings" as the stem.
    for n in range(french):
        publish(headline=f"Rapport du port {n}", body=f"<p>Les {stem} continuent.</p>",
                language="fr", minutes_ago=100 + n)  # fmt: skip
    get_backend().optimize()
    with connection.cursor() as cursor:
        # On a table this small the planner finds a configuration's rows through the word
        # pairs' or the headlines' index (which hold it too) and checks the words on them,
        # and the entries have no figure; with those two dropped (for this test's
        # transaction only) it takes the words' index, as on a large archive.
        cursor.execute("DROP INDEX search_entry_pairs_gin, search_entry_headline_gin")
    # Both configurations read from the rows; a window of the newest, the rest told apart.
    tune(monkeypatch, LARGE_CONFIG_SHARE=0.0, FEW_MATCHES=0, MAX_WINDOW_SHARE=1.0)
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 20)
    results = search_articles(query=f"{stem}ings")
    assert {hit.article.language for hit in results.hits} == {"en"}
    if english < 20:
        assert (results.total, results.total_is_estimate) == (english, False)
    else:
        assert (results.total, results.total_is_estimate) == (20, True)


@pytest.mark.parametrize("far_past", [False, True], ids=["counted", "told by the archive"])
def test_a_phrase_in_most_of_the_newest_entries_is_read_from_them_in_date_order(
    central_bank_reports, monkeypatch, far_past
):
    """Words in most articles may make a phrase in most too: the newest entries fill the
    pool, with no index entries counted and no window. When the archive is far larger
    than the entries read (here: the margin set near nothing), its total is "more than"
    as an estimate; else its matches are counted."""
    tune(monkeypatch, WALK_SHARE=0.0)  # as if the words were everywhere
    if far_past:
        tune(monkeypatch, PLANNER_ESTIMATE_FACTOR=0.01)
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query='"central bank"')
    assert (results.total, results.total_is_estimate) == (10, True)  # sixteen, past the cap
    assert headlines(results)[:4] == [f"Central bank report {n}" for n in range(4)]
    if connection.vendor == "postgresql":  # the way taken
        [sample, walk] = _statements(queries, "FROM (SELECT * FROM search_entry d")
        assert "LIMIT 4) d" in sample  # one match in the newest four, then
        assert "LIMIT 16) d" in walk  # the pool of four in the newest sixteen
        assert not [sql for sql in _statements(queries, "count(*) OVER") if "headline" not in sql]
        counted = _statements(queries, "count(*) FROM (SELECT 1") + _statements(
            queries, "EXPLAIN (ANALYZE"
        )
        assert bool(counted) == (not far_past)


def test_a_phrase_rarer_among_the_newest_entries_is_found_the_other_way(
    central_bank_reports, publish, monkeypatch
):
    """When the sample of the newest entries holds too few, the phrase is looked up in the
    word pairs' index as any other: all of it is found, and none of the words alone."""
    for n in range(6):
        publish(headline=f"Bank holiday in the central square {n}", minutes_ago=1 + n)
    get_backend().optimize()
    tune(monkeypatch, WALK_SHARE=0.0)  # as if the words were everywhere
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query='"central bank"')
    assert set(headlines(results)) == {f"Central bank report {n}" for n in range(16)}
    assert (results.total, results.total_is_estimate) == (10, True)
    if connection.vendor == "postgresql":  # the way taken
        [sample] = _statements(queries, "FROM (SELECT * FROM search_entry d")
        assert "LIMIT 4) d" in sample
        assert [sql for sql in _statements(queries, "count(*) OVER") if "headline" not in sql]


def test_words_that_go_together_are_sized_by_their_index_entries_not_the_estimate(
    central_bank_reports, publish, monkeypatch
):
    """The planner takes words for independent: "central" and "bank", each in sixteen of
    forty articles and always together, it estimates in a few. Sized by that, all matches
    would be read at once; sized by their index entries, a window of the newest holds the
    pool, and the total is still told right."""
    for n in range(24):
        publish(headline=f"Harbour news {n}", body=QUIET_BODY, minutes_ago=1_000 + n)
    get_backend().optimize()
    # Never in date order: the index entries also hold rows of rolled-back tests until
    # VACUUM, which may make the words look common.
    tune(monkeypatch, FEW_MATCHES=0, WALK_SHARE=10.0**9, MAX_WINDOW_SHARE=1.0)
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query="central bank")
    assert (results.total, results.total_is_estimate) == (10, True)  # 16, past the cap
    assert headlines(results)[:4] == [f"Central bank report {n}" for n in range(4)]
    if connection.vendor == "postgresql":  # the way taken
        assert _statements(queries, "EXPLAIN (ANALYZE")
        windows = [sql for sql in _statements(queries, "count(*) OVER") if "headline" not in sql]
        # A window of the newest first, not everything at once. (Later ones may widen up
        # to the whole archive: the entries of rolled-back tests' rows make them look more.)
        assert "d.published_at >=" in windows[0]


@pytest.mark.parametrize("matches", [6, 12], ids=["below the cap", "above the cap"])
def test_a_phrase_of_common_words_is_counted_not_taken_from_its_words_estimate(
    publish, monkeypatch, matches
):
    """The planner estimates a phrase as its words, here in every article while the phrase
    is in few: a total below the cap is exact, not "more than"."""
    for n in range(matches):
        publish(headline=f"Central bank report {n}", body=QUIET_BODY, minutes_ago=10 + n)
    for n in range(20):
        publish(headline=f"Bank holiday in the central square {n}", minutes_ago=100 + n)
    get_backend().optimize()
    monkeypatch.setattr(selectors, "POOL_SIZE", 4)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 10)
    results = search_articles(query='"central bank"')
    if matches < 10:
        assert (results.total, results.total_is_estimate) == (matches, False)
    else:
        assert (results.total, results.total_is_estimate) == (10, True)


@pytest.mark.database("postgresql")  # tsquery constants
def test_the_readers_words_reach_the_statements_as_tsquery_constants(census):
    """websearch_to_tsquery is stable, not immutable: called in a statement it runs again
    for every row. It runs once per term, and the statements carry its result."""
    get_backend().optimize()
    search_articles(query="takers")  # the term's tsquery is looked up once, then kept
    with CaptureQueriesContext(connection) as queries:
        results = search_articles(query='census -"harvest report"')
    assert results.total == 7  # the census articles with other headlines
    assert _statements(queries, "search_entry")
    assert len(_statements(queries, "websearch_to_tsquery")) <= 1


def test_any_of_finds_what_in_finds(publish):
    """`__any_of` is IN with the list as one array on PostgreSQL (see search.lookups)."""
    harbour = TopicFactory(name="Harbour")
    articles = [publish(headline=f"Ferry timetable {n}", topics=[harbour]) for n in range(4)]
    wanted = [articles[0].pk, articles[2].pk, 10**12]
    for queryset, field in (
        (Article.objects, "pk"),
        (ArticleTopic.objects, "article_id"),
        (ArticleTopic.objects, "article"),
    ):
        by_in = set(queryset.filter(**{f"{field}__in": wanted}).values_list("pk", flat=True))
        by_any = set(queryset.filter(**{f"{field}__any_of": wanted}).values_list("pk", flat=True))
        assert by_any == by_in
        by_set = queryset.filter(**{f"{field}__any_of": set(wanted)}).values_list("pk", flat=True)
        assert set(by_set) == by_in
        assert len(by_in) == 2
        assert not queryset.filter(**{f"{field}__any_of": []}).exists()
    assert set(Article.objects.filter(pk__any_of=wanted).values_list("pk", flat=True)) == {
        articles[0].pk,
        articles[2].pk,
    }


@pytest.mark.database("postgresql")  # planner settings of a search's transaction
def test_a_search_inside_a_transaction_leaves_its_planner_settings_behind(publish):
    """A search turns plain index scans, sequential ones (to size a phrase) and JIT off for
    its own statements only."""
    publish(headline="Ferry timetable changes")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        [jit] = cursor.fetchone()
        assert headlines(search_articles(query="ferry")) == ["Ferry timetable changes"]
        assert headlines(search_articles(query='"ferry timetable"')) == ["Ferry timetable changes"]
        cursor.execute("SHOW enable_indexscan")
        assert cursor.fetchone() == ("on",)
        cursor.execute("SHOW enable_seqscan")
        assert cursor.fetchone() == ("on",)
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == (jit,)
