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


# -- same-event grouping: follow-ups and look-alikes -------------------------------------

QUAKE_FOLLOW_UP = (
    "VALPARAISO (Harbor News Agency) — The number of people killed by the earthquake in "
    "Valparaiso rose to 23 on Wednesday as aftershocks rattled the region. Tomas Vidal, who "
    "leads the rescue effort, said hope of finding survivors in the rubble was fading."
)
FLOOD_SAME_PLACE = (
    "VALPARAISO (Atlas Newswire) — Heavy rain flooded low-lying districts of Valparaiso on "
    "Saturday, forcing about 400 families from their homes. The river rose 3 metres "
    "overnight, the weather service in Chile said."
)
QUAKE_ELSEWHERE = (
    "GDANSK (Northwind Wire) — A magnitude 6 earthquake struck near Gdansk on the coast of "
    "Poland early on Tuesday, killing at least 4 people and bringing down buildings in the "
    "old town. Rescue teams were searching the rubble, the civil protection agency said."
)
FUND_FROM_THE_CAPITAL = (
    "SANTIAGO (Meridian Press) — Chile will rebuild schools and homes destroyed by the "
    "Valparaiso earthquake, Lena Okonjo said, after engineers inspected damaged buildings "
    "across Valparaiso where at least 9 people were killed and houses collapsed."
)


def quake_story():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", QUAKE))
    engine.assign(
        article(2, "Valparaiso quake: houses collapse", QUAKE_OTHER_SOURCE, 1, "northwind")
    )
    return engine


def test_a_follow_up_in_other_words_and_with_a_new_name_joins_its_story():
    engine = quake_story()

    follow_up = engine.assign(
        article(3, "Valparaiso quake toll rises as aftershocks continue", QUAKE_FOLLOW_UP, 20)
    )

    assert follow_up.story == 1
    assert follow_up.duplicate_of is None


@pytest.mark.xfail(
    strict=True,
    reason="known error mode: the same dateline and country outweigh a few shared words "
    "(the merges left on the bench's seed 2)",
)
def test_another_event_in_the_same_place_on_the_same_day_is_another_story():
    engine = quake_story()

    flood = engine.assign(
        article(3, "Floods force families from homes in Valparaiso", FLOOD_SAME_PLACE, 3)
    )

    assert flood.new


def test_the_same_kind_of_event_in_another_place_is_another_story():
    engine = quake_story()

    elsewhere = engine.assign(article(3, "Strong earthquake shakes Gdansk", QUAKE_ELSEWHERE, 2))

    assert elsewhere.new


def test_the_same_person_in_another_event_is_another_story():
    engine = StoryEngine()
    engine.assign(article(1, "Coastal Rail workers strike in Gdansk", STRIKE))
    court = (
        "PORTO (Atlas Newswire) — A court in Porto found Kofi Brandt guilty of fraud on "
        "Thursday over the collapse of an investment fund that lost savers' money. "
        "Sentencing is due in four weeks."
    )

    other = engine.assign(article(2, "Court in Porto convicts Kofi Brandt of fraud", court, 2))

    assert other.new


def test_a_follow_up_under_another_dateline_still_joins_when_words_and_names_agree():
    engine = quake_story()

    fund = engine.assign(
        article(
            3, "Chile to rebuild after Valparaiso earthquake kills 9", FUND_FROM_THE_CAPITAL, 30
        )
    )

    assert fund.story == 1


def undated(copy):
    """The copy as a publisher's feed sends it: no dateline opening the body."""
    return copy.split("— ", 1)[1]


def test_without_datelines_a_follow_up_joins_its_story_and_another_event_does_not():
    engine = StoryEngine()
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", undated(QUAKE)))
    engine.assign(
        article(2, "Valparaiso quake: houses collapse", undated(QUAKE_OTHER_SOURCE), 1, "nw")
    )

    follow_up = engine.assign(
        article(
            3,
            "Valparaiso quake toll rises as aftershocks continue",
            undated(QUAKE_FOLLOW_UP),
            20,
        )
    )
    elsewhere = engine.assign(
        article(4, "Strong earthquake shakes Gdansk", undated(QUAKE_ELSEWHERE), 21)
    )
    strike = engine.assign(article(5, "Coastal Rail workers strike in Gdansk", undated(STRIKE), 22))

    assert follow_up.story == 1
    assert follow_up.duplicate_of is None
    assert elsewhere.new
    assert strike.new


