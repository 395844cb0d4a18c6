"""Offsets are exact, always: every entity, topic mention and suggestion the tagger reports
points at exactly its text in `headline + "\\n" + standfirst + "\\n" + body`, whatever the
copy holds (other scripts, expanding letters such as "ß", line breaks inside names)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.tagging.mentions import devsets_dir, load_gum_news
from dateline.core.tagging import TaggingResult

CAIRO_IN_ARABIC = "\u0627\u0644\u0642\u0627\u0647\u0631\u0629"
# Pieces that exercise the index, the recogniser and the folding: known names in several
# spellings, names across line breaks, titles, accents, other scripts and punctuation.
PIECES = [
    "NATO", "Nato", "Kyiv", "Kiev", "New Zealand", "Lloyd Austin", "Austin", "Ukraine's",
    "the United Nations", "President", "Councillor Miriam Okafor", "Straße", "Zürich",
    "Istanbul", "İstanbul", "Georgia", "Tbilisi", "US", "us", "São Paulo", "Moscow",
    "Amara\nOkonjo", "Yusuf Marchetti\nOrganisers", "Marchetti", CAIRO_IN_ARABIC,
    "said", "on Tuesday", "in", "and", ".", ",", " — ", "\u2019s", "“", "”", "(", ")", "\t",
    "\n", "\n\n", "  ", "ﬁnance", "Ⅻ", "e\u0301", "🙂", "\u00a0", "Washington, D.C.",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES) | st.text(max_size=12), max_size=40).map(" ".join)


def assert_exact(result: TaggingResult) -> None:
    text = result.text
    for entity in result.entities:
        assert text[entity.start : entity.end] == entity.text, entity
        assert entity.text == entity.text.strip(), entity
        assert "\n" not in entity.text, entity
    for topic in result.topics:
        for start, end in topic.mentions:
            assert 0 <= start < end <= len(text), topic
    for suggestion in result.suggested:
        assert "\n" not in suggestion.name
        assert suggestion.name == suggestion.name.strip()
        for start, end in suggestion.mentions:
            assert text[start:end] == suggestion.name, suggestion


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headline=texts, standfirst=texts, body=texts)
def test_offsets_are_exact_for_any_copy(tagger, headline, standfirst, body):
    result = tagger.tag(headline=headline, standfirst=standfirst, body=body)
    assert result.text == f"{headline}\n{standfirst}\n{body}"
    assert_exact(result)


def test_offsets_are_exact_on_every_dev_document(tagger):
    """The real news of the gum-news dev set, read in place, tagged in one batch."""
    root = devsets_dir()
    if root is None:
        pytest.skip("dev sets not found (set DATELINE_DEVSETS_DIR)")
    documents = load_gum_news(root)
    results = tagger.tag_many(
        [{"headline": d["text"].partition("\n")[0], "body": d["text"].partition("\n")[2]}
         for d in documents]
    )  # fmt: skip
    assert len(results) == len(documents) == 24
    for result in results:
        assert_exact(result)
    assert sum(len(result.entities) for result in results) > 1000
