"""From agency copy to articles, and every later version, correction, kill and embargo."""

import json
import re
from datetime import timedelta

import feedparser
import pytest
from django.core.management import call_command

from dateline.ingest.services import ingest_bytes, ingest_drop_folder
from dateline.newsroom.models import Article, Revision
from dateline.newsroom.selectors import latest_articles
from dateline.wires.models import QuarantinedInput, RawInput, Source, WireItem
from dateline.wires.services import retry_quarantined
from tests.conftest import PINNED_NOW
from tests.factories import SectionFactory, SourceFactory
from tests.wires.copy import newsml_item

pytestmark = pytest.mark.django_db

MINUTE = timedelta(minutes=1)


@pytest.fixture
def meridian(now):
    SectionFactory(name="World", slug="world", position=1)
    SectionFactory(name="Politics", slug="politics", position=2)
    return SourceFactory(name="Meridian Press", format=Source.Format.NEWSML_G2)


def ingest(source, content, origin="test.xml"):
    return ingest_bytes(source=source, content=content, origin=origin)


def test_a_new_wire_item_becomes_a_published_article_in_its_section(meridian, client):
    report = ingest(meridian, newsml_item(version_created=PINNED_NOW - MINUTE))

    assert report.ingested == 1
    article = Article.objects.get()
    assert article.is_published
    assert article.section.slug == "politics"  # from the IPTC Media Topic
    assert article.dateline_place == "Budapest"
    assert article.credit == "Meridian Press"
    assert article.standfirst == "Work on the crossing is due to take four years."
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "BUDAPEST (dateline / Meridian Press) –" in response.content.decode()
    assert article in latest_articles(limit=5)


def test_a_headline_with_markup_and_a_by_line_reach_readers_as_plain_text(meridian, client):
    copy = newsml_item(
        version_created=PINNED_NOW - MINUTE,
        headline="<em>Danube</em> Bridge Approved<script>alert(1)</script>",
        by="By Daniel Achterberg",
    )
    ingest(meridian, copy)

    article = Article.objects.get()
    assert (article.headline, article.byline) == ("Danube Bridge Approved", "Daniel Achterberg")
    rss = client.get("/feeds/rss/").content.decode()
    assert "<title>Danube Bridge Approved</title>" in rss
    assert re.search(r"<dc:creator[^>]*>Daniel Achterberg</dc:creator>", rss)
    assert "By Daniel Achterberg" in client.get(article.get_absolute_url()).content.decode()


def test_the_same_item_twice_changes_nothing(meridian):
    copy = newsml_item(version_created=PINNED_NOW - MINUTE)
    ingest(meridian, copy)

    report = ingest(meridian, copy)

    assert (report.ingested, report.unchanged) == (0, 1)
    assert Article.objects.count() == 1
    assert WireItem.objects.count() == 1
    assert RawInput.objects.count() == 2  # every input is kept as received


def test_a_newer_version_updates_the_article_in_place_and_keeps_a_revision(meridian, now):
    ingest(meridian, newsml_item(version_created=PINNED_NOW - 10 * MINUTE))
    article = Article.objects.get()
    url = article.get_absolute_url()
    now.shift(5 * MINUTE)

    report = ingest(
        meridian,
        newsml_item(
            version=2,
            version_created=PINNED_NOW,
            headline="Parliament Approves New Danube Bridge After Long Debate",
            paragraphs=("Lawmakers voted 112 to 64 to fund the bridge.", "Work starts in May."),
            signals=("update",),
        ),
    )

    article.refresh_from_db()
    assert report.updated == 1
    assert article.get_absolute_url() == url
    assert "Work starts in May." in article.body
    assert article.updated_at == PINNED_NOW + 5 * MINUTE
    assert Revision.objects.get(article=article).snapshot["body"].count("<p>") == 2


def test_an_older_version_arriving_late_does_not_undo_a_newer_one(meridian):
    ingest(
        meridian,
        newsml_item(
            version=2, version_created=PINNED_NOW - MINUTE, paragraphs=("Second version.",)
        ),
    )
    report = ingest(
        meridian,
        newsml_item(
            version=1, version_created=PINNED_NOW - 9 * MINUTE, paragraphs=("First version.",)
        ),
    )

    assert report.unchanged == 1
    assert "Second version." in Article.objects.get().body


