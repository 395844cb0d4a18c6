"""Article and list page metadata, read back by extruct (JSON-LD, Open Graph) and lxml."""

from __future__ import annotations

from datetime import datetime

import extruct
import pytest
from django.test import override_settings
from lxml import html as lxml_html

from dateline.newsroom.services import update_article
from tests.factories import ArticleTopicFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"


def read_page(client, path: str) -> dict:
    response = client.get(path)
    assert response.status_code == 200, path
    page = response.content.decode()
    data = extruct.extract(page, base_url=SITE + path, syntaxes=["json-ld", "opengraph"])
    tree = lxml_html.fromstring(page)
    og: list[tuple[str, str]] = [p for block in data["opengraph"] for p in block["properties"]]
    return {
        "json_ld": {item["@type"]: item for item in data["json-ld"]},
        "og": og,
        "og_one": dict(og),
        "canonicals": tree.xpath('//head/link[@rel="canonical"]/@href'),
        "meta": {
            node.get("name"): node.get("content") for node in tree.xpath("//head/meta[@name]")
        },
        "alternates": tree.xpath('//head/link[@rel="alternate"]/@href'),
    }


def test_the_article_page_metadata_reads_back_and_matches_the_article(client, newsroom):
    lead = newsroom.lead
    page = read_page(client, lead.get_absolute_url())
    article = page["json_ld"]["NewsArticle"]
    og = page["og_one"]
    canonical = SITE + lead.get_absolute_url()

    # One canonical, and the same URL as og:url and mainEntityOfPage.
    assert page["canonicals"] == [canonical]
    assert og["og:url"] == canonical
    assert article["mainEntityOfPage"]["@id"] == canonical
    # Open Graph: the four required properties and the article ones.
    assert og["og:title"] == lead.headline
    assert og["og:type"] == "article"
    assert og["og:image"] == lead.image_url
    assert og["article:section"] == "World"
    assert [v for k, v in page["og"] if k == "article:tag"] == ["NATO"]
    assert og["article:published_time"] == article["datePublished"]
    assert og["article:modified_time"] == article["dateModified"]
    # NewsArticle: dates with an offset, naming the same instants as the article.
    assert article["headline"] == lead.headline
    published = datetime.fromisoformat(article["datePublished"])
    assert published.utcoffset() is not None
    assert published == lead.published_at
    assert datetime.fromisoformat(article["dateModified"]) == lead.updated_at
    assert article["author"] == [
        {"@type": "Person", "name": "Amara Okafor", "url": f"{SITE}/author/amara-okafor/"}
    ]
    assert article["publisher"]["name"] == "dateline"
    assert article["publisher"]["logo"]["url"] == f"{SITE}/static/dateline/logo.png"
    assert article["image"] == [lead.image_url]
    assert article["dateline"] == "Washington"
    assert article["articleSection"] == "World"
    assert article["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version misstated the number of countries at the meeting.",
            "datePublished": article["dateModified"],
        }
    ]
    # X card and robots, read from the HTML (extruct skips name= meta).
    assert page["meta"]["twitter:card"] == "summary_large_image"
    assert page["meta"]["twitter:image"] == lead.image_url
    assert "max-image-preview:large" in page["meta"]["robots"]
    assert "noindex" not in page["meta"]["robots"]
    crumbs = page["json_ld"]["BreadcrumbList"]["itemListElement"]
    assert [c["item"] for c in crumbs] == [f"{SITE}/", f"{SITE}/section/world/", canonical]
    assert f"{SITE}/section/world/feed/rss/" in page["alternates"]


def test_the_logo_the_publisher_names_is_served(client, newsroom):
    response = client.get("/static/dateline/logo.png")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_agency_copy_under_a_syndication_contract_asks_search_engines_not_to_index(
    client, newsroom
):
    page = read_page(client, newsroom.syndicated.get_absolute_url())

    assert page["meta"]["robots"].startswith("noindex")
    assert "max-image-preview:large" not in page["meta"]["robots"]


