"""RSS, Atom and JSON Feed, read back by the clients that read them: feedparser and a
JSON Feed 1.1 schema."""

from __future__ import annotations

import json
import threading
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import feedparser
import jsonschema
import pytest
from django.test import override_settings

from dateline.newsroom.services import create_article, update_article
from tests.conftest import PINNED_NOW
from tests.feeds.conftest import feed_paths

pytestmark = pytest.mark.django_db

SCHEMA = json.loads((Path(__file__).parent / "jsonfeed-1.1.schema.json").read_text())
IMMEDIATE_TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend", "QUEUES": []}
}

# jsonschema checks formats only with optional packages; these two are all the schema uses.
FORMATS = jsonschema.FormatChecker(formats=())


@FORMATS.checks("uri", raises=ValueError)
def _is_uri(value: str) -> bool:
    parts = urlsplit(value)
    return bool(parts.scheme in {"http", "https"} and parts.netloc)


@FORMATS.checks("date-time", raises=ValueError)
def _is_rfc3339(value: str) -> bool:
    return datetime.fromisoformat(value).utcoffset() is not None  # RFC 3339 needs an offset


def parsed(client, path: str):
    response = client.get(path)
    assert response.status_code == 200, path
    return response, feedparser.parse(response.content)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_every_xml_feed_parses_with_feedparser_without_errors(client, newsroom, kind):
    for path in feed_paths(newsroom, kinds=[kind]):
        response, feed = parsed(client, path)

        assert feed.bozo is False, (path, feed.get("bozo_exception"))
        assert feed.version == {"rss": "rss20", "atom": "atom10"}[kind]
        # Plain XML, so that a browser runs the stylesheet (see generators.BROWSABLE_XML).
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        assert len(feed.entries) == len(newsroom.visible)
        for entry in feed.entries:
            assert entry.id.startswith("tag:")
            assert entry.link.startswith("http://127.0.0.1:8000/article/")
            assert entry.published_parsed
            assert entry.title
        self_links = [link.href for link in feed.feed.links if link.rel == "self"]
        assert self_links == [f"http://127.0.0.1:8000{path}"]


def test_every_json_feed_validates_against_the_json_feed_1_1_schema(client, newsroom):
    for path in feed_paths(newsroom, kinds=["json"]):
        response = client.get(path)
        document = json.loads(response.content)

        assert response["Content-Type"].startswith("application/feed+json")
        jsonschema.validate(document, SCHEMA, format_checker=FORMATS)
        assert document["feed_url"] == f"http://127.0.0.1:8000{path}"
        assert len(document["items"]) == len(newsroom.visible)


def test_the_schema_rejects_an_item_without_content(client, newsroom):
    document = json.loads(client.get("/feeds/json/").content)
    del document["items"][0]["content_text"]

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA, format_checker=FORMATS)


def _entry(feed, article_id: int):
    return next(e for e in feed.entries if e.id.endswith(f":article:{article_id}"))


def test_an_edit_keeps_the_id_and_publication_time_and_moves_the_update_time(
    client, newsroom, now, django_capture_on_commit_callbacks
):
    lead = newsroom.lead
    _, atom_before = parsed(client, "/feeds/atom/")
    _, rss_before = parsed(client, "/feeds/rss/")
    json_before = json.loads(client.get("/feeds/json/").content)

    now.shift(timedelta(minutes=30))
    with django_capture_on_commit_callbacks(execute=True):  # the change event, as on commit
        update_article(
            article=lead, changes={"headline": "Allies Sign Security Guarantees for Ukraine"}
        )

    _, atom_after = parsed(client, "/feeds/atom/")
    _, rss_after = parsed(client, "/feeds/rss/")
    json_after = json.loads(client.get("/feeds/json/").content)
    before, after = _entry(atom_before, lead.pk), _entry(atom_after, lead.pk)
    assert after.id == before.id
    assert after.link != before.link  # the slug followed the headline; the id did not
    assert after.title == "Allies Sign Security Guarantees for Ukraine"
    assert after.published == before.published
    assert after.updated != before.updated
    assert after.updated_parsed[:5] == (PINNED_NOW + timedelta(minutes=30)).utctimetuple()[:5]
    rss_old, rss_new = _entry(rss_before, lead.pk), _entry(rss_after, lead.pk)
    assert (rss_new.id, rss_new.published) == (rss_old.id, rss_old.published)
    old = next(i for i in json_before["items"] if i["id"] == rss_old.id)
    new = next(i for i in json_after["items"] if i["id"] == rss_old.id)
    assert new["date_published"] == old["date_published"]
    assert new["date_modified"] > old["date_modified"]


