"""Only reviewed topics reach the public: a suggested, blocked or merged topic appears on no
page, feed, sitemap, API answer, search facet or structured data, even when an article is
still linked to it. A suggested topic's page is 404 until an editor approves it."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from lxml import etree

from dateline.newsroom.models import Article
from dateline.newsroom.services import publish_article
from dateline.stories.models import StoryMember
from dateline.topics.models import ArticleTopic, Topic
from dateline.topics.services import approve_topic, assign_topics
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TopicFactory

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
SM = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
HIDDEN_STATES = (Topic.Status.SUGGESTED, Topic.Status.BLOCKED, Topic.Status.MERGED)


@pytest.fixture
def edition(now, django_capture_on_commit_callbacks):
    """One published article about a public topic and, through links left in place, a topic
    in each state the public may not see (names that the copy itself never uses)."""
    world = SectionFactory(name="World", slug="world", position=1)
    author = AuthorFactory(name="Lena Okonjo", slug="lena-okonjo")
    public = TopicFactory(name="Harbour Strikes", slug="harbour-strikes", kind="subject")
    hidden = {
        Topic.Status.SUGGESTED: TopicFactory(
            name="Quillon Varga", slug="quillon-varga", kind="person", status="suggested"
        ),
        Topic.Status.BLOCKED: TopicFactory(
            name="Brassfield Holdings", slug="brassfield-holdings", kind="organisation",
            status="blocked",
        ),
        Topic.Status.MERGED: TopicFactory(
            name="Old Quay Authority", slug="old-quay-authority", kind="organisation",
            status="merged", merged_into=public,
        ),
    }  # fmt: skip
    article = ArticleFactory(
        status=Article.Status.DRAFT,
        published_at=PINNED_NOW - timedelta(minutes=20),
        headline="Dock Workers Walk Out Over Night Shifts",
        standfirst="The stoppage closed three berths before dawn.",
        body="<p>Dock workers walked out before dawn, closing three berths.</p>",
        section=world,
        source=None,
    )
    article.authors.add(author)
    with django_capture_on_commit_callbacks(execute=True):
        publish_article(article=article)
    with django_capture_on_commit_callbacks(execute=True):
        assign_topics(article=article, topics=[(public, 1.0), *((t, 0.5) for t in hidden.values())])
    assert ArticleTopic.objects.filter(article=article).count() == 4
    return {
        "article": article,
        "public": public,
        "hidden": hidden,
        "world": world,
        "author": author,
    }


def _get(client, path: str):
    response = client.get(path, HTTP_ACCEPT="*/*")
    assert response.status_code == 200, (path, response.status_code)
    return response.content.decode()


def every_public_surface(client, edition) -> dict[str, str]:
    """Path -> body of every page, feed, sitemap and API answer that could show a topic."""
    article = edition["article"]
    paths = [
        "/",
        "/section/world/",
        article.get_absolute_url(),
        "/author/lena-okonjo/",
        "/topic/harbour-strikes/",
        "/search/?q=dock+workers",
        "/search/?q=varga",
        "/api/search?q=dock+workers",
        "/api/articles",
        f"/api/articles/{article.pk}",
        "/api/articles?format=ninjs",
        f"/api/articles/{article.pk}?format=ninjs",
        "/api/topics",
        "/api/topics?kind=person",
        "/api/topics?kind=organisation",
    ]
    for scope in ("/feeds/", "/section/world/feed/", "/topic/harbour-strikes/feed/"):
        paths += [f"{scope}{kind}/" for kind in ("rss", "atom", "json")]
    paths += [f"/author/lena-okonjo/feed/{kind}/" for kind in ("rss", "atom", "json")]
    member = StoryMember.objects.filter(article=article).first()
    if member is not None:
        paths.append(f"/story/{member.story_id}/")
    outputs = {path: _get(client, path) for path in paths}
    index = client.get("/sitemap.xml").content
    outputs["/sitemap.xml"] = index.decode()
    for loc in etree.fromstring(index).xpath("//sm:sitemap/sm:loc/text()", namespaces=SM):
        outputs[loc.removeprefix(SITE)] = _get(client, loc.removeprefix(SITE))
    return outputs


def test_unreviewed_topics_appear_on_no_public_surface_until_approved(
    client, edition, django_capture_on_commit_callbacks
):
    public, hidden = edition["public"], edition["hidden"]
    outputs = every_public_surface(client, edition)
    assert any("/sitemaps/topics.xml" in path for path in outputs)
    assert any(path.startswith("/story/") for path in outputs)

    # The public topic is everywhere a topic shows: the test would notice a surface
    # that lost its topics along with the hidden ones.
    for path in (
        edition["article"].get_absolute_url(),
        "/feeds/rss/",
        "/feeds/json/",
        "/api/articles",
        f"/api/articles/{edition['article'].pk}?format=ninjs",
        "/api/topics",
        "/search/?q=dock+workers",
        "/sitemaps/topics.xml",
    ):
        assert public.name in outputs[path] or public.slug in outputs[path], path
    article_page = outputs[edition["article"].get_absolute_url()]
    ld = [
        json.loads(block.text)
        for block in etree.HTML(article_page).xpath('//script[@type="application/ld+json"]')
    ]
    assert any(public.name in json.dumps(block) for block in ld)

    for state, topic in hidden.items():
        for path, body in outputs.items():
            assert topic.name not in body, f"{state} topic named on {path}"
            assert f"/topic/{topic.slug}/" not in body, f"{state} topic linked on {path}"
        feed = client.get(f"/topic/{topic.slug}/feed/rss/")
        assert feed.status_code == 404, state
        filtered = client.get(f"/api/articles?topic={topic.slug}").json()
        assert filtered["items"] == [], state
        page = client.get(f"/topic/{topic.slug}/")
        if state == Topic.Status.MERGED:
            # Old links to a merged topic move to the topic it went into.
            assert page.status_code == 301
            assert page["Location"] == public.get_absolute_url()
        else:
            assert page.status_code == 404, state

    # Once an editor approves the suggestion, it is public like any other topic.
    suggested = hidden[Topic.Status.SUGGESTED]
    with django_capture_on_commit_callbacks(execute=True):
        approve_topic(topic=suggested)
    assert client.get(f"/topic/{suggested.slug}/").status_code == 200
    assert suggested.name in client.get("/api/topics").content.decode()
    assert suggested.name in client.get(edition["article"].get_absolute_url()).content.decode()
