"""The worker's scheduler: due sources become tasks, time-released articles are announced."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from dateline.newsroom import events
from dateline.newsroom.management.commands.worker import schedule_once
from dateline.newsroom.services import announce_arrived_articles
from dateline.wires.models import RawInput
from dateline.wires.services import prune_raw_inputs
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, SourceFactory

pytestmark = pytest.mark.django_db


def test_a_due_source_becomes_one_poll_task_even_when_two_schedulers_tick(now):
    SourceFactory(location="https://wire.example/feed", next_poll_at=PINNED_NOW)

    schedule_once(since=PINNED_NOW - timedelta(seconds=1), now=PINNED_NOW)
    schedule_once(since=PINNED_NOW - timedelta(seconds=1), now=PINNED_NOW)

    assert DBTaskResult.objects.count() == 1


def test_articles_whose_embargo_lifts_are_announced_once(now, django_capture_on_commit_callbacks):
    seen = []
    events.article_changed.connect(
        lambda sender, change, **kw: seen.append(change), dispatch_uid="t", weak=False
    )
    try:
        lifted = ArticleFactory(published=True, embargo_until=PINNED_NOW - timedelta(seconds=30))
        ArticleFactory(published=True, embargo_until=PINNED_NOW + timedelta(hours=1))

        with django_capture_on_commit_callbacks(execute=True):
            announce_arrived_articles(since=PINNED_NOW - timedelta(minutes=1), until=PINNED_NOW)
            announce_arrived_articles(since=PINNED_NOW, until=PINNED_NOW + timedelta(minutes=1))
    finally:
        events.article_changed.disconnect(dispatch_uid="t")

    assert [change.article_id for change in seen] == [lifted.id]


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
