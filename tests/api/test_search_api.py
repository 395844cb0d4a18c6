"""`/api/search`: the search page's results as JSON, same parameters, same rules."""

import pytest

from dateline.newsroom.services import create_article, kill_article
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(now, django_capture_on_commit_callbacks):
    world = SectionFactory(name="World", slug="world")
    business = SectionFactory(name="Business", slug="business")
    with django_capture_on_commit_callbacks(execute=True):
        flood = create_article(
            headline="Flood Defences Hold Along the Danube",
            section=world,
            body="<p>River levels peaked overnight in Budapest.</p>",
            publish=True,
        )
        shares = create_article(
            headline="Shipping Shares Rise on Danube Traffic",
            section=business,
            body="<p>Barge operators reported more cargo.</p>",
            publish=True,
        )
    return {"flood": flood, "shares": shares}


def test_search_answers_with_hits_snippets_and_facets(client, archive):
    response = client.get("/api/search", {"q": "danube"})

    data = response.json()
    assert response.status_code == 200
    assert {item["id"] for item in data["items"]} == {archive["flood"].pk, archive["shares"].pk}
    assert "<mark>" in "".join(item["headline_html"] for item in data["items"])
    assert {f["slug"] for f in data["facets"]["section"]} == {"world", "business"}


def test_search_filters_by_section_like_the_page(client, archive):
    data = client.get("/api/search", {"q": "danube", "section": "business"}).json()

    assert [item["id"] for item in data["items"]] == [archive["shares"].pk]


def test_a_killed_article_is_never_found(client, archive, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        kill_article(article=archive["flood"])

    data = client.get("/api/search", {"q": "flood"}).json()

    assert data["items"] == []


@pytest.mark.parametrize("query", ["-", "OR OR", "x" * 5000, '"" -""'])
def test_hostile_queries_answer_with_a_clear_message(client, archive, query):
    response = client.get("/api/search", {"q": query})

    assert response.status_code == 200
    assert response.json()["messages"]


def test_sql_in_a_query_is_only_words(client, archive):
    response = client.get("/api/search", {"q": "danube'; DROP TABLE newsroom_article; --"})

    assert response.status_code == 200
    assert client.get("/api/search", {"q": "danube"}).json()["total"] == 2
