"""Searching the archive, on whichever database the suite runs on."""

from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection

from dateline.newsroom.models import Article
from dateline.newsroom.services import (
    announce_arrived_articles,
    correct_article,
    kill_article,
    publish_article,
    unpublish_article,
    update_article,
)
from dateline.search.models import SearchDocument
from dateline.search.selectors import EXACT_COUNT_LIMIT, MAX_PAGE, search_articles
from dateline.search.services import index_articles
from tests.conftest import PINNED_NOW
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    SourceFactory,
    TopicFactory,
)
from tests.search.conftest import QUIET_BODY, headlines

pytestmark = pytest.mark.django_db

# Ranking


def test_a_headline_match_ranks_above_a_body_match(publish):
    publish(headline="Markets steady after holiday", body="<p>Copper prices rose.</p>")
    publish(headline="Copper prices rise", body=QUIET_BODY)
    assert headlines(search_articles(query="copper")) == [
        "Copper prices rise",
        "Markets steady after holiday",
    ]


def test_a_standfirst_match_ranks_above_a_body_match(publish):
    publish(headline="Ports reopen", standfirst="Calm returns.", body="<p>Cobalt moved.</p>")
    publish(headline="Mines expand", standfirst="Cobalt output doubles.", body=QUIET_BODY)
    assert headlines(search_articles(query="cobalt")) == ["Mines expand", "Ports reopen"]


def test_a_fresh_article_ranks_above_an_old_one_of_equal_relevance(publish):
    publish(headline="Harbour strike ends", body=QUIET_BODY, minutes_ago=60 * 24 * 30)
    publish(headline="Harbour strike ends", body=QUIET_BODY, minutes_ago=30, slug="fresh")
    results = search_articles(query="harbour strike")
    assert [hit.article.slug for hit in results.hits][0] == "fresh"


def test_an_exact_headline_match_comes_first_even_when_older(publish):
    publish(
        headline="Rail strike talks collapse",
        body="<p>The rail union said strike talks collapsed over pay.</p>",
        minutes_ago=60 * 24 * 90,
    )
    publish(
        headline="Talks collapse as strike on the rail network widens",
        standfirst="Rail strike talks: what happens next.",
        body="<p>Rail strike talks collapse, rail strike talks collapse.</p>",
    )
    results = search_articles(query="rail strike talks collapse")
    assert results.hits[0].article.headline == "Rail strike talks collapse"
    assert results.hits[0].exact_headline


def test_word_forms_find_each_other(publish):
    publish(headline="Ministers resume talks", body=QUIET_BODY)
    assert headlines(search_articles(query="talk")) == ["Ministers resume talks"]


# Query syntax


def test_a_phrase_finds_its_words_together_and_in_order_only(publish):
    publish(headline="Central bank raises interest rates", body=QUIET_BODY)
    publish(headline="Rates of interest in the central square", body=QUIET_BODY)
    results = search_articles(query='"central bank"')
    assert headlines(results) == ["Central bank raises interest rates"]


def test_a_phrase_in_the_headline_comes_first_and_its_words_alone_do_not_match(publish):
    """The headline query finds headlines holding the phrase's words in any order; only
    the phrase itself makes a match, and only the phrase in order an exact one."""
    publish(
        headline="Central bank holds rates",
        body=QUIET_BODY,
        minutes_ago=60 * 24 * 30,
    )
    publish(
        headline="Bank of the central valley reopens",
        body="<p>Its owners had sold a stake to the central bank last year.</p>",
    )
    publish(headline="Bank staff in central square protest", body=QUIET_BODY)
    results = search_articles(query='"central bank"')
    assert headlines(results) == ["Central bank holds rates", "Bank of the central valley reopens"]
    assert [hit.exact_headline for hit in results.hits] == [True, False]


def test_an_excluded_word_leaves_its_articles_out(publish):
    publish(headline="Grain exports rise", body="<p>Wheat leads the rise.</p>")
    publish(headline="Grain exports fall", body="<p>Barley leads the fall.</p>")
    assert headlines(search_articles(query="grain -wheat")) == ["Grain exports fall"]


def test_an_excluded_phrase_leaves_its_articles_out(publish):
    publish(headline="Storm hits coast", body="<p>The sea wall held.</p>")
    publish(headline="Storm moves inland", body="<p>Rivers are rising.</p>")
    assert headlines(search_articles(query='storm -"sea wall"')) == ["Storm moves inland"]


def test_or_finds_articles_with_either_word(publish):
    publish(headline="Lithium mine opens", body=QUIET_BODY)
    publish(headline="Nickel mine closes", body=QUIET_BODY)
    publish(headline="Gold mine sold", body=QUIET_BODY)
    assert sorted(headlines(search_articles(query="lithium OR nickel mine"))) == [
        "Lithium mine opens",
        "Nickel mine closes",
    ]


