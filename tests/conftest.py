"""Shared test setup: a pinned clock, a clean cache, and skips that fail in CI."""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

# One moment for the whole suite: pages and lists are computed against it.
PINNED_NOW = datetime(2026, 11, 29, 15, 30, tzinfo=UTC)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI a skipped test (no browser, no PostgreSQL, no conformance data) is a failure."""
    report = yield
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
    if in_ci and report.skipped and not getattr(report, "wasxfail", None):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"Skipped in CI, which counts as a failure: {reason}"
    return report


def pytest_collection_modifyitems(config, items):
    """A test of one database's own machinery (`@pytest.mark.database("postgresql")`) is
    left out of the other database's run rather than skipped: CI runs the suite on both,
    so it still runs once, and a skip would rightly fail CI."""
    from django.db import connection

    kept, other = [], []
    for item in items:
        marker = item.get_closest_marker("database")
        (other if marker and marker.args[0] != connection.vendor else kept).append(item)
    if other:
        config.hook.pytest_deselected(items=other)
        items[:] = kept


@pytest.fixture
def now():
    """Pin the clock at PINNED_NOW; time still ticks so that ordering by time works."""
    import time_machine

    with time_machine.travel(PINNED_NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _clean_cache():
    """Every test starts with an empty cache (the real one: local memory or Redis)."""
    from django.conf import settings

    if settings.configured:  # tests/core also runs without Django (`-p no:django`)
        from django.core.cache import cache

        cache.clear()


CHROMIUM = os.environ.get("DATELINE_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def browser(monkeypatch):
    """Debian's Chromium, headless, driven by Playwright (skipped without it; CI fails)."""
    import shutil

    if not shutil.which(CHROMIUM):
        pytest.skip(f"No Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright runs an event loop in this thread; the Django calls the test makes
    # happen before and after it, never concurrently.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()
