"""PostgreSQL search at a million articles: exact GIN conditions, word pairs, filter indexes.

- The GIN indexes hold `ts_config`, `section_id` and `source_id` beside the tsvector
  (btree_gin, stock contrib), so that "this configuration, this section and these words"
  is answered by the index alone: the rows found need no condition checked on them, and
  the newest matches are found without decompressing each row's tsvector. (Each row found
  is still visited for its visibility: PostgreSQL 15.13 and later no longer let a bitmap
  scan skip all-visible pages.)
- `search_word_pairs(document)`: a GIN index of adjacent word pairs (hashed), so that a
  phrase of common words ("central bank") is looked up like a rare word instead of
  checking the positions of every article holding both words.
- B-tree indexes on (section, published_at) and (source, published_at) let the newest
  matches in a section or from a source be combined with the word index directly.
- Larger statistics on the tsvector columns: the engine chooses its plan from the
  planner's estimate of how many articles a query matches (see `backends`), and the default
  statistics know only the 1,000 commonest words.
- GIN pending lists are kept short (512 kB): every search reads the whole pending list, so
  a long one (the default is 4 MB) costs each search milliseconds.

SQLite is unchanged: FTS5 answers these queries from its own index.
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


GIN_OPTIONS = "WITH (gin_pending_list_limit = 512)"

# Only pg_catalog functions in the body: an index expression is recomputed by pg_restore
# and by autovacuum with an empty search_path. Positions are those to_tsvector gives, so a
# phrase `'a' <-> 'b'` matches a document only if the pair "a b" is among its pairs.
WORD_PAIRS_FUNCTION = """
CREATE FUNCTION search_word_pairs(document tsvector) RETURNS bigint[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT COALESCE(array_agg(DISTINCT hashtextextended(a.lexeme || ' ' || b.lexeme, 0)), '{}')
    FROM (SELECT lexeme, unnest(positions) AS position FROM unnest(document)) a
    JOIN (SELECT lexeme, unnest(positions) AS position FROM unnest(document)) b
        ON b.position = a.position + 1
$$
"""

POSTGRES_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    WORD_PAIRS_FUNCTION,
    "DROP INDEX IF EXISTS search_document_gin",
    "DROP INDEX IF EXISTS search_headline_gin",
    f"""CREATE INDEX search_document_gin ON search_document
        USING gin (ts_config, section_id, source_id, document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_headline_gin ON search_document
        USING gin (ts_config, section_id, source_id, headline_document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_pairs_gin ON search_document
        USING gin (ts_config, search_word_pairs(document)) {GIN_OPTIONS}""",
    # No statistics for the pairs: computing them for ANALYZE's sample would take a minute.
    "ALTER INDEX search_pairs_gin ALTER COLUMN 2 SET STATISTICS 0",
    "CREATE INDEX search_doc_section_idx ON search_document (section_id, published_at)",
    "CREATE INDEX search_doc_source_idx ON search_document (source_id, published_at)",
    """ALTER TABLE search_document
        ALTER COLUMN document SET STATISTICS 1000,
        ALTER COLUMN headline_document SET STATISTICS 1000,
        ALTER COLUMN published_at SET STATISTICS 1000""",
    "ANALYZE search_document",
]
POSTGRES_BACKWARDS = [
    """ALTER TABLE search_document
        ALTER COLUMN document SET STATISTICS -1,
        ALTER COLUMN headline_document SET STATISTICS -1,
        ALTER COLUMN published_at SET STATISTICS -1""",
    "DROP INDEX IF EXISTS search_doc_source_idx",
    "DROP INDEX IF EXISTS search_doc_section_idx",
    "DROP INDEX IF EXISTS search_pairs_gin",
    "DROP INDEX IF EXISTS search_headline_gin",
    "DROP INDEX IF EXISTS search_document_gin",
    "CREATE INDEX search_document_gin ON search_document USING gin (document)",
    "CREATE INDEX search_headline_gin ON search_document USING gin (headline_document)",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
    ]

    operations = [
        VendorRunSQL("postgresql", POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
    ]
