"""The alias index: folding, word boundaries, capitalisation, offsets into the original text."""

from __future__ import annotations

import pytest

from dateline.core.tagging import TopicEntry
from dateline.core.tagging.index import AliasIndex, fold


def _index(*entries: TopicEntry) -> AliasIndex:
    return AliasIndex(entries)


KYIV = TopicEntry(slug="kyiv", name="Kyiv", kind="place", aliases=("Kiev", "Київ"))
NATO = TopicEntry(slug="nato", name="NATO", kind="organisation")
US = TopicEntry(slug="united-states", name="United States", kind="place", aliases=("US",))
WHO = TopicEntry(slug="who", name="World Health Organization", kind="organisation",
                 aliases=("WHO",))  # fmt: skip
ERDOGAN = TopicEntry(slug="recep-tayyip-erdogan", name="Recep Tayyip Erdoğan", kind="person")
PAKISTAN = TopicEntry(
    slug="pakistan", name="Pakistan", kind="place", aliases=("باكستان", "پاکستان")
)
TURKEY = TopicEntry(slug="turkey", name="Turkey", kind="place")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks in Kyiv ended.", [("Kyiv", "kyiv")]),
        ("Talks in Kiev ended.", [("Kiev", "kyiv")]),
        ("Переговори в Київ.", [("Київ", "kyiv")]),
        ("KIEV (Wire) - Talks", [("KIEV", "kyiv")]),
        ("Kievan Rus was a state.", []),
        ("NATO allies met.", [("NATO", "nato")]),
        ("Nato allies met.", [("Nato", "nato")]),
        ("nato allies met.", []),
        ("The US said so.", [("US", "united-states")]),
        ("Let us say so.", []),
        ("Tell us.", []),
        ("The WHO said so.", [("WHO", "who")]),
        ("Who said so?", []),
        ("Turkey said so.", [("Turkey", "turkey")]),
        ("We ate turkey.", []),
        (
            "President Recep Tayyip Erdogan spoke.",
            [("Recep Tayyip Erdogan", "recep-tayyip-erdogan")],
        ),
        ("Recep Tayyip ERDOĞAN spoke.", [("Recep Tayyip ERDOĞAN", "recep-tayyip-erdogan")]),
    ],
)
def test_alias_matches_whole_words_in_the_right_case(text, expected):
    index = _index(KYIV, NATO, US, WHO, ERDOGAN, TURKEY)
    found = [(m.text, m.targets[0].slug) for m in index.find(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("وزير خارجية باكستان قال", "باكستان"),
        ("التقى وباكستان", "باكستان"),  # the joined "and" proclitic
        ("پاکستان کے وزیر اعظم", "پاکستان"),
        ("وزير خارجية باكستان‌ قال", "باكستان"),
    ],
)
def test_right_to_left_names_match_with_offsets_into_the_original(text, surface):
    index = _index(PAKISTAN)
    [match] = index.find(text)
    assert text[match.start : match.end] == surface
    assert match.targets[0].slug == "pakistan"


def test_offsets_survive_characters_that_fold_to_two():
    index = _index(KYIV)
    text = "Straße nach Kiev, dann Kyiv."
    assert [text[m.start : m.end] for m in index.find(text)] == ["Kiev", "Kyiv"]


def test_fold_maps_each_folded_character_to_its_source():
    folded, origin = fold("Straße Kyïv")
    assert folded == "strasse kyiv"
    assert origin is not None
    assert len(origin) == len(folded)


def test_longest_alias_wins():
    index = _index(
        TopicEntry(slug="new-york", name="New York", kind="place"),
        TopicEntry(slug="york", name="York", kind="place"),
    )
    assert [m.targets[0].slug for m in index.find("Flights to New York and York.")] == [
        "new-york",
        "york",
    ]


def test_generic_words_never_enter_the_index():
    index = _index(TopicEntry(slug="x", name="Progress Party", kind="organisation",
                              aliases=("Progress", "From", "Government")))  # fmt: skip
    assert index.lookup("Progress") == ()
    assert index.lookup("Government") == ()
    assert [m.text for m in index.find("The Progress Party won.")] == ["Progress Party"]


def test_blocked_entries_are_not_indexed():
    index = _index(TopicEntry(slug="kyiv", name="Kyiv", kind="place", status="blocked"))
    assert index.find("Kyiv") == []
