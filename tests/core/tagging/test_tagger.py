"""Table tests of the tagger core: aliases, disambiguation, junk, salience, languages."""

from __future__ import annotations

import json

import pytest

from dateline.core.tagging import Tagger, TopicEntry
from dateline.core.tagging.knowledge import Knowledge, clean_name, slugify, weak_forms

PORTAL_HEADLINE = (
    "Pentagon Says US, Allies Working On Bilateral Security Guarantee Deals With Ukraine"
)
PORTAL_STANDFIRST = (
    "The United States and its NATO allies are negotiating long-term security commitments for Kyiv."
)
PORTAL_BODY = (
    "WASHINGTON (Dateline Wire) - The United States and its allies are working on bilateral "
    "security guarantee deals with Ukraine, Defense Secretary Lloyd Austin said on Tuesday.\n"
    '"We will keep working with our allies," Austin told reporters at the Pentagon. The '
    "Government in Kiev has asked for air defence.\n"
    "Austin said the Alliance had made Progress. From the outset, NATO members have "
    "coordinated their support for Ukraine."
)


def _tag(tagger: Tagger, headline: str, body: str = "", standfirst: str = "", **kwargs):
    return tagger.tag(headline=headline, standfirst=standfirst, body=body, **kwargs)


def test_the_observed_portal_page_gets_real_topics_only(tagger):
    """NATO, Ukraine, Kyiv, Lloyd Austin, the US: no Progress, Alliance, From or Government."""
    result = _tag(tagger, PORTAL_HEADLINE, PORTAL_BODY, PORTAL_STANDFIRST)
    slugs = result.slugs
    for expected in ("nato", "ukraine", "kyiv", "lloyd-austin", "united-states", "pentagon"):
        assert expected in slugs
    for junk in ("progress", "alliance", "from", "government", "austin", "kiev"):
        assert junk not in slugs
    assert len(slugs) <= 8


def test_kiev_and_kyiv_resolve_to_one_topic(plain_tagger):
    result = _tag(
        plain_tagger, "Kyiv prepares for winter", "Officials in Kiev said Kyiv was ready."
    )
    kyiv = [t for t in result.topics if t.slug == "kyiv"]
    assert len(kyiv) == 1
    assert len(kyiv[0].mentions) == 3


@pytest.mark.parametrize(
    ("headline", "body", "present", "absent"),
    [
        (
            "Austin visits troops in Germany",
            "Defense Secretary Lloyd Austin visited troops. Austin praised their work.",
            ["lloyd-austin"],
            ["austin"],
        ),
        (
            "Austin says talks continue",
            "Austin said the talks would continue next week. Austin did not elaborate.",
            [],
            ["lloyd-austin", "austin"],
        ),
        (
            "Flooding hits Austin",
            "AUSTIN, Texas (Wire) - Flooding closed roads in Austin, Texas, on Monday. Roads in "
            "Austin reopened later. Texas officials said more rain was due.",
            ["austin"],
            ["lloyd-austin"],
        ),
        (
            "Voters head to the polls in Georgia",
            "Voters in Georgia chose a US Senate candidate. Turnout in Georgia was high.",
            ["georgia-us"],
            ["georgia"],
        ),
        (
            "Protesters rally in Georgia",
            "Protesters gathered in Tbilisi, the capital of Georgia. Georgia's government "
            "said the rally in Tbilisi was illegal.",
            ["georgia", "tbilisi"],
            ["georgia-us"],
        ),
        (
            "Hamilton fastest in practice",
            "Lewis Hamilton set the fastest lap. Hamilton said the car felt good. Hamilton "
            "will start from the front row.",
            [],
            ["hamilton"],
        ),
        (
            "King meets Blinken in Amman",
            "Jordan's King Abdullah II met Antony Blinken in Amman. Blinken said Jordan played "
            "a vital role.",
            ["jordan", "antony-blinken"],
            [],
        ),
        (
            "Shoe deal signed",
            "Michael Jordan's label signed a young guard. The deal was praised by fans of "
            "Michael Jordan.",
            [],
            ["jordan"],
        ),
        (
            "Peking duck festival opens",
            "A festival of Peking duck opened in Sydney. Peking duck is popular in Sydney.",
            ["sydney"],
            ["beijing"],
        ),
        (
            "Labour sets out rail plans",
            "The Labour government set out plans for rail in Britain. Labour said fares would "
            "fall. Prime Minister Keir Starmer backed the plan.",
            ["labour-party", "keir-starmer"],
            [],
        ),
        (
            "Union says labour costs rise",
            "Labour costs rose at the plant, the union said. Labour shortages were reported.",
            [],
            ["labour-party"],
        ),
    ],
)
def test_disambiguation(tagger, headline, body, present, absent):
    slugs = _tag(tagger, headline, body).slugs
    for slug in present:
        assert slug in slugs, (slug, slugs)
    for slug in absent:
        assert slug not in slugs, (slug, slugs)


