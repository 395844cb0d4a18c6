"""NewsML-G2 news items and news messages become wire items; other items are skipped."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.core.parsing import parse_wire

from .support import payload


def parse_news_item():
    result = parse_wire(payload("demo-newsml", "news-item.xml"), "newsml-g2")
    assert result.ok, result.errors
    return result.items[0]


def test_a_news_item_maps_guid_version_times_and_embargo():
    item = parse_news_item()
    assert item.agency_id == "urn:newsml:harbourwire.example:20250603:quay-fire"
    assert item.version == "4"
    assert item.version_number == 4
    assert item.first_created == datetime(2025, 6, 3, 7, 0, tzinfo=UTC)
    assert item.version_created == datetime(2025, 6, 3, 12, 5, tzinfo=UTC)
    assert item.embargoed_until == datetime(2025, 6, 3, 18, 0, tzinfo=UTC)
    assert item.urgency == 4


def test_signals_mark_a_correction_and_an_update():
    item = parse_news_item()
    assert item.signals == ("correction", "update")
    assert item.is_correction


def test_headline_byline_standfirst_credit_and_dateline_are_read():
    item = parse_news_item()
    assert item.headline == "Fish market fire contained"
    assert item.byline == "Jeanne Plume"  # the page prints its own "By"
    assert item.standfirst == "Firefighters contained the blaze within an hour."
    assert item.credit == "Harbour Wire / Demo"
    assert item.dateline == "OLD QUAY, Tuesday (Harbour Wire)"
    assert item.dateline_place == "Old Quay"
    assert item.dateline_date == datetime(2025, 6, 3, 6, 45, tzinfo=UTC)
    assert item.language == "en-GB"


def test_subject_qcodes_and_uris_become_media_topic_qcodes():
    assert parse_news_item().subjects == (
        ("medtop:20000148", "fire"),
        ("medtop:03000000", "disaster, accident and emergency incident"),
    )


def test_an_inline_nitf_body_becomes_sanitized_html():
    body = parse_news_item().body_html
    assert "<p>Firefighters contained the blaze within an hour.</p>" in body
    assert "<h3>Three crews</h3>" in body
    assert "javascript:" not in body
    assert "onclick" not in body
    assert "nitf" not in body


def test_a_news_message_gives_each_news_item_and_skips_the_package():
    result = parse_wire(payload("demo-newsml", "news-message.xml"), "newsml-g2")
    assert [i.agency_id for i in result.items] == ["urn:demo:msg:1", "urn:demo:msg:3"]
    assert [(s.code, s.location) for s in result.skipped] == [
        ("newsml.not-news-item", "/newsMessage/itemSet/*[2]")
    ]
    assert [(e.code, e.location) for e in result.errors] == [
        ("newsml.no-guid", "/newsMessage/itemSet/*[3]")
    ]


def test_pub_status_canceled_and_withheld_are_read_from_their_qcodes():
    result = parse_wire(payload("demo-newsml", "news-message.xml"), "newsml-g2")
    assert [i.pub_status for i in result.items] == ["canceled", "withheld"]


def test_an_xhtml_body_and_a_plain_text_body_are_both_kept_as_sanitized_html():
    canceled, withheld = parse_wire(payload("demo-newsml", "news-message.xml"), "newsml-g2").items
    assert canceled.body_html == "<p>The regatta is postponed.</p>"
    assert withheld.body_html == (
        "<p>High water is now at 06:12.</p><p>Low water follows at 12:30.</p>"
    )


def test_a_concept_item_is_skipped_with_a_typed_reason():
    raw = b'<conceptItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="c1"/>'
    result = parse_wire(raw, "newsml-g2")
    assert result.ok
    assert [s.code for s in result.skipped] == ["newsml.not-news-item"]


def test_a_fragment_is_skipped_as_a_fragment():
    result = parse_wire(b"<contentMeta><headline>Part</headline></contentMeta>", "newsml-g2")
    assert [s.code for s in result.skipped] == ["newsml.fragment"]


def test_xml_in_another_vocabulary_is_not_newsml():
    result = parse_wire(b"<article><title>No</title></article>", "newsml-g2")
    assert result.error_codes == ["newsml.not-newsml"]


def test_xml_that_is_not_well_formed_is_refused_with_its_line():
    result = parse_wire(b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">\n<a>', "g2")
    assert result.error_codes == ["xml.malformed"]
    assert result.errors[0].location.startswith("line ")
