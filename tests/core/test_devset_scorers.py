"""The dev-set scorers of the benches, on a small slice of copy of our own: mention overlap
alignment (head match, typed) and the story baseline's single link at its best threshold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bench.bench_stories import bcubed, pairwise
from bench.stories.ecbplus import hard_errors, single_link_at_best_threshold
from bench.tagging.mentions import align, score
from dateline.core.stories import StoryArticle

TEXT = "Harbour minister Amara Okonjo visited Port Vell on Friday."
GOLD = [
    {"start": 8, "end": 29, "type": "person", "head_start": 23, "head_end": 29},  # minister…
    {"start": 17, "end": 22, "type": "person", "head_start": 17, "head_end": 22},  # Amara (nested)
    {"start": 38, "end": 47, "type": "place", "head_start": 43, "head_end": 47},  # Port Vell
    {"start": 51, "end": 57, "type": "time", "head_start": 51, "head_end": 57},  # Friday
]


def test_alignment_is_one_to_one_and_needs_the_head():
    predicted = [
        {"start": 17, "end": 29, "type": "person"},  # Amara Okonjo: holds both heads
        {"start": 38, "end": 42, "type": "place"},  # "Port": misses the head "Vell"
    ]
    assert [TEXT[p["start"] : p["end"]] for p in predicted] == ["Amara Okonjo", "Port"]
    # The larger overlap wins: the person's full mention, not the nested first name.
    assert align(GOLD, predicted) == [(0, 0)]
    assert align(GOLD, predicted, head=False) == [(0, 0), (2, 1)]


def test_scores_drop_time_mentions_and_count_types_when_asked():
    predicted = [
        {"start": 17, "end": 29, "type": "person"},
        {"start": 38, "end": 47, "type": "organization"},
        {"start": 51, "end": 57, "type": "time"},
    ]
    p, r, f1 = score([(GOLD, predicted)])
    assert (p, r) == (1.0, pytest.approx(2 / 3))
    assert f1 == pytest.approx(0.8)
    assert score([(GOLD, predicted)], typed=True)[:2] == (0.5, pytest.approx(1 / 3))


COPY = {
    "q1": ("Quake shakes Valmora coast", "A strong quake shook the Valmora coast at dawn."),
    "q2": ("Valmora quake damages the coast", "The quake at dawn damaged homes on Valmora coast."),
    "r1": ("Quake shakes Tessary hills", "A quake shook the Tessary hills overnight."),
    "r2": ("Tessary hills quake overnight", "Homes in the Tessary hills shook in the quake."),
    "f1": ("Ferry strike ends in Orlen", "Ferry crews in Orlen ended their strike."),
}
GOLD_STORIES = {"q1": "q", "q2": "q", "r1": "r", "r2": "r", "f1": "f"}
TOPICS = {"q1": 1, "q2": 1, "r1": 1, "r2": 1, "f1": 2}


def test_the_single_link_baseline_finds_its_best_threshold():
    moment = datetime(2026, 1, 5, tzinfo=UTC)
    articles = [
        StoryArticle(id=key, headline=headline, body=body, published=moment)
        for key, (headline, body) in COPY.items()
    ]
    predicted, threshold = single_link_at_best_threshold(articles, GOLD_STORIES)
    assert 0 < threshold < 1
    assert pairwise(predicted, GOLD_STORIES) == (1.0, 1.0, 1.0)
    assert bcubed(predicted, GOLD_STORIES)[2] == 1.0
    assert hard_errors(predicted, GOLD_STORIES, TOPICS) == (0, 0)
    everything = dict.fromkeys(GOLD_STORIES, "all")
    # 10 pairs: 4 join the two quakes (one topic), 4 join the ferry to a quake.
    assert hard_errors(everything, GOLD_STORIES, TOPICS) == (4, 4)