def test_a_correction_adds_a_dated_public_note(meridian, client, now):
    ingest(meridian, newsml_item(version_created=PINNED_NOW - 10 * MINUTE))
    now.shift(MINUTE)

    ingest(
        meridian,
        newsml_item(
            version=2,
            version_created=PINNED_NOW,
            paragraphs=("Lawmakers voted 121 to 64 on Sunday to fund a new road bridge.",),
            signals=("correction",),
            ed_note="Corrects the vote count in the first paragraph.",
        ),
    )

    article = Article.objects.get()
    note = article.corrections.get()
    assert note.text == "Corrects the vote count in the first paragraph."
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Corrects the vote count in the first paragraph." in html
    assert "121 to 64" in html


def test_a_canceled_item_withdraws_the_article_from_every_surface(meridian, client, now):
    ingest(meridian, newsml_item(version_created=PINNED_NOW - 10 * MINUTE))
    article = Article.objects.get()

    report = ingest(
        meridian, newsml_item(version=2, version_created=PINNED_NOW, pub_status="canceled")
    )

    assert report.killed == 1
    assert client.get(article.get_absolute_url()).status_code == 410
    assert article not in latest_articles(limit=5)
    assert article.headline not in client.get("/").content.decode()
    assert article.headline not in client.get("/section/politics/").content.decode()


def test_a_withheld_item_takes_the_article_off_the_site_until_it_is_usable_again(meridian, client):
    ingest(meridian, newsml_item(version_created=PINNED_NOW - 10 * MINUTE))
    article = Article.objects.get()

    ingest(
        meridian,
        newsml_item(version=2, version_created=PINNED_NOW - 5 * MINUTE, pub_status="withheld"),
    )
    assert client.get(article.get_absolute_url()).status_code == 404

    ingest(meridian, newsml_item(version=3, version_created=PINNED_NOW))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_an_embargoed_item_is_invisible_until_its_time_then_goes_live_by_itself(
    meridian, client, now
):
    ingest(meridian, newsml_item(version_created=PINNED_NOW, embargoed=PINNED_NOW + 30 * MINUTE))
    article = Article.objects.get()

    assert client.get(article.get_absolute_url()).status_code == 404
    assert article.headline not in client.get("/").content.decode()

    now.shift(31 * MINUTE)
    from dateline.site.fragments import forget_recent_stories

    forget_recent_stories()
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.headline in client.get("/").content.decode()


def test_an_embargoed_article_is_dated_when_its_embargo_lifts_in_feeds_and_sitemaps(
    meridian, client, now
):
    lifts = PINNED_NOW + 3 * 60 * MINUTE
    ingest(meridian, newsml_item(version_created=PINNED_NOW, embargoed=lifts))
    article = Article.objects.get()
    assert article.published_at == lifts

    # A later version moves the embargo: still unseen, the article moves with it.
    later = lifts + 30 * MINUTE
    ingest(meridian, newsml_item(version=2, version_created=PINNED_NOW + MINUTE, embargoed=later))
    article.refresh_from_db()
    assert article.published_at == later

    now.move_to(later + MINUTE)
    feed = feedparser.parse(client.get("/feeds/atom/").content)
    assert feed.entries[0].published == "2026-11-29T19:00:00+00:00"
    news = client.get("/sitemaps/news.xml").content.decode()
    assert "<news:publication_date>2026-11-29T19:00:00+00:00" in news


def test_the_same_copy_from_a_second_source_is_linked_not_published_twice(meridian):
    northwind = SourceFactory(name="Northwind Wire", format=Source.Format.NEWSML_G2)
    ingest(meridian, newsml_item(version_created=PINNED_NOW - MINUTE))

    report = ingest(
        northwind,
        newsml_item(
            guid="urn:northwind:bridge", version_created=PINNED_NOW, credit="Northwind Wire"
        ),
    )

    assert report.duplicates == 1
    original, copy = Article.objects.order_by("id")
    assert copy.duplicate_of == original
    assert not copy.is_published


def test_a_held_source_leaves_new_copy_for_the_desk(meridian):
    meridian.publishing_rule = Source.PublishingRule.HOLD
    meridian.save()

    report = ingest(meridian, newsml_item(version_created=PINNED_NOW))

    assert report.held == 1
    assert Article.objects.get().status == Article.Status.READY


def test_bad_input_is_quarantined_with_its_code_and_the_rest_of_the_batch_goes_in(meridian):
    report = ingest(meridian, b"<newsItem><unclosed>", origin="broken.xml")
    ingest(meridian, newsml_item(version_created=PINNED_NOW))

    quarantined = QuarantinedInput.objects.get()
    assert report.quarantined == 1
    assert quarantined.code == "xml.malformed"
    assert bytes(quarantined.content) == b"<newsItem><unclosed>"
    assert Article.objects.count() == 1


