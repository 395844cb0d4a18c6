"""The shared file cache keeps Django's cache promises across processes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from dateline.pages import filecache
from dateline.pages.filecache import SharedFileCache


@pytest.fixture
def shared(tmp_path):
    return SharedFileCache(tmp_path, {"OPTIONS": {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2}})


def test_values_come_back_until_they_expire(shared, monkeypatch):
    shared.set("page", {"html": "<p>Kept</p>"}, 60)
    shared.set("forever", b"bytes", None)
    assert shared.get("page") == {"html": "<p>Kept</p>"}
    assert shared.has_key("forever")
    assert shared.get("missing", "default") == "default"

    later = filecache.time.time() + 61
    monkeypatch.setattr(filecache.time, "time", lambda: later)
    assert shared.get("page") is None
    assert shared.get("forever") == b"bytes"


def test_add_succeeds_once_and_again_after_expiry(shared, monkeypatch):
    assert shared.add("lock", 1, 30) is True
    assert shared.add("lock", 2, 30) is False
    assert shared.get("lock") == 1

    later = filecache.time.time() + 31
    monkeypatch.setattr(filecache.time, "time", lambda: later)
    assert shared.add("lock", 3, 30) is True
    assert shared.get("lock") == 3


def test_delete_touch_incr_and_clear(shared):
    shared.set("count", 1)
    assert shared.incr("count") == 2
    assert shared.touch("count", None) is True
    assert shared.delete("count") is True
    assert shared.delete("count") is False
    assert shared.touch("count") is False
    shared.set_many({"a": 1, "b": 2})
    assert shared.get_many(["a", "b"]) == {"a": 1, "b": 2}
    shared.clear()
    assert shared.get_many(["a", "b"]) == {}
    assert not list(shared.folder.glob("*.tmp"))


def test_the_folder_is_culled_back_under_its_limit(shared, monkeypatch):
    monkeypatch.setattr(filecache, "CULL_EVERY", 1)
    for number in range(25):
        shared.set(f"key-{number}", number)
    assert len(list(shared.folder.glob("*.djcache"))) <= 10 + 1


def test_another_process_sees_a_write_and_loses_the_add(shared):
    shared.set("version", 7)
    code = (
        "from dateline.pages.filecache import SharedFileCache\n"
        f"cache = SharedFileCache({str(shared.folder)!r}, {{}})\n"
        "print(cache.get('version'), cache.add('lock', 'other'))\n"
    )
    assert shared.add("lock", "mine") is True
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["7", "False"]
