"""Turning wire items into articles and following the agency's later versions.

A new item becomes an article (published at once or held for the desk, by the source's
publishing rule); a newer version updates it in place; a correction adds a public note;
`canceled` kills it (410); `withheld` takes it off the site; an embargo keeps it hidden
until its time. Copy whose body another source already gave is linked, not published twice.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from dateline.core.parsing import ParsedWireItem, WireParseError
from dateline.core.text import html_to_text
from dateline.newsroom import services
from dateline.newsroom.models import Article, Section
from dateline.stories.duplicates import find_near_duplicates
from dateline.topics import services as topics
from dateline.wires.models import Source, WireItem
from dateline.wires.services import Receipt, item_from_json, quarantine

logger = logging.getLogger(__name__)

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
    skipped: int = 0
    rejected: list[dict] = field(default_factory=list)
    articles: list[int] = field(default_factory=list)
    skipped_codes: dict[str, int] = field(default_factory=dict)

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
            "skipped": self.skipped,
            "skipped_codes": self.skipped_codes,
            "rejected": self.rejected,
        }


def body_fingerprint(body_html: str) -> str:
    """The same copy lightly re-typeset (spaces, case, punctuation) gives the same hash."""
    text = html_to_text(body_html).lower()
    # For ASCII copy str methods split out the same words as the expression, faster.
    words = text.translate(_ASCII_NON_WORD).split() if text.isascii() else _WORDS.findall(text)
    return hashlib.sha256(" ".join(words).encode()).hexdigest() if words else ""


_WORDS = re.compile(r"\w+")
_ASCII_NON_WORD = str.maketrans(
    {chr(c): " " for c in range(128) if not (chr(c).isalnum() or chr(c) == "_")}
)


class Batch:
    """What applying a batch of wire items needs to look up, read in a few queries.

    The site's sections (a handful), the articles the items already made (locked, so that
    another worker cannot apply a version in between) and the articles whose body the new
    copy repeats.
    """

    def __init__(self, wire_items: list[WireItem]) -> None:
        self.sections = {section.slug: section for section in Section.objects.all()}
        self.articles: dict[tuple[int, str], Article] = {}
        self.wire_items = wire_items
        self.originals: dict[str, Article] = {}
        by_source: dict[int, set[str]] = {}
        self.fingerprints: dict[int, str] = {}
        for wire_item in wire_items:
            by_source.setdefault(wire_item.source_id, set()).add(wire_item.agency_id)
            self.fingerprints[wire_item.pk] = body_fingerprint(
                wire_item.parsed.get("body_html", "")
            )
        fingerprints = set(self.fingerprints.values())
        for source_id, agency_ids in by_source.items():
            for article in Article.objects.select_for_update().filter(
                source_id=source_id, agency_id__in=agency_ids
            ):
                self.articles[(source_id, article.agency_id)] = article
        fingerprints.discard("")
        if fingerprints:
            for article in Article.objects.filter(
                body_fingerprint__in=fingerprints,
                created_at__gte=timezone.now() - DUPLICATE_WINDOW,
                duplicate_of__isnull=True,
            ).only("id", "source_id", "body_fingerprint"):
                self.originals.setdefault(article.body_fingerprint, article)
        self.near_originals = self._near_originals(wire_items)

    def _near_originals(self, wire_items: list[WireItem]) -> dict[int, Article]:
        """Originals that new stories' copy repeats with light edits, by wire item id."""
        asked = {
            wire_item.pk: wire_item.parsed.get("body_html", "")
            for wire_item in wire_items
            if (wire_item.source_id, wire_item.agency_id) not in self.articles
            and self.original_of(self.fingerprints[wire_item.pk], wire_item.source) is None
        }
        if not asked:
            return {}
        found = find_near_duplicates(asked)
        articles = Article.objects.only("id", "source_id", "body_fingerprint").in_bulk(
            set(found.values())
        )
        return {key: articles[pk] for key, pk in found.items() if pk in articles}

    def fingerprint_of(self, wire_item: WireItem) -> str:
        if wire_item.pk not in self.fingerprints:
            self.fingerprints[wire_item.pk] = body_fingerprint(
                wire_item.parsed.get("body_html", "")
            )
        return self.fingerprints[wire_item.pk]

    def article_for(self, wire_item: WireItem) -> Article | None:
        return self.articles.get((wire_item.source_id, wire_item.agency_id))

    def _section_named(self, name: str) -> str | None:
        """The slug of the section a subject names ("Business", "sport"), if any."""
        folded = name.strip().casefold()
        for slug, section in self.sections.items():
            if folded in (slug, section.name.casefold()):
                return slug
        return None

    def original_of(self, fingerprint: str, source: Source) -> Article | None:
        original = self.originals.get(fingerprint) if fingerprint else None
        return original if original is not None and original.source_id != source.pk else None

    def remember(self, article: Article) -> None:
        self.articles[(article.source_id, article.agency_id)] = article
        if article.body_fingerprint and article.duplicate_of_id is None:
            self.originals.setdefault(article.body_fingerprint, article)

    def section_for(self, item: ParsedWireItem, source: Source) -> Section:
        # The copy's own subjects place it before the source's default, which is only what
        # most of its copy is about: a feed's "business" category, or a subject code.
        wanted = [self._section_named(name) for code, name in item.subjects if not code]
        wanted += [_section_of_code(code) for code, _ in item.subjects if code]
        for slug in [*wanted, source.default_section_slug, "world"]:
            if slug and slug in self.sections:
                return self.sections[slug]
        if not self.sections:
            section, _ = Section.objects.get_or_create(slug="news", defaults={"name": "News"})
            self.sections[section.slug] = section
        return next(iter(self.sections.values()))