def test_surname_alone_never_links_to_the_person(plain_tagger):
    result = _tag(plain_tagger, "Austin speaks", "Austin said so. Austin left.")
    assert all(e.topic != "lloyd-austin" for e in result.entities)


def test_title_and_surname_names_the_person(plain_tagger):
    result = _tag(plain_tagger, "Pentagon update", "Defense Secretary Austin said so. Austin left.")
    assert "lloyd-austin" in result.slugs


@pytest.mark.parametrize(
    "headline",
    [
        "Alliance Makes Progress From Government Talks",
        "The Government Says Progress Is Slow",
        "Breaking: Officials Say Deal Near",
    ],
)
def test_generic_title_case_words_are_never_topics(tagger, headline):
    result = _tag(tagger, headline, "Officials said the talks would go on.")
    assert [t for t in result.topics if t.kind != "subject"] == []


def test_a_single_title_case_headline_word_needs_confirmation(plain_tagger):
    result = _tag(plain_tagger, "Thanksgiving Turkey Prices Soar Across The Country",
                  "Shoppers paid more for their birds this year.")  # fmt: skip
    assert "turkey" not in result.slugs
    confirmed = _tag(plain_tagger, "Turkey Raises Interest Rates Again",
                     "The central bank of Turkey raised rates.")  # fmt: skip
    assert "turkey" in confirmed.slugs


def test_salience_ranks_headline_and_frequent_topics_first(plain_tagger):
    result = _tag(
        plain_tagger,
        "Macron visits Berlin",
        "French President Emmanuel Macron met officials in Berlin. Macron said ties were "
        "strong. Berlin welcomed the visit. The trip followed a stop in Madrid.",
    )
    slugs = result.slugs
    assert slugs[:2] == ["berlin", "emmanuel-macron"] or slugs[:2] == ["emmanuel-macron", "berlin"]
    assert "madrid" not in slugs  # once, late, in passing
    scores = [t.score for t in result.topics]
    assert scores == sorted(scores, reverse=True)


def test_at_most_eight_topics(plain_tagger):
    capitals = ["Paris", "Berlin", "Madrid", "Rome", "Warsaw", "Vienna", "Prague", "Lisbon",
                "Dublin", "Athens", "Oslo"]  # fmt: skip
    body = " ".join(f"{c} joined. {c} agreed." for c in capitals)
    result = _tag(plain_tagger, " and ".join(capitals), body)
    assert len(result.topics) == 8


def test_editor_block_list_removes_a_topic(seed):
    tagger = Tagger(seed, recogniser="none", blocked=["nato"])
    result = _tag(tagger, "NATO meets in Brussels", "NATO allies met in Brussels. NATO agreed.")
    assert "nato" not in result.slugs
    assert "brussels" in result.slugs
    per_call = _tag(Tagger(seed, recogniser="none"), "NATO meets", "NATO met.", blocked=["NATO"])
    assert "nato" not in per_call.slugs


