"""Real processes for the tests that kill them or lock the database under them: the
`dateline` command on the test database, with the database queue (not the in-test one)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url() -> str:
    """The URL of the database this test runs on, for processes it starts."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = quote(settings["USER"] or "")
    password = f":{quote(settings['PASSWORD'])}" if settings.get("PASSWORD") else ""
    host = settings["HOST"] or "127.0.0.1"
    port = settings["PORT"] or 5432
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


def environment(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": database_url(),
        "DATELINE_TEST_QUEUE": "database",
        "DATELINE_RECOGNISER": "none",
        "PYTHONUNBUFFERED": "1",
        **extra,
    }


def start(*args: str, log: Path, **extra: str) -> subprocess.Popen:
    """`dateline ARGS` in the background, its output in `log`."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "dateline", *args],
            cwd=ROOT,
            env=environment(**extra),
            stdout=out,
            stderr=subprocess.STDOUT,
        )


def run(*args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dateline", *args],
        cwd=ROOT,
        env=environment(**extra),
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


def wait_for(condition, *, timeout: float = 90.0, every: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"Timed out after {timeout:.0f} s waiting for {what}")


def stop(process: subprocess.Popen, *, timeout: float = 30.0) -> int:
    """SIGTERM, as a supervisor stops a worker; returns its exit code."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


def hold_sqlite_write_lock(path: str, seconds: float) -> subprocess.Popen:
    """Another process that takes SQLite's write lock and keeps it for `seconds`; returns
    once the lock is held."""
    code = (
        "import sqlite3, sys, time\n"
        "db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=60)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('locked', flush=True)\n"
        "time.sleep(float(sys.argv[2]))\n"
        "db.execute('ROLLBACK')\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, path, str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder
