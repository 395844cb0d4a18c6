"""SQLite: the columns filters test, in one index keyed by article.

A filtered search walks FTS5 matches newest first and checks each one's section, source,
language or date; from this covering index that is one small lookup instead of reading the
whole entry (headline, standfirst and body), three to four times faster.
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
    dependencies = [
        ("search", "0002_postgres_search_at_scale"),
    ]

    operations = [
        VendorRunSQL(
            "sqlite",
            [
                """CREATE INDEX search_doc_filters_idx ON search_document
                    (article_id, section_id, source_id, published_at, language)"""
            ],
            ["DROP INDEX IF EXISTS search_doc_filters_idx"],
        ),
    ]