def test_topic_names_byline_and_dateline_place_are_searched(publish):
    topic = TopicFactory(name="European Central Bank")
    publish(headline="Rates held", body=QUIET_BODY, topics=[topic])
    publish(headline="Budget passed", body=QUIET_BODY, byline="By Amara Okafor")
    publish(headline="Floods recede", body=QUIET_BODY, dateline_place="Timbuktu")
    assert headlines(search_articles(query="European Central Bank")) == ["Rates held"]
    assert headlines(search_articles(query="Okafor")) == ["Budget passed"]
    assert headlines(search_articles(query="Timbuktu")) == ["Floods recede"]


# Filters and facets


@pytest.fixture
def desk(publish):
    """Articles about a drought across sections, topics, sources, authors and languages."""
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    climate = TopicFactory(name="Climate", slug="climate")
    farming = TopicFactory(name="Farming", slug="farming")
    agency = SourceFactory(name="Meridian Press")
    partner = SourceFactory(name="Harbour Post")
    okafor = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    publish(
        headline="Drought grips the south",
        section=world,
        source=agency,
        topics=[climate],
        authors=[okafor],
    )
    publish(
        headline="Drought lifts crop prices",
        section=business,
        source=partner,
        topics=[climate, farming],
        minutes_ago=60 * 24 * 3,
    )
    publish(
        headline="Drought hits wheat farms",
        section=business,
        source=agency,
        topics=[farming],
        minutes_ago=60 * 24 * 10,
    )
    publish(
        headline="La sécheresse s'étend",
        body="<p>La drought touche le sud.</p>",
        section=world,
        source=agency,
        language="fr",
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"section": "business"}, {"Drought lifts crop prices", "Drought hits wheat farms"}),
        ({"topic": "farming"}, {"Drought lifts crop prices", "Drought hits wheat farms"}),
        ({"source": "harbour-post"}, {"Drought lifts crop prices"}),
        ({"author": "amara-okafor"}, {"Drought grips the south"}),
        ({"language": "fr"}, {"La sécheresse s'étend"}),
        (
            {"published_from": date(2026, 11, 22), "published_to": date(2026, 11, 27)},
            {"Drought lifts crop prices"},
        ),
    ],
    ids=["section", "topic", "source", "author", "language", "date range"],
)
def test_each_filter_narrows_the_results(desk, filters, expected):
    results = search_articles(query="drought", **filters)
    assert set(headlines(results)) == expected
    assert results.total == len(expected)


def test_facets_count_results_by_section_and_topic(desk):
    results = search_articles(query="drought")
    assert results.total == 4
    sections = {facet.slug: facet.count for facet in results.facets["section"]}
    topics = {facet.slug: facet.count for facet in results.facets["topic"]}
    assert sections == {"world": 2, "business": 2}
    assert topics == {"climate": 2, "farming": 2}


def test_a_chosen_facet_is_marked_and_counts_follow_the_filter(desk):
    results = search_articles(query="drought", topic="climate")
    assert {facet.slug: facet.count for facet in results.facets["section"]} == {
        "world": 1,
        "business": 1,
    }
    assert [facet.selected for facet in results.facets["topic"] if facet.slug == "climate"] == [
        True
    ]


def test_an_unknown_filter_is_dropped_with_a_message(desk):
    results = search_articles(query="drought", section="no-such-desk")
    assert results.total == 4
    assert any("no-such-desk" in message for message in results.messages)


# Results


def test_matched_words_are_highlighted_in_the_headline_and_snippet(publish):
    publish(
        headline="Volcano erupts near Naples",
        body="<p>Residents watched as the volcano sent ash over the bay.</p>" * 3,
    )
    hit = search_articles(query="volcano").hits[0]
    assert "<mark>Volcano</mark> erupts" in hit.headline_html
    assert "<mark>volcano</mark>" in hit.snippet_html


def test_highlighted_text_is_escaped(publish):
    publish(headline="Tariffs <b>bite</b> & markets fall", body=QUIET_BODY)
    hit = search_articles(query="tariffs").hits[0]
    assert "&lt;b&gt;bite&lt;/b&gt; &amp; markets" in hit.headline_html
    assert "<b>" not in hit.headline_html


def test_results_come_in_pages_with_a_total(publish):
    for n in range(25):
        publish(headline=f"Election count day {n}", body=QUIET_BODY, minutes_ago=n + 1)
    first = search_articles(query="election", page=1)
    second = search_articles(query="election", page=2)
    assert (first.total, first.num_pages, len(first.hits), len(second.hits)) == (25, 2, 20, 5)
    assert not set(headlines(first)) & set(headlines(second))
    assert second.first_number == 21