def test_merged_topic_resolves_to_the_survivor():
    entries = [
        TopicEntry(slug="kyiv", name="Kyiv", kind="place"),
        TopicEntry(slug="kiev", name="Kiev", kind="place", status="merged", merged_into="kyiv"),
    ]
    result = Tagger(entries, recogniser="none").tag(headline="Kiev talks", body="Kiev said so.")
    assert result.slugs == ["kyiv"]


def test_suggested_topics_are_never_returned_as_topics():
    entries = [TopicEntry(slug="jane-roe", name="Jane Roe", kind="person", status="suggested")]
    result = Tagger(entries, recogniser="none").tag(headline="Jane Roe wins", body="Jane Roe won.")
    assert result.topics == ()


@pytest.mark.parametrize(
    ("language", "headline", "body", "expected"),
    [
        ("ur", "پاکستان اور چین کے درمیان معاہدہ",
         "اسلام آباد میں پاکستان اور چین نے دستخط کیے۔ اسلام آباد میں تقریب ہوئی",
         ["pakistan", "china", "islamabad"]),
        ("ar", "وزير الخارجية يزور أوكرانيا", "أجرى محادثات في كييف بشأن أوكرانيا. وغادر كييف مساء",
         ["ukraine", "kyiv"]),
        ("fr", "L'Allemagne et la France", "Berlin et Paris: l'Allemagne soutient la France.",
         ["germany", "france"]),
        ("ru", "Украина и НАТО", "Киев: Украина ждёт решения НАТО.", ["ukraine", "nato"]),
    ],
)  # fmt: skip
def test_non_english_and_right_to_left_aliases(plain_tagger, language, headline, body, expected):
    result = _tag(plain_tagger, headline, body, language=language)
    for slug in expected:
        assert slug in result.slugs, (slug, result.slugs)


def test_mentions_are_offsets_into_headline_standfirst_and_body(plain_tagger):
    result = _tag(plain_tagger, "NATO meets", "Allies gathered in Brussels. NATO agreed.",
                  standfirst="In Brussels")  # fmt: skip
    text = "NATO meets\nIn Brussels\nAllies gathered in Brussels. NATO agreed."
    assert result.text == text
    for topic in result.topics:
        for start, end in topic.mentions:
            assert text[start:end] in topic.entry.names
    for entity in result.entities:
        assert text[entity.start : entity.end] == entity.text


@pytest.mark.parametrize(
    ("agency_subjects", "section", "expected"),
    [
        (["medtop:15000000"], None, "sport"),
        (
            ["http://cv.iptc.org/newscodes/mediatopic/04000000"],
            None,
            "economy-business-and-finance",
        ),
        (["subj:15054000"], None, "sport"),  # an old Subject Code: its top level
        ([], "Sport", "sport"),
        ([], "business", "economy-business-and-finance"),
    ],
)
def test_subjects_from_agency_codes_then_section(plain_tagger, agency_subjects, section, expected):
    result = _tag(plain_tagger, "A result", "It happened.", agency_subjects=agency_subjects,
                  section=section)  # fmt: skip
    subjects = [t for t in result.topics if t.kind == "subject"]
    assert [s.slug for s in subjects] == [expected]


def test_subject_from_words_when_nothing_else_says(plain_tagger):
    result = _tag(
        plain_tagger,
        "Striker scores twice",
        "The striker scored two goals as the team won the match and reached the cup final. "
        "The coach praised the players after a long season in the league.",
    )
    assert "sport" in result.slugs


def test_unknown_names_seen_often_become_suggestions_not_topics(tagger):
    result = _tag(
        tagger,
        "Councillor wins vote on bus routes",
        "Councillor Miriam Okafor won a vote on new bus routes in Lagos on Tuesday. "
        "Okafor said residents had waited years. Okafor will present the plan next month.",
    )
    assert "miriam-okafor" not in result.slugs
    assert [s.name for s in result.suggested] == ["Miriam Okafor"]
    assert result.suggested[0].kind == "person"


