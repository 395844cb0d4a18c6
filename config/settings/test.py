"""Settings for the test suite: the same database kind as DATABASE_URL, a pinned edition."""

import os
import tempfile
from pathlib import Path

from config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Manifest storage needs collectstatic; tests read the source files directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
TIME_ZONE = "America/New_York"
DATELINE_SITE_NAME = "dateline"
# Pinned, so that a PORT in the environment of the test run changes no expected link.
DATELINE_SITE_URL = "http://127.0.0.1:8000"
# Serve static files from the apps' folders, as in development, without collectstatic.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Background tasks run in the test's own thread once the transaction that queued them
# commits, so that what a worker would do after a change is done before the test looks.
# Processes a test starts as a worker (DATELINE_TEST_QUEUE=database) use the real queue.
TASKS = {"default": {"BACKEND": "tests.task_backend.OnCommitBackend", "QUEUES": []}}
if os.environ.get("DATELINE_TEST_QUEUE") == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}

# On SQLite the test database is a file, not Django's shared in-memory one, so that the
# worker and ingest processes a test starts (tests/processes.py) open the same database.
_CHECKOUT = Path(__file__).resolve().parents[2]
if DATABASES["default"]["ENGINE"] == "config.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.environ.setdefault(
            "DATELINE_TEST_SQLITE",
            str(
                Path(tempfile.gettempdir())
                / f"dateline-test-{os.getuid()}-{_CHECKOUT.parent.name}-{_CHECKOUT.name}.sqlite3"
            ),
        )
    }

# Rendered files go to a folder of the test run's own, never into the checkout's var/.
DATELINE_RENDERED_DIR = Path(tempfile.mkdtemp(prefix="dateline-rendered-"))

# The file cache too; processes a test starts inherit the folder and share the cache.
if CACHES["default"]["BACKEND"].endswith("SharedFileCache"):  # noqa: F405
    CACHES["default"]["LOCATION"] = os.environ.setdefault(  # noqa: F405
        "DATELINE_TEST_CACHE_DIR", tempfile.mkdtemp(prefix="dateline-cache-")
    )

# Tests deliver drop-folder copy into their own temporary folders (pytest's tmp_path).
DATELINE_DROP_ROOT = Path(tempfile.gettempdir()).resolve()