def _section_of_code(code: str) -> str | None:
    """The section of a top-level IPTC Media Topic, or of an old IPTC Subject Code (which
    shares the top-level numbering). Lower-level Media Topics are not numbered under their
    parents, so a code alone cannot be walked up."""
    if code.startswith("subj:") and len(code) == 13 and code[5:].isdigit():
        code = f"medtop:{code[5:7]}000000"
    return SECTION_BY_MEDIA_TOPIC.get(code)


def article_fields(item: ParsedWireItem, source: Source) -> dict:
    """The article's copy fields from a wire version, as ingest and the desk both map them."""
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
def apply_wire_item(
    *, wire_item: WireItem, batch: Batch | None = None
) -> tuple[str, Article | None]:
    """Make one stored wire item count on the site; returns the outcome and the article."""
    batch = batch or Batch([wire_item])
    source = wire_item.source
    item = item_from_json(wire_item.parsed)
    article = batch.article_for(wire_item)
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
        article = _new_article(item=item, source=source, wire_item=wire_item, batch=batch)
        batch.remember(article)
        return _outcome_of_new(article), article
    if article.status == Article.Status.KILLED:
        return UNCHANGED, article
    fields = article_fields(item, source)
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
    article.wire_version_created = item.version_created
    article.body_fingerprint = body_fingerprint(item.body_html)
    Article.objects.filter(pk=article.pk).update(
        wire_version_created=article.wire_version_created,
        body_fingerprint=article.body_fingerprint,
    )
    if article.status == Article.Status.UNPUBLISHED and source.publishing_rule == "auto-publish":
        services.publish_article(article=article)
    return UPDATED, article


def _unsaved_article(
    *, item: ParsedWireItem, source: Source, wire_item: WireItem, batch: Batch
) -> tuple[Article, bool]:
    """The article a first version makes, not yet saved, and whether to publish it."""
    fingerprint = batch.fingerprint_of(wire_item)
    original = batch.original_of(fingerprint, source) or batch.near_originals.get(wire_item.pk)
    hold = source.publishing_rule == Source.PublishingRule.HOLD
    publish = original is None and not hold
    article = services.new_article(
        **article_fields(item, source),
        section=batch.section_for(item, source),
        source=source,
        language=(item.language or source.language or "en")[:12],
        embargo_until=item.embargoed_until,
        status=Article.Status.READY if hold and original is None else Article.Status.DRAFT,
        agency_id=wire_item.agency_id,
        wire_version_created=item.version_created,
        body_fingerprint=fingerprint,
        duplicate_of=original,
        publish=publish,
    )
    return article, publish


def _new_article(
    *, item: ParsedWireItem, source: Source, wire_item: WireItem, batch: Batch
) -> Article:
    article, _ = _unsaved_article(item=item, source=source, wire_item=wire_item, batch=batch)
    return services.create_articles([article])[0]


def _outcome_of_new(article: Article) -> str:
    if article.duplicate_of_id:
        return DUPLICATE
    return INGESTED if article.is_published else HELD


