from django.db import models


class SearchDocument(models.Model):
    """What the search index holds for one visible article, kept by the change event.

    The text columns are the article as readers see it (tags stripped, topic names
    joined). The full-text structures live beside this table and are kept in step by
    database triggers, created by the migration for each database:

    - SQLite: `search_fts`, an FTS5 table whose content is this table (external content).
    - PostgreSQL: `search_entry`, a narrow table with one row per entry here: the ids,
      date, language and configuration, and `document` and `headline_document`, tsvectors
      computed from these columns in the language's text search configuration, with GIN
      indexes. The GIN indexes also hold ts_config, section_id and source_id (btree_gin), and
      a third indexes the adjacent word pairs of `document` (`search_word_pairs`) for phrases
      (see the initial migration). Searches read the entries; this table only for highlights.

    The triggers are schema, not workflow: nothing but `dateline.search.services` writes here.
    """

    article = models.OneToOneField(
        "newsroom.Article",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_document",
    )
    headline = models.TextField()
    standfirst = models.TextField(blank=True)
    body = models.TextField(blank=True)
    topics = models.TextField(blank=True, help_text="Topic names, one after another.")
    byline = models.TextField(blank=True)
    place = models.TextField(blank=True, help_text="The dateline place.")
    language = models.CharField(max_length=12)
    ts_config = models.CharField(
        max_length=32, help_text="PostgreSQL text search configuration for the language."
    )
    section_id = models.BigIntegerField()
    source_id = models.BigIntegerField(null=True)
    published_at = models.DateTimeField()
    indexed_at = models.DateTimeField()

    class Meta:
        db_table = "search_document"
        indexes = [
            models.Index(fields=["published_at"], name="search_doc_published_idx"),
            models.Index(fields=["ts_config"], name="search_doc_config_idx"),
        ]

    def __str__(self) -> str:
        return f"Search entry for article {self.article_id}"