def test_an_update_moves_modified_time_and_keeps_the_canonical(
    client, newsroom, now, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    now.shift(timedelta(hours=1))
    with django_capture_on_commit_callbacks(execute=True):  # the change event
        update_article(article=newsroom.lead, changes={"body": "<p>Signed at last.</p>"})
    page = read_page(client, newsroom.lead.get_absolute_url())

    article = page["json_ld"]["NewsArticle"]
    assert datetime.fromisoformat(article["dateModified"]) > newsroom.lead.published_at
    assert article["datePublished"] == page["og_one"]["article:published_time"]
    assert page["canonicals"] == [SITE + newsroom.lead.get_absolute_url()]


def test_markup_in_a_headline_cannot_break_out_of_the_json_ld_script(
    client, newsroom, django_capture_on_commit_callbacks
):
    headline = "Court Rules </script><script>alert(1)</script> Is Not a Headline & Fine"
    with django_capture_on_commit_callbacks(execute=True):  # the change event
        update_article(article=newsroom.lead, changes={"headline": headline})
    response = client.get(newsroom.lead.get_absolute_url())

    assert b"<script>alert(1)" not in response.content
    page = read_page(client, newsroom.lead.get_absolute_url())
    assert page["json_ld"]["NewsArticle"]["headline"] == headline
    assert page["og_one"]["og:title"] == headline


def test_an_article_without_photo_or_authors_still_has_a_complete_card(client, newsroom):
    plain = newsroom.visible[1]
    plain.authors.clear()
    with override_settings(DATELINE_TWITTER_SITE="@dateline"):
        page = read_page(client, plain.get_absolute_url())

    assert page["og_one"]["og:image"] == f"{SITE}/static/dateline/logo.png"
    assert page["meta"]["twitter:card"] == "summary"
    assert page["meta"]["twitter:site"] == "@dateline"
    assert page["json_ld"]["NewsArticle"]["author"] == [
        {"@type": "Organization", "name": "Meridian Press"}
    ]


@pytest.mark.parametrize(
    ("path", "schema_type", "trail"),
    [
        ("/section/world/", "CollectionPage", ["dateline", "World"]),
        ("/topic/nato/", "CollectionPage", ["dateline", "NATO"]),
        ("/author/amara-okafor/", "ProfilePage", ["dateline", "Amara Okafor"]),
    ],
)
def test_list_pages_describe_themselves_as_collections_with_breadcrumbs(
    client, newsroom, path, schema_type, trail
):
    page = read_page(client, path)

    collection = page["json_ld"][schema_type]
    assert collection["url"] == SITE + path
    assert page["canonicals"] == [SITE + path]
    assert page["og_one"]["og:url"] == SITE + path
    assert page["og_one"]["og:type"] == "website"
    crumbs = page["json_ld"]["BreadcrumbList"]["itemListElement"]
    assert [c["name"] for c in crumbs] == trail
    assert {f"{SITE}{path}feed/{kind}/" for kind in ("rss", "atom", "json")} <= set(
        page["alternates"]
    )
    if schema_type == "ProfilePage":
        assert collection["mainEntity"]["@type"] == "Person"
        assert collection["mainEntity"]["name"] == "Amara Okafor"


def test_the_second_page_of_a_list_is_its_own_canonical(client, newsroom):
    for _ in range(25):
        ArticleTopicFactory(
            topic=TopicFactory(name="NATO", slug="nato"), article__section=newsroom.world
        )

    page = read_page(client, "/topic/nato/?page=2")

    assert page["canonicals"] == [f"{SITE}/topic/nato/?page=2"]


def test_the_home_page_names_the_website_and_its_publisher(client, newsroom):
    page = read_page(client, "/")

    assert page["json_ld"]["WebSite"]["url"] == f"{SITE}/"
    publisher = page["json_ld"]["NewsMediaOrganization"]
    assert publisher["logo"]["url"] == f"{SITE}/static/dateline/logo.png"
    assert page["canonicals"] == [f"{SITE}/"]
    assert f"{SITE}/feeds/rss/" in page["alternates"]
