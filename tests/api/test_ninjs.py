"""Articles as IPTC ninjs 2.x: valid against the official schemas, and true to the article."""

from __future__ import annotations

import json

import pytest

from dateline.core.text import html_to_text
from tests.api.conftest import validation_errors
from tests.factories import (
    ArticleTopicFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SourceFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

NINJS = "application/ninjs+json"


@pytest.fixture
def rich_article(publish):
    """An article with everything the mapping handles: authors, topics, picture, correction."""
    article = publish(
        headline="Port Strike Ends After Nine Days",
        standfirst="Dockers accepted a 6% raise.",
        body="<p>ROTTERDAM – The strike ended on Sunday.</p><p>Ships began to move.</p>",
        byline="",
        dateline_place="ROTTERDAM",
        credit="Harbour Wire",
        agency_id="urn:newsml:harbour.example:2026:strike",
        image_url="https://images.example/port.jpg",
        image_caption="Cranes at the port.",
        image_alt="Container cranes against a grey sky.",
        image_credit="Harbour Wire/J. Visser",
        source=SourceFactory(name="Harbour Wire", url="https://harbour.example/"),
    )
    article.authors.add(AuthorFactory(name="Jan Visser"))
    for name, kind in [("Port of Rotterdam", "organisation"), ("Rotterdam", "place"),
                       ("Labour dispute", "subject"), ("Jan de Boer", "person")]:  # fmt: skip
        ArticleTopicFactory(article=article, topic=TopicFactory(name=name, kind=kind))
    CorrectionNoteFactory(article=article, text="The raise is 6%, not 8%.")
    return article


@pytest.mark.parametrize("version", ["2.0", "2.1", "2.2"])
def test_an_article_in_ninjs_validates_against_the_official_schema(client, rich_article, version):
    document = client.get(f"/api/articles/{rich_article.pk}?format=ninjs").json()

    assert validation_errors(document, version) == []


@pytest.mark.parametrize("version", ["2.0", "2.1", "2.2"])
def test_every_item_of_the_ninjs_list_validates(client, rich_article, publish, version):
    publish(headline="A plain article", standfirst="", image_url="", dateline_place="")

    items = client.get("/api/articles?format=ninjs").json()["items"]

    assert len(items) == 2
    for item in items:
        assert validation_errors(item, version) == []


def test_the_ninjs_document_carries_the_article(client, rich_article):
    response = client.get(f"/api/articles/{rich_article.pk}", headers={"Accept": NINJS})
    document = response.json()

    assert response["Content-Type"] == NINJS
    assert document["uri"] == f"http://127.0.0.1:8000/article/{rich_article.pk}/"
    assert document["standard"]["version"] == "2.2"
    assert (document["type"], document["pubstatus"], document["version"]) == ("text", "usable", "1")
    assert document["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": "Port Strike Ends After Nine Days"}
    ]
    assert document["descriptions"][0]["value"] == "Dockers accepted a 6% raise."
    assert document["descriptions"][1] == {
        "role": "correction",
        "contenttype": "text/plain",
        "value": "The raise is 6%, not 8%.",
    }
    assert document["bodies"][0]["contenttype"] == "text/html"
    assert document["bodies"][0]["wordcount"] == 10
    assert document["by"] == "Jan Visser"  # no byline: the authors' names
    assert document["located"] == "ROTTERDAM"
    assert document["copyrightholder"] == "Harbour Wire"
    assert document["firstcreated"] == "2026-11-29T15:20:00Z"
    assert {"role": "agency-uri", "value": "urn:newsml:harbour.example:2026:strike"} in document[
        "altids"
    ]
    assert document["renditions"][0]["href"] == (
        f"http://127.0.0.1:8000/article/{rich_article.pk}/{rich_article.slug}/"
    )
    assert [o["name"] for o in document["organisations"]] == ["Port of Rotterdam"]
    assert [p["name"] for p in document["places"]] == ["Rotterdam"]
    assert [p["name"] for p in document["people"]] == ["Jan de Boer"]
    assert [s["name"] for s in document["subjects"]] == ["Labour dispute"]
    picture = document["associations"][0]
    assert (picture["type"], picture["uri"], picture["by"]) == (
        "picture",
        "https://images.example/port.jpg",
        "Harbour Wire/J. Visser",
    )


