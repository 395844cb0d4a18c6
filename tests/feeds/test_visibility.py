"""Embargoed, killed, unpublished, scheduled and draft articles stay off every output
of this app; syndicated agency copy stays off the outputs for search engines."""

from __future__ import annotations

from datetime import timedelta

import pytest
from lxml import etree

from dateline.feeds.links import article_guid
from tests.feeds.conftest import feed_paths

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def every_output(client, newsroom) -> dict[str, str]:
    """Path -> body of every feed, sitemap and robots.txt, following the sitemap index."""
    outputs: dict[str, str] = {}
    for path in feed_paths(newsroom):
        outputs[path] = client.get(path).content.decode()
    outputs["/robots.txt"] = client.get("/robots.txt").content.decode()
    sitemaps = [
        line.split(": ", 1)[1]
        for line in outputs["/robots.txt"].splitlines()
        if line.startswith("Sitemap: ")
    ]
    index = client.get("/sitemap.xml").content
    outputs["/sitemap.xml"] = index.decode()
    sitemaps += etree.fromstring(index).xpath("//sm:sitemap/sm:loc/text()", namespaces=SM)
    for loc in sitemaps:
        response = client.get(loc.removeprefix(SITE))
        assert response.status_code == 200, loc
        outputs[loc.removeprefix(SITE)] = response.content.decode()
    return outputs


def marks(article) -> list[str]:
    """What would give an article away: its headline, its page and its feed id."""
    return [article.headline, f"/article/{article.pk}/", article_guid(article)]


def test_hidden_articles_appear_on_no_feed_or_sitemap_and_arrive_when_their_time_comes(
    client, newsroom, now
):
    outputs = every_output(client, newsroom)
    feeds = [path for path in outputs if "/feed" in path]
    sitemaps = [path for path in outputs if "sitemap" in path]
    assert len(feeds) == 12
    assert len(sitemaps) >= 5

    for state, article in newsroom.hidden.items():
        for path, body in outputs.items():
            for mark in marks(article):
                assert mark not in body, f"{state} article shows on {path}"
    for path in feeds:
        for article in newsroom.visible:
            assert article_guid(article) in outputs[path], path
    syndicated = f"/article/{newsroom.syndicated.pk}/"
    assert not [path for path in sitemaps if syndicated in outputs[path]]
    assert any(newsroom.lead.get_absolute_url() in outputs[path] for path in sitemaps)

    # Past the embargo and the scheduled time, both arrive everywhere; the rest stay out.
    now.shift(timedelta(hours=4))
    later = every_output(client, newsroom)
    for state in ("embargoed", "scheduled"):
        article = newsroom.hidden[state]
        for path in feeds:
            assert article_guid(article) in later[path], (state, path)
        assert any(article.get_absolute_url() in later[p] for p in later if "sitemap" in p)
    for state in ("draft", "killed", "unpublished"):
        for path, body in later.items():
            assert newsroom.hidden[state].headline not in body, (state, path)
