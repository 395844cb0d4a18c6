"""`dateline issue_token SOURCE` prints a new push token for a source, once."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from dateline.api.services import issue_source_token
from dateline.wires.models import Source


class Command(BaseCommand):
    help = "Issue a token that lets SOURCE push ninjs or NewsML-G2 to /api/push; shown once."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The source's name or slug.")
        parser.add_argument("--name", default="", help="Who holds the token (default: source).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Name the source; issue nothing."
        )

    def handle(self, *args, source: str, name: str, dry_run: bool, **options) -> None:
        found = Source.objects.filter(Q(name__iexact=source) | Q(slug=source)).first()
        if found is None:
            raise CommandError(f"No source named {source!r}.")
        holder = name or found.name
        if dry_run:
            self.stdout.write(f"Would issue a push token for {found.name} held by {holder}.")
            return
        record, token = issue_source_token(source=found, name=holder)
        self.stderr.write(
            f"Push token {record.prefix}… for {found.name} (held by {holder}). "
            "It is shown only now; keep it secret."
        )
        self.stdout.write(token)
