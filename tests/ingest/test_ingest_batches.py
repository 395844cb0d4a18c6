"""A wire input is applied as a batch: one insert for its new stories, one change event for
its articles, and near-duplicates of recent copy held back before anyone sees them."""

from __future__ import annotations

from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest

from dateline.ingest.services import ingest_bytes
from dateline.newsroom import events
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from dateline.wires.models import Source
from tests.conftest import PINNED_NOW
from tests.factories import SectionFactory, SourceFactory
from tests.stories.test_core import QUAKE, STRIKE
from tests.wires.copy import newsml_item

pytestmark = pytest.mark.django_db

PLACES = ["Tartu", "Porto", "Kumasi", "Arica", "Bergen", "Matsue", "Cuenca", "Ghent"]


@pytest.fixture
def world(now):
    return SectionFactory(name="World", slug="world", position=1)


def rss_feed(items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (guid, title, body HTML) items."""
    entries = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(title)}</title>'
        f"<description>{escape(body)}</description>"
        f"<pubDate>{format_datetime(PINNED_NOW)}</pubDate></item>"
        for guid, title, body in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://wire.example/</link><description>d</description>{entries}"
        "</channel></rss>"
    ).encode()


def distinct_items(count: int) -> list[tuple[str, str, str]]:
    return [
        (
            f"item-{n}",
            f"Ferry timetable changes in {PLACES[n % len(PLACES)]} ({n})",
            f"<p>The ferry operator in {PLACES[n % len(PLACES)]} moved the {n + 5} o'clock "
            f"sailing after {n * 37 + 11} complaints about crowding on route {n * 13 + 2}.</p>",
        )
        for n in range(count)
    ]


@pytest.fixture
def delivered():
    """Each delivery of the change event, as the tuple of changes it carried."""
    seen: list[tuple[events.ArticleChange, ...]] = []

    def listen(sender, changes, **kwargs):
        seen.append(changes)

    events.article_changed.connect(listen, dispatch_uid="test-batches")
    yield seen
    events.article_changed.disconnect(dispatch_uid="test-batches")


def test_an_input_of_many_items_is_announced_as_one_event(world, delivered, transactional_db):
    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)

    report = ingest_bytes(source=source, content=rss_feed(distinct_items(12)), origin="f.xml")

    assert report.ingested == 12
    publications = [batch for batch in delivered if any(events.PUBLISHED in c.what for c in batch)]
    assert len(publications) == 1
    assert sorted(change.article_id for change in publications[0]) == sorted(report.articles)
    assert all(change.section_ids == {world.pk} for change in publications[0])


def test_when_the_one_insert_fails_the_items_go_in_one_by_one(
    world, delivered, transactional_db, monkeypatch
):
    from django.db import DataError

    from dateline.newsroom import services

    real = services.create_articles
    calls = []

    def first_insert_fails(articles):
        calls.append(len(articles))
        if len(calls) == 1:
            raise DataError("value too long for type character varying(300)")
        return real(articles)

    monkeypatch.setattr(services, "create_articles", first_insert_fails)
    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)

    report = ingest_bytes(source=source, content=rss_feed(distinct_items(3)), origin="f.xml")

    assert calls == [3, 1, 1, 1]
    assert report.ingested == 3
    assert Article.objects.count() == 3
    announced = {c.article_id for batch in delivered for c in batch}
    assert announced == set(report.articles)


def test_the_first_versions_of_an_input_are_stored_in_one_insert(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    items = distinct_items(42)
    ingest_bytes(source=source, content=rss_feed(items[:1]), origin="warm.xml")

    with CaptureQueriesContext(connection) as one:
        ingest_bytes(source=source, content=rss_feed(items[1:2]), origin="one.xml")
    with CaptureQueriesContext(connection) as forty:
        ingest_bytes(source=source, content=rss_feed(items[2:]), origin="forty.xml")

    assert Article.objects.count() == 42
    # Forty items cost a few more queries than one (the inserts go in chunks), not forty
    # times as many.
    assert len(forty) <= len(one) + 6, [q["sql"][:80] for q in forty]


def ingest_story(source, guid, headline, paragraph, **fields):
    """One NewsML-G2 item, ingested with its change event run (so stories know it)."""
    return ingest_bytes(
        source=source,
        content=newsml_item(
            guid=guid,
            version_created=PINNED_NOW,
            headline=headline,
            paragraphs=(paragraph,),
            located="Valparaiso",
            **fields,
        ),
        origin=f"{guid}.xml",
    )


def test_a_lightly_edited_copy_of_a_recent_story_is_never_published(
    world, django_capture_on_commit_callbacks, client
):
    meridian = SourceFactory(name="Meridian Press", format=Source.Format.NEWSML_G2)
    harbor = SourceFactory(name="Harbor News Agency", format=Source.Format.NEWSML_G2)
    with django_capture_on_commit_callbacks(execute=True):
        ingest_story(meridian, "urn:meridian:quake", "Earthquake kills 9 in Valparaiso", QUAKE)
    original = Article.objects.get()
    assert original.is_published

    edited = QUAKE.replace("early on Tuesday", "on Tuesday morning") + " More to follow."
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest_story(
            harbor,
            "urn:harbor:quake",
            "Quake kills nine in Valparaiso",
            edited,
            credit="Harbor News Agency",
        )

    assert report.duplicates == 1
    assert report.ingested == 0
    copy = Article.objects.exclude(pk=original.pk).get()
    assert copy.duplicate_of_id == original.pk
    # Held from the start, not published and taken back: it never had a publication time.
    assert copy.published_at is None
    assert not visible_articles(PINNED_NOW).filter(pk=copy.pk).exists()
    assert client.get(copy.get_absolute_url()).status_code == 404


def test_a_different_story_from_the_same_source_is_published(
    world, django_capture_on_commit_callbacks
):
    meridian = SourceFactory(name="Meridian Press", format=Source.Format.NEWSML_G2)
    with django_capture_on_commit_callbacks(execute=True):
        ingest_story(meridian, "urn:meridian:quake", "Earthquake kills 9 in Valparaiso", QUAKE)
        report = ingest_story(
            meridian, "urn:meridian:strike", "Coastal Rail workers strike in Gdansk", STRIKE
        )

    assert report.ingested == 1
    assert report.duplicates == 0
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() == 2


def test_a_wire_burst_is_searchable_once_the_worker_has_indexed_it(
    world, django_capture_on_commit_callbacks
):
    from dateline.search.models import SearchDocument
    from dateline.search.selectors import search_articles

    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    with django_capture_on_commit_callbacks(execute=True):
        report = ingest_bytes(source=source, content=rss_feed(distinct_items(15)), origin="f")

    # Fifteen changes in one event go to the queue; the test settings run tasks at once.
    assert SearchDocument.objects.count() == 15
    results = search_articles(query="ferry crowding", now=PINNED_NOW)
    assert results.total == 15
    assert {hit.article.pk for hit in results.hits} <= set(report.articles)


def test_wire_copy_is_published_with_its_topics_in_one_change(world, delivered, transactional_db):
    """Readers see the article and its Related Topics from the first moment, and every
    surface hears of both at once: no second round of purges and index writes."""
    from dateline.topics.models import ArticleTopic

    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    places = ["Lisbon", "Nairobi", "Osaka"]
    items = [
        (f"city-{n}", f"Tram fares rise in {place}", f"<p>Fares in {place} rise by {n + 2}%.</p>")
        for n, place in enumerate(places)
    ]

    report = ingest_bytes(source=source, content=rss_feed(items), origin="f.xml")

    publications = [batch for batch in delivered if any(events.PUBLISHED in c.what for c in batch)]
    assert len(publications) == 1
    published = [change for change in publications[0] if events.PUBLISHED in change.what]
    assert len(published) == 3
    assert all(events.TOPICS_CHANGED in change.what for change in published)
    for article_id, place in zip(report.articles, places, strict=True):
        assert ArticleTopic.objects.filter(
            article_id=article_id, topic__slug=place.lower()
        ).exists()


def test_an_input_whose_tagging_fails_still_goes_in_and_is_tagged_by_the_worker(
    world, delivered, transactional_db, monkeypatch
):
    from dateline.topics import services as topics
    from dateline.topics.models import ArticleTopic

    def broken_tagger(**copy):
        ArticleTopic.objects.all().delete()  # a write, rolled back with the savepoint
        raise RuntimeError("tagger out of order")

    monkeypatch.setattr(topics, "tag_wire_copy", broken_tagger)
    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)

    report = ingest_bytes(source=source, content=rss_feed(distinct_items(2)), origin="f.xml")

    assert report.ingested == 2
    assert visible_articles().count() == 2
    publication = next(b for b in delivered if any(events.PUBLISHED in c.what for c in b))
    assert not any(
        events.TOPICS_CHANGED in change.what
        for change in publication
        if events.PUBLISHED in change.what
    )
    # The subscriber queued the quick pass (run at once by the test settings' backend).
    assert ArticleTopic.objects.filter(article_id__in=report.articles).count() >= 2


def test_a_new_version_in_a_later_input_replaces_its_topics_and_announces_them(
    world, delivered, transactional_db
):
    """Ingest tags the articles an input makes without reading topics back; an article an
    earlier input made has its topics replaced, and the change says so."""
    from dateline.topics.models import ArticleTopic

    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    first = [("tram-1", "Tram fares rise in Lisbon", "<p>Fares in Lisbon rise by 3%.</p>")]
    report = ingest_bytes(source=source, content=rss_feed(first), origin="f1.xml")
    article = Article.objects.get(pk=report.articles[0])
    slugs = set(ArticleTopic.objects.filter(article=article).values_list("topic__slug", flat=True))
    assert "lisbon" in slugs

    second = [("tram-1", "Tram fares rise in Nairobi", "<p>Fares in Nairobi rise by 4%.</p>")]
    delivered.clear()
    ingest_bytes(source=source, content=rss_feed(second), origin="f2.xml")

    slugs = set(ArticleTopic.objects.filter(article=article).values_list("topic__slug", flat=True))
    assert "nairobi" in slugs
    assert "lisbon" not in slugs
    changes = [change for batch in delivered for change in batch if change.article_id == article.pk]
    assert any(events.TOPICS_CHANGED in change.what for change in changes)


def test_the_agency_subject_codes_of_an_input_tag_its_copy(world, transactional_db):
    from dateline.topics.models import ArticleTopic

    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    feed = rss_feed(distinct_items(1)).replace(
        b"</pubDate>",
        b'</pubDate><category domain="http://cv.iptc.org/newscodes/mediatopic/">'
        b"medtop:15000000</category>",
    )

    report = ingest_bytes(source=source, content=feed, origin="f.xml")

    assert ArticleTopic.objects.filter(
        article_id=report.articles[0], topic__external_ids__iptc="medtop:15000000"
    ).exists()


def test_the_body_fingerprint_is_the_hash_of_the_copys_words_on_either_route():
    """Fingerprints already stored must keep matching: ASCII copy takes a quicker route to
    the same words."""
    import hashlib
    import random
    import re

    from dateline.core.text import html_to_text
    from dateline.ingest.wire_copy import body_fingerprint

    def by_expression(body: str) -> str:
        words = re.findall(r"\w+", html_to_text(body).lower())
        return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""

    rng = random.Random(11)
    for alphabet in ("aZ09_ -,.'\n\t<p>&amp;", "aZ09_ -,.'\n<p>é&eacute;ß"):
        for _ in range(3000):
            body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
            assert body_fingerprint(body) == by_expression(body), repr(body)
    assert body_fingerprint("<p>Fares RISE, by 3%.</p>") == body_fingerprint("fares rise by 3")
