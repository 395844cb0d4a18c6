"""PostgreSQL: what every search reads moves to a narrow table, `search_entry`.

A search reads one row per matching article (to count the matches, and to sort them by
date) and ranks a pool of a few hundred. In `search_document` each row held the copy as
well (headline, standfirst, body, topics, byline, place: about 2 kB a row, 1.9 GB at a
million articles), so with the server's default 128 MB of shared buffers almost every row
read came from the operating system's cache: about 8 µs a matching row. `search_entry`
holds only what finding, filtering, counting, date ordering and ranking need, one row per
entry of `search_document`:

- article_id, published_at, section_id, source_id, language and ts_config;
- `document` and `headline_document`, the tsvectors, stored out of line
  (toast_tuple_target = 128): a row is then about 100 bytes (about 110 MB at a million),
  and only ranking reads a tsvector.

Rows go in in date order, so the newest articles, which most searches read, share pages.
The GIN indexes (migration 0002) and the date indexes move with the tsvectors. The copy
stays in `search_document`, read only to highlight a page of results; a trigger on it
computes the tsvectors and writes the entry (`search_entry_write`), and others remove it
with its document. Nothing else writes either table: services write `search_document` as
before.

SQLite is unchanged: FTS5 keeps its own index over `search_document`.
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

# The tsvectors as migration 0001 computed them (weights: A headline, B standfirst, C body
# and topic names, D byline and place), now written to the entry.
WRITE_FUNCTION = """
CREATE FUNCTION search_entry_write() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    cfg regconfig := COALESCE(NULLIF(NEW.ts_config, ''), 'simple')::regconfig;
    head tsvector := to_tsvector(cfg, NEW.headline);
BEGIN
    INSERT INTO search_entry AS e (article_id, published_at, section_id, source_id,
        language, ts_config, headline_document, document)
    VALUES (NEW.article_id, NEW.published_at, NEW.section_id, NEW.source_id,
        NEW.language, NEW.ts_config, head,
        setweight(head, 'A')
        || setweight(to_tsvector(cfg, NEW.standfirst), 'B')
        || setweight(to_tsvector(cfg, NEW.body), 'C')
        || setweight(to_tsvector(cfg, NEW.topics), 'C')
        || setweight(to_tsvector(cfg, NEW.byline || ' ' || NEW.place), 'D'))
    ON CONFLICT (article_id) DO UPDATE SET
        published_at = EXCLUDED.published_at,
        section_id = EXCLUDED.section_id,
        source_id = EXCLUDED.source_id,
        language = EXCLUDED.language,
        ts_config = EXCLUDED.ts_config,
        headline_document = EXCLUDED.headline_document,
        document = EXCLUDED.document;
    RETURN NULL;
END
$$
"""

# Entries go with their documents. Triggers rather than a foreign key: a test database is
# emptied by TRUNCATE of the Django tables, which a key from a table Django does not know
# would refuse.
REMOVE_FUNCTION = """
CREATE FUNCTION search_entry_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM search_entry e USING removed r WHERE e.article_id = r.article_id;
    RETURN NULL;
END
$$
"""
CLEAR_FUNCTION = """
CREATE FUNCTION search_entry_clear() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE search_entry;
    RETURN NULL;