def test_page_depth_is_capped(publish):
    publish(headline="Budget vote", body=QUIET_BODY)
    results = search_articles(query="budget", page=MAX_PAGE + 100)
    assert results.page == MAX_PAGE
    assert any("first" in message for message in results.messages)


def test_a_total_above_the_exact_limit_is_an_estimate(publish, monkeypatch):
    from dateline.search import selectors

    monkeypatch.setattr(selectors, "POOL_SIZE", 2)
    monkeypatch.setattr(selectors, "EXACT_COUNT_LIMIT", 2)
    for n in range(4):
        publish(headline=f"Census figures {n}", body=QUIET_BODY)
    results = search_articles(query="census")
    assert results.total_is_estimate
    assert results.total == 2
    assert EXACT_COUNT_LIMIT == 10_000


def test_did_you_mean_offers_a_close_topic_name(publish):
    publish(headline="Talks in Kyiv", body=QUIET_BODY, topics=[TopicFactory(name="Ukraine")])
    results = search_articles(query="Ukrane")
    assert results.total == 0
    assert results.did_you_mean == "Ukraine"


def test_did_you_mean_corrects_one_word_of_several(publish):
    publish(headline="Talks in Kyiv", body=QUIET_BODY, topics=[TopicFactory(name="Ukraine")])
    assert search_articles(query="Ukrane grain").did_you_mean == "Ukraine grain"


# The life cycle


def test_a_published_article_is_found_and_a_draft_is_not(publish):
    ArticleFactory(headline="Secret merger plan", body=QUIET_BODY)
    publish(headline="Merger approved", body=QUIET_BODY)
    assert headlines(search_articles(query="merger")) == ["Merger approved"]
    assert SearchDocument.objects.count() == 1


def test_a_killed_article_is_gone_at_once(publish, django_capture_on_commit_callbacks):
    article = publish(headline="Minister resigns", body=QUIET_BODY)
    assert headlines(search_articles(query="minister")) == ["Minister resigns"]
    with django_capture_on_commit_callbacks(execute=True):
        kill_article(article=article, reason="legal")
    assert search_articles(query="minister").total == 0
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_an_unpublished_article_leaves_and_returns(publish, django_capture_on_commit_callbacks):
    article = publish(headline="Dam inspection report", body=QUIET_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        unpublish_article(article=article)
    assert search_articles(query="dam").total == 0
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=article)
    assert search_articles(query="dam").total == 1


