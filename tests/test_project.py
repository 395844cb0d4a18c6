"""The project's promises outside any one app: settings, the README, the database in use."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from config.env import OPTIONS

ROOT = Path(__file__).resolve().parent.parent


def test_the_readme_documents_every_setting_with_its_default():
    readme = (ROOT / "README.md").read_text()
    documented = dict(re.findall(r"^\| `([A-Z_]+)` \| (.+?) \|", readme, flags=re.MULTILINE))

    assert set(documented) == {option.env for option in OPTIONS}
    for option in OPTIONS:
        expected = f"`{option.default}`" if option.default else "(empty)"
        assert documented[option.env] == expected, option.env


def test_the_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text()

    assert "make run" in readme
    assert "make test" in readme


@pytest.mark.django_db
def test_the_suite_runs_on_the_database_that_database_url_names():
    url = os.environ.get("DATABASE_URL", "sqlite://")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"

    assert connection.vendor == expected


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode():
    if connection.vendor != "sqlite":
        assert connection.vendor == "postgresql"  # the other run; nothing to check here
        return
    options = settings.DATABASES["default"]["OPTIONS"]
    assert "journal_mode=WAL" in options["init_command"]


def test_the_cache_is_redis_when_redis_url_is_set():
    cache.set("dateline-test-roundtrip", {"headline": "Kyiv"}, 30)

    assert cache.get("dateline-test-roundtrip") == {"headline": "Kyiv"}
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        assert backend == "django.core.cache.backends.redis.RedisCache"
    else:
        assert backend == "dateline.pages.filecache.SharedFileCache"


def python_with_test_settings(*args: str) -> subprocess.CompletedProcess:
    """Another Python process of the project, on the test run's settings (and cache)."""
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        check=False,
    )


def test_a_change_made_in_another_process_invalidates_this_ones_pages():
    """The ingest worker and the web workers are separate processes: a tag bumped by one
    must move the version every other one reads, on either cache."""
    from dateline.pages import store

    before = store.versions({"home", "section:world"})
    result = python_with_test_settings(
        "-c",
        "import django; django.setup(); from dateline.pages import store; store.bump({'home'})",
    )

    assert result.returncode == 0, result.stderr
    after = store.versions({"home", "section:world"})
    # Versions come in tag order: "home", then "section:world".
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_the_dateline_command_is_django_manage_with_our_commands():
    result = python_with_test_settings("-m", "dateline", "help", "load_demo")

    assert result.returncode == 0, result.stderr
    assert "--dry-run" in result.stdout


def test_the_var_dir_holds_the_sqlite_file_when_no_database_url_is_set(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(DATELINE_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="config.settings.local")
    code = "from django.conf import settings; print(settings.DATABASES['default']['NAME'])"

    result = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "dateline.sqlite3")
