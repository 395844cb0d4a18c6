"""Paths shared by the parsing tests: our synthetic payloads and the conformance folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
PAYLOADS = REPO_ROOT / "tests" / "payloads"


def payload(source: str, name: str) -> bytes:
    return (PAYLOADS / source / name).read_bytes()


def find_conformance_dir() -> Path | None:
    """DATELINE_CONFORMANCE_DIR, else ../shared/conformance beside the repository."""
    configured = os.environ.get("DATELINE_CONFORMANCE_DIR")
    candidate = Path(configured) if configured else REPO_ROOT.parent / "shared" / "conformance"
    return candidate if candidate.is_dir() else None
