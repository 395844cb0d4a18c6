"""One bad character or one empty item costs that item at most: the rest of the batch, the
feed, the drop folder and the push go in, and whatever is left out is counted with its code."""

from __future__ import annotations

import json
import subprocess
import sys
from email.utils import format_datetime

import pytest
from django.core.management import call_command

from dateline.ingest.services import ingest_bytes, ingest_drop_folder
from dateline.newsroom.models import Article
from dateline.wires.models import QuarantinedInput, Source, WireItem
from tests.conftest import PINNED_NOW
from tests.factories import SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(now):
    return SectionFactory(name="World", slug="world", position=1)


def ninjs_story(uri: str, headline: str, body: str = "The council met on Sunday.") -> dict:
    return {
        "uri": uri,
        "type": "text",
        "version": "1",
        "versionCreated": "2026-11-29T15:10:00Z",
        "pubStatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": headline}],
        "bodies": [{"contentType": "text/plain", "value": body}],
    }


def ninjs_batch_with(poison: str) -> bytes:
    """A batch of two stories; the second headline carries `poison` as a JSON escape."""
    good = json.dumps(ninjs_story("urn:test:good", "Council Approves Tram Line"))
    bad = json.dumps(ninjs_story("urn:test:bad", "Harbour Reopens MARK"))
    return f"[{good}, {bad.replace('MARK', poison)}]".encode()


def rss_feed(entries: list[tuple[str, str]]) -> bytes:
    items = "".join(
        f'<item><guid isPermaLink="false">{guid}</guid><title>{title}</title>'
        f"<description>Copy of {guid}.</description>"
        f"<pubDate>{format_datetime(PINNED_NOW)}</pubDate></item>"
        for guid, title in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        f"<link>https://wire.example/</link><description>d</description>{items}"
        "</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    "poison", ["\\ud800", "\\udfff", "\\u0000", "\\ufffe", "\\uffff", "\\ufdd0", "\\u0007"]
)
def test_an_invalid_code_point_in_a_ninjs_headline_is_removed_and_the_batch_goes_in(world, poison):
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)

    report = ingest_bytes(source=source, content=ninjs_batch_with(poison), origin="b.json")

    assert (report.ingested, report.quarantined) == (2, 0)
    headlines = sorted(Article.objects.values_list("headline", flat=True))
    assert headlines == ["Council Approves Tram Line", "Harbour Reopens"]
    stored = WireItem.objects.get(agency_id="urn:test:bad")
    assert stored.parsed["headline"] == "Harbour Reopens"


def test_a_nul_in_a_ninjs_body_never_reaches_the_database(world):
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    document = json.dumps(ninjs_story("urn:test:nul", "Ferry Resumes", "Sail\u0000ings resume."))

    report = ingest_bytes(source=source, content=document.encode(), origin="nul.json")

    assert report.ingested == 1
    assert "Sailings resume." in Article.objects.get().body


@pytest.mark.parametrize("reference", ["&#0;", "&#xD800;", "&#xdfff;", "&#xFFFE;", "&#1;"])
def test_an_invalid_character_reference_in_one_rss_entry_loses_nothing(world, reference):
    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    feed = rss_feed([("a", "Tram Line Opens"), ("b", f"Bridge{reference} Closes"), ("c", "Rain")])

    report = ingest_bytes(source=source, content=feed, origin="feed.xml")

    assert (report.ingested, report.quarantined) == (3, 0)
    assert sorted(Article.objects.values_list("headline", flat=True)) == [
        "Bridge Closes",
        "Rain",
        "Tram Line Opens",
    ]


def test_a_push_with_a_lone_surrogate_answers_200_and_keeps_the_good_item(client, world):
    from dateline.api.services import issue_source_token

    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    _, token = issue_source_token(source=source, name="CMS")

    response = client.post(
        "/api/push",
        data=ninjs_batch_with("\\ud800"),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )

    assert response.status_code == 200
    assert response.json()["ingested"] == 2


def test_a_poisoned_file_never_blocks_the_later_files_of_a_drop_folder(world, tmp_path):
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    poisoned = tmp_path / "01-poisoned.json"
    poisoned.write_bytes(ninjs_batch_with("\\ud800"))
    later = tmp_path / "02-later.json"
    later.write_text(json.dumps(ninjs_story("urn:test:later", "Library Extends Hours")))

    report = ingest_drop_folder(source=source, folder=tmp_path)

    assert report.ingested == 3
    assert not poisoned.exists()
    assert not later.exists()
    assert (tmp_path / "processed" / "02-later.json").exists()


def test_dateline_ingest_never_tracebacks_on_a_lone_surrogate(world, tmp_path, capsys):
    path = tmp_path / "batch.json"
    path.write_bytes(ninjs_batch_with("\\ud800"))
    SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)

    call_command("ingest", str(path), "--source", "Harbour Wire", "--json")

    report = json.loads(capsys.readouterr().out)
    assert (report["ingested"], report["quarantined"]) == (2, 0)


