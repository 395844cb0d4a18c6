"""`dateline tag`: tag an article read from standard input and print the topics as JSON."""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from dateline.topics.tagging import current_tagger


def _article(text: str) -> dict:
    """JSON with headline/standfirst/body, or plain text (first line is the headline)."""
    stripped = text.strip()
    if stripped.startswith("{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise CommandError(f"input is not valid JSON: {exc}", returncode=2) from exc
        if not isinstance(data, dict) or not data.get("headline"):
            raise CommandError("JSON input needs at least a 'headline'", returncode=2)
        return data
    headline, _, body = text.partition("\n")
    return {"headline": headline, "standfirst": "", "body": body}


def _tag(tagger, data: dict) -> dict:
    result = tagger.tag(
        headline=str(data.get("headline", "")),
        standfirst=str(data.get("standfirst", "")),
        body=str(data.get("body", "")),
        language=str(data.get("language", "en")),
        agency_subjects=tuple(data.get("subjects", ())),
        section=data.get("section"),
    )
    output = result.as_dict()
    return {"topics": output["topics"], "entities": output["entities"]}


class Command(BaseCommand):
    help = (
        "Tag one article from standard input (plain text, or JSON with headline, standfirst, "
        "body) and print its topics and entities; offsets are into headline + newline + "
        "standfirst + newline + body. --jsonl tags one JSON article per line."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", help="Print JSON (the default).")
        parser.add_argument("--jsonl", action="store_true", help="One JSON article per line.")

    def handle(self, *args, **options):
        tagger = current_tagger()
        if options["jsonl"]:
            for number, line in enumerate(sys.stdin, 1):
                if not line.strip():
                    continue
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise CommandError(f"line {number} is not JSON: {exc}", returncode=2) from exc
                self.stdout.write(json.dumps(_tag(tagger, data), ensure_ascii=False))
            return
        self.stdout.write(json.dumps(_tag(tagger, _article(sys.stdin.read())), ensure_ascii=False))