def test_hostile_xml_is_refused_by_name_and_kept(meridian):
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><newsItem>&lol2;</newsItem>'
    )
    report = ingest(meridian, bomb)

    assert report.rejected[0]["code"] in {"xml.entities-forbidden", "xml.dtd-forbidden"}
    assert bytes(QuarantinedInput.objects.get().content) == bomb


def test_script_in_wire_copy_never_reaches_the_page(meridian, client):
    ingest(
        meridian,
        newsml_item(
            version_created=PINNED_NOW,
            headline="Bridge <script>alert(1)</script> Vote",
            body_xml='<p>Hello <img src="x.jpg" onerror="alert(1)"/><a href="javascript:x()">a</a>'
            "<script>alert(2)</script></p>",
        ),
    )
    article = Article.objects.get()
    html = client.get(article.get_absolute_url()).content.decode()

    assert "<script>" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "Hello" in html


def test_a_quarantined_input_can_be_retried_after_a_fix(meridian):
    ingest(meridian, newsml_item(version_created=PINNED_NOW), origin="a.xml")
    quarantined = QuarantinedInput.objects.create(
        source=meridian,
        origin="b.xml",
        content=newsml_item(guid="urn:x:2", version_created=PINNED_NOW, headline="Ferry Resumes"),
        code="parser.failed",
        message="a bug since fixed",
    )

    receipt = retry_quarantined(quarantined=quarantined)

    quarantined.refresh_from_db()
    assert quarantined.resolved
    assert len(receipt.new_items) == 1


def test_a_drop_folder_is_ingested_and_its_files_moved_aside(meridian, tmp_path):
    (tmp_path / "one.xml").write_bytes(newsml_item(version_created=PINNED_NOW))
    (tmp_path / ".partial.xml").write_bytes(b"half")

    report = ingest_drop_folder(source=meridian, folder=tmp_path)

    assert report.ingested == 1
    assert (tmp_path / "processed" / "one.xml").exists()
    assert (tmp_path / ".partial.xml").exists()


def test_the_ingest_command_prints_counts_and_rejections_as_json(meridian, tmp_path, capsys):
    good = tmp_path / "good.xml"
    good.write_bytes(newsml_item(version_created=PINNED_NOW))
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"headline": ')

    call_command(
        "ingest", str(good), str(bad), "--json", "--source", "Meridian Press", "--format", "auto"
    )

    result = json.loads(capsys.readouterr().out)
    assert result["ingested"] == 1
    assert result["quarantined"] == 1
    assert result["rejected"] == [
        {"input": str(bad), "code": "json.malformed", "message": result["rejected"][0]["message"]}
    ]
    assert "JSON" in result["rejected"][0]["message"]


def test_the_ingest_command_names_an_unknown_source(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No source named 'Nowhere Wire'"):
        call_command("ingest", "x.xml", "--source", "Nowhere Wire")


def _feed_with(category: str) -> bytes:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Wire</title><link>https://harbour.example/</link>
<description>Copy</description>
<item><guid isPermaLink="false">harbour-1</guid>
<title>Grain Prices Climb After Harbour Closure</title>
<description>Traders said the closure of the grain berths pushed prices up.</description>
<pubDate>Sun, 29 Nov 2026 14:00:00 GMT</pubDate><category>{category}</category></item>
</channel></rss>""".encode()


@pytest.mark.parametrize("category", ["Business", "business"])
def test_wire_copy_is_placed_by_its_subjects_before_the_sources_default_section(now, category):
    SectionFactory(name="World", slug="world", position=1)
    SectionFactory(name="Business", slug="business", position=2)
    source = SourceFactory(
        name="Harbour Wire", format=Source.Format.RSS, default_section_slug="world"
    )

    ingest(source, _feed_with(category), origin="feed.xml")

    assert Article.objects.get().section.slug == "business"


def test_an_old_iptc_subject_code_places_the_copy_too(now):
    SectionFactory(name="World", slug="world", position=1)
    SectionFactory(name="Sport", slug="sport", position=2)
    source = SourceFactory(name="Meridian Press", format=Source.Format.NINJS)
    document = {
        "uri": "urn:meridian:sport-1",
        "type": "text",
        "headlines": [{"value": "Harbour Rowers Win the Coastal Cup"}],
        "bodies": [
            {
                "contenttype": "text/html",
                "value": "<p>The harbour crew won the coastal cup by two lengths.</p>",
            }
        ],
        "versioncreated": "2026-11-29T14:00:00Z",
        # The old Subject Code for sport; its name is left out, so the code decides.
        "subjects": [{"uri": "http://cv.iptc.org/newscodes/subjectcode/15000000"}],
    }

    ingest(source, json.dumps(document).encode(), origin="item.json")

    assert Article.objects.get().section.slug == "sport"