END
$$
"""

POSTGRES_FORWARDS = [
    "DROP TRIGGER IF EXISTS search_document_vectors ON search_document",
    "DROP FUNCTION IF EXISTS search_document_vectors()",
    """CREATE TABLE search_entry (
        article_id bigint NOT NULL,
        published_at timestamptz NOT NULL,
        section_id bigint NOT NULL,
        source_id bigint,
        language varchar(12) NOT NULL,
        ts_config varchar(32) NOT NULL,
        headline_document tsvector NOT NULL,
        document tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    "SET LOCAL work_mem = '256MB'",
    "SET LOCAL maintenance_work_mem = '512MB'",
    """INSERT INTO search_entry (article_id, published_at, section_id, source_id, language,
        ts_config, headline_document, document)
    SELECT article_id, published_at, section_id, source_id, language, ts_config,
        headline_document, document
    FROM search_document ORDER BY published_at, article_id""",
    "ALTER TABLE search_entry ADD CONSTRAINT search_entry_pkey PRIMARY KEY (article_id)",
    "DROP INDEX IF EXISTS search_document_gin",
    "DROP INDEX IF EXISTS search_headline_gin",
    "DROP INDEX IF EXISTS search_pairs_gin",
    "DROP INDEX IF EXISTS search_doc_section_idx",
    "DROP INDEX IF EXISTS search_doc_source_idx",
    "ALTER TABLE search_document DROP COLUMN document, DROP COLUMN headline_document",
    f"""CREATE INDEX search_entry_gin ON search_entry
        USING gin (ts_config, section_id, source_id, document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_entry_headline_gin ON search_entry
        USING gin (ts_config, section_id, source_id, headline_document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_entry_pairs_gin ON search_entry
        USING gin (ts_config, search_word_pairs(document)) {GIN_OPTIONS}""",
    "ALTER INDEX search_entry_pairs_gin ALTER COLUMN 2 SET STATISTICS 0",
    "CREATE INDEX search_entry_published_idx ON search_entry (published_at)",
    "CREATE INDEX search_entry_section_idx ON search_entry (section_id, published_at)",
    "CREATE INDEX search_entry_source_idx ON search_entry (source_id, published_at)",
    WRITE_FUNCTION,
    """CREATE TRIGGER search_entry_write AFTER INSERT OR UPDATE ON search_document
        FOR EACH ROW EXECUTE FUNCTION search_entry_write()""",
    REMOVE_FUNCTION,
    """CREATE TRIGGER search_entry_remove AFTER DELETE ON search_document
        REFERENCING OLD TABLE AS removed
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_remove()""",
    CLEAR_FUNCTION,
    """CREATE TRIGGER search_entry_clear AFTER TRUNCATE ON search_document
        FOR EACH STATEMENT EXECUTE FUNCTION search_entry_clear()""",
    """ALTER TABLE search_entry
        ALTER COLUMN document SET STATISTICS 1000,
        ALTER COLUMN headline_document SET STATISTICS 1000,
        ALTER COLUMN published_at SET STATISTICS 1000""",
    # Statistics and the visibility map come next, in 0005 (VACUUM runs outside a transaction).
]

POSTGRES_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_entry_clear ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_clear()",
    "DROP TRIGGER IF EXISTS search_entry_remove ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_remove()",
    "DROP TRIGGER IF EXISTS search_entry_write ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_write()",
    """ALTER TABLE search_document
        ADD COLUMN document tsvector NOT NULL DEFAULT ''::tsvector,
        ADD COLUMN headline_document tsvector NOT NULL DEFAULT ''::tsvector""",
    """UPDATE search_document d SET document = e.document,
        headline_document = e.headline_document
    FROM search_entry e WHERE e.article_id = d.article_id""",
    "DROP TABLE search_entry",
    """CREATE FUNCTION search_document_vectors() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        cfg regconfig := COALESCE(NULLIF(NEW.ts_config, ''), 'simple')::regconfig;
    BEGIN
        NEW.headline_document := to_tsvector(cfg, NEW.headline);
        NEW.document := setweight(NEW.headline_document, 'A')
            || setweight(to_tsvector(cfg, NEW.standfirst), 'B')
            || setweight(to_tsvector(cfg, NEW.body), 'C')
            || setweight(to_tsvector(cfg, NEW.topics), 'C')
            || setweight(to_tsvector(cfg, NEW.byline || ' ' || NEW.place), 'D');
        RETURN NEW;
    END
    $$""",
    """CREATE TRIGGER search_document_vectors BEFORE INSERT OR UPDATE ON search_document
        FOR EACH ROW EXECUTE FUNCTION search_document_vectors()""",
    f"""CREATE INDEX search_document_gin ON search_document
        USING gin (ts_config, section_id, source_id, document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_headline_gin ON search_document
        USING gin (ts_config, section_id, source_id, headline_document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_pairs_gin ON search_document
        USING gin (ts_config, search_word_pairs(document)) {GIN_OPTIONS}""",
    "ALTER INDEX search_pairs_gin ALTER COLUMN 2 SET STATISTICS 0",
    "CREATE INDEX search_doc_section_idx ON search_document (section_id, published_at)",
    "CREATE INDEX search_doc_source_idx ON search_document (source_id, published_at)",
    """ALTER TABLE search_document
        ALTER COLUMN document SET STATISTICS 1000,
        ALTER COLUMN headline_document SET STATISTICS 1000,
        ALTER COLUMN published_at SET STATISTICS 1000""",
]


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0003_sqlite_filter_index"),
    ]

    operations = [
        VendorRunSQL("postgresql", POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
    ]
