"""Stories in the product: assignment on publication, near-duplicates, the desk, the site."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command

from dateline.newsroom.models import Article
from dateline.newsroom.services import create_article, publish_article
from dateline.stories import services
from dateline.stories.engine import rebuild_story_engine
from dateline.stories.models import DeskSplit, Story, StoryMember
from tests.conftest import PINNED_NOW
from tests.factories import SectionFactory, SourceFactory
from tests.stories.test_core import QUAKE, QUAKE_OTHER_SOURCE, STRIKE

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return SectionFactory(name="World", slug="world", position=1)


@pytest.fixture
def publish(now, world, django_capture_on_commit_callbacks):
    """Publish an article as ingest does; the change event runs the story task at once."""

    def publish(headline, body, source="Meridian Press", minutes_ago=0):
        now.move_to(PINNED_NOW - timedelta(minutes=minutes_ago))
        with django_capture_on_commit_callbacks(execute=True):
            article = create_article(
                headline=headline,
                body=body,
                section=world,
                source=SourceFactory(name=source),
                credit=source,
                publish=True,
            )
        now.move_to(PINNED_NOW)
        article.refresh_from_db()
        return article

    return publish


def story_of(article: Article) -> int | None:
    return StoryMember.objects.filter(article=article).values_list("story_id", flat=True).first()


def test_two_sources_on_one_event_are_one_story_and_another_event_is_not(publish):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    other = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 60
    )
    strike = publish("Coastal Rail workers strike in Gdansk", f"<p>{STRIKE}</p>", minutes_ago=30)

    assert story_of(quake) == story_of(other)
    assert story_of(strike) != story_of(quake)
    story = Story.objects.get(pk=story_of(quake))
    assert story.first_seen_at == quake.published_at
    assert story.last_seen_at == other.published_at
    assert story.lead_id in {quake.pk, other.pk}


def test_a_near_duplicate_is_linked_to_its_original_and_never_published_twice(publish):
    original = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=60)
    edited = QUAKE.replace("early on Tuesday", "on Tuesday morning") + " More to follow."
    copy = publish("Quake kills nine in Valparaiso", f"<p>{edited}</p>", "Harbor News Agency")

    assert copy.duplicate_of_id == original.pk
    assert copy.status == Article.Status.UNPUBLISHED
    assert story_of(copy) == story_of(original)


def test_a_re_sent_copy_from_the_same_source_is_a_duplicate_too(publish):
    original = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=60)
    again = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=5)

    assert again.duplicate_of_id == original.pk
    assert again.status == Article.Status.UNPUBLISHED


def test_stories_that_share_a_lead_sentence_are_not_duplicates(publish):
    lead = "Rescue teams were searching the rubble, the civil protection agency said. "
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=60)
    slide = publish(
        "Landslide buries road near Arequipa",
        f"<p>{lead}A landslide buried part of a mountain road near Arequipa in Peru after a "
        "week of rain, and two buses were missing. The transport ministry closed the highway "
        "and sent heavy machinery, while families waited at a school turned shelter.</p>",
    )

    assert slide.duplicate_of_id is None
    assert slide.status == Article.Status.PUBLISHED
    assert story_of(slide) != story_of(quake)


def test_an_article_outside_the_window_starts_a_new_story(publish):
    old = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=73 * 60)
    late = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire"
    )

    assert story_of(late) != story_of(old)


def test_the_desk_split_is_kept_when_the_article_changes_and_after_a_rebuild(publish, now):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    other = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 60
    )
    alone = services.split_article_out(article=other)

    rebuild_story_engine()
    services.assign_article_to_story(article=other)  # what an update does

    assert story_of(other) == alone.pk != story_of(quake)
    assert DeskSplit.objects.filter(article=quake, apart_from=other).exists()


def test_a_desk_merge_is_kept_and_the_merged_story_leads_to_the_other(publish, client):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    strike = publish("Coastal Rail workers strike in Gdansk", f"<p>{STRIKE}</p>", minutes_ago=30)
    keep, other = Story.objects.get(pk=story_of(quake)), Story.objects.get(pk=story_of(strike))

    services.merge_stories(keep=keep, other=other)
    services.assign_article_to_story(article=strike)

    assert story_of(strike) == keep.pk
    response = client.get(f"/story/{other.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/story/{keep.pk}/"


def test_the_desk_picks_the_lead_and_the_rule_takes_over_when_it_hands_back(publish):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    other = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 60
    )
    story = Story.objects.get(pk=story_of(quake))

    services.choose_lead(story=story, article=other)
    assert (story.lead_id, story.lead_chosen_by_desk) == (other.pk, True)
    services.choose_lead(story=story, article=None)
    story.refresh_from_db()
    # The rule: the most complete recent article, here the original's longer copy.
    assert (story.lead_id, story.lead_chosen_by_desk) == (quake.pk, False)


def test_fronts_and_recent_stories_show_one_item_per_story_its_newest(publish, client):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    other = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 60
    )
    publish("Coastal Rail workers strike in Gdansk", f"<p>{STRIKE}</p>", minutes_ago=30)
    assert story_of(quake) == story_of(other)

    for url in ("/", "/section/world/", "/fragments/recent-stories/"):
        html = client.get(url).content.decode()
        assert f'href="{other.get_absolute_url()}"' in html, url
        assert f'href="{quake.get_absolute_url()}"' not in html, url
        assert "Coastal Rail workers strike in Gdansk" in html


def _teasers(html: str) -> list[str]:
    """The article links of a list, in order, once each."""
    return list(dict.fromkeys(re.findall(r'href="(/article/\d+/[^"]*)"', html)))


def test_a_new_article_in_an_existing_story_is_first_in_recent_stories_and_on_its_front(
    publish, client, django_assert_num_queries
):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=300)
    strike = publish("Coastal Rail workers strike in Gdansk", f"<p>{STRIKE}</p>", minutes_ago=30)
    for url in ("/fragments/recent-stories/", "/section/world/", "/"):
        assert _teasers(client.get(url).content.decode())[0] == strike.get_absolute_url()

    # Hours later a second source files on the quake: the story moves up with it.
    later = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 5
    )
    assert story_of(later) == story_of(quake)
    # One query for the list, whatever the stories' sizes (plus the section, and no count:
    # the page fetches one row more than it shows; the home page's menu is cached, and it
    # asks one query per section).
    for url, queries in (("/fragments/recent-stories/", 1), ("/section/world/", 2), ("/", 3)):
        with django_assert_num_queries(queries):
            html = client.get(url, {"uncached": 1}).content.decode()
        teasers = _teasers(html)
        assert teasers[0] == later.get_absolute_url(), url
        assert "Valparaiso quake: houses collapse" in html
        assert quake.get_absolute_url() not in teasers, url
        assert strike.get_absolute_url() in teasers, url


def test_the_article_page_shows_also_reported_by_and_a_developing_story(publish, client):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=180)
    other = publish(
        "Valparaiso quake: houses collapse", f"<p>{QUAKE_OTHER_SOURCE}</p>", "Northwind Wire", 10
    )
    story_id = story_of(quake)

    html = client.get(quake.get_absolute_url()).content.decode()

    assert "Also reported by" in html
    assert f'<a href="{other.get_absolute_url()}">Northwind Wire</a>' in html
    assert "Developing story" in html
    assert f'href="/story/{story_id}/"' in html
    page = client.get(f"/story/{story_id}/").content.decode()
    assert "Valparaiso quake: houses collapse" in page
    assert "Earthquake kills 9 in Valparaiso" in page


def test_a_story_page_shows_only_what_the_public_may_see(publish, client):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    story_id = story_of(quake)
    Article.objects.filter(pk=quake.pk).update(status=Article.Status.KILLED)

    assert client.get(f"/story/{story_id}/").status_code == 404


def test_a_scheduled_article_is_grouped_but_not_shown_before_its_time(publish, world, client):
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    later = create_article(
        headline="Valparaiso quake: houses collapse", body=QUAKE_OTHER_SOURCE, section=world
    )
    publish_article(article=later, at=PINNED_NOW + timedelta(hours=2))
    services.assign_article_to_story(article=later)

    html = client.get(f"/story/{story_of(quake)}/").content.decode()
    assert "Valparaiso quake: houses collapse" not in html


def test_the_cli_prints_one_story_line_per_article(tmp_path, capsys):
    t = "2026-11-29T0{}:00:00Z"
    lines = [
        {"id": "q1", "headline": "Earthquake kills 9", "body": QUAKE, "published": t.format(6)},
        {"id": "s1", "headline": "Rail strike", "body": STRIKE, "published": t.format(7)},
        {
            "id": "q2",
            "headline": "Valparaiso quake",
            "body": QUAKE_OTHER_SOURCE,
            "published": "2026-11-29T08:00:00+00:00",
            "source": "Northwind",
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")

    call_command("stories", "--json", str(path))

    output = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert output == [
        {"id": "q1", "story": "q1"},
        {"id": "s1", "story": "s1"},
        {"id": "q2", "story": "q1"},
    ]


TOWNS = [
    a + b
    for a in ("Ash", "Bram", "Cole", "Dun", "Elm", "Fen")
    for b in ("ford", "wick", "mere", "holt", "stow", "bury")
]
CHIEFS = [
    a + b
    for a in ("Kar", "Mor", "Tal", "Ves", "Nor", "Dal")
    for b in ("ani", "berg", "eko", "ova", "ssen", "uti")
]


def depot_fire(number: int, *, follow_up: bool = False) -> dict[str, str]:
    """One of 36 events told alike but for the town and the fire chief, as first reported
    and as another agency tells it."""
    town, chief = TOWNS[number], CHIEFS[number]
    if follow_up:
        # The same words in another order: one event, but not a copy of the first report.
        return {
            "headline": f"{town} warehouse destroyed by fire",
            "body": f"<p>{town.upper()} (Northwind Wire) — Nobody was hurt when fire destroyed a "
            f"warehouse in {town} on Tuesday night, fire chief Ana {chief} said. Residents were "
            "told to keep their windows shut while crews fought the blaze for six hours.</p>",
        }
    return {
        "headline": f"Fire destroys warehouse in {town}",
        "body": f"<p>{town.upper()} (Meridian Press) — A fire destroyed a warehouse in {town} "
        f"on Tuesday night, and fire chief Ana {chief} said nobody was hurt. Crews fought the "
        "blaze for six hours while residents were told to keep their windows shut.</p>",
    }


@pytest.fixture
def wire_copy(world, now):
    """Publish wire articles without placing them (the story task runs on commit, which a
    test transaction never reaches): the test places them itself."""
    sources = {name: SourceFactory(name=name) for name in ("Meridian Press", "Northwind Wire")}

    def wire_copy(numbers, *, follow_up=False):
        source = sources["Northwind Wire" if follow_up else "Meridian Press"]
        return [
            create_article(
                **depot_fire(number, follow_up=follow_up),
                section=world,
                source=source,
                credit=source.name,
                publish=True,
            )
            for number in numbers
        ]

    return wire_copy


def test_placing_a_batch_costs_the_same_queries_for_three_articles_as_for_thirty(wire_copy):
    """A wire input's articles are placed with a few queries for the whole batch: the
    engine synced once, members and originals read once, members written at once, and the
    stories touched refreshed together; only a new story costs one query of its own."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # The engine is built, and has caught up with ids that PostgreSQL's sequence skipped.
    services.assign_articles_to_stories(articles=wire_copy([35]))
    counts = {}
    for numbers in (range(3), range(3, 33)):
        firsts = wire_copy(numbers)
        with CaptureQueriesContext(connection) as opening:
            services.assign_articles_to_stories(articles=firsts)
        follow_ups = wire_copy(numbers, follow_up=True)
        with CaptureQueriesContext(connection) as joining:
            placed = services.assign_articles_to_stories(articles=follow_ups)

        assert len({story_of(first) for first in firsts}) == len(firsts)
        assert [placed[a.pk].pk for a in follow_ups] == [story_of(a) for a in firsts]
        counts[len(firsts)] = (len(opening), len(joining))

    (opening_3, joining_3), (opening_30, joining_30) = counts[3], counts[30]
    assert joining_30 == joining_3
    assert opening_30 - opening_3 <= 30 - 3  # one insert per new story, nothing more


def test_a_batch_is_placed_on_the_database_stories_when_the_engine_drifted(
    publish, wire_copy, world
):
    """Another process moved a member behind this engine's back: the batch is decided
    again on an engine read afresh, and the stories left by the first try are dropped."""
    quake = publish("Earthquake kills 9 in Valparaiso", f"<p>{QUAKE}</p>", minutes_ago=90)
    elsewhere = Story.objects.create(
        first_seen_at=quake.published_at, last_seen_at=quake.published_at
    )
    StoryMember.objects.filter(article=quake).update(story=elsewhere)
    other = create_article(
        headline="Valparaiso quake: houses collapse",
        body=f"<p>{QUAKE_OTHER_SOURCE}</p>",
        section=world,
        source=SourceFactory(name="Northwind Wire"),
        publish=True,
    )
    stories_before = Story.objects.count()

    # Two new events first: the first try opens their stories before it meets the drift.
    placed = services.assign_articles_to_stories(articles=[*wire_copy([0, 1]), other])

    assert placed[other.pk].pk == story_of(other) == elsewhere.pk
    assert Story.objects.count() == stories_before + 2
