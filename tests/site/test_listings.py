"""Listings that cost the same whatever the archive's size: no count of the whole list,
and the home page's leads looked for among recent copy only."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def archive(now):
    world = SectionFactory(name="World", slug="world", position=1)
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    source = SourceFactory()
    articles = []
    for n in range(45):
        article = ArticleFactory(
            published=True,
            section=world,
            source=source,
            headline=f"Grain Talks Resume for Round {n}",
            published_at=PINNED_NOW - timedelta(hours=2 * n + 1),
        )
        article.authors.set([author])
        articles.append(article)
    return articles


@pytest.mark.parametrize("path", ["/section/world/", "/author/amara-okafor/"])
def test_a_listing_pages_through_without_counting_the_list(client, archive, path):
    client.get("/no-such-page/")  # the menu is site-wide, cached once for every page
    pages = []
    for query in ("", "?page=2", "?page=3"):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path + query)
        assert response.status_code == 200
        assert len(queries) <= 8
        assert not [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]
        pages.append(response.content.decode())

    assert "Round 0<" in pages[0]
    assert "Round 19<" in pages[0]
    assert "Round 20<" not in pages[0]
    assert "Round 44<" in pages[2]
    assert 'rel="next" href="?page=2"' in pages[0]
    assert "of " not in pages[0].split("Page 1")[1][:8]
    assert 'rel="prev" href="?page=2"' in pages[2]
    assert 'rel="next"' not in pages[2]
    assert client.get(path + "?page=4").status_code == 404


def leads_of(home: str) -> list[str]:
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', home)


def test_the_home_page_leads_with_the_desks_recent_leads_else_the_newest(client, archive):
    old_lead = archive[-1]  # 89 hours old: past the leads' window
    old_lead.is_lead = True
    old_lead.save()

    leads = leads_of(client.get("/?fresh=1").content.decode())
    assert leads == [f"Grain Talks Resume for Round {n}" for n in range(3)]

    recent_lead = archive[10]
    recent_lead.is_lead = True
    recent_lead.save()
    leads = leads_of(client.get("/?fresh=2").content.decode())
    assert leads == ["Grain Talks Resume for Round 10"]
