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

    name = models.CharField(max_length=160)
    slug = models.SlugField(max_length=160, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:topic", kwargs={"slug": self.slug})


class ArticleTopic(models.Model):
    """That an article is about a topic, with how strongly (the tagger's score)."""

    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="topic_links"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="article_links")
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
