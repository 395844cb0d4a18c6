"""The wire monitor: newest first, grouped by story, filters, live rows, and the actions."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dateline.desk.models import AuditEntry, WireItemUse
from dateline.desk.selectors import items_per_source_per_hour
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from dateline.stories.models import DeskSplit, Story, StoryMember
from tests.desk.conftest import make_story, make_wire_item
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


# Stories on the monitor


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def story_action(story, name):
    return reverse("admin:desk-story-action", args=[story.pk, name])


def head_rows(html):
    """The ids of the wire items the monitor's lines show, top to bottom (leaving out the
    items listed under each story)."""
    outside = re.sub(r"<details.*?</details>", "", html, flags=re.DOTALL)
    return [int(pk) for pk in re.findall(r'<tr class="[^"]*" data-id="(\d+)"', outside)]


@pytest.fixture
def quake(now):
    """One event from three sources, four versions, the desk's pick leading; and one item
    in no story, newer than all of them."""
    northwind = SourceFactory(name="Northwind Wire")
    harbor = SourceFactory(name="Harbor News Agency")
    first = make_wire_item(headline="Quake Hits Valparaiso", received_at=minutes_ago(50))
    update = make_wire_item(
        headline="Valparaiso Quake Toll Rises to 9", received_at=minutes_ago(20)
    )
    other = make_wire_item(
        headline="Houses Collapse in Valparaiso", source=northwind, received_at=minutes_ago(30)
    )
    third = make_wire_item(
        headline="Chile Quake: Rescue Teams Search Rubble",
        source=harbor,
        received_at=minutes_ago(10),
    )
    story = make_story(first, update, other, third, lead=other)
    single = make_wire_item(headline="Council Approves the Budget", received_at=minutes_ago(5))
    return {"story": story, "items": [first, update, other, third], "single": single}


def test_the_monitor_shows_a_story_once_with_its_versions_to_expand(client, editor, quake):
    client.force_login(editor)

    html = client.get(MONITOR).content.decode()

    story, items = quake["story"], quake["items"]
    lead = items[2]
    # One line for the story, led by the desk's pick, where its newest item would stand.
    assert head_rows(html) == [quake["single"].pk, lead.pk]
    assert f'<details id="story-{story.pk}" data-story="{story.pk}">' in html
    assert "4 versions from 3 sources" in html
    details = html[html.index("<details") : html.index("</details>")]
    for item in items:
        assert item.headline in details
        assert f'data-id="{item.pk}"' in details
        # Each member keeps its own actions.
        assert action(item, "spike") in details
    for source in ("Meridian Press", "Northwind Wire", "Harbor News Agency"):
        assert source in details
    assert "Lead (desk’s pick)" in details
    # The item in no story is a single line, with nothing to expand.
    single = quake["single"]
    assert html.count(single.headline) == 1
    assert html.count("<details") == 1


def test_a_held_duplicate_shows_under_its_originals_story(client, editor, now):
    first = make_wire_item(headline="Strike Halts Trains in Gdansk", received_at=minutes_ago(40))
    follow = make_wire_item(headline="Gdansk Strike Enters Day Two", received_at=minutes_ago(20))
    make_story(first, follow)
    harbor = SourceFactory(name="Harbor News Agency")
    resent = make_wire_item(
        headline="Strike halts trains in Gdansk", source=harbor, received_at=minutes_ago(5)
    )
    ArticleFactory(
        headline=resent.headline,
        source=harbor,
        agency_id=resent.agency_id,
        duplicate_of=first.article,
    )
    client.force_login(editor)

    html = client.get(MONITOR).content.decode()

    # The re-sent copy is not a line of its own: it is a version of the story.
    assert resent.pk not in head_rows(html)
    assert "3 versions from 2 sources" in html
    details = html[html.index("<details") : html.index("</details>")]
    assert f'data-id="{resent.pk}"' in details


def test_without_a_pick_the_newest_item_leads_the_story_line(client, editor, now):
    older = make_wire_item(headline="Strike Halts Trains in Gdansk", received_at=minutes_ago(40))
    newer = make_wire_item(headline="Gdansk Rail Strike Enters Day Two", received_at=minutes_ago(9))
    make_story(older, newer)
    Story.objects.update(lead=None)
    client.force_login(editor)

    html = client.get(MONITOR).content.decode()

    assert head_rows(html) == [newer.pk]
    assert "2 versions from 1 source" in html


def test_filters_apply_to_the_items_of_a_story(client, editor, quake):
    northwind = quake["items"][2].source
    client.force_login(editor)

    html = client.get(f"{MONITOR}?source={northwind.pk}").content.decode()

    assert "1 version from 1 source" in html
    assert "Houses Collapse in Valparaiso" in html
    assert "Quake Hits Valparaiso" not in html
    assert "Council Approves the Budget" not in html


def test_the_refreshed_rows_keep_the_stories(client, editor, quake):
    client.force_login(editor)

    body = client.get(reverse("admin:desk-wire-rows")).content.decode()

    assert body.lstrip().startswith("<tr")
    assert "4 versions from 3 sources" in body
    assert f'data-story="{quake["story"].pk}"' in body


def test_the_monitor_groups_stories_without_a_query_per_story_or_item(
    client, editor, now, django_assert_max_num_queries
):
    """The rows cost the same whether their items are in 2 stories or in 10."""
    client.force_login(editor)

    def rows_queries():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("admin:desk-wire-rows")).status_code == 200
        return len(queries)

    sources = [SourceFactory(name=f"Wire {n}") for n in range(3)]
    for n in range(2):
        make_story(*(make_wire_item(headline=f"A{n}/{i}", source=s) for i, s in enumerate(sources)))
    for n in range(4):
        make_wire_item(headline=f"Alone {n}")
    few = rows_queries()
    for n in range(8):
        make_story(*(make_wire_item(headline=f"B{n}/{i}", source=s) for i, s in enumerate(sources)))
    for n in range(10):
        make_wire_item(headline=f"Also alone {n}")

    assert rows_queries() == few
    # The bound the rows had before they were grouped by story.
    with django_assert_max_num_queries(14):
        assert client.get(reverse("admin:desk-wire-rows")).status_code == 200


def test_an_editor_merges_two_stories_from_the_monitor(client, editor, now):
    quake = make_story(make_wire_item(headline="Quake Hits Valparaiso"))
    aftershock = make_story(make_wire_item(headline="Strong Aftershock Shakes Valparaiso"))
    client.force_login(editor)

    response = client.post(story_action(quake, "merge"), {"story": aftershock.pk})

    assert response.status_code == 302
    aftershock.refresh_from_db()
    assert aftershock.merged_into == quake
    assert StoryMember.objects.filter(story=quake).count() == 2
    assert AuditEntry.objects.filter(action="merge stories", object_id=str(quake.pk)).exists()
    html = client.get(MONITOR).content.decode()
    assert "2 versions from 1 source" in html
    assert html.count("<details") == 1


def test_an_editor_splits_an_article_out_and_it_is_kept_apart(client, editor, now):
    first = make_wire_item(headline="Quake Hits Valparaiso")
    stray = make_wire_item(headline="Wildfire Near Vina del Mar")
    story = make_story(first, stray)
    client.force_login(editor)

    page = client.get(MONITOR).content.decode()
    assert story_action(story, "split") in page

    response = client.post(story_action(story, "split"), {"article": stray.article.pk})

    assert response.status_code == 302
    alone = StoryMember.objects.get(article=stray.article).story
    assert alone != story
    pair = sorted([first.article.pk, stray.article.pk])
    assert DeskSplit.objects.filter(article_id=pair[0], apart_from_id=pair[1]).exists()
    assert AuditEntry.objects.filter(action="split story", object_id=str(story.pk)).exists()
    assert client.get(MONITOR).content.decode().count("1 version from 1 source") == 2


def test_an_editor_picks_the_lead_and_hands_it_back_to_the_rule(client, editor, now):
    first = make_wire_item(headline="Quake Hits Valparaiso", received_at=minutes_ago(30))
    second = make_wire_item(headline="Valparaiso Quake Toll Rises", received_at=minutes_ago(3))
    story = make_story(first, second)
    client.force_login(editor)

    client.post(story_action(story, "lead"), {"article": first.article.pk})

    story.refresh_from_db()
    assert (story.lead_id, story.lead_chosen_by_desk) == (first.article.pk, True)
    assert head_rows(client.get(MONITOR).content.decode()) == [first.pk]

    client.post(story_action(story, "rule"))

    story.refresh_from_db()
    assert not story.lead_chosen_by_desk
    assert list(AuditEntry.objects.values_list("action", flat=True).order_by("id")) == [
        "choose lead",
        "lead by rule",
    ]


def test_the_lead_must_be_one_of_the_storys_articles(client, editor, now):
    story = make_story(make_wire_item())
    outsider = ArticleFactory(published=True)
    client.force_login(editor)

    response = client.post(story_action(story, "lead"), {"article": outsider.pk})

    assert response.status_code == 404
    story.refresh_from_db()
    assert story.lead_id != outsider.pk


def test_a_merge_into_the_same_story_or_a_missing_one_is_refused_with_a_message(
    client, editor, now
):
    story = make_story(make_wire_item())
    client.force_login(editor)

    same = client.post(story_action(story, "merge"), {"story": story.pk}, follow=True)
    missing = client.post(story_action(story, "merge"), {"story": "x"}, follow=True)

    assert "cannot be merged into itself" in same.content.decode()
    assert "Give the number of the story" in missing.content.decode()
    story.refresh_from_db()
    assert story.merged_into is None
