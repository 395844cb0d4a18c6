"""Who may push copy into a source over the API."""

from django.db import models
from django.utils import timezone


class SourceToken(models.Model):
    """A secret that lets an agency or another system push items into one source.

    Only the SHA-256 of the token is stored: the token itself is shown once, when it is
    issued, so a copy of the database gives nobody the right to push.
    """

    source = models.ForeignKey("wires.Source", on_delete=models.CASCADE, related_name="push_tokens")
    name = models.CharField(
        max_length=120, help_text="Who holds the token, e.g. 'Meridian Press CMS'."
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        max_length=12, editable=False, help_text="The token's first characters, to tell it apart."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    enabled = models.BooleanField(default=True)

    class Meta:
        ordering = ["source", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…) for {self.source}"
