"""Fixtures for the plain parsing core: no database, no Django settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from .support import find_conformance_dir


@pytest.fixture
def conformance() -> Path:
    """The conformance folder, read in place; the test is skipped (a CI failure) without it."""
    found = find_conformance_dir()
    if found is None:
        pytest.skip("conformance data not found: set DATELINE_CONFORMANCE_DIR")
    return found


@pytest.fixture(autouse=True)
def _clean_cache() -> None:
    """Override the suite-wide cache reset: the parsing core never touches Django."""
