"""The wire monitor: newest first, filters, live rows, and the four actions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.desk.models import AuditEntry, WireItemUse
from dateline.desk.selectors import items_per_source_per_hour
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from tests.desk.conftest import make_wire_item
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db

MONITOR = "/desk/wire/"


def action(wire_item, name):
    return reverse("admin:desk-wire-action", args=[wire_item.pk, name])


def test_the_monitor_lists_wire_items_newest_first(client, editor, now):
    make_wire_item(headline="Older Item From the Wire", received_at=timezone.now() - timedelta(1))
    make_wire_item(headline="Newest Item From the Wire")
    client.force_login(editor)

    page = client.get(MONITOR).content.decode()

    assert page.index("Newest Item From the Wire") < page.index("Older Item From the Wire")
    assert "<svg" in page  # the chart of items per source per hour


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("urgency=1", "Flash: Quake Hits", "Routine Council Notes"),
        ("language=fr", "Séisme au large", "Routine Council Notes"),
        ("status=spiked", "Spiked Press Release", "Routine Council Notes"),
    ],
)
def test_the_monitor_filters(client, editor, query, shown, hidden):
    make_wire_item(headline="Flash: Quake Hits", urgency=1)
    make_wire_item(headline="Routine Council Notes", urgency=5)
    make_wire_item(headline="Séisme au large", language="fr", urgency=4)
    spiked = make_wire_item(headline="Spiked Press Release")
    spiked.spiked = True
    spiked.save()
    client.force_login(editor)

    page = client.get(f"{MONITOR}?{query}").content.decode()

    assert shown in page
    assert hidden not in page


def test_the_monitor_filters_by_source_and_section(client, editor, world, sport):
    other = SourceFactory(name="Northern Wire", default_section_slug="sport")
    make_wire_item(headline="From Meridian")
    make_wire_item(headline="Cup Final Report", source=other)
    client.force_login(editor)

    by_source = client.get(f"{MONITOR}?source={other.pk}").content.decode()
    by_section = client.get(f"{MONITOR}?section=sport").content.decode()

    assert "Cup Final Report" in by_source
    assert "From Meridian" not in by_source
    assert "Cup Final Report" in by_section
    assert "From Meridian" not in by_section


def test_the_rows_fragment_refreshes_the_table_alone(client, editor):
    make_wire_item(headline="Arrived Since the Page Loaded")
    client.force_login(editor)

    response = client.get(reverse("admin:desk-wire-rows"))

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.lstrip().startswith("<tr")
    assert "Arrived Since the Page Loaded" in body


def test_publish_as_is_puts_the_wire_item_on_the_home_page(client, editor, world):
    wire_item = make_wire_item(headline="Dam Operators Open Spillways")
    client.force_login(editor)

    response = client.post(action(wire_item, "publish"))

    assert response.status_code == 302
    article = Article.objects.get(agency_id=wire_item.agency_id)
    assert visible_articles().filter(pk=article.pk).exists()
    assert article.credit == "Meridian Press"
    assert "Dam Operators Open Spillways" in client.get("/").content.decode()
    assert WireItemUse.objects.get(wire_item=wire_item).how == "published"
    assert AuditEntry.objects.filter(action="publish as-is", object_id=str(wire_item.pk)).exists()
    # Once on an article, the monitor says so instead of offering to publish again.
    row = client.get(reverse("admin:desk-wire-rows")).content.decode()
    assert "Live" in row


def test_open_as_draft_makes_an_article_to_edit(client, reporter, world):
    wire_item = make_wire_item(headline="Copy to Rewrite")
    client.force_login(reporter)

    response = client.post(action(wire_item, "draft"))

    article = Article.objects.get(agency_id=wire_item.agency_id)
    assert response["Location"] == reverse("admin:newsroom_article_change", args=[article.pk])
    assert article.status == Article.Status.DRAFT
    assert article.created_by == reporter
    assert client.get(response["Location"]).status_code == 200


def test_spike_is_reversible(client, editor):
    wire_item = make_wire_item()
    client.force_login(editor)

    client.post(action(wire_item, "spike"))
    wire_item.refresh_from_db()
    assert wire_item.spiked
    assert "Spiked" in client.get(f"{MONITOR}?status=spiked").content.decode()
    assert client.post(action(wire_item, "publish"), follow=True).status_code == 200
    assert not Article.objects.filter(agency_id=wire_item.agency_id).exists()

    client.post(action(wire_item, "unspike"))
    wire_item.refresh_from_db()
    assert not wire_item.spiked
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "spike",
        "unspike",
    ]


def test_link_adds_a_wire_item_to_an_article_as_an_update(client, editor, world):
    article = ArticleFactory(section=world, published=True, headline="River Rises Near Novi Sad")
    wire_item = make_wire_item(headline="River Peaks Near Novi Sad; Spillways Opened")
    client.force_login(editor)

    client.post(action(wire_item, "link"), {"article": article.pk})

    article.refresh_from_db()
    assert article.headline == "River Peaks Near Novi Sad; Spillways Opened"
    assert article.revisions.count() == 1  # the previous version is kept
    assert WireItemUse.objects.get(wire_item=wire_item).article == article


def test_an_editor_cannot_link_into_an_article_outside_their_sections(client, sport_editor, world):
    article = ArticleFactory(section=world, published=True)
    wire_item = make_wire_item()
    client.force_login(sport_editor)

    response = client.post(action(wire_item, "link"), {"article": article.pk})

    assert response.status_code == 403


def test_the_chart_counts_items_per_source_per_hour(now):
    other = SourceFactory(name="Northern Wire")
    make_wire_item()
    make_wire_item()
    make_wire_item(source=other, received_at=timezone.now() - timedelta(hours=3))
    make_wire_item(received_at=timezone.now() - timedelta(days=2))  # outside the day

    starts, rows = items_per_source_per_hour()

    assert len(starts) == 24
    totals = {row.source: row.total for row in rows}
    assert totals == {"Meridian Press": 2, "Northern Wire": 1}
    meridian = next(row for row in rows if row.source == "Meridian Press")
    assert meridian.counts[-1] == 2


def test_the_monitor_lists_without_counting_or_a_query_per_row(
    client, editor, django_assert_max_num_queries
):
    for n in range(30):
        make_wire_item(headline=f"Item {n}")
    client.force_login(editor)

    with django_assert_max_num_queries(14):
        assert client.get(reverse("admin:desk-wire-rows")).status_code == 200
