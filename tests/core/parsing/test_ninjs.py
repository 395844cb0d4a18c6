"""ninjs 1.x, 2.x and 3.x documents map to the same wire item fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from dateline.core.parsing import parse_wire
from dateline.core.parsing.ninjs import detect_ninjs_version

from .support import find_conformance_dir, payload

IPTC = "http://www.iptc.org/std/ninjs"
needs_schemas = pytest.mark.skipif(
    find_conformance_dir() is None, reason="IPTC ninjs schemas not found"
)


def parse_story(name: str):
    result = parse_wire(payload("demo-ninjs", name), "ninjs")
    assert result.ok, result.errors
    return result.items[0]


def test_a_ninjs_3_story_maps_headline_standfirst_byline_dateline_and_embargo():
    item = parse_story("story-3.json")
    assert item.agency_id == "urn:demo:harbour-wire:2025:0042"
    assert item.version == "3"
    assert item.headline == "Lighthouse keepers return to the northern cape"
    assert item.standfirst.startswith("Two keepers will staff the light")
    assert item.byline == "Ada Quill"
    assert item.dateline_place == "North Cape"
    assert item.embargoed_until == datetime(2025, 6, 4, 6, 0, tzinfo=UTC)
    assert item.first_created == datetime(2025, 6, 3, 6, 0, tzinfo=UTC)
    assert item.urgency == 3
    assert item.credit == "Harbour Wire"
    assert item.ed_note.startswith("Embargoed")


def test_the_html_body_is_preferred_and_sanitized():
    body = parse_story("story-3.json").body_html
    assert body == "<p>Two keepers will staff the light.</p><p>The council agreed.</p>"


def test_subject_uris_and_qcodes_both_become_media_topic_qcodes():
    assert parse_story("story-3.json").subjects == (
        ("medtop:20000279", "maritime transport"),
        ("medtop:20000536", "employment"),
    )


def test_a_picture_association_gives_its_largest_rendition_with_caption_and_credit():
    (image,) = parse_story("story-3.json").images
    assert image.url == "https://img.example.org/light.jpg"
    assert image.caption == "The northern cape lighthouse at dusk."
    assert image.credit == "Demo Photo Desk"


def test_a_ninjs_2_story_reads_embargoed_by_and_a_plain_text_body():
    item = parse_story("story-2.json")
    assert item.pub_status == "withheld"
    assert item.embargoed_until == datetime(2025, 6, 3, 12, 0, tzinfo=UTC)
    assert item.byline == "Luc Encre"
    assert item.body_html == "<p>Unions accepted the offer.</p><p>Sailings resume on Wednesday.</p>"


def test_a_ninjs_1_story_reads_headline_byline_description_text_and_scheme_codes():
    item = parse_story("story-1.json")
    assert item.pub_status == "canceled"
    assert item.headline == "Fish market fire contained"
    assert item.byline == "Jeanne Plume"
    assert item.standfirst == "Firefighters contained the blaze within an hour."
    assert item.subjects == (("medtop:20000148", "fire"),)


@pytest.mark.parametrize(
    ("document", "version"),
    [
        ({"uri": "u", "standard": {"version": "2.1"}}, "2.1"),
        ({"uri": "u", "$standard": {"version": "1.4"}}, "1.4"),
        ({"uri": "u", "standard": {"schema": f"{IPTC}/ninjs-schema_3.0.json"}}, "3.0"),
        ({"uri": "u", "versionCreated": "2025-01-01T00:00:00Z"}, "3.1"),
        ({"uri": "u", "headlines": [{"value": "h"}]}, "2.2"),
        ({"uri": "u", "headline": "h"}, "1.6"),
    ],
)  # fmt: skip
def test_the_ninjs_version_is_read_from_the_declaration_or_the_field_spelling(document, version):
    assert detect_ninjs_version(document) == version


@needs_schemas
def test_one_bad_document_in_a_batch_is_rejected_and_the_others_kept():
    result = parse_wire(payload("demo-ninjs", "batch.json"), "ninjs")
    assert [i.agency_id for i in result.items] == ["urn:demo:batch:1", "urn:demo:batch:3"]
    (error,) = result.errors
    assert error.code == "ninjs.schema"
    assert error.location == "/1/pubstatus"
    assert "killed" in error.message


@needs_schemas
def test_a_schema_error_names_the_field_as_a_json_pointer():
    result = parse_wire(b'{"uri": "u", "urgency": "high"}', "ninjs", ninjs_version="1.6")
    assert result.error_codes == ["ninjs.schema"]
    assert result.errors[0].location == "/urgency"
    assert "/urgency" in result.errors[0].message


def test_json_that_does_not_parse_is_json_malformed_with_its_line():
    result = parse_wire(b'{"uri": "u",\n "headline": }', "ninjs")
    assert result.error_codes == ["json.malformed"]
    assert result.errors[0].location.startswith("line 2")


def test_a_json_value_that_is_not_an_object_is_refused():
    assert parse_wire(b'"just a string"', "ninjs").error_codes == ["ninjs.not-object"]


def test_an_unknown_pinned_version_is_a_typed_error():
    result = parse_wire(b'{"uri": "u"}', "ninjs", ninjs_version="9.9")
    assert result.error_codes == ["ninjs.version-unknown"]


def test_without_schema_files_documents_are_mapped_and_the_result_says_so(monkeypatch):
    from dateline.core.parsing import ninjs

    monkeypatch.setattr(ninjs, "SCHEMA_VALIDATION_AVAILABLE", False)
    result = parse_wire(b'{"uri": "urn:x", "headline": "Still read"}', "ninjs")
    assert [i.headline for i in result.items] == ["Still read"]
    assert [w.code for w in result.warnings] == ["ninjs.schema-unavailable"]
    unvalidated = parse_wire(b'{"headline": "no uri"}', "ninjs")
    assert unvalidated.error_codes == ["ninjs.schema"]


def test_provider_signals_mark_corrections_and_updates(monkeypatch):
    from dateline.core.parsing import ninjs

    # AFP `signals` and AP `editorialtypes` are extensions outside the IPTC schema.
    monkeypatch.setattr(ninjs, "SCHEMA_VALIDATION_AVAILABLE", False)
    raw = (
        b'{"uri": "u", "signals": [{"uri": "http://cv.iptc.org/newscodes/signal/correction"}],'
        b' "editorialtypes": ["Update"]}'
    )
    item = parse_wire(raw, "ninjs").items[0]
    assert item.signals == ("correction", "update")
    assert item.is_correction
    assert item.is_update