def test_json_stays_the_default_whatever_else_the_client_accepts(client, rich_article):
    for accept in ("*/*", "application/json", "text/html", f"application/json, {NINJS};q=0.5"):
        response = client.get(f"/api/articles/{rich_article.pk}", headers={"Accept": accept})
        assert response["Content-Type"] == "application/json", accept
        assert "headline" in response.json()


def test_the_ninjs_version_counts_the_articles_revisions(client, rich_article, now):
    from dateline.newsroom import services

    services.update_article(article=rich_article, changes={"headline": "Port Strike Is Over"})

    document = client.get(f"/api/articles/{rich_article.pk}?format=ninjs").json()

    assert document["version"] == "2"
    assert document["headlines"][0]["value"] == "Port Strike Is Over"


def ninjs_2_story() -> dict:
    """A ninjs 2.2 text item as an agency's system would push it."""
    return {
        "standard": {
            "name": "ninjs",
            "version": "2.2",
            "schema": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json",
        },
        "uri": "urn:newsml:harbour.example:20261129:ferry",
        "type": "text",
        "version": "1",
        "versioncreated": "2026-11-29T15:00:00Z",
        "firstcreated": "2026-11-29T14:50:00Z",
        "pubstatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": "Night Ferry Returns to the Islands"}],
        "descriptions": [
            {"role": "summary", "value": "The service had been suspended for two winters."}
        ],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": "<p>The night ferry sailed again on Sunday.</p>"
                "<p>Islanders welcomed it at the quay.</p>",
            }
        ],
        "by": "Marta Kowalczyk",
        "located": "Świnoujście",
        "copyrightholder": "Harbour Wire",
        "subjects": [
            {"name": "transport", "uri": "http://cv.iptc.org/newscodes/mediatopic/20000409"}
        ],
        "associations": [
            {
                "name": "featureimage",
                "uri": "urn:newsml:harbour.example:20261129:ferry-photo",
                "type": "picture",
                "descriptions": [{"role": "caption", "value": "The ferry at the quay."}],
                "by": "Harbour Wire/K. Nowak",
                "renditions": [
                    {"name": "baseImage", "href": "https://images.example/ferry.jpg", "width": 1200}
                ],
            }
        ],
    }


def test_ninjs_pushed_in_comes_back_out_with_the_same_story(client, push_token):
    story = ninjs_2_story()
    assert validation_errors(story, "2.2") == []

    pushed = client.post(
        "/api/push",
        data=json.dumps(story),
        content_type=NINJS,
        headers={"Authorization": f"Bearer {push_token}"},
    )
    assert pushed.status_code == 200, pushed.content
    (article_id,) = pushed.json()["articles"]
    document = client.get(f"/api/articles/{article_id}?format=ninjs").json()

    assert validation_errors(document, "2.2") == []
    assert document["headlines"][0]["value"] == story["headlines"][0]["value"]
    assert document["descriptions"][0]["value"] == story["descriptions"][0]["value"]
    assert html_to_text(document["bodies"][0]["value"]) == html_to_text(story["bodies"][0]["value"])
    assert document["by"] == story["by"]
    assert document["located"] == story["located"]
    assert document["language"] == "en"
    assert document["copyrightholder"] == "Harbour Wire"
    assert {"role": "agency-uri", "value": story["uri"]} in document["altids"]
    picture = document["associations"][0]
    assert picture["renditions"][0]["href"] == "https://images.example/ferry.jpg"
    assert picture["descriptions"][0]["value"] == "The ferry at the quay."
    assert picture["by"] == "Harbour Wire/K. Nowak"
