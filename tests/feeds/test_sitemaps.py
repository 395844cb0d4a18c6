"""Sitemaps and robots.txt, read with lxml and the standard library's robots parser."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest
from lxml import etree

from dateline.feeds.sitemaps import ArticleMonthSitemap, NewsSitemap
from dateline.newsroom.services import update_article
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}
SITE = "http://127.0.0.1:8000"
HOUR = timedelta(hours=1)


def xml(client, url: str):
    path = url.removeprefix(SITE)
    response = client.get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"].startswith("application/xml")
    assert len(response.content) <= 50 * 1024 * 1024
    return etree.fromstring(response.content)


def index_locations(client) -> list[str]:
    root = xml(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    return root.xpath("//sm:sitemap/sm:loc/text()", namespaces=NS)


def urls_of(root) -> list[str]:
    return root.xpath("//sm:url/sm:loc/text()", namespaces=NS)


def all_listed_urls(client) -> dict[str, list[str]]:
    """Every sitemap the index lists, with the URLs in it."""
    return {loc: urls_of(xml(client, loc)) for loc in index_locations(client)}


def test_the_index_lists_every_sitemap_on_one_host_within_the_limits(client, newsroom):
    listed = all_listed_urls(client)

    paths = {urlsplit(loc).path for loc in listed}
    assert {"/sitemaps/news.xml", "/sitemaps/sections.xml", "/sitemaps/topics.xml"} <= paths
    assert "/sitemaps/articles-2026-11.xml" in paths
    for loc, urls in listed.items():
        assert loc.startswith(SITE + "/sitemaps/")
        assert len(urls) <= (1000 if "news" in loc else 50_000)
        assert all(url.startswith(SITE + "/") and len(url) < 2048 for url in urls)
    assert listed[f"{SITE}/sitemaps/sections.xml"] == [f"{SITE}/section/world/"]
    assert listed[f"{SITE}/sitemaps/topics.xml"] == [f"{SITE}/topic/nato/"]


def test_article_lastmod_is_the_last_significant_change_never_the_build_time(
    client, newsroom, now, django_capture_on_commit_callbacks
):
    now.shift(2 * HOUR)
    with django_capture_on_commit_callbacks(execute=True):  # the change event
        update_article(article=newsroom.lead, changes={"standfirst": "Signed within days."})
    root = xml(client, "/sitemaps/articles-2026-11.xml")

    lastmods = {
        url.findtext("sm:loc", namespaces=NS): url.findtext("sm:lastmod", namespaces=NS)
        for url in root.iterfind("sm:url", namespaces=NS)
    }
    lead_url = SITE + newsroom.lead.get_absolute_url()
    assert datetime.fromisoformat(lastmods[lead_url]) == PINNED_NOW + 2 * HOUR
    other = newsroom.visible[1]
    assert datetime.fromisoformat(lastmods[SITE + other.get_absolute_url()]) == other.published_at


def test_article_sitemaps_split_by_month_and_at_the_url_limit(client, newsroom, monkeypatch):
    monkeypatch.setattr(ArticleMonthSitemap, "limit", 2)
    october = [
        ArticleFactory(
            published=True, published_at=datetime(2026, 10, day, 9, tzinfo=PINNED_NOW.tzinfo)
        )
        for day in (1, 15, 31)
    ]

    listed = all_listed_urls(client)

    article_maps = sorted(loc for loc in listed if "/articles-" in loc)
    assert article_maps == [
        f"{SITE}/sitemaps/articles-2026-10.xml",
        f"{SITE}/sitemaps/articles-2026-10.xml?p=2",
        f"{SITE}/sitemaps/articles-2026-11.xml",
        f"{SITE}/sitemaps/articles-2026-11.xml?p=2",
    ]
    assert all(len(listed[loc]) <= 2 for loc in article_maps)
    in_october = listed[article_maps[0]] + listed[article_maps[1]]
    assert in_october == [SITE + a.get_absolute_url() for a in october]
    in_november = [url for loc in article_maps[2:] for url in listed[loc]]
    indexable = [a for a in newsroom.visible if a != newsroom.syndicated]
    assert sorted(in_november) == sorted(SITE + a.get_absolute_url() for a in indexable)
    assert client.get("/sitemaps/articles-2026-11.xml?p=3").status_code == 404
    assert client.get("/sitemaps/articles-2026-09.xml").status_code == 404


def news_entries(client, url: str = "/sitemaps/news.xml") -> dict[str, dict]:
    root = xml(client, url)
    entries = {}
    for node in root.iterfind("sm:url", namespaces=NS):
        news = node.find("news:news", namespaces=NS)
        entries[node.findtext("sm:loc", namespaces=NS)] = {
            "name": news.findtext("news:publication/news:name", namespaces=NS),
            "language": news.findtext("news:publication/news:language", namespaces=NS),
            "date": news.findtext("news:publication_date", namespaces=NS),
            "title": news.findtext("news:title", namespaces=NS),
        }
    return entries


def test_the_news_sitemap_holds_the_last_48_hours_and_the_window_moves_with_the_clock(
    client, newsroom, now
):
    fresh = ArticleFactory(published=True, published_at=PINNED_NOW - 47 * HOUR)
    old = ArticleFactory(published=True, published_at=PINNED_NOW - 49 * HOUR)

    entries = news_entries(client)

    assert SITE + fresh.get_absolute_url() in entries
    assert SITE + old.get_absolute_url() not in entries
    for loc, entry in entries.items():
        assert entry["name"] == "dateline"
        assert entry["language"] == "en"
        assert entry["title"]
        assert datetime.fromisoformat(entry["date"]) >= PINNED_NOW - 48 * HOUR, loc
    lead = entries[SITE + newsroom.lead.get_absolute_url()]
    assert lead["title"] == newsroom.lead.headline
    assert datetime.fromisoformat(lead["date"]) == newsroom.lead.published_at

    first = client.get("/sitemaps/news.xml")
    now.shift(2 * HOUR)
    later = news_entries(client)
    assert SITE + fresh.get_absolute_url() not in later
    assert SITE + newsroom.lead.get_absolute_url() in later
    # Nothing was written, yet the sitemap changed: the validators must say so.
    again = client.get("/sitemaps/news.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert client.get("/sitemaps/news.xml", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_the_news_sitemap_splits_at_the_url_limit(client, newsroom, monkeypatch):
    monkeypatch.setattr(NewsSitemap, "limit", 2)

    news_maps = [loc for loc in index_locations(client) if "news" in loc]

    indexable = [a for a in newsroom.visible if a != newsroom.syndicated]
    assert news_maps == [
        f"{SITE}/sitemaps/news.xml",
        f"{SITE}/sitemaps/news.xml?p=2",
    ]
    seen = [loc for page in news_maps for loc in news_entries(client, page)]
    assert all(len(news_entries(client, page)) <= 2 for page in news_maps)
    assert sorted(seen) == sorted(SITE + a.get_absolute_url() for a in indexable)


def test_an_empty_news_sitemap_is_still_a_valid_urlset(client, db):
    root = xml(client, "/sitemaps/news.xml")

    assert root.tag == f"{{{NS['sm']}}}urlset"
    assert urls_of(root) == []


def test_sitemaps_answer_a_repeated_conditional_get_with_304(client, newsroom):
    for loc in [f"{SITE}/sitemap.xml", *index_locations(client)]:
        path = loc.removeprefix(SITE)
        first = client.get(path)
        again = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
        by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

        assert (again.status_code, again.content) == (304, b""), path
        assert by_date.status_code == 304, path


def test_robots_txt_declares_the_sitemaps_and_keeps_crawlers_out_of_the_desk(client, newsroom):
    response = client.get("/robots.txt")
    robots = RobotFileParser()
    robots.parse(response.content.decode().splitlines())

    assert response["Content-Type"].startswith("text/plain")
    assert robots.site_maps() == [f"{SITE}/sitemap.xml", f"{SITE}/sitemaps/news.xml"]
    assert robots.can_fetch("Googlebot", f"{SITE}{newsroom.lead.get_absolute_url()}")
    assert not robots.can_fetch("Googlebot", f"{SITE}/desk/")
    for sitemap in robots.site_maps():
        assert client.get(sitemap.removeprefix(SITE)).status_code == 200