def test_an_embargoed_article_is_never_found_before_its_time(
    now, publish, django_capture_on_commit_callbacks
):
    lifts = PINNED_NOW + timedelta(hours=1)
    article = publish(headline="Quarterly earnings beat forecasts", embargo_until=lifts)
    assert search_articles(query="earnings").total == 0
    assert not SearchDocument.objects.filter(pk=article.pk).exists()

    now.move_to(lifts + timedelta(minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        announce_arrived_articles(since=PINNED_NOW, until=lifts + timedelta(minutes=1))
    assert headlines(search_articles(query="earnings")) == ["Quarterly earnings beat forecasts"]


def test_a_scheduled_article_is_not_found_early(now, django_capture_on_commit_callbacks):
    article = ArticleFactory(headline="Cabinet reshuffle announced", body=QUIET_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=article, at=PINNED_NOW + timedelta(minutes=30))
    assert search_articles(query="reshuffle").total == 0
    assert not SearchDocument.objects.filter(pk=article.pk).exists()


def test_an_updated_article_is_found_by_its_new_words_only(
    publish, django_capture_on_commit_callbacks
):
    article = publish(headline="Bridge closed for repairs", body=QUIET_BODY)
    with django_capture_on_commit_callbacks(execute=True):
        update_article(article=article, changes={"headline": "Tunnel closed for repairs"})
    assert search_articles(query="bridge").total == 0
    assert headlines(search_articles(query="tunnel")) == ["Tunnel closed for repairs"]


def test_a_correction_is_reindexed(publish, django_capture_on_commit_callbacks):
    article = publish(headline="Mayor wins by 300 votes", body="<p>The mayor of Leeds won.</p>")
    with django_capture_on_commit_callbacks(execute=True):
        correct_article(
            article=article,
            note="An earlier version named the wrong city.",
            changes={"body": "<p>The mayor of Bradford won.</p>"},
        )
    assert search_articles(query="leeds").total == 0
    assert search_articles(query="bradford").total == 1


def test_a_hidden_article_left_in_the_index_is_still_not_shown(publish):
    """Should an event be missed, the visibility rule at query time still holds."""
    article = publish(headline="Leaked memo", body=QUIET_BODY)
    Article.objects.filter(pk=article.pk).update(status=Article.Status.KILLED)
    assert SearchDocument.objects.filter(pk=article.pk).exists()
    assert search_articles(query="memo").total == 0


def test_reindex_rebuilds_entries_and_drops_stale_ones(publish):
    kept = publish(headline="Orchestra strike", body=QUIET_BODY)
    gone = publish(headline="Orchestra tour", body=QUIET_BODY)
    Article.objects.filter(pk=gone.pk).update(status=Article.Status.KILLED)
    SearchDocument.objects.filter(pk=kept.pk).delete()
    from io import StringIO

    out = StringIO()
    call_command("reindex", stdout=out)
    assert "100%" in out.getvalue()
    assert "Indexed 1 articles, removed 1 stale" in out.getvalue()
    assert list(SearchDocument.objects.values_list("pk", flat=True)) == [kept.pk]
    assert headlines(search_articles(query="orchestra")) == ["Orchestra strike"]


def test_reindex_dry_run_writes_nothing(publish):
    article = publish(headline="Orchestra strike", body=QUIET_BODY)
    SearchDocument.objects.all().delete()
    from io import StringIO

    out = StringIO()
    call_command("reindex", "--dry-run", stdout=out)
    assert "1 articles would be indexed" in out.getvalue()
    assert not SearchDocument.objects.exists()
    index_articles(article_ids=[article.pk])
    assert SearchDocument.objects.exists()


# The search page


def test_the_search_page_shows_the_form_results_and_facets_as_links(client, desk):
    response = client.get("/search/", {"q": "drought"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form class="search-page-form" role="search" aria-label="Archive" method="get"' in html
    assert '<label for="search-q">Search the archive</label>' in html
    assert 'value="drought"' in html
    assert "4 results" in html
    assert "<mark>Drought</mark> grips the south" in html
    assert 'href="?q=drought&amp;section=business"' in html
    assert 'href="?q=drought&amp;topic=farming"' in html


def test_the_search_page_without_a_query_shows_the_form_only(client, db):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'id="search-q"' in response.content.decode()


def test_every_page_has_a_search_form_in_the_masthead(client, db):
    html = client.get("/").content.decode()
    form = '<form class="masthead-search" role="search" aria-label="Site" method="get"'
    assert f'{form} action="/search/">' in html
    assert '<label for="masthead-q"' in html


def test_the_search_page_offers_did_you_mean(client, publish):
    publish(headline="Talks in Kyiv", body=QUIET_BODY, topics=[TopicFactory(name="Ukraine")])
    html = client.get("/search/", {"q": "Ukrane"}).content.decode()
    assert 'Did you mean <a href="?q=Ukraine">Ukraine</a>?' in html


HOSTILE = [
    "x" * 100_000,
    "grain " * 5_000,
    "OR OR OR",
    "-",
    "- - -",
    '"',
    '"""',
    '"grain talks',
    "\x00\x01\x02\x1b\x7f",
    "gr\x00ain",
    "'; DROP TABLE newsroom_article; --",
    "1' OR '1'='1",
    "robert'); DELETE FROM search_document; --",
    "NEAR(grain talks, 2)",
    "grain* ^talks {headline}: wheat",
    "!! & | <-> :*",
    "websearch_to_tsquery('simple', 'x')",
    "\ue000\ue001",
    "🌾🌾🌾",
    "%_%",
    "-grain -wheat",
]


@pytest.mark.parametrize("typed", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_queries_get_a_page_never_an_error(client, publish, typed):
    publish(headline="Grain talks resume", body=QUIET_BODY)
    response = client.get("/search/", {"q": typed})
    assert response.status_code == 200
    assert SearchDocument.objects.count() == 1


@pytest.mark.parametrize(
    "params",
    [
        {"q": "grain", "page": "abc"},
        {"q": "grain", "page": "-3"},
        {"q": "grain", "page": "99999999999999999999"},
        {"q": "grain", "published_from": "yesterday"},
        {"q": "grain", "published_to": "2026-13-45"},
        {"q": "grain", "section": "../../etc"},
        {"q": "grain", "language": "'; --"},
        {"q": "grain", "topic": "x" * 5000},
    ],
)
def test_hostile_parameters_get_a_page_with_a_message(client, publish, params):
    publish(headline="Grain talks resume", body=QUIET_BODY)
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert 'class="search-message"' in response.content.decode()


def test_a_query_of_only_operators_gets_a_clear_message(client, db):
    html = client.get("/search/", {"q": '- OR "'}).content.decode()
    assert "Type a word or two to search for." in html


def test_the_engine_matches_the_database(db):
    from dateline.search.backends import get_backend

    assert get_backend().vendor == connection.vendor
