"""The reader's query syntax, parsed without a database."""

import pytest

from dateline.search.query import MAX_QUERY_LENGTH, MAX_TERMS, parse_query


@pytest.mark.parametrize(
    ("typed", "understood", "fts5"),
    [
        ("grain talks", "grain talks", '("grain" AND "talks")'),
        ('"grain talks" Geneva', '"grain talks" Geneva', '("grain talks" AND "Geneva")'),
        ("grain -wheat", "grain -wheat", '("grain") NOT ("wheat")'),
        ('grain -"wheat fields"', 'grain -"wheat fields"', '("grain") NOT ("wheat fields")'),
        ("grain OR wheat talks", "grain OR wheat talks", '(("grain" OR "wheat") AND "talks")'),
        ("U.S. tariffs", '"U S" tariffs', '("U S" AND "tariffs")'),
        ("grain or wheat", "grain or wheat", '("grain" AND "or" AND "wheat")'),
    ],
)
def test_reader_syntax_becomes_an_inert_fts5_expression(typed, understood, fts5):
    query = parse_query(typed)
    assert query.text == understood
    assert query.to_fts5() == fts5


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "OR",
        "- -- OR OR",
        '""',
        '"',
        "!!! ??? ***",
        "\x00\x01\x1b\x7f",
        "((( ))) {} [] ^ : *",
    ],
)
def test_queries_of_only_operators_or_punctuation_search_for_nothing(typed):
    query = parse_query(typed)
    assert not query.is_searchable


def test_an_unbalanced_quote_runs_the_phrase_to_the_end_and_says_so():
    query = parse_query('"grain talks')
    assert query.text == '"grain talks"'
    assert any("quotation mark" in notice for notice in query.notices)


def test_only_excluded_words_asks_for_a_word_to_look_for():
    query = parse_query("-grain -wheat")
    assert not query.is_searchable
    assert any("Add a word" in notice for notice in query.notices)


def test_a_very_long_query_is_cut_with_a_notice():
    query = parse_query("grain " * 1000)
    assert len(query.raw) == 6000
    assert query.is_searchable
    assert any(str(MAX_QUERY_LENGTH) in notice for notice in query.notices)


def test_many_words_are_capped():
    query = parse_query(" ".join(f"word{n}" for n in range(40)))
    assert len(query.groups) == MAX_TERMS


def test_sql_fragments_are_only_words():
    query = parse_query("'; DROP TABLE newsroom_article; --")
    assert query.to_fts5() == '("DROP" AND "TABLE" AND "newsroom_article")'


def test_engine_keywords_are_searched_as_plain_words():
    assert parse_query("NEAR AND NOT").to_fts5() == '("NEAR" AND "AND" AND "NOT")'


def test_control_and_marker_characters_are_dropped():
    query = parse_query("gr\x00ain \ue000talks\ue001")
    assert query.text == "gr ain talks"


def test_an_exact_headline_phrase_exists_only_without_alternatives():
    assert parse_query("Grain Talks").headline_phrase == ("grain", "talks")
    assert parse_query("grain OR wheat").headline_phrase is None
