"""`dateline stories --json FILE...`: group articles given as JSON lines into stories.

Each line is an article, `{"id", "headline", "body", "published", "source"?}`, in time
order; each output line is `{"id", "story"}`, the story named by the id of the article
that started it. It uses the same core as the worker and touches no database.
"""

from __future__ import annotations

import json
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from dateline.core.stories import StoryArticle, StoryEngine


def read_articles(lines, origin: str):
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            published = datetime.fromisoformat(data["published"].replace("Z", "+00:00"))
            if published.tzinfo is None:
                raise ValueError("published needs a time zone offset")
            yield StoryArticle(
                id=data["id"],
                headline=data.get("headline", ""),
                body=data.get("body", ""),
                published=published,
                source=str(data.get("source", "")),
                topics=tuple(data.get("topics", ())),
                place=data.get("dateline", ""),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise CommandError(f"{origin}:{number}: {type(exc).__name__}: {exc}") from exc


class Command(BaseCommand):
    help = "Group articles (JSON lines, in time order) into stories; print {id, story} lines."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="JSON lines ('-': stdin)")
        parser.add_argument(
            "--json", action="store_true", help="Read and write JSON lines (the only format)."
        )

    def handle(self, *args, files: list[str], **options):
        import sys

        engine = StoryEngine()
        for name in files:
            handle = sys.stdin if name == "-" else open(name, encoding="utf-8")  # noqa: SIM115
            with handle:
                for article in read_articles(handle, name):
                    assignment = engine.assign(article)
                    self.stdout.write(json.dumps({"id": article.id, "story": assignment.story}))
