"""The full-text engines behind search: one interface (`base`), one module per database.

- SQLite (`sqlite`): FTS5, BM25 with column weights, `snippet()` and `highlight()`.
- PostgreSQL (`postgresql`, whose docstring holds its strategy): tsvector columns with
  GIN indexes in a narrow table beside the documents, `websearch_to_tsquery` in each
  article language's configuration, `ts_rank` and `ts_headline`.

Thresholds live in `tuning`. Process-wide caches (PostgreSQL's statistics and terms'
lexemes) are module-level and emptied by `clear_caches`.
"""

from __future__ import annotations

from django.db import connection as default_connection

from dateline.search.backends.base import (
    MARK_END,
    MARK_START,
    Candidate,
    Filters,
    Highlight,
    SearchBackend,
)
from dateline.search.backends.postgresql import PostgreSQLBackend
from dateline.search.backends.postgresql_planning import clear_statistics
from dateline.search.backends.postgresql_query import clear_term_shapes, ts_config_for
from dateline.search.backends.sqlite import SQLiteBackend

__all__ = [
    "BACKENDS",
    "MARK_END",
    "MARK_START",
    "Candidate",
    "Filters",
    "Highlight",
    "PostgreSQLBackend",
    "SQLiteBackend",
    "SearchBackend",
    "clear_caches",
    "get_backend",
    "ts_config_for",
]

BACKENDS: dict[str, type[SearchBackend]] = {
    SQLiteBackend.vendor: SQLiteBackend,
    PostgreSQLBackend.vendor: PostgreSQLBackend,
}


def get_backend(connection=None) -> SearchBackend:
    """The engine for the database in use (a new one for each search)."""
    connection = connection or default_connection
    try:
        return BACKENDS[connection.vendor](connection)
    except KeyError:
        raise NotImplementedError(f"Search has no engine for {connection.vendor}") from None


def clear_caches() -> None:
    """Forget what every engine keeps per process: the next search reads it again."""
    clear_statistics()
    clear_term_shapes()
