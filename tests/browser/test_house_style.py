"""What the house style promises a reader's eye, measured in a real Chromium."""

from __future__ import annotations

import pytest

from tests.browser.pages import build_newsroom


@pytest.fixture
def newsroom(transactional_db):
    return build_newsroom()


def style(locator, name: str) -> str:
    return locator.evaluate(f"element => getComputedStyle(element).{name}")


def test_the_story_box_reads_like_the_rest_of_the_article_page(browser, live_server, newsroom):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(live_server.url + newsroom.article.get_absolute_url())

    related = page.locator(".related-topics h2")
    also = page.locator(".also-reported h2")
    developing = page.locator(".developing-story h2")
    assert also.inner_text() == "Also reported by"
    assert developing.inner_text() == "Developing story"
    for heading in (also, developing):
        assert style(heading, "fontSize") == style(related, "fontSize")
    assert style(developing.locator("a"), "textDecorationLine") == "none"
    for listing in (page.locator(".also-reported ul"), page.locator(".developing-story ol")):
        assert style(listing, "listStyleType") == "none"
        assert style(listing, "paddingLeft") == "0px"
    # The credit stands on its own line under the headline, not run onto it.
    item = page.locator(".developing-story li", has=page.locator(".credit")).first
    headline = item.locator("a, strong").first.bounding_box()
    credit = item.locator(".credit").bounding_box()
    assert credit["y"] >= headline["y"] + headline["height"] - 1


def test_the_search_pages_language_and_dates_disclosure_shows_its_triangle(
    browser, live_server, newsroom
):
    page = browser.new_page(viewport={"width": 390, "height": 900})
    page.goto(live_server.url + "/search/?q=valparaiso")

    summary = page.locator("details.search-more summary")
    assert summary.inner_text() == "Language and dates"
    # list-item is what draws the disclosure marker; flex or block would hide it.
    assert style(summary, "display") == "list-item"
