"""`dateline load_demo`: a day of synthetic news, so the site has something to show."""

from __future__ import annotations

from collections import Counter

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from dateline.demo import content, services
from dateline.demo.plan import plan_demo


class Command(BaseCommand):
    help = (
        "Load synthetic demo articles (sections, sources, staff, topics). Re-running never "
        "duplicates them; it moves a stale demo day forward so it looks current."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count",
            type=int,
            default=content.DEFAULT_COUNT,
            help=f"How many articles to create (default {content.DEFAULT_COUNT}).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be done; write nothing."
        )
        parser.add_argument(
            "--reset", action="store_true", help="Delete the demo articles and load them afresh."
        )

    def handle(self, *args, count: int, dry_run: bool, reset: bool, **options) -> None:
        if count < 1:
            self.stderr.write("--count must be at least 1.")
            return
        if dry_run:
            self._describe(count=count, reset=reset)
            return
        if reset:
            services.reset_demo(stdout=self.stdout)
        summary = services.load_demo(count=count, stdout=self.stdout)
        sections = ", ".join(f"{slug} {n}" for slug, n in sorted(summary.per_section.items()))
        self.stdout.write(f"Demo articles: {summary.articles} ({sections}).")
        self.stdout.write(
            f"Leads {summary.lead_ids}; corrected {summary.corrected_ids}; "
            f"updated {summary.updated_ids}."
        )

    def _describe(self, *, count: int, reset: bool) -> None:
        """The dry run: the plan in memory, and what would happen to existing content."""
        now = timezone.now()
        if services.demo_exists() and not reset:
            newest = services.demo_articles().order_by("-published_at").first()
            age = now - newest.published_at if newest and newest.published_at else None
            if age is not None and age >= content.STALE_AFTER:
                self.stdout.write(
                    f"Demo content exists; would move it forward by {age - content.NEWEST_AGE}."
                )
            else:
                self.stdout.write("Demo content exists and is fresh; would do nothing.")
            return
        if reset:
            self.stdout.write(f"Would delete {services.demo_articles().count()} demo articles.")
        plans = plan_demo(count=count, now=now)
        per_section = Counter(plan.section for plan in plans)
        self.stdout.write(
            f"Would create {len(content.SECTIONS)} sections, {1 + len(content.AGENCIES)} sources, "
            f"{len(content.STAFF)} authors, "
            f"{len({key for plan in plans for key, _ in plan.topics})} topics and "
            f"{len(plans)} articles:"
        )
        for _name, slug, _description in content.SECTIONS:
            self.stdout.write(f"  {slug}: {per_section.get(slug, 0)}")
        for plan in plans[:10]:
            marks = "".join(
                mark
                for flag, mark in (
                    (plan.is_lead, " [lead]"),
                    (plan.update, " [updated]"),
                    (plan.published_body is not None, " [corrected]"),
                )
                if flag
            )
            self.stdout.write(f"  {plan.published_at:%H:%M} {plan.headline}{marks}")
        if len(plans) > 10:
            self.stdout.write(f"  … and {len(plans) - 10} more.")