def test_headlines_with_markup_characters_read_back_exactly(
    client, newsroom, django_capture_on_commit_callbacks
):
    headline = 'Rates & Bonds: "AT&T <Q3>" Beats Forecasts'
    with django_capture_on_commit_callbacks(execute=True):  # the change event
        update_article(article=newsroom.lead, changes={"headline": headline})

    for kind in ("rss", "atom"):
        _, feed = parsed(client, f"/feeds/{kind}/")
        assert _entry(feed, newsroom.lead.pk).title == headline, kind
    items = json.loads(client.get("/feeds/json/").content)["items"]
    assert headline in [item["title"] for item in items]


@pytest.mark.parametrize("full", [True, False])
def test_full_content_or_the_standfirst_follows_the_setting(client, newsroom, full):
    with override_settings(DATELINE_FEED_FULL_CONTENT=full):
        _, rss = parsed(client, "/feeds/rss/")
        _, atom = parsed(client, "/feeds/atom/")
        items = json.loads(client.get("/feeds/json/").content)["items"]

    body = "Defence ministers agreed on Sunday a framework for guarantees."
    standfirst = newsroom.lead.standfirst
    for feed in (rss, atom):
        entry = _entry(feed, newsroom.lead.pk)
        assert entry.summary == standfirst
        contents = [c.value for c in entry.get("content", []) if c.value != entry.summary]
        assert (body in "".join(contents)) is full
    item = next(i for i in items if i["id"].endswith(f":article:{newsroom.lead.pk}"))
    assert item["summary"] == standfirst
    if full:
        assert body in item["content_html"]
    else:
        assert item["content_text"] == standfirst
        assert "content_html" not in item


def test_the_image_travels_as_enclosure_media_and_json_image(client, newsroom):
    image = newsroom.lead.image_url
    _, rss = parsed(client, "/feeds/rss/")
    _, atom = parsed(client, "/feeds/atom/")
    items = json.loads(client.get("/feeds/json/").content)["items"]

    rss_entry = _entry(rss, newsroom.lead.pk)
    assert [e.href for e in rss_entry.enclosures] == [image]
    assert rss_entry.enclosures[0].type == "image/jpeg"
    assert rss_entry.media_content[0]["url"] == image
    assert rss_entry.media_credit[0]["content"] == "Meridian Press/J. Ruiz"
    assert [e.href for e in _entry(atom, newsroom.lead.pk).enclosures] == [image]
    assert next(i for i in items if i["id"] == rss_entry.id)["image"] == image


def test_authors_sections_and_topics_are_named_on_each_item(client, newsroom):
    _, atom = parsed(client, f"/topic/{newsroom.topic.slug}/feed/atom/")
    entry = _entry(atom, newsroom.lead.pk)

    assert entry.author == "Amara Okafor"
    assert entry.author_detail.href == "http://127.0.0.1:8000/author/amara-okafor/"
    assert [tag.term for tag in entry.tags] == ["World", "NATO"]
    assert atom.feed.title == "NATO · dateline"


def test_unknown_scopes_and_formats_are_not_found(client, newsroom):
    assert client.get("/section/no-such-desk/feed/rss/").status_code == 404
    assert client.get("/topic/no-such-topic/feed/atom/").status_code == 404
    assert client.get("/author/nobody/feed/json/").status_code == 404
    assert client.get("/feeds/xml/").status_code == 404


