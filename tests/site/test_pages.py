import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from dateline.newsroom.services import kill_article, update_article
from tests.conftest import PINNED_NOW
from tests.factories import (
    ArticleFactory,
    ArticleTopicFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SectionFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def world():
    return SectionFactory(name="World", slug="world", position=1)


@pytest.fixture
def story(now, world):
    """A corrected agency article about NATO and Ukraine, with others around it."""
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    article = ArticleFactory(
        published=True,
        published_at=PINNED_NOW - 40 * MINUTE,
        updated_at=PINNED_NOW - 10 * MINUTE,
        headline="Allies Agree Framework for Security Guarantees to Ukraine",
        standfirst="Defence ministers said the bilateral deals would be signed within weeks.",
        dateline_place="Washington",
        credit="Meridian Press",
        source=SourceFactory(name="Meridian Press"),
        section=world,
    )
    article.authors.set([author])
    CorrectionNoteFactory(
        article=article,
        noted_at=PINNED_NOW - 10 * MINUTE,
        text="An earlier version misstated the number of countries at the meeting.",
    )
    for position, (name, kind) in enumerate(
        [("NATO", "organisation"), ("Ukraine", "place"), ("Kyiv", "place")]
    ):
        ArticleTopicFactory(
            article=article, topic=TopicFactory(name=name, kind=kind), position=position
        )
    for minutes in range(1, 8):
        ArticleFactory(
            published=True,
            published_at=PINNED_NOW - minutes * MINUTE,
            headline=(
                f"Harbour Workers in Rotterdam End Strike After Pay Deal Reached on Day {minutes}"
            ),
            section=SectionFactory(name="Business", slug="business", position=2)
            if minutes % 2
            else world,
        )
    return article


def test_the_article_page_shows_every_element_of_the_page_anatomy(client, story):
    response = client.get(story.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "<h1>Allies Agree Framework for Security Guarantees to Ukraine</h1>" in html
    assert "<title>Allies Agree Framework for Security Guarantees to Ukraine" in html
    assert "Defence ministers said the bilateral deals would be signed within weeks." in html
    assert 'By <a rel="author" href="/author/amara-okafor/">Amara Okafor</a>' in html
    # Times in ISO 8601 with offset, printed in the edition's zone (New York in tests).
    assert 'Published <time datetime="2026-11-29T09:50:00-05:00">' in html
    assert 'Updated <time datetime="2026-11-29T10:20:00-05:00">' in html
    assert '<span class="dateline">WASHINGTON (dateline / Meridian Press) –</span>' in html
    assert "An earlier version misstated the number of countries" in html
    assert re.search(r'Related Topics</h2>\s*<ul><li><a href="/topic/nato/"', html)
    assert '<a href="/topic/kyiv/" data-kind="place">Kyiv</a>' in html
    assert "Recent Stories" in html
    assert "More Stories From World" in html


def test_recent_stories_cut_headlines_on_a_word_boundary_with_times_for_the_browser(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    recent = html[html.index('id="recent-stories-title"') :]

    assert (
        '<span aria-hidden="true">Harbour Workers in Rotterdam End Strike After Pay Deal…</span>'
        in recent
    )
    assert (
        '<time datetime="2026-11-29T10:29:00-05:00" data-relative>Nov. 29, 2026, 10:29 a.m.</time>'
        in recent
    )
    # The lists are shared fragments; the page hides its own article from them.
    assert f'<style>[data-article="{story.pk}"]{{display:none}}</style>' in html


def test_more_stories_from_the_section_lists_only_that_section(client, story):
    html = client.get(story.get_absolute_url()).content.decode()
    more = html[html.index('id="more-title"') : html.index('id="recent-stories-title"')]

    # Day 2, 4 and 6 are in World; the article itself is listed too, and hidden by the page.
    assert more.count('class="teaser"') == 4
    assert f'data-article="{story.pk}"' in more


def test_the_article_page_needs_at_most_six_queries(client, story, django_assert_max_num_queries):
    client.get("/")  # the menu is site-wide and cached; the article's own data is not
    from dateline.site.fragments import forget_recent_stories

    forget_recent_stories()
    with django_assert_max_num_queries(6):
        response = client.get(story.get_absolute_url())
    assert response.status_code == 200


def test_an_old_slug_redirects_permanently_to_the_current_url(client, story):
    old_url = story.get_absolute_url()
    update_article(
        article=story, changes={"headline": "Allies Sign Security Guarantees for Ukraine"}
    )

    response = client.get(old_url)

    assert response.status_code == 301
    assert (
        response["Location"] == f"/article/{story.pk}/allies-sign-security-guarantees-for-ukraine/"
    )
    assert client.get(f"/article/{story.pk}/").status_code == 301


def test_a_killed_article_is_gone_with_a_page_that_looks_like_the_site(client, story):
    kill_article(article=story, reason="legal")

    response = client.get(story.get_absolute_url())

    assert response.status_code == 410
    html = response.content.decode()
    assert "This article has been withdrawn" in html
    assert 'class="masthead"' in html
    assert "Allies Agree Framework" not in html


def test_an_article_nobody_may_see_yet_is_not_found(client, now, world):
    draft = ArticleFactory(section=world)
    embargoed = ArticleFactory(published=True, embargo_until=PINNED_NOW + timedelta(hours=1))

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(embargoed.get_absolute_url()).status_code == 404


def test_an_unknown_page_is_a_404_that_looks_like_the_site(client, db):
    response = client.get("/no/such/page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "We can't find that page" in html
    assert 'class="masthead"' in html
    assert '<details class="menu">' in html


def test_the_home_page_shows_leads_section_fronts_and_recent_stories(
    client, story, django_assert_max_num_queries
):
    lead = ArticleFactory(
        published=True,
        is_lead=True,
        headline="Central Bank Holds Rates Steady",
        section=story.section,
    )

    with django_assert_max_num_queries(6):
        response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index(lead.headline) < html.index('id="front-world"')
    assert 'id="front-business"' in html
    assert "More stories from World" in html
    assert "Recent Stories" in html
    assert html.count("<h1") == 1


def test_the_section_front_lists_its_articles_newest_first(
    client, story, django_assert_max_num_queries
):
    client.get("/no-such-page/")  # the menu is site-wide, cached once for every page
    with django_assert_max_num_queries(4):
        response = client.get(reverse("site:section", kwargs={"slug": "world"}))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>World</h1>" in html
    assert html.index("on Day 2") < html.index("on Day 4") < html.index("Allies Agree Framework")
    assert "on Day 1" not in html  # Business


def test_the_topic_page_lists_the_articles_about_it(client, story, django_assert_max_num_queries):
    client.get("/no-such-page/")  # the menu is site-wide, cached once for every page
    with django_assert_max_num_queries(4):
        response = client.get("/topic/nato/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>NATO</h1>" in html
    assert story.headline in html


def test_the_author_page_lists_the_authors_articles(client, story, django_assert_max_num_queries):
    client.get("/no-such-page/")  # the menu is site-wide, cached once for every page
    with django_assert_max_num_queries(4):
        response = client.get("/author/amara-okafor/")

    assert response.status_code == 200
    assert story.headline in response.content.decode()


def test_section_pages_go_deep_but_not_forever(client, story):
    assert client.get("/section/world/?page=2").status_code == 404
    assert client.get("/section/world/?page=abc").status_code == 200
    assert client.get("/section/nowhere/").status_code == 404


def test_the_menu_is_a_disclosure_that_works_without_javascript(client, story):
    html = client.get("/").content.decode()

    assert '<details class="menu">' in html
    assert '<summary aria-label="Menu">' in html
    assert '<a href="/section/world/">World</a>' in html
    assert '<a class="skip-link" href="#content">' in html


def test_the_favicon_is_our_own_small_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    icon = response.content
    assert icon[:4] == b"\x00\x00\x01\x00"  # an ICO directory
    assert icon[22:30] == b"\x89PNG\r\n\x1a\n"  # holding one PNG image
    assert len(icon) < 4096


def test_a_byline_without_authors_is_printed_after_by(client, world):
    article = ArticleFactory(
        published=True, section=world, byline="Daniel Achterberg, Continental News Service"
    )

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<p class="byline">By Daniel Achterberg, Continental News Service</p>' in html


@pytest.mark.parametrize(
    ("place", "credit", "day", "rule", "opening"),
    [
        ("Lima", "Andes Wire", None, "differs", "LIMA (dateline / Andes Wire) –"),
        ("Lima", "", None, "differs", "LIMA (dateline) –"),
        ("", "Continental News Service", None, "differs", None),
        ("", "Continental News Service", date(2023, 7, 18), "always", None),
        ("Lima", "AW", date(2023, 7, 18), "differs", "LIMA (dateline / AW - 18th July, 2023) –"),
        ("Lima", "Wire", date(2026, 11, 29), "differs", "LIMA (dateline / Wire) –"),
        ("Lima", "AW", date(2026, 11, 29), "always", "LIMA (dateline / AW - 29th November, 2026) –"),  # noqa: E501
        ("Lima", "Wire", date(2023, 7, 18), "never", "LIMA (dateline / Wire) –"),
    ],
)  # fmt: skip
def test_the_run_in_follows_the_house_style(
    client, world, settings, place, credit, day, rule, opening
):
    settings.DATELINE_RUN_IN_DATE = rule
    article = ArticleFactory(
        published=True,
        published_at=PINNED_NOW - 40 * MINUTE,
        section=world,
        dateline_place=place,
        dateline_date=day,
        credit=credit,
        body="<p>Officials met on Sunday.</p>",
    )

    html = client.get(article.get_absolute_url()).content.decode()

    body = html.split('<div class="article-body">', 1)[1].split("</div>", 1)[0]
    if opening is None:
        assert body == "<p>Officials met on Sunday.</p>"  # no orphan "(dateline / ...) –"
    else:
        assert body == f'<p><span class="dateline">{opening}</span> Officials met on Sunday.</p>'
