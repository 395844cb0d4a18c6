from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from dateline.core.text import http_url


class Section(models.Model):
    """A desk's part of the site (World, Business, Sport...), with its own front page."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Order in the menu and on the home page; lower comes first."
    )

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:section", kwargs={"slug": self.slug})


class Author(models.Model):
    """A person with a byline; agency copy may carry no author, only a credit."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. 'Diplomatic editor'.")
    bio = models.TextField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("site:author", kwargs={"slug": self.slug})


class Article(models.Model):
    """One published piece: what an article page shows.

    The URL carries the id and the slug; the id alone finds the article, so a headline
    change (new slug) never breaks a link: other slugs redirect to the current one.
    Who may see it is decided in one place, `selectors.visible_articles`.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        READY = "ready", "Ready for review"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        KILLED = "killed", "Killed"

    headline = models.CharField(max_length=300)
    # Found by id (the slug only dresses the URL): an index on it would cost every insert.
    slug = models.SlugField(max_length=100, db_index=False)
    standfirst = models.TextField(blank=True, help_text="One or two sentences under the headline.")
    body = models.TextField(blank=True, help_text="Sanitized HTML.")
    byline = models.CharField(max_length=200, blank=True, help_text="The displayed author line.")
    authors = models.ManyToManyField(Author, blank=True, related_name="articles")
    dateline_place = models.CharField(max_length=100, blank=True, help_text="e.g. 'WASHINGTON'.")
    dateline_date = models.DateField(null=True, blank=True)
    credit = models.CharField(
        max_length=200, blank=True, help_text="Agency or publisher credit, e.g. 'Meridian Press'."
    )
    source = models.ForeignKey(
        "wires.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    # article_section_idx (section, status, published_at) serves every lookup by section.
    section = models.ForeignKey(
        Section, on_delete=models.PROTECT, related_name="articles", db_index=False
    )
    agency_id = models.CharField(
        max_length=500, blank=True, help_text="The source's id for the item (guid, uri)."
    )
    wire_version_created = models.DateTimeField(
        null=True, blank=True, help_text="When the agency created the version shown."
    )
    body_fingerprint = models.CharField(
        max_length=64, blank=True, help_text="Hash of the normalised body, to spot duplicates."
    )
    duplicate_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="duplicates",
        help_text="The article this copy repeats; a duplicate is never published.",
    )
    language = models.CharField(max_length=12, default="en")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_lead = models.BooleanField(default=False, help_text="Lead the home page.")
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="First publication; a future time schedules the article.",
    )
    updated_at = models.DateTimeField(
        null=True, blank=True, help_text="Last significant change shown to readers."
    )
    embargo_until = models.DateTimeField(null=True, blank=True)
    image_url = models.URLField(blank=True)
    image_caption = models.CharField(max_length=300, blank=True)
    image_credit = models.CharField(max_length=200, blank=True)
    image_alt = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    # Indexed: the API's and feeds' Last-Modified read the newest change of all articles.
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    # The desk's optimistic lock: every change through the services adds one, and a save
    # from a form opened at an older number is refused instead of overwriting.
    edit_version = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="Who started it on the desk (a reporter edits their own drafts).",
    )

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "agency_id"],
                condition=~models.Q(agency_id=""),
                name="article_from_agency_item_once",
            ),
        ]
        indexes = [
            models.Index(fields=["body_fingerprint"], name="article_fingerprint_idx"),
            models.Index(fields=["status", "-published_at"], name="article_visible_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self) -> str:
        return self.headline

    def get_absolute_url(self) -> str:
        return reverse("site:article", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def image_src(self) -> str:
        """The image URL as pages, feeds and the API may emit it: absolute http(s) or ""."""
        return http_url(self.image_url)

    @property
    def shows_update(self) -> bool:
        """An "Updated" time is worth showing only when it differs from publication."""
        return bool(
            self.updated_at
            and self.published_at
            and (self.updated_at - self.published_at).total_seconds() >= 60
        )


class CorrectionNote(models.Model):
    """A dated, public note telling readers what was wrong or unclear and is now fixed."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField()
    noted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["noted_at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.article_id}: {self.text[:60]}"


class Revision(models.Model):
    """The state of a published article before one of its changes; nothing is lost."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=40, help_text="update, correction, kill...")
    snapshot = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Revision of {self.article_id} at {self.created_at:%Y-%m-%d %H:%M} ({self.reason})"
