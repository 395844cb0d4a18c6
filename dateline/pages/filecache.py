"""The cache of a site without Redis: Django's file cache, shared by every process of the
machine (web workers, the ingest worker, commands), which process memory is not.

Django's file cache lists its whole folder on every write to see whether it is over
MAX_ENTRIES; with a page and a version per tag that made one wire input cost seconds.
This one looks at most once per CULL_EVERY writes of a process: the folder may overshoot
its limit by that much between two looks.
"""

from __future__ import annotations

import threading

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 500


class SharedFileCache(FileBasedCache):
    def __init__(self, dir, params):  # noqa: A002 - Django's own parameter name
        super().__init__(dir, params)
        self._writes = 0
        self._writes_lock = threading.Lock()

    def _cull(self):
        with self._writes_lock:
            self._writes += 1
            due = self._writes % CULL_EVERY == 1
        if due:
            super()._cull()
