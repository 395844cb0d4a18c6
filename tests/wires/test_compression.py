"""On PostgreSQL, wire copy is written with lz4, the cheaper compression to write."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.db import connection

# The migration's module name starts with its number: imported by name.
migration = import_module("dateline.newsroom.migrations.0001_initial")


@pytest.mark.database("postgresql")
@pytest.mark.django_db
def test_the_copy_columns_compress_with_lz4():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attrelid::regclass::text, attname, attcompression FROM pg_attribute "
            "WHERE attrelid::regclass::text = ANY(%s) AND attname = ANY(%s)",
            [
                [table for table, _ in migration.COPY_COLUMNS],
                [column for _, column in migration.COPY_COLUMNS],
            ],
        )
        compression = {(table, column): method for table, column, method in cursor.fetchall()}
    for table, column in migration.COPY_COLUMNS:
        assert compression[(table, column)] == "l", (table, column)
