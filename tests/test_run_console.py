"""`make run`'s console: quiet enough to read, and it says where to go once the site answers."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_console_says_where_to_go_after_the_site_answers_and_logs_requests_to_a_file(
    tmp_path,
):
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATELINE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATELINE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/dateline.sqlite3",
        "REDIS_URL": "",
        "DEBUG": "true",  # static files from the apps' folders, without collectstatic
        "DATELINE_RECOGNISER": "none",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "DEMO_WIRE_PORT": str(free_port()),
        "DEMO_WIRE_INTERVAL": "3600",
    }
    migrate = subprocess.run(
        [sys.executable, "-m", "dateline", "migrate", "--noinput"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert migrate.returncode == 0, migrate.stderr
    run = subprocess.Popen(
        ["scripts/run-site"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    console = []
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = run.stdout.readline()
            if not line:
                break
            console.append(line)
            if "dateline is ready" in line:
                break
        assert any("dateline is ready" in line for line in console), "".join(console)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            assert answer.status == 200
        with pytest.raises(urllib.error.HTTPError, match="404"):
            urllib.request.urlopen(f"http://127.0.0.1:{port}/section/none/", timeout=10)
    finally:
        os.killpg(run.pid, signal.SIGTERM)
        run.wait(timeout=30)
        console.append(run.stdout.read())  # what the pipe still holds, after the buffer's
    output = "".join(console)

    ready = next(line for line in console if "dateline is ready" in line)
    assert f"open http://127.0.0.1:{port}/" in ready
    assert "createsuperuser" in output
    assert f"http://127.0.0.1:{port}/desk/" in output
    assert '"GET / HTTP/1.1" 200' not in output
    access_log = (tmp_path / "access.log").read_text()
    assert '"GET / HTTP/1.1" 200' in access_log
    assert '"GET /section/none/ HTTP/1.1" 404' in access_log
