"""Drop folders lie under one configured root, and no symlink in them is followed."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.test import override_settings

from dateline.ingest.services import ingest_drop_folder, poll_source
from dateline.newsroom.models import Article
from dateline.wires.models import QuarantinedInput, RawInput, Source
from tests.factories import SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def story(uri: str, headline: str) -> str:
    return json.dumps(
        {
            "uri": uri,
            "type": "text",
            "versionCreated": "2026-11-29T15:10:00Z",
            "headlines": [{"role": "main", "value": headline}],
            "bodies": [{"contentType": "text/plain", "value": "The mayor spoke on Sunday."}],
        }
    )


@pytest.fixture
def root(tmp_path, now):
    SectionFactory(name="World", slug="world", position=1)
    folder = tmp_path / "drop"
    folder.mkdir()
    with override_settings(DATELINE_DROP_ROOT=folder):
        yield folder


def drop_source(location) -> Source:
    return SourceFactory(name="Valley Wire", format=Source.Format.NINJS, location=str(location))


def test_a_drop_folder_under_the_root_is_ingested(root):
    folder = root / "valley"
    folder.mkdir()
    (folder / "a.json").write_text(story("urn:a", "Library Opens Late"))

    report = poll_source(source=drop_source(folder))

    assert report.ingested == 1


@pytest.mark.parametrize("where", ["outside", "dotdot", "linked"])
def test_a_drop_folder_outside_the_root_is_refused(root, tmp_path, where):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.json").write_text(story("urn:a", "Library Opens Late"))
    location = {
        "outside": outside,
        "dotdot": root / ".." / "outside",
        "linked": root / "linked",
    }[where]
    if where == "linked":
        location.symlink_to(outside, target_is_directory=True)
    source = drop_source(location)

    poll_source(source=source)

    source.refresh_from_db()
    assert source.last_error.startswith("source.location")
    assert not Article.objects.exists()
    assert (outside / "a.json").exists()


def test_a_symlinked_file_is_refused_and_its_target_never_read(root, tmp_path):
    folder = root / "valley"
    folder.mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text(story("urn:secret", "Private Notes Of The Newsroom"))
    (folder / "01-link.json").symlink_to(secret)
    (folder / "02-real.json").write_text(story("urn:real", "Ferry Resumes Sailings"))

    report = ingest_drop_folder(source=drop_source(folder), folder=folder)

    assert report.ingested == 1
    assert [r["code"] for r in report.rejected] == ["input.symlink"]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Ferry Resumes Sailings"]
    secret_bytes = secret.read_bytes()
    assert not any(bytes(r.content) == secret_bytes for r in RawInput.objects.all())
    quarantined = QuarantinedInput.objects.get()
    assert (quarantined.code, bytes(quarantined.content)) == ("input.symlink", b"")
    assert secret.exists()
    assert not (folder / "01-link.json").is_symlink()  # moved aside, not tried again


def test_the_desk_refuses_a_drop_folder_outside_the_root(root, tmp_path):
    from dateline.desk.admin.wires import SourceForm

    (root / "valley").mkdir()
    data = {
        "name": "Valley Wire",
        "slug": "valley-wire",
        "kind": "agency",
        "format": "ninjs",
        "poll_interval": "00:01:00",
        "language": "en",
        "publishing_rule": "auto-publish",
        "indexing_policy": "index",
    }

    assert SourceForm(data={**data, "location": str(root / "valley")}).is_valid()
    refused = SourceForm(data={**data, "location": str(tmp_path)})
    assert not refused.is_valid()
    assert "location" in refused.errors


def test_dateline_ingest_refuses_a_link_in_a_folder_and_reads_the_rest(root, tmp_path, capsys):
    folder = tmp_path / "delivered"
    folder.mkdir()
    secret = tmp_path / "secret.json"
    secret.write_text(story("urn:secret", "Private Notes Of The Newsroom"))
    (folder / "01-link.json").symlink_to(secret)
    (folder / "02-real.json").write_text(story("urn:real", "Ferry Resumes Sailings"))

    with pytest.raises(SystemExit):  # exit 1: an input could not be read
        call_command("ingest", str(folder), "--format", "ninjs", "--json")

    report = json.loads(capsys.readouterr().out)
    assert report["ingested"] == 1
    assert [r["code"] for r in report["rejected"]] == ["input.symlink"]
    assert list(Article.objects.values_list("headline", flat=True)) == ["Ferry Resumes Sailings"]


def test_items_a_poll_skips_are_counted_by_code_on_the_source_and_in_the_desk(root, client):
    """Nothing read is lost without a word: what a fetch skipped shows on its source."""
    from tests.desk.conftest import desk_user

    folder = root / "valley"
    folder.mkdir()
    source = SourceFactory(name="Valley Feed", format=Source.Format.RSS, location=str(folder))
    (folder / "feed.xml").write_bytes(
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley</title>'
        b'<item><guid isPermaLink="false">v-1</guid><title>Ferry Timetable Changes</title>'
        b"<description>The ferry leaves earlier from Monday.</description></item>"
        b"<item><description></description></item></channel></rss>"
    )

    report = poll_source(source=source)

    source.refresh_from_db()
    assert (report.ingested, report.skipped) == (1, 1)
    assert source.last_skipped == {"rss.item-empty": 1}
    client.force_login(desk_user("admin"))
    listing = client.get("/desk/wires/source/").content.decode()
    assert "skipped at the last fetch: 1 rss.item-empty" in listing
