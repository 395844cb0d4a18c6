"""Writing the demo through the newsroom and topics services, as the desk would, and
keeping its day fresh on later runs."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TextIO

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import slugify

from dateline.core.parsing.common import byline_names
from dateline.demo.content import (
    AGENCIES,
    AGENCY_SLUGS,
    DEFAULT_COUNT,
    NEWEST_AGE,
    NEWSROOM_SOURCE,
    SECTIONS,
    STAFF,
    STALE_AFTER,
    TOPICS,
)
from dateline.demo.plan import plan_demo
from dateline.newsroom import events
from dateline.newsroom.models import Article, Author, CorrectionNote, Section
from dateline.newsroom.services import (
    correct_article,
    create_article,
    publish_article,
    update_article,
)
from dateline.topics.models import Topic
from dateline.topics.services import assign_topics, find_or_create_topic
from dateline.wires.models import Source


@dataclass
class DemoSummary:
    """What a load did, for the command's output and for tests."""

    articles: int = 0
    created: int = 0
    per_section: dict[str, int] = field(default_factory=dict)
    sources: int = 0
    authors: int = 0
    topics: int = 0
    lead_ids: list[int] = field(default_factory=list)
    corrected_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    shifted_by: timedelta | None = None
    seconds: float = 0.0


def demo_articles() -> QuerySet[Article]:
    """Articles the loader wrote: copy from the fictional agencies or by the demo staff."""
    return Article.objects.filter(
        Q(source__slug__in=AGENCY_SLUGS) | Q(authors__slug__in=[w.slug for w in STAFF])
    ).distinct()


def demo_exists() -> bool:
    return Source.objects.filter(slug__in=AGENCY_SLUGS).exists() and demo_articles().exists()


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + ("" if message.endswith("\n") else "\n"))


def _ensure_structure() -> tuple[dict[str, Section], dict[str, Source], dict[str, Author]]:
    sections = {}
    for position, (name, slug, description) in enumerate(SECTIONS, start=1):
        sections[slug], _ = Section.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position * 10},
        )
    sources = {}
    newsroom = {**NEWSROOM_SOURCE, "kind": Source.Kind.NEWSROOM}
    for spec in (newsroom, *({**a, "kind": Source.Kind.AGENCY} for a in AGENCIES)):
        # Names are unique too: adopt a source the desk already created under another slug.
        source = Source.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"])).first()
        # The demo agencies deliver nothing: a new one starts disabled so no poller tries it.
        is_agency = spec["kind"] == Source.Kind.AGENCY
        source = source or Source(slug=spec["slug"], enabled=not is_agency)
        source.name, source.kind, source.credit = spec["name"], spec["kind"], spec["credit"]
        source.save()
        sources[spec["slug"]] = source
    authors = {}
    for writer in STAFF:
        authors[writer.slug], _ = Author.objects.update_or_create(
            slug=writer.slug,
            defaults={"name": writer.name, "role": writer.role, "bio": writer.bio},
        )
    return sections, sources, authors