def test_an_item_with_no_headline_and_no_body_is_quarantined_as_empty(world):
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    empty = {"uri": "urn:test:empty", "type": "text", "version": "1", "headlines": []}
    batch = json.dumps([ninjs_story("urn:test:good", "Council Approves Tram Line"), empty])

    report = ingest_bytes(source=source, content=batch.encode(), origin="b.json")

    assert (report.ingested, report.quarantined) == (1, 1)
    assert report.rejected[0]["code"] == "item.empty"
    assert QuarantinedInput.objects.get().code == "item.empty"
    assert not Article.objects.filter(headline="(no headline)").exists()


def test_an_rss_entry_with_only_a_link_is_quarantined_as_empty(world):
    source = SourceFactory(name="Lakeside Wire", format=Source.Format.RSS)
    feed = rss_feed([("a", "Tram Line Opens")]).replace(
        b"</channel>", b"<item><link>https://wire.example/x</link></item></channel>"
    )

    report = ingest_bytes(source=source, content=feed, origin="feed.xml")

    assert (report.ingested, report.quarantined) == (1, 1)
    assert report.rejected[0]["code"] == "item.empty"
    assert Article.objects.count() == 1


def test_a_cancel_with_no_headline_is_not_empty(world):
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    ingest_bytes(
        source=source,
        content=json.dumps(ninjs_story("urn:test:k", "Dam Opens")).encode(),
        origin="a.json",
    )
    cancel = {"uri": "urn:test:k", "type": "text", "version": "2", "pubStatus": "canceled"}

    report = ingest_bytes(source=source, content=json.dumps(cancel).encode(), origin="b.json")

    assert (report.killed, report.quarantined) == (1, 0)


def test_skipped_and_empty_entries_are_counted_with_their_codes_in_ingest_json(
    world, tmp_path, capsys
):
    feed = rss_feed([("a", "Tram Line Opens")]).replace(
        b"</channel>",
        b"<item><description></description></item>"
        b"<item><link>https://wire.example/x</link></item></channel>",
    )
    path = tmp_path / "feed.xml"
    path.write_bytes(feed)

    call_command("ingest", str(path), "--format", "rss", "--json")

    report = json.loads(capsys.readouterr().out)
    assert (report["ingested"], report["quarantined"], report["skipped"]) == (1, 1, 1)
    assert report["skipped_codes"] == {"rss.item-empty": 1}
    assert [r["code"] for r in report["rejected"]] == ["item.empty"]


def test_the_ingest_command_in_a_real_process_prints_json_for_a_poisoned_file(tmp_path):
    """A separate process, as an operator runs it: exit 0, one JSON object, no traceback."""
    path = tmp_path / "batch.json"
    path.write_bytes(ninjs_batch_with("\\ud800"))
    database = tmp_path / "db.sqlite3"
    env = {
        "DATABASE_URL": f"sqlite:///{database}",
        "DATELINE_VAR_DIR": str(tmp_path / "var"),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PATH": "/usr/bin:/bin",
    }
    run = [sys.executable, "-m", "dateline"]
    subprocess.run([*run, "migrate", "--noinput"], env=env, check=True, capture_output=True)

    result = subprocess.run(
        [*run, "ingest", str(path), "--format", "ninjs", "--json"],
        env=env,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(result.stdout)["ingested"] == 2


@pytest.mark.parametrize("urgency", [-5, 0, 40000])
def test_an_urgency_outside_1_to_9_is_dropped_and_the_item_kept(world, urgency):
    """ninjs 1.x types urgency as any number; the database keeps a small positive one."""
    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    document = {"uri": "urn:test:urgent", "headline": "Dam Opens", "urgency": urgency}

    report = ingest_bytes(source=source, content=json.dumps(document).encode(), origin="u.json")

    assert (report.ingested, report.unchanged, report.quarantined) == (1, 0, 0)
    assert WireItem.objects.get().urgency is None


def test_an_input_that_fails_for_any_other_reason_is_quarantined_whole_and_the_next_goes_in(
    world, monkeypatch
):
    """A fault in a later step (here a near-duplicate finder that breaks on one input)
    rolls that input back, keeps its bytes as `ingest.failed`, and the report counts only
    what is stored."""
    from dateline.ingest import wire_copy

    source = SourceFactory(name="Harbour Wire", format=Source.Format.NINJS)
    poisoned = json.dumps(ninjs_story("urn:test:boom", "Finder Breaks Here")).encode()

    def breaks_on_one(asked: dict[int, str]) -> dict[int, int]:
        if WireItem.objects.filter(pk__in=asked, headline="Finder Breaks Here").exists():
            raise RuntimeError("finder fault")
        return {}

    monkeypatch.setattr(wire_copy, "find_near_duplicates", breaks_on_one)
    report = ingest_bytes(source=source, content=poisoned, origin="boom.json")
    ingest_bytes(
        source=source,
        content=json.dumps(ninjs_story("urn:test:next", "Tram Line Opens")).encode(),
        origin="next.json",
        report=report,
    )

    assert (report.ingested, report.quarantined) == (1, 1)
    assert [r["code"] for r in report.rejected] == ["ingest.failed"]
    quarantined = QuarantinedInput.objects.get()
    assert bytes(quarantined.content) == poisoned
    assert list(Article.objects.values_list("headline", flat=True)) == ["Tram Line Opens"]
    assert not WireItem.objects.filter(agency_id="urn:test:boom").exists()
