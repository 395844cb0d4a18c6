"""RSS and Atom feeds become wire items through feedparser."""

from __future__ import annotations

from datetime import UTC, datetime

from dateline.core.parsing import parse_wire

from .support import payload

BASE = "https://wire.example.org/feed.xml"


def parse_demo_feed():
    return parse_wire(payload("demo-rss", "feed.xml"), "rss", base_url=BASE)


def test_each_feed_entry_becomes_a_wire_item_with_newsroom_fields():
    result = parse_demo_feed()
    item = result.items[0]
    assert result.ok
    assert item.agency_id == "harbour-wire-0001"
    assert item.headline == "Harbour bridge reopens after storm repairs"
    assert item.standfirst == "The crossing opened at dawn after six weeks of work."
    assert item.byline == "Ada Quill"
    assert item.language == "en-gb"
    assert item.first_created == datetime(2025, 6, 3, 8, 0, tzinfo=UTC)
    assert item.pub_status == "usable"


def test_relative_links_are_made_absolute_against_the_feed_address():
    item = parse_demo_feed().items[0]
    assert item.link == "https://wire.example.org/stories/harbour-bridge-reopens"
    assert 'href="https://wire.example.org/maps/bridge"' in item.body_html


def test_a_non_permalink_guid_is_kept_exactly_as_the_agency_sent_it():
    assert parse_demo_feed().items[0].agency_id == "harbour-wire-0001"


def test_iptc_media_topic_categories_become_qcodes_and_plain_ones_stay_names():
    assert parse_demo_feed().items[0].subjects == (("medtop:20000270", ""), ("", "Transport"))


def test_media_rss_content_gives_an_image_with_its_credit():
    image = parse_demo_feed().items[0].images[0]
    assert image.url == "https://img.example.org/bridge.jpg"
    assert image.credit == "Demo Photo Desk"
    assert (image.width, image.height) == (1200, 800)


def test_an_image_enclosure_gives_an_image():
    assert parse_demo_feed().items[1].images[0].url == "https://img.example.org/ferry.png"


def test_body_copy_loses_scripts_event_handlers_styles_and_javascript_links():
    body = parse_demo_feed().items[0].body_html
    for forbidden in ("<script", "onclick", "javascript:", "style=", "alert("):
        assert forbidden not in body
    assert 'href="https://wire.example.org/feed.xml"' not in body


def test_an_entry_without_guid_or_link_gets_a_stable_derived_id():
    first = parse_demo_feed().items[1].agency_id
    assert first.startswith("sha256:")
    assert parse_demo_feed().items[1].agency_id == first


def test_an_entry_with_nothing_to_publish_is_skipped_not_quarantined():
    result = parse_demo_feed()
    assert len(result.items) == 2
    assert [s.code for s in result.skipped] == ["rss.item-empty"]
    assert result.skipped[0].location == "entries[2]"


def test_atom_entries_keep_every_author_the_language_and_both_times():
    result = parse_wire(payload("demo-rss", "atom.xml"), "atom", base_url=BASE)
    item = result.items[0]
    assert item.headline == "Le marché rouvre ses portes"
    assert item.byline == "Jeanne Plume, Luc Encre"
    assert item.language == "fr"
    assert item.first_created == datetime(2025, 6, 3, 6, 0, tzinfo=UTC)
    assert item.version_created == datetime(2025, 6, 3, 7, 15, tzinfo=UTC)
    assert "onerror" not in item.body_html


def test_a_feed_that_is_not_xml_at_all_is_rss_malformed():
    result = parse_wire(b"this is not a feed <<<", "rss")
    assert result.error_codes == ["rss.malformed"]


def test_a_broken_feed_that_still_has_entries_gives_them_with_a_warning():
    raw = b"<rss><channel><item><title>Tide & time</title><guid>t1</guid></item></channel>"
    result = parse_wire(raw, "rss")
    assert [i.headline for i in result.items] == ["Tide & time"]
    assert [w.code for w in result.warnings] == ["rss.recovered"]


ATOM_WITH_XML_BASE = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Lakeside Wire</title>
  <entry>
    <id>lakeside-0001</id>
    <title type="html">Ferry timetable &lt;script&gt;alert(1)&lt;/script&gt;changes</title>
    <summary type="html">Sailings &lt;style&gt;p{color:red}&lt;/style&gt;begin early.</summary>
    <updated>2025-06-03T07:15:00Z</updated>
    <content type="html" xml:base="https://lakeside.example.net/desk/">
      &lt;p&gt;See the &lt;a href="timetable"&gt;new timetable&lt;/a&gt; and
      &lt;a href="javascript:alert(2)"&gt;this&lt;/a&gt;.&lt;/p&gt;
    </content>
  </entry>
</feed>"""


def test_relative_links_in_content_follow_the_entrys_xml_base():
    item = parse_wire(ATOM_WITH_XML_BASE, "atom", base_url=BASE).items[0]
    assert 'href="https://lakeside.example.net/desk/timetable"' in item.body_html
    assert "javascript:" not in item.body_html


def test_a_script_or_style_in_a_title_or_summary_leaves_no_text_behind():
    item = parse_wire(ATOM_WITH_XML_BASE, "atom", base_url=BASE).items[0]
    assert item.headline == "Ferry timetable changes"
    assert item.standfirst == "Sailings begin early."