def shift_demo(*, now: datetime | None = None) -> timedelta | None:
    """Move the demo day forward so its newest article is `NEWEST_AGE` old again.

    Nothing moves while the newest article is younger than `STALE_AFTER`. Returns the
    delta applied, or None.
    """
    now = now or timezone.now()
    ids = list(demo_articles().values_list("id", flat=True))
    newest = (
        Article.objects.filter(id__in=ids, published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if newest is None or now - newest < STALE_AFTER:
        return None
    delta = now - NEWEST_AGE - newest
    with transaction.atomic():
        articles = Article.objects.filter(id__in=ids)
        # created_at and revision times record when the loader really ran, so they stay.
        articles.update(published_at=F("published_at") + delta, updated_at=F("updated_at") + delta)
        # A date can't take a sub-day delta portably; the dateline is the day of publication.
        articles.update(dateline_date=TruncDate("published_at"))
        CorrectionNote.objects.filter(article_id__in=ids).update(noted_at=F("noted_at") + delta)
        # Lists and caches built on publication times must be rebuilt, as after any change.
        for article_id, section_id in articles.values_list("id", "section_id"):
            events.announce_change(
                article_id=article_id, what={events.UPDATED}, section_ids={section_id}
            )
    return delta


def reset_demo(*, stdout: TextIO | None = None) -> int:
    """Delete the demo articles and the demo topics nothing else uses; keep the structure."""
    with transaction.atomic():
        ids = list(demo_articles().values_list("id", flat=True))
        Article.objects.filter(id__in=ids).delete()
        orphans = Topic.objects.filter(
            slug__in=[find_topic_slug(key) for key in TOPICS], article_links__isnull=True
        )
        orphans.delete()
    _say(stdout, f"Deleted {len(ids)} demo articles.")
    return len(ids)


def find_topic_slug(key: str) -> str:
    """The slug `find_or_create_topic` gives a demo topic."""
    return slugify(TOPICS[key][0]) or "topic"


def _summarise(summary: DemoSummary) -> DemoSummary:
    articles = demo_articles()
    summary.articles = articles.count()
    summary.per_section = dict(
        Counter(
            Article.objects.filter(id__in=articles.values("id")).values_list(
                "section__slug", flat=True
            )
        )
    )
    summary.sources = Source.objects.filter(
        slug__in=[NEWSROOM_SOURCE["slug"], *AGENCY_SLUGS]
    ).count()
    summary.authors = Author.objects.filter(slug__in=[w.slug for w in STAFF]).count()
    summary.topics = (
        Topic.objects.filter(article_links__article__in=articles.values("id")).distinct().count()
    )
    if not summary.lead_ids:
        summary.lead_ids = sorted(articles.filter(is_lead=True).values_list("id", flat=True))
    if not summary.corrected_ids:
        summary.corrected_ids = sorted(
            articles.filter(corrections__isnull=False).values_list("id", flat=True)
        )
    if not summary.updated_ids:
        summary.updated_ids = sorted(
            articles.filter(revisions__reason="update").values_list("id", flat=True)
        )
    return summary


def load_demo(
    *, count: int = DEFAULT_COUNT, now: datetime | None = None, stdout: TextIO | None = None
) -> DemoSummary:
    """Write the demo content, or, if it is already there, only bring its times up to date.

    Safe to run again and again: existing demo content is never duplicated.
    """
    started = time.monotonic()
    now = now or timezone.now()
    summary = DemoSummary()
    if demo_exists():
        summary.shifted_by = shift_demo(now=now)
        if summary.shifted_by is None:
            _say(stdout, "Demo content already loaded and fresh; nothing to do.")
        else:
            _say(stdout, f"Demo content already loaded; moved it forward by {summary.shifted_by}.")
        summary.seconds = time.monotonic() - started
        return _summarise(summary)

    plans = plan_demo(count=count, now=now)
    topics: dict[str, Topic] = {}
    with transaction.atomic():
        sections, sources, authors = _ensure_structure()
        # Oldest first, so ids grow with publication time as they would in a real newsroom.
        for plan in reversed(plans):
            article = create_article(
                headline=plan.headline,
                section=sections[plan.section],
                body=plan.published_body or plan.body,
                standfirst=plan.standfirst,
                # The wire sends "By ..." (the demo wire); an article keeps the names alone.
                byline=byline_names(plan.byline),
                authors=[authors[slug] for slug in plan.authors],
                dateline_place=plan.city,
                dateline_date=_local_date(plan.published_at),
                credit=plan.credit,
                source=sources[plan.source],
                is_lead=plan.is_lead,
            )
            publish_article(article=article, at=plan.published_at)
            for key, _score in plan.topics:
                if key not in topics:
                    name, kind, description = TOPICS[key]
                    topics[key] = find_or_create_topic(
                        name=name, kind=kind, description=description
                    )
            assign_topics(article=article, topics=[(topics[k], s) for k, s in plan.topics])
            if plan.update:
                update_article(article=article, changes=plan.update, at=plan.updated_at)
                summary.updated_ids.append(article.pk)
            if plan.published_body is not None:
                correct_article(
                    article=article,
                    note=plan.correction_note,
                    changes={"body": plan.body},
                    at=plan.corrected_at,
                )
                summary.corrected_ids.append(article.pk)
            if plan.is_lead:
                summary.lead_ids.append(article.pk)
            summary.created += 1
    summary.seconds = time.monotonic() - started
    _summarise(summary)
    _say(
        stdout,
        f"Created {summary.created} demo articles in {summary.seconds:.1f}s "
        f"({summary.topics} topics, {summary.authors} authors, {summary.sources} sources).",
    )
    return summary


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()
