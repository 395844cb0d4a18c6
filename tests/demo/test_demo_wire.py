"""The demo agencies deliver copy in three formats that the real ingest path takes in."""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from dateline.demo.wire import DemoWire
from dateline.ingest.services import poll_due_sources
from dateline.newsroom.models import Article
from dateline.wires.models import QuarantinedInput, Source, WireItem
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def poll_all():
    Source.objects.update(next_poll_at=timezone.now() - timedelta(seconds=1))
    return poll_due_sources()


def test_demo_wire_copy_flows_through_ingest_with_updates_corrections_and_kills(tmp_path):
    for slug in ("world", "politics", "business", "science", "health", "sport", "culture"):
        SectionFactory(name=slug.title(), slug=slug)
    wire = DemoWire(folder=tmp_path, port=0)
    server = wire.serve_feed()
    try:
        wire.configure_sources()
        start = datetime.now(UTC)
        log = [wire.tick(start + timedelta(seconds=n)) for n in range(1, 27)]
        poll_all()
    finally:
        server.shutdown()
        server.server_close()

    formats = set(WireItem.objects.values_list("format", flat=True))
    assert formats == {"newsml-g2", "ninjs", "rss", "html"}
    assert not QuarantinedInput.objects.exists()
    assert any(line.startswith("update") for line in log)
    assert any(line.startswith("correction") for line in log)
    assert Article.objects.filter(status=Article.Status.PUBLISHED).count() >= 10
    corrected = Article.objects.filter(corrections__isnull=False).distinct()
    assert corrected.exists()
    for article in corrected:
        # A correction says what was wrong, happens once, and the copy now has it right.
        (note,) = article.corrections.all()
        wrong, right = re.search(
            r"figure of ([0-9.]+ percent)\. The correct figure is ([0-9.]+ percent)", note.text
        ).groups()
        assert right in article.body
        assert wrong not in article.body
    assert sum(line.startswith("kill") for line in log) == 2
    assert Article.objects.filter(status=Article.Status.KILLED).count() == 2
    # World copy lands in World without being called "conflict, war and peace".
    world = Article.objects.filter(section__slug="world", agency_id__gt="")
    assert world.exists()
    assert not world.filter(topic_links__topic__external_ids__iptc="medtop:16000000").exists()


def test_the_demo_feeds_answer_before_the_first_delivery(tmp_path):
    """A newcomer's first minute: the sources poll before any copy is sent and must find
    empty feeds, not a 404 that marks them as failing in the desk."""
    wire = DemoWire(folder=tmp_path, port=0)
    server = wire.serve_feed()
    try:
        wire.configure_sources()
        poll_all()
    finally:
        server.shutdown()
        server.server_close()

    failing = Source.objects.filter(slug__in=["continental-news-service", "lakeside-courier"])
    assert failing.count() == 2
    assert set(failing.values_list("failure_count", "last_error")) == {(0, "")}


def test_newsml_copy_is_well_formed_xml_even_with_a_bare_ampersand_in_the_html(tmp_path):
    from lxml import etree

    from dateline.demo.plan import plan_demo
    from dateline.demo.wire import Sent, newsml_g2

    plan = plan_demo(count=1, now=datetime.now(UTC))[0]
    plan.body = "<p>Said an analyst at Harlow & Finch &amp; Co, citing R&#38;D.</p>"
    story = Sent(
        agency="meridian", uri="urn:demo-wire:x", plan=plan, first_created=plan.published_at
    )

    document = etree.fromstring(newsml_g2(story, datetime.now(UTC)))

    body = "".join(document.itertext())
    assert "Harlow & Finch & Co, citing R&D." in body
