"""The cache of a site without Redis: files shared by every process of the machine (web
workers, the ingest worker, commands), which process memory is not.

Built on Django's public cache interface rather than on its file cache, whose every write
lists the whole folder to see whether it is over MAX_ENTRIES: with a page and a version per
tag, that listing dominated the cost of a wire input. Here a process looks at the folder at
most once per CULL_EVERY of its writes, so the folder may overshoot its limit by that much
between two looks. Every write is a rename into place, so a reader never sees half an
entry, and `add` links the new entry into place, so of two processes adding one key only
one succeeds (the page cache takes its locks that way).
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pickle
import random
import tempfile
import time
import zlib
from pathlib import Path
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache

CULL_EVERY = 500
SUFFIX = ".djcache"


class SharedFileCache(BaseCache):
    def __init__(self, dir, params):  # noqa: A002 - Django's own parameter name
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self.folder = Path(dir).resolve()
        self.max_entries = int(options.get("MAX_ENTRIES", 300))
        self.cull_frequency = int(options.get("CULL_FREQUENCY", 3))
        self.writes = itertools.count()

    # Entries: one file each, the expiry time and the pickled value, compressed.

    def path_for(self, key: str, version: int | None) -> Path:
        key = self.make_and_validate_key(key, version=version)
        return self.folder / (hashlib.md5(key.encode(), usedforsecurity=False).hexdigest() + SUFFIX)

    def read(self, path: Path) -> tuple[float | None, Any] | None:
        """The entry's (expiry, value), or None when it is missing, expired or unreadable."""
        try:
            expiry, value = pickle.loads(zlib.decompress(path.read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, ValueError):
            return None
        if expiry is not None and expiry < time.time():
            path.unlink(missing_ok=True)
            return None
        return expiry, value

    def staged(self, value: Any, timeout) -> Path:
        """The entry written beside its place, ready to be renamed or linked into it."""
        self.folder.mkdir(parents=True, exist_ok=True)
        expiry = self.get_backend_timeout(timeout)
        data = zlib.compress(pickle.dumps((expiry, value), pickle.HIGHEST_PROTOCOL))
        handle, name = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
        with os.fdopen(handle, "wb") as staged:
            staged.write(data)
        return Path(name)

    def cull_now_and_then(self) -> None:
        if next(self.writes) % CULL_EVERY:
            return
        entries = list(self.folder.glob("*" + SUFFIX))
        if len(entries) < self.max_entries:
            return
        if self.cull_frequency == 0:
            self.clear()
            return
        for path in random.sample(entries, len(entries) // self.cull_frequency):
            path.unlink(missing_ok=True)

    # Django's cache interface.

    def get(self, key, default=None, version=None):
        found = self.read(self.path_for(key, version))
        return default if found is None else found[1]

    def has_key(self, key, version=None):
        return self.read(self.path_for(key, version)) is not None

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        path = self.path_for(key, version)
        staged = self.staged(value, timeout)
        os.replace(staged, path)
        self.cull_now_and_then()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        path = self.path_for(key, version)
        staged = self.staged(value, timeout)
        try:
            for _attempt in range(2):
                try:
                    os.link(staged, path)
                except FileExistsError:
                    if self.read(path) is not None:
                        return False
                    continue  # expired (and removed by the read): try once more
                self.cull_now_and_then()
                return True
            return False
        finally:
            staged.unlink(missing_ok=True)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        found = self.read(self.path_for(key, version))
        if found is None:
            return False
        self.set(key, found[1], timeout, version)
        return True

    def delete(self, key, version=None):
        path = self.path_for(key, version)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed

    def clear(self):
        for path in self.folder.glob("*" + SUFFIX):
            path.unlink(missing_ok=True)
