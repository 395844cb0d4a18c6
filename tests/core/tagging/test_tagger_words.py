"""The tagger's quick word set agrees with its word expression on any text."""

from __future__ import annotations

import random

from dateline.core.tagging.cues import _WORD, word_set


def test_the_quick_word_set_is_the_expressions_on_ascii_and_other_text():
    rng = random.Random(7)
    for alphabet in ("abXY '-_09,.;!\n\"()", "abXY '-’_09,.é\u00df"):
        for _ in range(5000):
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
            assert word_set(text) == set(_WORD.findall(text)), repr(text)


def test_joined_words_stay_one_word_and_digits_break_words():
    words = word_set("the well-known court's ruling -- on 2024-budget and o'neill' 3rd")
    assert {"well-known", "court's", "budget", "o'neill", "rd"} <= words
    assert "court" not in words
    assert "2024-budget" not in words
