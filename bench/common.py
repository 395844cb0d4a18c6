"""Helpers shared by the benchmarks: databases to run on, timing, printing a table."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/")


def postgres_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(POSTGRES_URL + "postgres", connect_timeout=2):
            return True
    except Exception:
        return False


def fresh_postgres(name: str) -> str:
    import psycopg

    with psycopg.connect(POSTGRES_URL + "postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return POSTGRES_URL + name


def databases(prefix: str) -> list[tuple[str, str]]:
    """(label, DATABASE_URL) for SQLite, and PostgreSQL when it answers."""
    folder = Path(tempfile.mkdtemp(prefix=f"dateline-{prefix}-"))
    result = [("SQLite", f"sqlite:///{folder}/bench.sqlite3")]
    if postgres_available():
        result.append(("PostgreSQL", fresh_postgres(f"dateline_bench_{prefix}")))
    else:
        print("  (PostgreSQL not reachable: SQLite only)")
    return result


def run_child(script: str, database_url: str, *args: str) -> dict:
    """Run a benchmark part in a fresh process on one database; it prints JSON last."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATELINE_VAR_DIR": tempfile.mkdtemp(prefix="dateline-bench-var-"),
    }
    env.pop("REDIS_URL", None)
    out = subprocess.run(
        [sys.executable, script, "--child", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise SystemExit(f"{script} failed on {database_url}:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)))
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)
