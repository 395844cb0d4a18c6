"""PostgreSQL: VACUUM the entries copied in by migration 0004, outside a transaction.

VACUUM sets the copied rows' hint bits (else the first searches to read each row set them,
writing the pages back) and their statistics; it cannot run inside a transaction, hence a
migration of its own (not atomic). Autovacuum would get there too, but only some time
later, while searches run. (It does not let a count skip the rows: PostgreSQL 15.13 and
later visit every row a bitmap scan finds, all-visible or not.)
"""

from django.db import migrations


class VendorRunSQL(migrations.RunSQL):
    """RunSQL that runs on one database vendor only (the full-text parts differ)."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(sql, reverse_sql)
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0004_postgres_narrow_entries"),
    ]

    operations = [
        VendorRunSQL("postgresql", ["VACUUM (ANALYZE) search_entry"], []),
    ]
