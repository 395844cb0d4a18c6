"""The worker as a real process: killed with kill -9 mid-task, starved of the database by
another process's lock or by cut connections. Tasks still finish; the worker stays up."""

from __future__ import annotations

import json
import time

import pytest
from django.db import connection
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from dateline.ingest.models import WorkerHeartbeat
from tests import processes
from tests.conftest import PINNED_NOW
from tests.ingest.slow_tasks import slow_note_task
from tests.wires.copy import newsml_item

pytestmark = pytest.mark.django_db(transaction=True)

WORKER = ("worker", "--no-scheduler", "--no-repair", "--interval", "0.1")


def queue_in_database(task, *args):
    """Enqueue on the database queue the worker processes read (the tests' own backend
    runs tasks in-process)."""
    return DatabaseBackend("default", {"QUEUES": []}).enqueue(task, list(args), {})


def status_of(result) -> str:
    return DBTaskResult.objects.get(pk=result.id).status


def a_worker_beats():
    return WorkerHeartbeat.objects.exists()


def test_a_task_whose_worker_was_killed_is_run_again_by_the_next_worker(tmp_path):
    result = queue_in_database(slow_note_task, str(tmp_path), 3.0)
    lease = {"DATELINE_WORKER_LEASE": "3"}
    first = processes.start(*WORKER, log=tmp_path / "first.log", **lease)
    try:
        processes.wait_for((tmp_path / "started").exists, what="the task to start")
    finally:
        first.kill()  # kill -9: no chance to record anything
        first.wait()
    assert status_of(result) == "RUNNING"
    assert not (tmp_path / "done").exists()

    second = processes.start(*WORKER, log=tmp_path / "second.log", **lease)
    try:
        processes.wait_for(
            lambda: status_of(result) == "SUCCESSFUL", timeout=120, what="the task to finish"
        )
    finally:
        code = processes.stop(second)

    assert code == 0, (tmp_path / "second.log").read_text()
    assert (tmp_path / "started").read_text().count("run") == 2
    assert (tmp_path / "done").read_text() == "done"
    assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 2


def test_a_failing_task_is_retried_with_backoff_then_left_failed_for_the_desk(tmp_path):
    # A folder that cannot be written: every run fails the same way.
    result = queue_in_database(slow_note_task, str(tmp_path / "missing" / "folder"), 0.0)
    worker = processes.start(*WORKER, log=tmp_path / "worker.log")
    try:
        processes.wait_for(
            lambda: (
                status_of(result) == "FAILED"
                and len(DBTaskResult.objects.get(pk=result.id).worker_ids) >= 2
            ),
            timeout=60,
            what="a second attempt",
        )
        row = DBTaskResult.objects.get(pk=result.id)
        assert row.status == "FAILED" or row.run_after > row.enqueued_at
    finally:
        assert processes.stop(worker) == 0
    assert "FileNotFoundError" in DBTaskResult.objects.get(pk=result.id).traceback


@pytest.mark.database("sqlite")
def test_the_worker_outlives_a_write_lock_held_longer_than_its_busy_timeout(tmp_path):
    worker = processes.start(*WORKER, log=tmp_path / "worker.log", DATELINE_SQLITE_TIMEOUT="0.3")
    try:
        processes.wait_for(a_worker_beats, what="the first heartbeat")
        holder = processes.hold_sqlite_write_lock(connection.settings_dict["NAME"], 4)
        holder.wait()
        assert worker.poll() is None, (tmp_path / "worker.log").read_text()
        result = queue_in_database(slow_note_task, str(tmp_path), 0.0)
        processes.wait_for(lambda: status_of(result) == "SUCCESSFUL", what="the task to run")
        assert worker.poll() is None
    finally:
        code = processes.stop(worker)
    log = (tmp_path / "worker.log").read_text()
    assert code == 0, log
    assert "locked" in log  # it met the lock, and waited it out
    assert "Traceback" not in log


CUT_WORKER = "dateline-test-worker-cut"


@pytest.mark.database("postgresql")
def test_the_worker_outlives_its_database_connections_being_cut(tmp_path):
    # Named by libpq's PGAPPNAME, so that only the worker's connections are cut, never
    # those this test process keeps for later tests (the live server's).
    worker = processes.start(*WORKER, log=tmp_path / "worker.log", PGAPPNAME=CUT_WORKER)
    try:
        processes.wait_for(a_worker_beats, what="the first heartbeat")
        cut = 0
        for _ in range(4):
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND application_name = %s",
                    [CUT_WORKER],
                )
                cut += sum(1 for (done,) in cursor.fetchall() if done)
            time.sleep(0.7)
        assert cut >= 2  # the worker's connections were cut, and it came back to be cut again
        result = queue_in_database(slow_note_task, str(tmp_path), 0.0)
        processes.wait_for(lambda: status_of(result) == "SUCCESSFUL", what="the task to run")
        assert worker.poll() is None
    finally:
        code = processes.stop(worker)
    assert code == 0, (tmp_path / "worker.log").read_text()


@pytest.mark.database("sqlite")
def test_system_checks_pass_while_another_process_holds_the_write_lock():
    holder = processes.hold_sqlite_write_lock(connection.settings_dict["NAME"], 6)
    try:
        checked = processes.run("check", "--database", "default", DATELINE_SQLITE_TIMEOUT="1")
    finally:
        holder.kill()
        holder.wait()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "E180" not in checked.stdout + checked.stderr


def test_a_second_ingest_waits_for_another_writer_then_goes_in(tmp_path):
    item = tmp_path / "item.xml"
    item.write_bytes(newsml_item(version_created=PINNED_NOW))
    holder = None
    if connection.vendor == "sqlite":
        holder = processes.hold_sqlite_write_lock(connection.settings_dict["NAME"], 3)
    try:
        ingested = processes.run("ingest", str(item), "--json")
    finally:
        if holder is not None:
            holder.wait()
    assert ingested.returncode == 0, ingested.stdout + ingested.stderr
    assert json.loads(ingested.stdout)["ingested"] == 1
