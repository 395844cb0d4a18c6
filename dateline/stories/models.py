"""Stories: the articles from every source about one news event."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils import timezone


class Story(models.Model):
    """One news event across sources and through the day.

    Its id is stable: a story merged into another keeps its row and points at the one
    that carries on (`merged_into`), so that its URL still leads somewhere.
    """

    headline = models.CharField(
        max_length=300, blank=True, help_text="The lead article's headline, for the desk."
    )
    lead = models.ForeignKey(
        "newsroom.Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_chosen_by_desk = models.BooleanField(
        default=False, help_text="The desk picked the lead; it is not chosen again by itself."
    )
    edited_by_desk = models.BooleanField(
        default=False, help_text="The desk merged or split it; its members are kept as they are."
    )
    first_seen_at = models.DateTimeField(null=True, blank=True)
    last_seen_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged_stories"
    )
    topics = models.ManyToManyField(
        "topics.Topic", through="StoryTopic", blank=True, related_name="stories"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-last_seen_at", "-id"]
        verbose_name_plural = "stories"
        indexes = [models.Index(fields=["-last_seen_at"], name="story_last_seen_idx")]

    def __str__(self) -> str:
        return self.headline or f"Story {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("site:story", kwargs={"pk": self.pk})


class StoryMember(models.Model):
    """That an article belongs to a story, with its source and time (an article is in one)."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="members")
    article = models.OneToOneField(
        "newsroom.Article", on_delete=models.CASCADE, related_name="story_link"
    )
    source = models.ForeignKey(
        "wires.Source", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    joined_at = models.DateTimeField(default=timezone.now)
    score = models.FloatField(default=0.0, help_text="How well it matched when it joined.")
    placed_by_desk = models.BooleanField(default=False)

    class Meta:
        ordering = ["published_at", "id"]
        indexes = [models.Index(fields=["story", "published_at"], name="story_member_time_idx")]

    def __str__(self) -> str:
        return f"{self.article_id} in story {self.story_id}"


class StoryTopic(models.Model):
    """A topic of a story: the union of its articles' topics, ranked by how many carry it."""

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="topic_links")
    topic = models.ForeignKey("topics.Topic", on_delete=models.CASCADE, related_name="+")
    weight = models.FloatField(default=0.0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["story", "topic"], name="story_topic_once"),
        ]

    def __str__(self) -> str:
        return f"story {self.story_id} about {self.topic_id}"


class DeskSplit(models.Model):
    """The desk's word that two articles are about different events: never grouped again.

    Kept as an ordered pair (lower id first), so that each pair is stored once.
    """

    article = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="+")
    apart_from = models.ForeignKey("newsroom.Article", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "apart_from"], name="desk_split_once"),
            models.CheckConstraint(
                condition=models.Q(article__lt=models.F("apart_from")), name="desk_split_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} apart from {self.apart_from_id}"
