"""What the desk keeps of its own: who did what, and who may work on which sections."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class DeskRights(models.Model):
    """Holds the desk's own permissions; it has no table and no rows.

    Editorial rights (publish, kill, correct, merge a story...) are not changes to a model,
    so they hang here, where the role groups of the data migration can be given them.
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("publish_article", "Publish, schedule and unpublish articles"),
            ("correct_article", "Correct published articles with a public note"),
            ("kill_article", "Kill articles (410 Gone, for good)"),
            ("edit_any_article", "Edit articles other people started"),
            ("use_wire_monitor", "See the wire monitor"),
            ("triage_wire", "Publish, spike and link wire items from the monitor"),
            ("view_audit", "Read the audit log"),
            ("merge_stories", "Merge two stories into one"),
            ("split_stories", "Split an article out of its story"),
            ("choose_story_lead", "Pick the article that leads a story"),
        ]

    def __str__(self) -> str:
        return "desk rights"


class DeskMember(models.Model):
    """A desk user's place in the newsroom: an editor may be limited to some sections."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="desk_member"
    )
    sections = models.ManyToManyField(
        "newsroom.Section",
        blank=True,
        help_text="The sections this person edits; none means every section.",
    )

    def __str__(self) -> str:
        return f"{self.user} on the desk"


class AuditEntry(models.Model):
    """One thing someone did on the desk, to an article, a wire item, a source or a topic."""

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="Kept when the user is deleted."
    )
    action = models.CharField(max_length=40, help_text="publish, kill, spike, merge...")
    object_type = models.CharField(max_length=40, help_text="article, wire item, source, topic")
    object_id = models.CharField(max_length=40)
    object_repr = models.CharField(max_length=300)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.username or 'system'} {self.action} {self.object_type} {self.object_id}"


class WireItemUse(models.Model):
    """That the desk made a wire item into an article, or added it to one as an update.

    Wires sit upstream of the newsroom, so the link is kept here rather than on WireItem.
    """

    class How(models.TextChoices):
        PUBLISHED = "published", "Published as it came"
        DRAFT = "draft", "Opened as a draft"
        LINKED = "linked", "Added to an article as an update"

    wire_item = models.OneToOneField(
        "wires.WireItem", on_delete=models.CASCADE, related_name="desk_use"
    )
    article = models.ForeignKey(
        "newsroom.Article", on_delete=models.CASCADE, related_name="wire_uses"
    )
    how = models.CharField(max_length=12, choices=How.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"wire item {self.wire_item_id} -> article {self.article_id} ({self.how})"
