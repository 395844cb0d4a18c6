"""Turning wire items into articles and following the agency's later versions.

A new item becomes an article (published at once or held for the desk, by the source's
publishing rule); a newer version updates it in place; a correction adds a public note;
`canceled` kills it (410); `withheld` takes it off the site; an embargo keeps it hidden
until its time. Copy whose body another source already gave is linked, not published twice.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dateline.core.parsing import ParsedWireItem
from dateline.core.text import html_to_text
from dateline.newsroom import services
from dateline.newsroom.models import Article, Section
from dateline.wires.models import Source, WireItem
from dateline.wires.services import Receipt, item_from_json

INGESTED = "ingested"
UPDATED = "updated"
UNCHANGED = "unchanged"
DUPLICATE = "duplicate"
KILLED = "killed"
HELD = "held"

DUPLICATE_WINDOW = timedelta(days=3)

# IPTC Media Topic top-level codes to the sections a general news site has.
SECTION_BY_MEDIA_TOPIC = {
    "medtop:01000000": "culture",
    "medtop:04000000": "business",
    "medtop:07000000": "health",
    "medtop:11000000": "politics",
    "medtop:13000000": "science",
    "medtop:15000000": "sport",
    "medtop:16000000": "world",
}


@dataclass
class IngestReport:
    """Counts for one run of ingest, in the words of `dateline ingest --json`."""

    ingested: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    killed: int = 0
    held: int = 0
    quarantined: int = 0
    rejected: list[dict] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)

    def count(self, outcome: str) -> None:
        attribute = {DUPLICATE: "duplicates"}.get(outcome, outcome)
        setattr(self, attribute, getattr(self, attribute) + 1)

    def as_json(self) -> dict:
        return {
            "ingested": self.ingested,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "duplicates": self.duplicates,
            "killed": self.killed,
            "held": self.held,
            "quarantined": self.quarantined,
            "rejected": self.rejected,
        }


def body_fingerprint(body_html: str) -> str:
    """The same copy lightly re-typeset (spaces, case, punctuation) gives the same hash."""
    words = re.findall(r"\w+", html_to_text(body_html).lower())
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""


def _section_for(item: ParsedWireItem, source: Source) -> Section:
    # Only top-level Media Topic codes say the section: lower-level codes are not
    # numbered under their parents, so a code alone cannot be walked up.
    slugs = [
        SECTION_BY_MEDIA_TOPIC[code] for code, _ in item.subjects if code in SECTION_BY_MEDIA_TOPIC
    ]
    for slug in [*slugs, source.default_section_slug, "world"]:
        if slug:
            section = Section.objects.filter(slug=slug).first()
            if section:
                return section
    section = Section.objects.first()
    if section is None:
        section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
    return section


def _article_fields(item: ParsedWireItem, source: Source) -> dict:
    image = item.images[0] if item.images else None
    return {
        "headline": item.headline.strip()[:300] or "(no headline)",
        "standfirst": item.standfirst,
        "body": item.body_html,
        "byline": item.byline[:200],
        "dateline_place": item.dateline_place[:100],
        "dateline_date": item.dateline_date.date() if item.dateline_date else None,
        "credit": (item.credit or source.credit or source.name)[:200],
        "image_url": image.url[:200] if image else "",
        "image_caption": image.caption[:300] if image else "",
        "image_credit": image.credit[:200] if image else "",
        "image_alt": (image.alt or image.caption)[:300] if image else "",
    }


def _is_older(item: ParsedWireItem, article: Article) -> bool:
    return bool(
        item.version_created
        and article.wire_version_created
        and item.version_created < article.wire_version_created
    )


@transaction.atomic
def apply_wire_item(*, wire_item: WireItem) -> tuple[str, Article | None]:
    """Make one stored wire item count on the site; returns the outcome and the article."""
    source = wire_item.source
    item = item_from_json(wire_item.parsed)
    article = (
        Article.objects.select_for_update()
        .filter(source=source, agency_id=wire_item.agency_id)
        .first()
    )
    if article is not None and _is_older(item, article):
        return UNCHANGED, article  # a late copy of a version we already replaced
    if item.pub_status == "canceled":
        if article is None or article.status == Article.Status.KILLED:
            return UNCHANGED, article
        services.kill_article(article=article, reason=f"canceled by {source.name}")
        return KILLED, article
    if item.pub_status == "withheld":
        if article is not None and article.is_published:
            services.unpublish_article(article=article)
        return HELD, article
    if article is None:
        return _new_article(item=item, source=source, wire_item=wire_item)
    if article.status == Article.Status.KILLED:
        return UNCHANGED, article
    fields = _article_fields(item, source)
    changes = {name: value for name, value in fields.items() if getattr(article, name) != value}
    changes["embargo_until"] = item.embargoed_until
    if item.is_correction:
        services.correct_article(
            article=article,
            note=item.ed_note or f"This article was corrected by {fields['credit']}.",
            changes=changes,
        )
    else:
        services.update_article(article=article, changes=changes)
    Article.objects.filter(pk=article.pk).update(
        wire_version_created=item.version_created, body_fingerprint=body_fingerprint(item.body_html)
    )
    if article.status == Article.Status.UNPUBLISHED and source.publishing_rule == "auto-publish":
        services.publish_article(article=article)
    return UPDATED, article


def _new_article(*, item: ParsedWireItem, source: Source, wire_item: WireItem):
    fields = _article_fields(item, source)
    fingerprint = body_fingerprint(item.body_html)
    original = None
    if fingerprint:
        original = (
            Article.objects.filter(
                body_fingerprint=fingerprint,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
                duplicate_of__isnull=True,
            )
            .exclude(source=source)
            .first()
        )
    article = services.create_article(
        **fields,
        section=_section_for(item, source),
        source=source,
        language=(item.language or source.language or "en")[:12],
        embargo_until=item.embargoed_until,
    )
    Article.objects.filter(pk=article.pk).update(
        agency_id=wire_item.agency_id,
        wire_version_created=item.version_created,
        body_fingerprint=fingerprint,
        duplicate_of=original,
    )
    article.refresh_from_db()
    if original is not None:
        return DUPLICATE, article
    if source.publishing_rule == Source.PublishingRule.AUTO_PUBLISH:
        services.publish_article(article=article)
        return INGESTED, article
    Article.objects.filter(pk=article.pk).update(status=Article.Status.READY)
    return HELD, article


def ingest_receipt(*, receipt: Receipt, report: IngestReport) -> IngestReport:
    """Apply the new wire items of a stored input and count the outcomes."""
    report.unchanged += receipt.unchanged
    report.quarantined += len(receipt.quarantined)
    for quarantined in receipt.quarantined:
        report.rejected.append(
            {"input": quarantined.origin, "code": quarantined.code, "message": quarantined.message}
        )
    for wire_item in receipt.new_items:
        outcome, article = apply_wire_item(wire_item=wire_item)
        report.count(outcome)
        if article is not None:
            report.articles.append(article.pk)
    return report
