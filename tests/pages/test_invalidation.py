"""Rendered pages: served as rendered, and never stale after any change to an article.

Each test warms every page that could show the article, makes one editorial change
through the services (with the change event, as after a commit), then fetches every page
again: the affected ones show the change, the others are still served from their copy.
"""

from datetime import timedelta

import pytest

from dateline.newsroom.services import (
    correct_article,
    create_article,
    kill_article,
    publish_article,
    update_article,
)
from dateline.pages import files, store
from dateline.topics.models import ArticleTopic
from dateline.topics.services import merge_topics
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TopicFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(now, django_capture_on_commit_callbacks):
    """Run an editorial action and its change event, as a committed request would."""

    def act(action, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(**kwargs)

    return act


@pytest.fixture
def newsroom(now):
    world = SectionFactory(name="World", slug="world", position=1)
    business = SectionFactory(name="Business", slug="business", position=2)
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    nato = TopicFactory(name="NATO", slug="nato")
    lead = ArticleFactory(
        published=True,
        headline="Allies Agree Framework for Security Guarantees",
        section=world,
        published_at=PINNED_NOW - timedelta(minutes=30),
    )
    lead.authors.set([author])
    ArticleTopic.objects.create(article=lead, topic=nato, score=1)
    bystander = ArticleFactory(
        published=True,
        headline="Copper Prices Ease as Warehouse Stocks Rise",
        section=business,
        published_at=PINNED_NOW - timedelta(minutes=40),
    )
    return {
        "world": world,
        "business": business,
        "lead": lead,
        "bystander": bystander,
        "nato": nato,
    }


def pages_showing(lead):
    return [
        lead.get_absolute_url(),
        "/",
        "/section/world/",
        "/topic/nato/",
        "/author/amara-okafor/",
        "/feeds/rss/",
        "/section/world/feed/atom/",
        "/topic/nato/feed/json/",
        "/sitemaps/news.xml",
    ]


def fetch(client, path):
    response = client.get(path)
    return response.status_code, response.content.decode(), response.get("X-Dateline-Cache")


def warm(client, paths):
    for path in paths:
        client.get(path)
    return {path: fetch(client, path) for path in paths}


def test_a_page_is_rendered_once_and_then_served_from_its_copy(client, newsroom):
    url = newsroom["lead"].get_absolute_url()

    first = client.get(url)
    second = client.get(url)

    assert first["X-Dateline-Cache"] == "miss"
    assert second["X-Dateline-Cache"] == "hit"
    assert first.content == second.content
    assert client.get(url, HTTP_IF_NONE_MATCH=second["ETag"]).status_code == 304
    assert second["Last-Modified"]
    assert "must-revalidate" in second["Cache-Control"]


def test_rendered_files_are_written_for_nginx_and_removed_when_stale(client, newsroom, desk):
    url = newsroom["lead"].get_absolute_url()
    client.get(url)
    rendered = store.file_for(url, "text/html")
    assert rendered.exists()
    content = rendered.read_bytes()
    assert b"Allies Agree Framework" in content
    # nginx fills in the fragments (SSI), so the file keeps their include directives...
    assert b'<!--# include virtual="/fragments/recent-stories/" -->' in content
    assert b"Recent Stories" not in content
    # ...and cannot be served precompressed: nginx compresses it on the way out.
    assert not rendered.with_name("index.html.gz").exists()
    client.get("/feeds/rss/")
    assert store.file_for("/feeds/rss/", "application/rss+xml").with_name("index.xml.gz").exists()

    desk(update_article, article=newsroom["lead"], changes={"standfirst": "Signed at last."})

    assert not rendered.exists()


def rendered_files() -> set:
    return {path for path in store.root().rglob("index.*") if not path.name.endswith(".gz")}


def test_a_publication_purges_the_fronts_and_fragments_but_no_other_article(
    client, newsroom, desk, settings, tmp_path
):
    settings.DATELINE_RENDERED_DIR = tmp_path / "rendered"
    lead, bystander = newsroom["lead"].get_absolute_url(), newsroom["bystander"].get_absolute_url()
    warmed = [
        lead,
        bystander,
        "/",
        "/section/world/",
        "/section/business/",
        "/fragments/recent-stories/",
        "/fragments/section/world/latest/",
        "/fragments/section/business/latest/",
    ]
    for path in warmed:
        assert client.get(path).status_code == 200
    before = rendered_files()
    assert len(before) == len(warmed)

    article = desk(create_article, headline="Ferry Routes Reopen", section=newsroom["world"])
    desk(publish_article, article=article)

    purged = before - rendered_files()
    assert purged == {
        store.file_for(path, "text/html")
        for path in (
            "/",
            "/section/world/",
            "/fragments/recent-stories/",
            "/fragments/section/world/latest/",
        )
    }
    # The articles around it keep their files; what they include is served fresh.
    assert b"Ferry Routes Reopen" in client.get(bystander).content
    assert b"Ferry Routes Reopen" in client.get("/fragments/recent-stories/").content
    assert (
        b"Ferry Routes Reopen"
        in store.file_for("/fragments/recent-stories/", "text/html").read_bytes()
    )


def test_an_update_reaches_every_page_that_shows_the_article_and_no_other(client, newsroom, desk):
    lead, bystander = newsroom["lead"], newsroom["bystander"]
    warm(client, [*pages_showing(lead), bystander.get_absolute_url(), "/section/business/"])

    desk(
        update_article,
        article=lead,
        changes={"headline": "NATO Allies Sign Security Guarantees After Long Talks"},
    )
    lead.refresh_from_db()

    for path in pages_showing(lead):
        status, html, _ = fetch(client, path)
        assert status == 200, path
        assert "Allies Sign Security Guarantees" in html, path
        assert "Allies Agree Framework" not in html, path
    assert fetch(client, bystander.get_absolute_url())[2] == "hit"
    assert fetch(client, "/section/business/")[2] == "hit"


def test_a_new_article_appears_on_the_fronts_and_in_recent_stories_on_cached_pages(
    client, newsroom, desk
):
    bystander_url = newsroom["bystander"].get_absolute_url()
    warm(client, ["/", "/section/world/", bystander_url])

    article = desk(
        create_article,
        headline="Flood Barriers Raised Along the Rhine",
        section=newsroom["world"],
        body="<p>Water levels rose.</p>",
    )
    desk(publish_article, article=article)

    for path in ["/", "/section/world/"]:
        assert "Flood Barriers Raised Along the Rhine" in fetch(client, path)[1], path
    status, html, cache = fetch(client, bystander_url)
    assert cache == "hit"  # the page itself did not change...
    assert "Flood Barriers Raised Along the Rhine" in html  # ...its Recent Stories did


def test_a_correction_shows_its_note_at_once(client, newsroom, desk):
    lead = newsroom["lead"]
    warm(client, [lead.get_absolute_url()])

    desk(correct_article, article=lead, note="An earlier version gave the wrong date.")

    assert "An earlier version gave the wrong date." in fetch(client, lead.get_absolute_url())[1]


def test_a_kill_removes_the_article_from_every_page_and_its_url_is_gone(client, newsroom, desk):
    lead = newsroom["lead"]
    warm(client, pages_showing(lead))

    desk(kill_article, article=lead, reason="legal")

    assert fetch(client, lead.get_absolute_url())[0] == 410
    for path in pages_showing(lead)[1:]:
        assert "Allies Agree Framework" not in fetch(client, path)[1], path


def test_an_embargo_lifting_is_announced_and_the_fronts_follow(client, newsroom, desk, now):
    from dateline.newsroom.services import announce_arrived_articles

    embargoed = ArticleFactory(
        published=True,
        headline="Central Bank Cuts Rates by Half a Point",
        section=newsroom["world"],
        embargo_until=PINNED_NOW + timedelta(minutes=5),
    )
    warm(client, ["/", "/section/world/"])
    assert "Central Bank Cuts Rates" not in fetch(client, "/")[1]

    now.shift(timedelta(minutes=6))
    desk(announce_arrived_articles, since=PINNED_NOW, until=PINNED_NOW + timedelta(minutes=6))

    assert embargoed.headline in fetch(client, "/")[1]
    assert embargoed.headline in fetch(client, "/section/world/")[1]


def test_a_topic_merge_renames_the_topic_on_the_article_page(client, newsroom, desk):
    lead = newsroom["lead"]
    survivor = TopicFactory(name="North Atlantic Treaty Organization", slug="nato-alliance")
    warm(client, [lead.get_absolute_url(), "/topic/nato/"])

    desk(merge_topics, topic=newsroom["nato"], into=survivor)

    assert "/topic/nato-alliance/" in fetch(client, lead.get_absolute_url())[1]
    assert lead.headline not in fetch(client, "/topic/nato/")[1]


def test_a_section_change_moves_the_article_between_fronts(client, newsroom, desk):
    lead = newsroom["lead"]
    warm(client, ["/section/world/", "/section/business/", lead.get_absolute_url()])

    desk(update_article, article=lead, changes={"section": newsroom["business"]})

    assert lead.headline not in fetch(client, "/section/world/")[1]
    assert lead.headline in fetch(client, "/section/business/")[1]
    assert "More Stories From Business" in fetch(client, lead.get_absolute_url())[1]


def test_editors_with_a_session_always_get_a_fresh_render(client, newsroom, admin_user):
    url = newsroom["lead"].get_absolute_url()
    client.get(url)
    client.force_login(admin_user)

    assert client.get(url).get("X-Dateline-Cache") is None


def test_pages_are_compressed_with_brotli_or_gzip(client, newsroom):
    url = newsroom["lead"].get_absolute_url()

    brotli = client.get(url, HTTP_ACCEPT_ENCODING="br, gzip")
    gzipped = client.get(url, HTTP_ACCEPT_ENCODING="gzip")

    assert brotli["Content-Encoding"] == "br"
    assert gzipped["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in brotli["Vary"]


def test_threads_writing_the_same_page_at_once_never_fail():
    """Under load, the threads of one worker render the same page together (a bug once)."""
    import threading

    page = store.RenderedPage.of(b"<p>Same page, many writers</p>", "text/html; charset=utf-8")
    tags = frozenset({"article:999"})
    errors = []

    def write():
        try:
            for _ in range(50):
                files.write_file("/article/999/same/", tags, store.versions(tags), page)
        except Exception as error:  # the test is that none happens
            errors.append(error)

    threads = [threading.Thread(target=write) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert store.file_for("/article/999/same/", "text/html").read_bytes() == page.content


def test_an_evicted_tag_version_never_brings_back_an_older_page():
    """A full cache may drop a tag's version; the next read must not match a page cached
    under any version the tag had before."""
    from django.core.cache import cache

    from dateline.pages import store

    tags = frozenset({"article:4242"})
    first = store.versions(tags)
    store.put("/article/4242/x/", tags, first, store.RenderedPage.of(b"old copy", "text/html"))
    store.bump(set(tags))
    second = store.versions(tags)
    store.put("/article/4242/x/", tags, second, store.RenderedPage.of(b"new copy", "text/html"))

    cache.delete("pages:v:article:4242")
    after_eviction = store.versions(tags)

    assert len({first, second, after_eviction}) == 3
    assert store.get("/article/4242/x/", tags, after_eviction) is None
    assert store.versions(tags) == after_eviction  # the new version sticks


def test_every_bump_gives_a_new_version_while_the_clock_stands_still(now):
    """The tests' clock does not tick: a version drawn from it repeated one bump in a
    thousand, and the page cached under it then stood after a change."""
    tags = frozenset({"article:4343"})
    seen = [store.versions(tags)]
    for _ in range(3_000):
        store.bump(set(tags))
        seen.append(store.versions(tags))
    assert all(before != after for before, after in zip(seen, seen[1:], strict=False))


def test_a_compressed_pages_and_feeds_validator_answers_304_for_either_encoding(client, newsroom):
    """Pages, feeds and the API answer conditional GETs through one helper: the weak tag a
    compressed answer carries is current for the plain and the compressed body alike."""
    for path in (newsroom["lead"].get_absolute_url(), "/feeds/rss/", "/api/articles"):
        compressed = client.get(path, HTTP_ACCEPT_ENCODING="br")
        assert compressed["Content-Encoding"] == "br", path
        assert compressed["ETag"].startswith('W/"'), path
        for encoding in ("br", "gzip", ""):
            again = client.get(
                path, HTTP_IF_NONE_MATCH=compressed["ETag"], HTTP_ACCEPT_ENCODING=encoding
            )
            assert again.status_code == 304, (path, encoding)
            assert again.content == b""


def test_a_render_that_a_change_overtook_is_never_written(client, newsroom, desk):
    """nginx would serve such a file, stale, until the render noticed and removed it."""
    url = newsroom["lead"].get_absolute_url()
    tags = frozenset({f"article:{newsroom['lead'].pk}"})
    before = store.versions(tags)
    page = store.RenderedPage.of(b"<p>Allies Agree Framework</p>", "text/html; charset=utf-8")

    desk(update_article, article=newsroom["lead"], changes={"standfirst": "Signed at last."})

    assert files.write_file(url, tags, before, page) is None
    assert not store.file_for(url, "text/html").exists()
    listing = store.tag_file(f"article:{newsroom['lead'].pk}")
    assert str(store.file_for(url, "text/html")) not in (
        listing.read_text(encoding="utf-8") if listing.exists() else ""
    )
