from django.db import models


class Source(models.Model):
    """Where copy comes from: an agency wire, a partner feed or our own newsroom."""

    class Kind(models.TextChoices):
        AGENCY = "agency", "News agency"
        NEWSROOM = "newsroom", "Our newsroom"
        PARTNER = "partner", "Partner publisher"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.AGENCY)
    credit = models.CharField(
        max_length=120,
        blank=True,
        help_text="How copy from this source is credited, e.g. 'Meridian Press'.",
    )
    url = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
