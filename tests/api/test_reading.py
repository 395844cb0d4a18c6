"""Reading articles, sections, topics and authors from /api/: what the public may see, only."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.newsroom import services
from dateline.newsroom.models import Article
from tests.factories import (
    ArticleFactory,
    ArticleTopicFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


def headlines(response) -> list[str]:
    return [item["headline"] for item in response.json()["items"]]


def walk(client, url: str) -> list[dict]:
    """Every item of a paged list, following `next` links."""
    items: list[dict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        items.extend(response.json()["items"])
        url = response.json()["next"]
    return items


def hidden_articles(world) -> dict[str, Article]:
    """One article in each state the public must not see."""
    now = timezone.now()
    published = {"status": Article.Status.PUBLISHED, "section": world}
    return {
        "draft": ArticleFactory(headline="Draft copy", section=world),
        "ready": ArticleFactory(headline="Ready copy", status=Article.Status.READY, section=world),
        "unpublished": ArticleFactory(
            headline="Unpublished copy",
            status=Article.Status.UNPUBLISHED,
            published_at=now - timedelta(hours=1),
            section=world,
        ),
        "killed": ArticleFactory(
            headline="Killed copy",
            status=Article.Status.KILLED,
            published_at=now - timedelta(hours=1),
            section=world,
        ),
        "scheduled": ArticleFactory(
            headline="Scheduled copy", published_at=now + timedelta(hours=1), **published
        ),
        "embargoed": ArticleFactory(
            headline="Embargoed copy",
            published_at=now - timedelta(hours=1),
            embargo_until=now + timedelta(hours=2),
            **published,
        ),
    }


def test_the_article_list_shows_visible_articles_newest_first(client, publish):
    publish(30, headline="Oldest")
    publish(5, headline="Newest")
    publish(15, headline="Middle")

    response = client.get("/api/articles")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert headlines(response) == ["Newest", "Middle", "Oldest"]
    assert response.json()["next"] is None


def test_an_article_in_the_list_carries_what_its_page_shows(client, publish):
    author = AuthorFactory(name="Ana Lima", slug="ana-lima")
    article = publish(
        headline="Grain Talks Resume",
        byline="By Ana Lima",
        dateline_place="GENEVA",
        image_url="https://images.example/grain.jpg",
        image_caption="Delegates arrive.",
        image_credit="Meridian Press",
        source=SourceFactory(name="Meridian Press"),
    )
    article.authors.add(author)
    ArticleTopicFactory(article=article, topic=TopicFactory(name="Grain", slug="grain"))
    CorrectionNoteFactory(article=article, text="The talks are in Geneva, not Bern.")

    item = client.get("/api/articles").json()["items"][0]

    assert item["id"] == article.pk
    assert item["url"] == f"http://127.0.0.1:8000/article/{article.pk}/{article.slug}/"
    assert item["api_url"] == f"http://127.0.0.1:8000/api/articles/{article.pk}"
    assert item["byline"] == "By Ana Lima"
    assert item["authors"] == [
        {"name": "Ana Lima", "slug": "ana-lima", "url": "http://127.0.0.1:8000/author/ana-lima/"}
    ]
    assert item["dateline"] == {"place": "GENEVA", "date": None}
    assert item["section"]["slug"] == "world"
    assert [topic["slug"] for topic in item["topics"]] == ["grain"]
    assert item["source"] == {"slug": "meridian-press", "name": "Meridian Press"}
    assert item["image"]["url"] == "https://images.example/grain.jpg"
    assert item["corrections"][0]["text"] == "The talks are in Geneva, not Bern."
    assert item["published_at"] == "2026-11-29T15:20:00Z"


def test_articles_filter_by_section_topic_source_and_language(client, publish, business):
    wire = SourceFactory(name="Harbour Wire")
    grain = TopicFactory(name="Grain", slug="grain")
    in_world = publish(headline="In World")
    publish(headline="In Business", section=business)
    publish(headline="From Harbour Wire", source=wire)
    publish(headline="En français", language="fr")
    ArticleTopicFactory(article=in_world, topic=grain)

    assert headlines(client.get("/api/articles?section=business")) == ["In Business"]
    assert headlines(client.get("/api/articles?topic=grain")) == ["In World"]
    assert headlines(client.get("/api/articles?source=harbour-wire")) == ["From Harbour Wire"]
    assert headlines(client.get("/api/articles?language=fr")) == ["En français"]
    assert headlines(client.get("/api/articles?section=no-such-section")) == []


def test_since_is_inclusive_and_until_exclusive_on_publication_time(client, publish):
    publish(60, headline="An hour ago")
    publish(30, headline="Half an hour ago")
    publish(5, headline="Five minutes ago")

    response = client.get(
        "/api/articles",
        {"since": "2026-11-29T14:30:00Z", "until": "2026-11-29T15:25:00+00:00"},
    )

    assert headlines(response) == ["Half an hour ago", "An hour ago"]
    naive = client.get("/api/articles", {"since": "2026-11-29T15:00:00"})  # read as UTC
    assert headlines(naive) == ["Five minutes ago", "Half an hour ago"]


def test_cursor_pages_walk_every_article_once_newest_first(client, publish):
    # Two articles share each publication time: the id breaks the tie.
    for minutes in (10, 10, 20, 20, 30, 40, 50):
        publish(minutes)
    expected = list(
        Article.objects.order_by("-published_at", "-id").values_list("headline", flat=True)
    )

    first = client.get("/api/articles?limit=3")
    items = walk(client, "/api/articles?limit=3")

    assert [item["headline"] for item in items] == expected
    assert len(first.json()["items"]) == 3
    assert first.json()["next"].startswith("http://testserver/api/articles?")
    assert first["Link"] == f'<{first.json()["next"]}>; rel="next"'
    assert "published_at" not in first.json()["next_cursor"]  # opaque to clients


def test_the_next_page_keeps_the_filters(client, publish, business):
    for _ in range(3):
        publish(section=business)
    publish(headline="Not business")

    items = walk(client, "/api/articles?section=business&limit=2")

    assert len(items) == 3
    assert {item["section"]["slug"] for item in items} == {"business"}


@pytest.mark.parametrize("cursor", ["not-a-cursor", "WzEsMl0", "WyJ4IiwxXQ", "bnVsbA"])
def test_a_cursor_the_api_did_not_make_answers_400(client, publish, cursor):
    publish()

    response = client.get("/api/articles", {"cursor": cursor})

    assert response.status_code == 400
    assert response.json()["code"] == "cursor.invalid"


def test_a_bad_parameter_answers_400_with_a_code(client):
    response = client.get("/api/articles?limit=1000&since=yesterday")

    assert response.status_code == 400
    assert response.json()["code"] == "request.invalid"
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize(
    "query",
    [
        {"since": "0001-01-01T00:00:00+05:00"},
        {"until": "9999-12-31T23:59:59-05:00"},
        {"section": "world\x00"},
        {"cursor": "WyIwMDAxLTAxLTAxVDAwOjAwOjAwKzA1OjAwIiwxXQ"},  # year 1, east of UTC
    ],
)
def test_values_the_database_cannot_take_answer_400_not_500(client, query):
    response = client.get("/api/articles", query)

    assert response.status_code == 400
    assert response.json()["code"] in {"request.invalid", "cursor.invalid"}


def test_hidden_articles_never_appear_in_any_list_filter_or_format(client, publish, world):
    visible = publish(headline="Visible copy")
    hidden = hidden_articles(world)
    grain = TopicFactory(name="Grain", slug="grain")
    for article in [visible, *hidden.values()]:
        ArticleTopicFactory(article=article, topic=grain)

    for query in ("", "?section=world", "?topic=grain", "?source=meridian-press", "?language=en",
                  "?since=2000-01-01T00:00:00Z", "?format=ninjs"):  # fmt: skip
        response = client.get(f"/api/articles{query}")
        items = response.json()["items"]
        assert len(items) == 1, (query, items)
        assert "Visible copy" in str(items[0]), query
    for state, article in hidden.items():
        response = client.get(f"/api/articles/{article.pk}")
        assert response.status_code == (410 if state == "killed" else 404), state
        assert response["Content-Type"] == "application/json"
        assert article.headline not in response.content.decode()


def test_a_killed_article_answers_410_with_a_json_error(client, publish):
    article = publish(headline="Retracted Report")
    assert client.get(f"/api/articles/{article.pk}").status_code == 200

    services.kill_article(article=article, reason="legal")
    response = client.get(f"/api/articles/{article.pk}")

    assert response.status_code == 410
    assert response.json() == {
        "code": "article.killed",
        "message": "This article has been withdrawn.",
    }
    assert client.get(f"/api/articles/{article.pk}?format=ninjs").status_code == 410
    assert headlines(client.get("/api/articles")) == []


def test_an_embargoed_article_appears_once_its_embargo_passes(client, publish, now):
    article = publish(
        headline="Results Embargoed", embargo_until=timezone.now() + timedelta(hours=1)
    )
    assert client.get(f"/api/articles/{article.pk}").status_code == 404

    now.shift(timedelta(hours=1))

    assert client.get(f"/api/articles/{article.pk}").status_code == 200
    assert headlines(client.get("/api/articles")) == ["Results Embargoed"]


def test_unknown_articles_and_paths_answer_404_in_json(client):
    for url in ("/api/articles/999999", "/api/no-such-thing", "/api/articles/abc"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json"
        assert response.json()["code"] in {"article.not-found", "not-found"}


def test_a_repeated_conditional_get_of_the_list_answers_304(client, publish):
    publish(headline="First")
    first = client.get("/api/articles")
    assert first["ETag"].startswith('W/"')
    assert first["Last-Modified"]
    assert "Accept" in [part.strip() for part in first["Vary"].split(",")]

    by_etag = client.get("/api/articles", headers={"If-None-Match": first["ETag"]})
    by_date = client.get("/api/articles", headers={"If-Modified-Since": first["Last-Modified"]})

    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]
    assert by_date.status_code == 304


def test_a_compressed_lists_etag_also_answers_304(client, publish):
    publish(headline="First", body="<p>" + "Long enough to be worth compressing. " * 40 + "</p>")
    first = client.get("/api/articles", headers={"Accept-Encoding": "gzip"})
    assert first["Content-Encoding"] == "gzip"
    assert first["ETag"].startswith('W/"')

    again = client.get(
        "/api/articles", headers={"Accept-Encoding": "gzip", "If-None-Match": first["ETag"]}
    )

    assert again.status_code == 304


def test_the_list_validators_change_when_an_article_comes_or_goes(client, publish, now):
    kept = publish(headline="Kept")
    gone = publish(5, headline="Gone")
    etag = client.get("/api/articles")["ETag"]

    services.kill_article(article=gone)
    after_kill = client.get("/api/articles", headers={"If-None-Match": etag})
    assert after_kill.status_code == 200
    assert headlines(after_kill) == ["Kept"]

    now.shift(timedelta(minutes=1))
    services.update_article(article=kept, changes={"headline": "Kept, Updated"})
    after_update = client.get("/api/articles", headers={"If-None-Match": after_kill["ETag"]})
    assert after_update.status_code == 200
    assert headlines(after_update) == ["Kept, Updated"]
    json_etag = after_update["ETag"]
    assert client.get("/api/articles?format=ninjs")["ETag"] != json_etag


def test_one_article_answers_304_to_its_own_etag(client, publish):
    article = publish()
    first = client.get(f"/api/articles/{article.pk}")

    again = client.get(f"/api/articles/{article.pk}", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304


def test_the_article_list_takes_a_fixed_number_of_queries(
    client, publish, django_assert_max_num_queries
):
    for n in range(30):
        article = publish(n + 1)
        article.authors.add(AuthorFactory())
        ArticleTopicFactory(article=article)

    with django_assert_max_num_queries(5):
        response = client.get("/api/articles?limit=30")

    assert len(response.json()["items"]) == 30


def test_sections_are_listed_in_menu_order(client, world, business):
    response = client.get("/api/sections")

    assert [s["slug"] for s in response.json()["items"]] == ["world", "business"]
    assert response.json()["items"][0]["url"] == "http://127.0.0.1:8000/section/world/"
    assert (
        client.get("/api/sections", headers={"If-None-Match": response["ETag"]}).status_code == 304
    )


def test_a_topic_is_listed_only_once_a_visible_article_is_about_it(client, publish, world):
    ArticleTopicFactory(article=publish(), topic=TopicFactory(name="Grain", slug="grain"))
    embargoed = hidden_articles(world)["embargoed"]
    ArticleTopicFactory(article=embargoed, topic=TopicFactory(name="Merger Secret", slug="merger"))

    response = client.get("/api/topics")

    assert [t["slug"] for t in response.json()["items"]] == ["grain"]
    assert client.get("/api/topics?kind=person").json()["items"] == []


def test_topics_and_authors_page_by_name(client, publish):
    for name in ("Delta", "Alpha", "Charlie", "Bravo"):
        AuthorFactory(name=name)
        ArticleTopicFactory(article=publish(), topic=TopicFactory(name=name))

    authors = walk(client, "/api/authors?limit=3")
    topics = walk(client, "/api/topics?limit=3")

    assert [a["name"] for a in authors] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert [t["name"] for t in topics] == ["Alpha", "Bravo", "Charlie", "Delta"]


def test_the_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/openapi.json")

    assert schema.status_code == 200
    assert {"/api/articles", "/api/articles/{article_id}", "/api/sections", "/api/topics",
            "/api/authors", "/api/push"} <= set(schema.json()["paths"])  # fmt: skip
    assert client.get("/api/docs").status_code == 200


def test_the_api_root_is_a_json_index_of_the_endpoints_and_the_docs(client, publish):
    publish(headline="Ferry Timetable Changes for the Winter Season")
    index = client.get("/api/")

    assert index.status_code == 200
    assert index["Content-Type"] == "application/json"
    document = index.json()
    assert document["documentation"] == "http://127.0.0.1:8000/api/docs"
    paths = {(e["method"], e["path"]) for e in document["endpoints"]}
    assert {("GET", "/api/articles"), ("GET", "/api/articles/{article_id}"),
            ("POST", "/api/push"), ("GET", "/api/search")} <= paths  # fmt: skip
    followable = [e["url"] for e in document["endpoints"] if e["method"] == "GET" and e["url"]]
    assert followable
    for url in [*followable, document["documentation"], document["openapi"]]:
        assert client.get(url.removeprefix("http://127.0.0.1:8000")).status_code == 200, url


def test_the_api_docs_load_their_scripts_from_our_static_files(client):
    html = client.get("/api/docs").content.decode()

    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert "/static/ninja/swagger-ui-bundle.js" in assets
    assert all(asset.startswith("/static/") for asset in assets), assets


def test_head_answers_like_get_without_the_body(client, publish):
    article = publish(headline="Harbour Cranes Return to Work in Gdynia")

    for url in ("/api/articles", f"/api/articles/{article.pk}"):
        got = client.get(url)
        head = client.head(url)

        assert head.status_code == got.status_code == 200
        assert head.content == b""
        assert head["Content-Type"] == got["Content-Type"]
        assert head["ETag"] == got["ETag"]
        assert head["Content-Length"] == str(len(got.content))
    assert client.head("/api/articles/999999").status_code == 404


def test_a_change_of_topics_moves_the_lists_validators_and_shows(client, publish, now):
    from datetime import timedelta as _delta

    from dateline.topics.services import assign_topics

    article = publish(headline="Harbour Cranes Return to Work in Gdynia")
    first = client.get("/api/articles")
    now.move_to(timezone.now() + _delta(minutes=5))

    port = TopicFactory(name="Port of Gdynia", kind="place")
    assign_topics(article=article, topics=[(port, 0.9)])

    again = client.get("/api/articles", headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "port-of-gdynia" in again.content.decode()
    article.refresh_from_db()
    assert article.updated_at is None or article.updated_at <= article.published_at
