"""Sources, and what they send: kept as received, parsed, or quarantined with its error."""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class Source(models.Model):
    """Where copy comes from: an agency wire, a partner feed or our own newsroom."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSROOM = "newsroom", "Our newsroom"
        PARTNER = "partner", "Partner publisher"

    class Format(models.TextChoices):
        RSS = "rss", "RSS or Atom feed"
        NINJS = "ninjs", "IPTC ninjs (JSON)"
        NEWSML_G2 = "newsml-g2", "IPTC NewsML-G2 (XML)"
        HTML = "html", "Publisher's article pages linked from a feed"
        AUTO = "auto", "Detect from the content"

    class PublishingRule(models.TextChoices):
        AUTO_PUBLISH = "auto-publish", "Publish at once"
        HOLD = "hold", "Hold for the desk"

    class IndexingPolicy(models.TextChoices):
        INDEX = "index", "Search engines may index"
        NOINDEX = "noindex", "Ask search engines not to index (verbatim agency copy)"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="How copy from this source is credited, e.g. 'Meridian Press'.",
    )
    url = models.URLField(blank=True, help_text="The source's home page, for readers.")
    format = models.CharField(max_length=12, choices=Format.choices, default=Format.AUTO)
    location = models.CharField(
        max_length=500,
        blank=True,
        help_text="An http(s) URL to poll, or a local folder the agency delivers files into.",
    )
    poll_interval = models.DurationField(default=timedelta(minutes=1))
    default_section_slug = models.SlugField(
        max_length=80, blank=True, help_text="Section for copy that names none."
    )
    language = models.CharField(max_length=12, default="en")
    publishing_rule = models.CharField(
        max_length=20, choices=PublishingRule.choices, default=PublishingRule.AUTO_PUBLISH
    )
    indexing_policy = models.CharField(
        max_length=10, choices=IndexingPolicy.choices, default=IndexingPolicy.INDEX
    )
    enabled = models.BooleanField(default=True)
    allow_private_network = models.BooleanField(
        default=False,
        help_text="Fetch from private or loopback addresses (an in-house wire server).",
    )
    # Polling state, kept by the poller.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    next_poll_at = models.DateTimeField(default=timezone.now, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    failure_count = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.CharField(max_length=500, blank=True, editable=False)
    # Items the last fetch read but did not take (not news, no copy...), by error code.
    last_skipped = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["enabled", "next_poll_at"], name="source_due_idx")]

    def __str__(self) -> str:
        return self.name


class RawInput(models.Model):
    """Bytes exactly as a source delivered them (a feed fetch, a dropped file, a post)."""

    source = models.ForeignKey(Source, null=True, on_delete=models.SET_NULL, related_name="+")
    origin = models.CharField(max_length=1000, help_text="URL or file the bytes came from.")
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["source", "sha256"], name="raw_input_hash_idx"),
            models.Index(fields=["received_at"], name="raw_input_age_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.origin} ({self.size} bytes at {self.received_at:%Y-%m-%d %H:%M})"


class WireItem(models.Model):
    """One version of one item from a source, as parsed. Never changed once stored."""

    # No index of its own: (source, agency_id) and the unique constraint start with it.
    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="wire_items", db_index=False
    )
    raw_input = models.ForeignKey(
        RawInput, null=True, blank=True, on_delete=models.SET_NULL, related_name="wire_items"
    )
    agency_id = models.CharField(max_length=500)
    version = models.CharField(max_length=100, blank=True)
    fingerprint = models.CharField(
        max_length=64, help_text="Hash of the parsed content: the same version twice is one row."
    )
    format = models.CharField(max_length=12)
    pub_status = models.CharField(max_length=12, default="usable")
    signals = models.JSONField(default=list, blank=True)
    headline = models.CharField(max_length=500, blank=True)
    version_created = models.DateTimeField(null=True, blank=True)
    embargoed_until = models.DateTimeField(null=True, blank=True)
    urgency = models.PositiveSmallIntegerField(null=True, blank=True)
    parsed = models.JSONField(help_text="The parsed item, field by field.")
    received_at = models.DateTimeField(default=timezone.now)
    spiked = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "agency_id", "fingerprint"], name="wire_item_version_once"
            ),
        ]
        # Lookups by (source, agency id) use wire_item_version_once, which begins with both.
        indexes = [models.Index(fields=["-received_at"], name="wire_item_recent_idx")]

    def __str__(self) -> str:
        return f"{self.source} {self.agency_id} v{self.version or '?'}"


class QuarantinedInput(models.Model):
    """Input that could not become a wire item, kept with the reason, to retry after a fix."""

    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.SET_NULL)
    origin = models.CharField(max_length=1000)
    content = models.BinaryField(help_text="The raw bytes, exactly as received.")
    code = models.CharField(max_length=60, help_text="Stable error code, e.g. ninjs.schema.")
    message = models.TextField()
    location = models.CharField(max_length=300, blank=True, help_text="Where in the input.")
    received_at = models.DateTimeField(default=timezone.now)
    retried_at = models.DateTimeField(null=True, blank=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name_plural = "quarantined inputs"
        indexes = [models.Index(fields=["resolved", "-received_at"], name="quarantine_open_idx")]

    def __str__(self) -> str:
        return f"{self.code}: {self.origin}"
