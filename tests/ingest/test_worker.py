"""The worker's scheduler: due sources become tasks, time-released articles are announced."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dateline.ingest.worker import schedule_once
from dateline.newsroom import events
from dateline.newsroom.services import announce_arrived_articles
from dateline.wires.models import RawInput
from dateline.wires.services import prune_raw_inputs
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, SourceFactory
from tests.wires.copy import newsml_item

pytestmark = pytest.mark.django_db


def test_a_due_source_is_polled_once_per_turn_through_a_task(now, tmp_path):
    # Tests run tasks at once (ImmediateBackend); the worker runs them from the database.
    (tmp_path / "item.xml").write_bytes(newsml_item(version_created=PINNED_NOW))
    source = SourceFactory(location=str(tmp_path), next_poll_at=PINNED_NOW)

    assert schedule_once(since=PINNED_NOW - timedelta(seconds=1), now=PINNED_NOW) == 1
    assert schedule_once(since=PINNED_NOW - timedelta(seconds=1), now=PINNED_NOW) == 0

    source.refresh_from_db()
    assert source.last_polled_at == PINNED_NOW
    assert source.next_poll_at == PINNED_NOW + source.poll_interval
    assert RawInput.objects.count() == 1


def test_articles_whose_embargo_lifts_are_announced_once(now, django_capture_on_commit_callbacks):
    seen = []
    events.article_changed.connect(
        lambda sender, changes, **kw: seen.extend(changes), dispatch_uid="t", weak=False
    )
    try:
        lifted = ArticleFactory(published=True, embargo_until=PINNED_NOW - timedelta(seconds=30))
        ArticleFactory(published=True, embargo_until=PINNED_NOW + timedelta(hours=1))

        with django_capture_on_commit_callbacks(execute=True):
            announce_arrived_articles(since=PINNED_NOW - timedelta(minutes=1), until=PINNED_NOW)
            announce_arrived_articles(since=PINNED_NOW, until=PINNED_NOW + timedelta(minutes=1))
    finally:
        events.article_changed.disconnect(dispatch_uid="t")

    # (Tagging follows with its own "topics" event; only the arrivals count here.)
    arrivals = [change.article_id for change in seen if events.PUBLISHED in change.what]
    assert arrivals == [lifted.id]


def test_raw_input_is_kept_for_its_time_then_dropped(now):
    RawInput.objects.create(
        origin="old.xml",
        content=b"x",
        sha256="0",
        size=1,
        received_at=timezone.now() - timedelta(days=40),
    )
    RawInput.objects.create(origin="new.xml", content=b"x", sha256="1", size=1)

    assert prune_raw_inputs(older_than=timedelta(days=30)) == 1
    assert list(RawInput.objects.values_list("origin", flat=True)) == ["new.xml"]


def test_a_file_another_poll_took_first_is_not_a_failure(now, tmp_path, monkeypatch):
    from dateline.ingest import services

    (tmp_path / "item.xml").write_bytes(newsml_item(version_created=PINNED_NOW))
    source = SourceFactory(location=str(tmp_path), next_poll_at=PINNED_NOW)
    listed = services.files_in_drop_folder(tmp_path)
    (tmp_path / "item.xml").unlink()  # a second poll of the folder moved it meanwhile
    monkeypatch.setattr(services, "files_in_drop_folder", lambda folder: listed)

    services.poll_source(source=source, now=PINNED_NOW)

    source.refresh_from_db()
    assert source.failure_count == 0
    assert source.last_error == ""
