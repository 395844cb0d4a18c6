"""A feed opened in a browser is a page a person can read, with how to subscribe."""

from __future__ import annotations

import feedparser
import httpx
import pytest

from tests.browser.pages import build_newsroom


@pytest.fixture
def newsroom(transactional_db):
    return build_newsroom()


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_a_feed_in_a_browser_is_a_readable_page_that_explains_subscribing(
    browser, live_server, newsroom, kind
):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{live_server.url}/feeds/{kind}/")

    assert page.locator("h1").inner_text() == "dateline"
    assert "Subscribe by copying this page's address into a feed reader" in page.inner_text("body")
    link = page.get_by_role("link", name=newsroom.article.headline)
    assert link.get_attribute("href").endswith(newsroom.article.get_absolute_url())
    # Laid out for the phone, not as a 980 px wide XML document.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feed_readers_get_the_same_feed_with_only_a_stylesheet_instruction(
    live_server, newsroom, kind
):
    answer = httpx.get(f"{live_server.url}/feeds/{kind}/")
    feed = feedparser.parse(answer.content)

    assert answer.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert answer.content.startswith(
        b'<?xml version="1.0" encoding="utf-8"?>\n'
        b'<?xml-stylesheet href="/static/dateline/feed.xsl" media="screen" type="text/xsl"?>'
    )
    assert feed.bozo is False
    assert newsroom.article.headline in [entry.title for entry in feed.entries]