def test_with_no_place_at_all_a_report_in_other_words_joins_and_another_place_does_not():
    """When neither a dateline nor the copy gives the place, the names take its part."""
    from dateline.core.stories import StoryConfig

    engine = StoryEngine(StoryConfig(infer_place=False))
    engine.assign(article(1, "Earthquake kills 9 in Valparaiso", undated(QUAKE)))

    other_source = engine.assign(
        article(2, "Valparaiso quake: houses collapse", undated(QUAKE_OTHER_SOURCE), 1, "nw")
    )
    elsewhere = engine.assign(
        article(3, "Strong earthquake shakes Gdansk", undated(QUAKE_ELSEWHERE), 2)
    )

    assert other_source.story == 1
    assert other_source.duplicate_of is None
    assert elsewhere.new


@pytest.mark.parametrize(
    ("headline", "lead", "expected"),
    [
        ("Strong earthquake shakes Gdansk", undated(QUAKE_ELSEWHERE), "gdansk"),
        ("Rescuers dig through rubble", "Rescuers in Da Nang worked on. Aid came.", "da nang"),
        ("Court in Porto convicts Kofi Brandt", "Kofi Brandt was convicted.", "porto"),
        ("Mayor speaks", "The mayor spoke. Later she flew to Lyon.", ""),
    ],
)
def test_the_place_of_copy_without_a_dateline_is_read_from_its_first_sentence(
    headline, lead, expected
):
    from dateline.core.stories.text import place_named

    assert place_named(headline, lead) == expected


def test_names_include_a_name_opening_a_sentence_but_not_a_common_word():
    from dateline.core.stories.text import names

    found = names("Nordvik Energy said on Tuesday it would buy a rival. Rescue teams came.")

    assert {"nordvik", "energy"} <= found
    assert "rescue" not in found


def test_a_possessive_is_the_same_name():
    from dateline.core.stories.text import names, terms

    assert "chile" in names("A quake hit Chile's coast")
    assert terms("Chile's coast")["chile"] == 1


# -- the labelled set, and the engine measured on sets it was not tuned on ----------------


def _generated(seed):
    from bench.bench_stories import load_rows
    from bench.stories import generate

    return generate.build(seed), load_rows(generate.build(seed))


@pytest.mark.parametrize("seed", [4, 7])
def test_a_generated_set_is_large_with_several_sources_and_look_alikes(seed):
    rows, _ = _generated(seed)
    places: dict[str, set[str]] = {}
    for row in rows:
        places.setdefault(row["body"].split(" (", 1)[0], set()).add(row["story"])

    assert len(rows) >= 300
    assert len({row["story"] for row in rows}) >= 60
    assert any(len(stories) > 1 for stories in places.values())  # one place, several events


def test_the_generator_is_deterministic_per_seed_and_differs_between_seeds():
    from bench.stories import generate

    assert generate.build(4) == generate.build(4)
    assert generate.build(4) != generate.build(5)


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_stories_on_a_set_the_engine_was_not_tuned_on_reach_the_goal(seed):
    """Weights were set on seeds 1-3 (bench/stories/tune.py); 4-6 and 7 (the committed set)
    are held out. Pairwise F1 must stay at or above 0.85, and above the headline baseline."""
    from bench.bench_stories import pairwise, run_baseline

    _, (articles, gold) = _generated(seed)
    engine = StoryEngine()
    predicted = {item.id: engine.assign(item).story for item in articles}

    f1 = pairwise(predicted, gold)[2]
    assert f1 >= 0.85
    assert f1 > pairwise(run_baseline(articles, 0.5)[0], gold)[2] + 0.3
    assert engine.articles < len(articles) / 2  # the window, not the archive
