from django.db import models
from django.urls import reverse


class Topic(models.Model):
    """A real person, organisation, place or subject that stories are about."""

    class Kind(models.TextChoices):
        PERSON = "person", "Person"
        ORGANISATION = "organisation", "Organisation"
        PLACE = "place", "Place"
        SUBJECT = "subject", "Subject"
        EVENT = "event", "Event"

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUGGESTED = "suggested", "Suggested (waiting for the desk)"
        BLOCKED = "blocked", "Blocked (never tagged)"
        MERGED = "merged", "Merged into another topic"

    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)
    aliases = models.JSONField(
        default=list,
        blank=True,
        help_text="Other names in any language: spellings, acronyms, titles with the name.",
    )
    external_ids = models.JSONField(
        default=dict, blank=True, help_text='e.g. {"iso3166": "UA", "wikidata": "Q212"}.'
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_topics"
    )
    edited_by_desk = models.BooleanField(
        default=False, help_text="The desk changed it: its knowledge overrides the seed."
    )

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "name"], name="topic_status_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:topic", kwargs={"slug": self.slug})


class ArticleTopic(models.Model):
    """That an article is about a topic, with how strongly (the tagger's score)."""

    # Both ways in are indexed by the pair (article_topic_once, topic_article_idx): one
    # index per column as well would only slow the writes of every tagging.
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="topic_links", db_index=False
    )
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, related_name="article_links", db_index=False
    )
    score = models.FloatField(default=1.0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["article", "topic"], name="article_topic_once"),
        ]
        indexes = [models.Index(fields=["topic", "article"], name="topic_article_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} about {self.topic_id}"
