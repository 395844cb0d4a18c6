"""Search's tables: `search_document`, the copy of each visible article as readers see it,
and the full-text structures each database keeps beside it by triggers.

SQLite: `search_fts`, an FTS5 table whose content is `search_document` (external content),
and a covering index of the columns filters test, keyed by article.

PostgreSQL: `search_entry`, a narrow table with one row per document: what finding,
filtering, counting, date ordering and ranking read (ids, date, language, configuration)
and the two tsvectors stored out of line (toast_tuple_target = 128), so that a search reads
small rows; the copy stays in `search_document`, read only to highlight a page of results.
The GIN indexes hold `ts_config`, `section_id` and `source_id` beside the tsvector
(btree_gin), so that "this configuration, this section and these words" is answered by the
index alone; `search_word_pairs` indexes adjacent word pairs, so that a phrase of common
words is looked up like a rare word. Larger statistics on the tsvectors: the engine
chooses its plan from the planner's estimate of the matches. GIN pending lists are kept
short, since every search reads the whole list.
"""

import django.db.models.deletion
from django.db import migrations, models


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


FTS_COLUMNS = "headline, standfirst, body, topics, byline, place"
NEW_VALUES = "new.headline, new.standfirst, new.body, new.topics, new.byline, new.place"
OLD_VALUES = "old.headline, old.standfirst, old.body, old.topics, old.byline, old.place"

# FTS5 with external content: the text lives once, in search_document; the triggers are the
# ones the SQLite manual gives for external content tables. Porter stemming lets "talks"
# find "talk", as PostgreSQL's language configurations do.
SQLITE_FORWARDS = [
    f"""CREATE VIRTUAL TABLE search_fts USING fts5({FTS_COLUMNS},
        content='search_document', content_rowid='article_id',
        tokenize='porter unicode61 remove_diacritics 2')""",
    f"""CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
        INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES (new.article_id, {NEW_VALUES});
    END""",
    f"""CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.article_id, {OLD_VALUES});
    END""",
    f"""CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
        INSERT INTO search_fts(search_fts, rowid, {FTS_COLUMNS})
        VALUES ('delete', old.article_id, {OLD_VALUES});
        INSERT INTO search_fts(rowid, {FTS_COLUMNS}) VALUES (new.article_id, {NEW_VALUES});
    END""",
]
SQLITE_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_document_au",
    "DROP TRIGGER IF EXISTS search_document_ad",
    "DROP TRIGGER IF EXISTS search_document_ai",
    "DROP TABLE IF EXISTS search_fts",
]

SQLITE_FORWARDS.append(
    # A filtered search walks FTS5 matches newest first and checks each one's section,
    # source, language or date: from this covering index, without reading the copy.
    """CREATE INDEX search_doc_filters_idx ON search_document
        (article_id, section_id, source_id, published_at, language)"""
)
SQLITE_BACKWARDS.insert(0, "DROP INDEX IF EXISTS search_doc_filters_idx")

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

# The tsvectors of a document, written to its entry (weights: A headline, B standfirst,
# C body and topic names, D byline and dateline place; PostgreSQL has four).
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

GIN_OPTIONS = "WITH (gin_pending_list_limit = 512)"

POSTGRES_FORWARDS = [
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    WORD_PAIRS_FUNCTION,
    """CREATE TABLE search_entry (
        article_id bigint NOT NULL PRIMARY KEY,
        published_at timestamptz NOT NULL,
        section_id bigint NOT NULL,
        source_id bigint,
        language varchar(12) NOT NULL,
        ts_config varchar(32) NOT NULL,
        headline_document tsvector NOT NULL,
        document tsvector NOT NULL
    ) WITH (toast_tuple_target = 128)""",
    f"""CREATE INDEX search_entry_gin ON search_entry
        USING gin (ts_config, section_id, source_id, document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_entry_headline_gin ON search_entry
        USING gin (ts_config, section_id, source_id, headline_document) {GIN_OPTIONS}""",
    f"""CREATE INDEX search_entry_pairs_gin ON search_entry
        USING gin (ts_config, search_word_pairs(document)) {GIN_OPTIONS}""",
    # No statistics for the pairs: computing them for ANALYZE's sample would take a minute.
    "ALTER INDEX search_entry_pairs_gin ALTER COLUMN 2 SET STATISTICS 0",
    "CREATE INDEX search_entry_published_idx ON search_entry (published_at)",
    "CREATE INDEX search_entry_section_idx ON search_entry (section_id, published_at)",
    "CREATE INDEX search_entry_source_idx ON search_entry (source_id, published_at)",
    """ALTER TABLE search_entry
        ALTER COLUMN document SET STATISTICS 1000,
        ALTER COLUMN headline_document SET STATISTICS 1000,
        ALTER COLUMN published_at SET STATISTICS 1000""",
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
]
POSTGRES_BACKWARDS = [
    "DROP TRIGGER IF EXISTS search_entry_clear ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_clear()",
    "DROP TRIGGER IF EXISTS search_entry_remove ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_remove()",
    "DROP TRIGGER IF EXISTS search_entry_write ON search_document",
    "DROP FUNCTION IF EXISTS search_entry_write()",
    "DROP TABLE IF EXISTS search_entry",
    "DROP FUNCTION IF EXISTS search_word_pairs(tsvector)",
]


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("newsroom", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='search_document', serialize=False, to='newsroom.article')),
                ('headline', models.TextField()),
                ('standfirst', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
                ('topics', models.TextField(blank=True, help_text='Topic names, one after another.')),
                ('byline', models.TextField(blank=True)),
                ('place', models.TextField(blank=True, help_text='The dateline place.')),
                ('language', models.CharField(max_length=12)),
                ('ts_config', models.CharField(help_text='PostgreSQL text search configuration for the language.', max_length=32)),
                ('section_id', models.BigIntegerField()),
                ('source_id', models.BigIntegerField(null=True)),
                ('published_at', models.DateTimeField()),
                ('indexed_at', models.DateTimeField()),
            ],
            options={
                'db_table': 'search_document',
                'indexes': [models.Index(fields=['published_at'], name='search_doc_published_idx'), models.Index(fields=['ts_config'], name='search_doc_config_idx')],
            },
        ),
        VendorRunSQL("sqlite", SQLITE_FORWARDS, SQLITE_BACKWARDS),
        VendorRunSQL("postgresql", POSTGRES_FORWARDS, POSTGRES_BACKWARDS),
    ]