def test_every_recognised_entity_is_reported_linked_or_not(tagger):
    result = _tag(tagger, "Miriam Okafor meets NATO", "Miriam Okafor met NATO officials.")
    by_text = {(e.text, e.topic) for e in result.entities}
    assert ("NATO", "nato") in by_text
    assert ("Miriam Okafor", None) in by_text


def test_result_serialises_to_the_cli_format(plain_tagger):
    result = _tag(plain_tagger, "NATO meets in Kyiv", "NATO allies met in Kyiv.")
    data = json.loads(json.dumps(result.as_dict()))
    assert set(data) == {"topics", "entities", "suggested"}
    topic = data["topics"][0]
    assert set(topic) == {"name", "kind", "slug", "score", "mentions"}
    assert all(len(m) == 2 for m in topic["mentions"])
    assert set(data["entities"][0]) == {"text", "kind", "start", "end", "topic"}


def test_tag_many_matches_tag(tagger):
    articles = [
        {"headline": PORTAL_HEADLINE, "standfirst": PORTAL_STANDFIRST, "body": PORTAL_BODY},
        {"headline": "Kyiv prepares", "body": "Officials in Kiev said Kyiv was ready."},
    ]
    batch = tagger.tag_many(articles)
    single = [tagger.tag(**a) for a in articles]
    assert [r.as_dict() for r in batch] == [r.as_dict() for r in single]


def test_recogniser_runs_only_tok2vec_and_ner(tagger):
    assert tagger.recogniser.pipe_names == ["tok2vec", "ner"]


def test_unknown_recogniser_name_is_an_error():
    with pytest.raises(ValueError, match="unknown recogniser"):
        Tagger([], recogniser="bert")


@pytest.mark.parametrize(
    ("name", "weak"),
    [("Lloyd Austin", ("Austin",)), ("Ursula von der Leyen", ("von der Leyen",)),
     ("Ferdinand Marcos Jr.", ("Marcos",))],
)  # fmt: skip
def test_a_persons_surname_is_a_weak_form(name, weak):
    assert weak_forms(TopicEntry(slug=slugify(name), name=name, kind="person")) == weak


def test_seed_has_the_knowledge_the_issue_asks_for(seed):
    knowledge = Knowledge(seed)
    assert knowledge.by_external_id("iso3166", "UA").slug == "ukraine"
    assert knowledge.by_external_id("iso3166", "US-TX").slug == "texas"
    assert knowledge.by_external_id("geonames", "703448").slug == "kyiv"
    assert knowledge.by_external_id("iptc", "medtop:11000000").slug == "politics"
    top_level = [e for e in seed if e.external_ids.get("iptc", "").endswith("000000")]
    assert len(top_level) == 17
    kinds = {e.kind for e in seed}
    assert kinds == {"person", "organisation", "place", "subject", "event"}
    people_and_orgs = [e for e in seed if e.kind in ("person", "organisation")]
    assert len(people_and_orgs) >= 300
    assert len({e.slug for e in seed}) == len(seed)
    assert "Kiev" in knowledge.get("kyiv").aliases
    assert "Defense Secretary Lloyd Austin" in knowledge.get("lloyd-austin").aliases


def test_seed_is_cached_on_disk(tmp_path):
    from dateline.core.tagging.seed import seed_entries

    first = seed_entries(cache_dir=tmp_path)
    assert list(tmp_path.glob("tagging-seed-*.pickle"))
    assert seed_entries(cache_dir=tmp_path) is first


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Yusuf Marchetti\nOrganisers", "Yusuf Marchetti"),
        ("  Vireo \t Pharma  ", "Vireo Pharma"),
        ("\n\nPort  Authority\r\nof Lisbon", "Port Authority"),
        ("Ana", "Ana"),
        ("   ", ""),
    ],
)
def test_a_name_is_cleaned_to_one_trimmed_line(raw, clean):
    assert clean_name(raw) == clean
