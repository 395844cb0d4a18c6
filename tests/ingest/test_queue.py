"""The queue's upkeep as the desk, /healthz and the repair sweep see it, and the work of an
input queued in the input's own transaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from dateline.ingest import queue
from dateline.ingest.models import WorkerHeartbeat
from dateline.ingest.repair import articles_needing_work
from dateline.search.models import SearchDocument
from dateline.stories.models import StoryMember
from dateline.topics.models import ArticleTopic
from tests.conftest import PINNED_NOW
from tests.desk.conftest import desk_user
from tests.factories import ArticleFactory
from tests.ingest.slow_tasks import slow_note_task

pytestmark = pytest.mark.django_db


def queued(task=slow_note_task, *args):
    return DatabaseBackend("default", {"QUEUES": []}).enqueue(task, list(args or ["/x", 0]), {})


def test_healthz_is_ready_only_with_a_fresh_heartbeat(client):
    nobody = client.get("/healthz")
    assert nobody.status_code == 503
    assert nobody.json()["problem"] == "no worker heartbeat"

    queue.beat(worker_id="w1")
    queued()
    ready = client.get("/healthz")
    assert ready.status_code == 200
    body = ready.json()
    assert body["ok"] is True
    assert body["database"] == "ok"
    assert body["queue_depth"] == 1
    assert body["worker_seen_seconds"] < 5
    assert "no-cache" in ready["Cache-Control"] or "max-age=0" in ready["Cache-Control"]

    WorkerHeartbeat.objects.update(seen_at=timezone.now() - timedelta(minutes=5))
    silent = client.get("/healthz")
    assert silent.status_code == 503
    assert silent.json()["problem"] == "worker silent"


def test_the_desk_shows_the_worker_and_the_queue_and_retries_a_failed_task(client):
    queue.beat(worker_id="w1", now=timezone.now() - timedelta(seconds=3))
    waiting = queued()
    failed = queued()
    DBTaskResult.objects.filter(pk=failed.id).update(
        status="FAILED",
        worker_ids=["a", "b", "c", "d", "e"],
        finished_at=timezone.now(),
        exception_class_path="builtins.ValueError",
        traceback="Traceback (most recent call last):\nValueError: the feed said no\n",
    )
    client.force_login(desk_user("editor"))

    index = client.get(reverse("admin:index")).content.decode()
    assert "Worker seen 3 s ago" in index
    assert "1 task waiting" in index
    assert "1 failed task" in index

    tasks = client.get(reverse("admin:desk-tasks")).content.decode()
    assert "ValueError: the feed said no" in tasks
    assert "slow_note_task" in tasks

    response = client.post(reverse("admin:desk-task-retry", args=[failed.id]))
    assert response.status_code == 302
    row = DBTaskResult.objects.get(pk=failed.id)
    assert row.status == "READY"
    assert row.worker_ids == []
    assert DBTaskResult.objects.get(pk=waiting.id).status == "READY"


def test_a_failed_task_waits_longer_after_each_attempt_then_stays_failed():
    result = queued()
    now = timezone.now()
    waits = []
    for attempt in range(1, queue.MAX_ATTEMPTS + 1):
        DBTaskResult.objects.filter(pk=result.id).update(
            status="FAILED", worker_ids=[f"w{n}" for n in range(attempt)]
        )
        again = queue.retry_later(task_id=result.id, now=now)
        row = DBTaskResult.objects.get(pk=result.id)
        if again:
            waits.append((row.run_after - now).total_seconds())
    assert waits == [2, 4, 8, 16]
    assert row.status == "FAILED"


def test_a_running_task_is_taken_back_only_when_its_worker_stopped_beating():
    now = timezone.now()
    lease = queue.lease()
    mine, lost = queued(), queued()
    for result, worker in ((mine, "alive"), (lost, "gone")):
        DBTaskResult.objects.filter(pk=result.id).update(
            status="RUNNING", worker_ids=[worker], started_at=now - lease * 2
        )
    queue.beat(worker_id="alive", task_id=str(mine.id), now=now)
    queue.beat(worker_id="gone", task_id=str(lost.id), now=now - lease * 2)

    assert queue.reclaim_abandoned_tasks(now=now) == 1
    assert DBTaskResult.objects.get(pk=mine.id).status == "RUNNING"
    taken_back = DBTaskResult.objects.get(pk=lost.id)
    assert taken_back.status == "READY"
    assert "stopped beating" in taken_back.traceback


def test_the_repair_sweep_finds_live_articles_missing_their_work():
    done = ArticleFactory(published=True)
    bare = ArticleFactory(published=True)
    ArticleFactory(published=False)  # not live: not the sweep's business
    for article in (done,):
        SearchDocument.objects.filter(article=article).delete()
    from dateline.search.services import index_articles
    from dateline.stories.models import Story
    from dateline.topics.models import Topic

    index_articles(article_ids=[done.pk])
    topic = Topic.objects.create(name="Harbours", slug="harbours", kind="subject")
    ArticleTopic.objects.create(article=done, topic=topic)
    StoryMember.objects.create(story=Story.objects.create(), article=done)
    SearchDocument.objects.filter(article=bare).delete()
    ArticleTopic.objects.filter(article=bare).delete()
    StoryMember.objects.filter(article=bare).delete()

    found = articles_needing_work()
    assert (found.unindexed, found.untagged, found.ungrouped) == ([bare.pk], [bare.pk], [bare.pk])


@pytest.mark.django_db(transaction=True)
def test_an_inputs_work_is_queued_inside_its_transaction(settings, now):
    """The tasks are rows written before the commit, not hooks run after it: a process that
    dies between the commit and its hooks still leaves them queued."""
    from dateline.ingest.services import ingest_bytes
    from tests.factories import SectionFactory, SourceFactory
    from tests.wires.copy import newsml_item

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
    SectionFactory(slug="world", name="World")
    source = SourceFactory()
    with transaction.atomic():
        ingest_bytes(source=source, content=newsml_item(version_created=PINNED_NOW), origin="a")
        # Still inside: no commit, so no after-commit hook has run.
        queued_paths = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert "dateline.stories.tasks.assign_stories_task" in queued_paths