def _create_first_versions(
    wire_items: list[WireItem], batch: Batch, report: IngestReport
) -> set[int]:
    """Make the articles of an input's new stories in one insert; returns the wire items done.

    Most of a busy wire's input is first versions of new stories, and one insert for all
    of them costs a fraction of one per item. Later versions, kills and holds take the
    item-by-item path; so does everything when the one insert fails (the item at fault is
    then found and quarantined alone).
    """
    firsts: list[tuple[WireItem, Article]] = []
    claimed: set[tuple[int, str]] = set()
    for wire_item in wire_items:
        key = (wire_item.source_id, wire_item.agency_id)
        if key in claimed or batch.article_for(wire_item) is not None:
            continue
        try:
            item = item_from_json(wire_item.parsed)
            if item.pub_status in {"canceled", "withheld"}:
                continue
            article, _ = _unsaved_article(
                item=item, source=wire_item.source, wire_item=wire_item, batch=batch
            )
        except Exception:  # left to the item-by-item path, which quarantines it
            continue
        claimed.add(key)
        firsts.append((wire_item, article))
    if not firsts:
        return set()
    try:
        saved = services.create_articles([article for _, article in firsts])
    except Exception:
        logger.warning("One insert for %s new articles failed; one by one", len(firsts))
        return set()
    done = set()
    for (wire_item, _), article in zip(firsts, saved, strict=True):
        batch.remember(article)
        report.count(_outcome_of_new(article))
        report.articles.append(article.pk)
        done.add(wire_item.pk)
    return done


def ingest_receipt(
    *, receipt: Receipt, report: IngestReport, quick_tags: bool = False
) -> IngestReport:
    """Apply the new wire items of a stored input and count the outcomes.

    With `quick_tags` the published copy is tagged (alias index) in the input's
    transaction: for the worker and the command, which keep a tagger. Web processes leave
    it out, never load the tagger, and the change event queues the tagging for the worker.
    """
    report.unchanged += receipt.unchanged
    report.quarantined += len(receipt.quarantined)
    report.skipped += receipt.skipped
    for code, count in receipt.skipped_codes.items():
        report.skipped_codes[code] = report.skipped_codes.get(code, 0) + count
    for quarantined in receipt.quarantined:
        report.rejected.append(
            {"input": quarantined.origin, "code": quarantined.code, "message": quarantined.message}
        )
    batch = Batch(receipt.new_items)
    existing = {article.pk for article in batch.articles.values()}
    done = _create_first_versions(receipt.new_items, batch, report)
    for wire_item in receipt.new_items:
        if wire_item.pk in done:
            continue
        try:
            outcome, article = apply_wire_item(wire_item=wire_item, batch=batch)
        except Exception as exc:  # one item's failure must not lose the rest of the batch
            logger.exception("Applying wire item %s failed", wire_item.pk)
            quarantined = quarantine(
                source=wire_item.source,
                origin=f"wire item {wire_item.pk} ({wire_item.agency_id})",
                content=json.dumps(wire_item.parsed).encode(),
                error=WireParseError("ingest.failed", f"{type(exc).__name__}: {exc}"),
            )
            report.quarantined += 1
            report.rejected.append(
                {
                    "input": quarantined.origin,
                    "code": quarantined.code,
                    "message": quarantined.message,
                }
            )
            continue
        report.count(outcome)
        if article is not None:
            report.articles.append(article.pk)
    if quick_tags:
        _tag_published_copy(batch, existing, report)
    return report


def _tag_published_copy(batch: Batch, existing: set[int], report: IngestReport) -> None:
    published = set(report.articles)
    articles = [
        article
        for article in batch.articles.values()
        if article.pk in published and article.is_published
    ]
    if not articles:
        return
    # An article's subjects are those of its latest version: the last one in the input.
    subjects_of = {
        (wire_item.source_id, wire_item.agency_id): wire_item.parsed.get("subjects") or []
        for wire_item in batch.wire_items
    }
    agency_subjects = {
        article.pk: [code for code, _ in subjects_of[key] if code]
        for article in articles
        if (key := (article.source_id, article.agency_id)) in subjects_of
    }
    try:
        with transaction.atomic():
            # Tagged in the input's transaction, so that the articles go out with their
            # topics in one change event instead of a second round of purges a moment later.
            topics.tag_wire_copy(
                articles=articles,
                agency_subjects=agency_subjects,
                new=frozenset(article.pk for article in articles if article.pk not in existing),
            )
    except Exception:
        # Never lose an input over its topics: the worker's tagging pass will set them.
        logger.exception("Tagging %s new articles failed; left to the worker", len(articles))


def create_article_from_wire_item(*, wire_item: WireItem, publish: bool) -> Article:
    """An article from one wire item, mapped as ingest maps it, so that copy the desk
    publishes reads the same as copy the source's rule published by itself."""
    source = wire_item.source
    item = item_from_json(wire_item.parsed)
    return services.create_article(
        **article_fields(item, source),
        section=Batch([wire_item]).section_for(item, source),
        source=source,
        language=(item.language or source.language or "en")[:12],
        embargo_until=item.embargoed_until,
        agency_id=wire_item.agency_id,
        wire_version_created=item.version_created,
        body_fingerprint=body_fingerprint(item.body_html),
        publish=publish,
    )
