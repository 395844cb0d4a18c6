"""The story core alone: no database, no Django settings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from dateline.core.stories import NearDuplicateIndex, StoryArticle, StoryEngine

T0 = datetime(2026, 11, 29, 6, tzinfo=UTC)
HOUR = timedelta(hours=1)

QUAKE = (
    "VALPARAISO (Meridian Press) — A magnitude 6 earthquake struck near Valparaiso on the "
    "coast of Chile early on Tuesday, killing at least 9 people and bringing down buildings "
    "in the old town. Rescue teams were searching the rubble, the civil protection agency "
    "said. Power was cut across much of the region, and Mayor Lena Okonjo asked residents "
    "to stay away from damaged buildings while engineers inspected them."
)
QUAKE_OTHER_SOURCE = (
    "VALPARAISO (Northwind Wire) — At least 9 people were killed when an earthquake of "
    "magnitude 6 hit Valparaiso, emergency services in Chile said. Houses collapsed in "
    "several districts and thousands of residents spent the night outdoors. Lena Okonjo, "
    "the mayor, said engineers were inspecting damaged buildings."
)
STRIKE = (
    "GDANSK (Meridian Press) — Thousands of Coastal Rail workers in Gdansk began an "
    "indefinite strike on Monday after talks on a pay rise broke down. Union leader Kofi "
    "Brandt said members would not return until the company improved its offer, and "
    "commuters crowded onto buses as trains stood idle across Poland."
)


def article(id, headline, body, hours=0.0, source="meridian"):
    return StoryArticle(
        id=id, headline=headline, body=body, published=T0 + hours * HOUR, source=source
    )


def test_an_edited_copy_is_a_near_duplicate_of_the_original():
    index = NearDuplicateIndex()
    index.add("original", QUAKE)
    edited = QUAKE.replace("early on Tuesday", "on Tuesday morning") + " More to follow."

    match = index.find(edited)

    assert match is not None
    assert match.original == "original"
    assert match.similarity >= 0.7


def test_a_re_sent_copy_is_a_near_duplicate_even_under_another_dateline_credit():
    index = NearDuplicateIndex()
    index.add(1, QUAKE.split("—", 1)[1])

    assert index.find(QUAKE.split("—", 1)[1]).original == 1


def test_different_stories_that_share_a_lead_sentence_are_not_duplicates():
    lead = "Rescue teams were searching the rubble, the civil protection agency said. "
    index = NearDuplicateIndex()
    index.add("quake", QUAKE)
    other = (
        lead + "A landslide buried part of a mountain road near Arequipa in Peru after a week "
        "of rain, and two buses were missing. The transport ministry closed the highway and "
        "sent heavy machinery, while families waited at a school turned into a shelter."
    )

    assert index.find(other) is None


def test_the_engine_links_a_copy_to_its_original_in_the_same_story():
    engine = StoryEngine()
    first = engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))
    copy = engine.assign(
        article(2, "Quake kills nine in Chile's Valparaiso", QUAKE + " More soon.", 0.5, "hna")
    )

    assert first.new
    assert copy.story == first.story
    assert copy.duplicate_of == 1


def test_two_sources_on_one_event_share_a_story_and_another_event_gets_its_own():
    engine = StoryEngine()
    quake = engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))
    second = engine.assign(
        article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 1, "northwind")
    )
    strike = engine.assign(article(3, "Coastal Rail workers strike in Gdansk", STRIKE, 2))

    assert second.story == quake.story
    assert second.duplicate_of is None
    assert strike.new
    assert strike.story != quake.story


def test_a_story_closes_when_quiet_for_longer_than_the_window():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))

    late = engine.assign(
        article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 73, "northwind")
    )

    assert late.new
    assert engine.story_of(1) is None  # left memory with its story
    assert len(engine) == 1


def test_within_the_window_a_late_report_still_joins():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))

    later = engine.assign(
        article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 20, "northwind")
    )

    assert later.story == 1


def test_an_article_the_desk_split_out_is_never_put_back_with_its_old_story():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))
    engine.assign(article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 1, "nw"))
    engine.move(2, "desk-story")

    rebuilt = StoryEngine.rebuild(
        [(article(1, "Earthquake kills 9 in Valparaiso", QUAKE), 1, None)], apart=[(2, 1)]
    )
    decision = rebuilt.decide(
        article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 1, "nw")
    )

    assert engine.story_of(2) == "desk-story"
    assert 2 not in engine.members(1)
    assert decision.story is None


def test_merged_stories_stay_merged_and_take_new_articles_together():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))
    engine.assign(article(2, "Coastal Rail workers strike in Gdansk", STRIKE, 1))
    engine.merge(1, 2)

    assert sorted(engine.members(1)) == [1, 2]
    assert engine.open_stories() == [1]


def test_the_same_articles_in_the_same_order_give_the_same_stories():
    items = [
        article(1, "Earthquake kills 9 in Valparaiso", QUAKE),
        article(2, "Coastal Rail workers strike in Gdansk", STRIKE, 1),
        article(3, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 2, "nw"),
    ]

    runs = []
    for _ in range(2):
        engine = StoryEngine()
        runs.append([engine.assign(item).story for item in items])

    assert runs[0] == runs[1] == [1, 2, 1]


@pytest.mark.parametrize(
    ("members", "expected"),
    [
        ([("short", 0, 50, False, False), ("long", 1, 400, True, False)], "long"),
        ([("old-long", 0, 900, True, True), ("new", 20, 200, False, False)], "new"),
        ([("a", 2, 100, False, False), ("b", 3, 100, False, False)], "b"),
    ],
)
def test_the_lead_is_the_most_complete_recent_article(members, expected):
    from dateline.core.stories import LeadCandidate, most_complete_recent

    candidates = [
        LeadCandidate(id=i, published=T0 + h * HOUR, words=w, has_standfirst=s, has_image=p)
        for i, h, w, s, p in members
    ]

    assert most_complete_recent(candidates) == expected