def test_a_repeated_conditional_get_answers_304_with_an_empty_body(client, newsroom):
    for path in feed_paths(newsroom):
        first = client.get(path)
        etag, last_modified = first["ETag"], first["Last-Modified"]

        by_etag = client.get(path, HTTP_IF_NONE_MATCH=etag)
        by_date = client.get(path, HTTP_IF_MODIFIED_SINCE=last_modified)

        assert by_etag.status_code == 304, path
        assert by_etag.content == b""
        assert by_etag["ETag"] == etag
        assert by_date.status_code == 304, path


def test_a_change_answers_the_conditional_get_with_the_new_feed(
    client, newsroom, now, django_capture_on_commit_callbacks
):
    first = client.get("/feeds/atom/")
    now.shift(timedelta(minutes=5))
    with django_capture_on_commit_callbacks(execute=True):  # the change event
        update_article(article=newsroom.lead, changes={"standfirst": "The deals are signed."})

    again = client.get(
        "/feeds/atom/",
        HTTP_IF_NONE_MATCH=first["ETag"],
        HTTP_IF_MODIFIED_SINCE=first["Last-Modified"],
    )
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert b"The deals are signed." in again.content


def test_the_feed_changes_when_an_embargo_passes_without_any_write(client, newsroom, now):
    embargoed = newsroom.hidden["embargoed"]
    first = client.get("/feeds/rss/")
    assert embargoed.headline.encode() not in first.content

    now.shift(timedelta(hours=3))
    again = client.get("/feeds/rss/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert embargoed.headline.encode() in again.content


class _Hub(BaseHTTPRequestHandler):
    pings: list[list[tuple[str, str]]] = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        _Hub.pings.append(parse_qsl(self.rfile.read(length).decode()))
        self.send_response(204)
        self.end_headers()


@pytest.fixture
def hub():
    """A WebSub hub on a local port that records what it is told."""
    _Hub.pings = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/hub", _Hub.pings
    server.shutdown()
    server.server_close()


def test_feeds_announce_the_hub_and_publishing_pings_it(
    client, newsroom, hub, django_capture_on_commit_callbacks
):
    hub_url, pings = hub
    with override_settings(DATELINE_WEBSUB_HUB=hub_url, TASKS=IMMEDIATE_TASKS):
        response, rss = parsed(client, f"/section/{newsroom.world.slug}/feed/rss/")
        _, atom = parsed(client, "/feeds/atom/")
        document = json.loads(client.get("/feeds/json/").content)
        with django_capture_on_commit_callbacks(execute=True):
            article = create_article(
                headline="Summit Opens in Brussels",
                section=newsroom.world,
                authors=[newsroom.author],
                publish=True,
            )

    assert f'<{hub_url}>; rel="hub"' in response["Link"]
    assert 'rel="self"' in response["Link"]
    for feed in (rss, atom):
        assert [link.href for link in feed.feed.links if link.rel == "hub"] == [hub_url]
    assert document["hubs"] == [{"type": "WebSub", "url": hub_url}]
    # One ping per change event (tagging after publication may announce a second one).
    assert pings
    assert all(("hub.mode", "publish") in ping for ping in pings)
    urls = {value for key, value in pings[0] if key == "hub.url"}
    assert {
        "http://127.0.0.1:8000/feeds/rss/",
        "http://127.0.0.1:8000/feeds/atom/",
        "http://127.0.0.1:8000/feeds/json/",
        "http://127.0.0.1:8000/section/world/feed/rss/",
        "http://127.0.0.1:8000/author/amara-okafor/feed/atom/",
    } <= urls
    assert article.pk


def test_no_hub_no_ping_and_no_hub_link(client, newsroom, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        create_article(headline="Quiet Day at the Port", section=newsroom.world, publish=True)
    response, feed = parsed(client, "/feeds/rss/")

    assert 'rel="hub"' not in response["Link"]
    assert not [link for link in feed.feed.links if link.rel == "hub"]
