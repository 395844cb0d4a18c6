"""`dateline repair`: queue the missing work of live articles (index, topics, story)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from dateline.ingest.repair import articles_needing_work, repair


class Command(BaseCommand):
    help = (
        "Find live articles that are not in the search index, not tagged or not in a story, "
        "and queue the work for them (the worker runs this sweep when it starts)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count only; queue nothing.")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="Print one JSON object."
        )

    def handle(self, *args, dry_run: bool, as_json: bool, **options):
        found = articles_needing_work() if dry_run else repair()
        counts = found.as_json()
        if as_json:
            self.stdout.write(json.dumps({**counts, "queued": 0 if dry_run else found.queued}))
            return
        verb = "would queue" if dry_run else "queued"
        self.stdout.write(
            f"{verb} work for live articles: {counts['unindexed']} not indexed, "
            f"{counts['untagged']} not tagged, {counts['ungrouped']} not in a story"
        )
