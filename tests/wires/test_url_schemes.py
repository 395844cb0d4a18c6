"""Only http(s) URLs reach a page, a feed or the API: `javascript:` and `data:` image URLs
and links are dropped at ingest, and one already stored is never emitted."""

from __future__ import annotations

import json

import pytest

from dateline.core.parsing import parse_wire
from dateline.core.text import http_url
from dateline.ingest.services import ingest_bytes
from dateline.newsroom.models import Article
from dateline.wires.models import Source
from tests.factories import ArticleFactory, SectionFactory, SourceFactory

HOSTILE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " \tjava\nscript:alert(1)",
    "data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://images.example/a.jpg",
    "//",
    "/relative/picture.jpg",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_only_absolute_http_urls_are_kept(url):
    assert http_url(url) == ""


@pytest.mark.parametrize(
    "url", ["https://images.example/a.jpg", "HTTP://images.example/b.png?w=1200"]
)
def test_http_and_https_urls_are_kept(url):
    assert http_url(url) == url


@pytest.mark.parametrize(
    ("url", "kept"),
    [("/relative/link", True), ("story?id=4", True), ("javascript:alert(1)", False)],
)
def test_a_link_may_stay_relative_but_never_take_another_scheme(url, kept):
    assert http_url(url, relative=True) == (url if kept else "")


def picture_story(href: str) -> dict:
    return {
        "uri": "urn:test:picture",
        "type": "text",
        "versionCreated": "2026-11-29T15:10:00Z",
        "headlines": [{"role": "main", "value": "Lighthouse Restored"}],
        "bodies": [{"contentType": "text/plain", "value": "The lamp was lit on Sunday."}],
        "associations": [
            {
                "name": "main",
                "uri": "urn:test:photo",
                "type": "picture",
                "renditions": [{"name": "original", "href": href, "width": 1200}],
            }
        ],
    }


@pytest.mark.parametrize("url", HOSTILE[:4])
def test_a_hostile_image_url_is_dropped_at_parse(url):
    result = parse_wire(json.dumps(picture_story(url)).encode(), "ninjs")

    assert result.items[0].images == ()


def test_a_hostile_link_in_a_feed_entry_is_dropped_at_parse():
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>'
        b"<title>Rain</title><description>Rain all day.</description>"
        b"<link>javascript:alert(1)</link>"
        b'<enclosure url="data:image/png;base64,AAAA" type="image/png" length="4"/>'
        b"</item></channel></rss>"
    )

    item = parse_wire(feed, "rss").items[0]

    assert item.link == ""
    assert item.images == ()


@pytest.mark.django_db
def test_ingest_stores_no_hostile_image_url(now):
    SectionFactory(name="World", slug="world", position=1)
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    content = json.dumps(picture_story("javascript:alert(1)")).encode()

    ingest_bytes(source=source, content=content, origin="p.json")

    assert Article.objects.get().image_url == ""


@pytest.fixture
def stored_hostile(db, now):
    """An article stored with a hostile image URL (before this rule, or by a bad import)."""
    SectionFactory(name="World", slug="world", position=1)
    article = ArticleFactory(published=True, headline="Lighthouse Restored")
    Article.objects.filter(pk=article.pk).update(image_url="javascript:alert(1)")
    article.refresh_from_db()
    return article


@pytest.mark.parametrize(
    "path",
    ["page", "/feeds/rss/", "/feeds/atom/", "/feeds/json/", "api", "api-ninjs"],
)
def test_a_stored_hostile_image_url_is_never_emitted(client, stored_hostile, path):
    url = {
        "page": stored_hostile.get_absolute_url(),
        "api": f"/api/articles/{stored_hostile.pk}",
        "api-ninjs": f"/api/articles/{stored_hostile.pk}?format=ninjs",
    }.get(path, path)

    response = client.get(url)

    assert response.status_code == 200
    assert b"Lighthouse Restored" in response.content
    assert b"javascript:" not in response.content


@pytest.mark.django_db
def test_the_desk_refuses_an_image_url_that_is_not_http():
    from dateline.desk.forms import ArticleForm

    form = ArticleForm(data={"image_url": "ftp://images.example/a.jpg"})
    form.is_valid()

    assert "image_url" in form.errors
