"""Reads for the desk's screens: the wire monitor and its chart."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.db.models import BigIntegerField, Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncHour
from django.utils import timezone

from dateline.desk.models import WireItemUse
from dateline.newsroom.models import Article, Section
from dateline.stories.models import Story, StoryMember
from dateline.wires.models import WireItem

MONITOR_LIMIT = 100

NEW = "new"
USED = "used"
SPIKED = "spiked"
WIRE_STATUSES = {NEW: "New", USED: "On an article", SPIKED: "Spiked"}


def _article_column(column: str):
    # Both subqueries give an article's id or its section's id: plain big integers.
    used = WireItemUse.objects.filter(wire_item=OuterRef("pk")).values(f"article__{column}")[:1]
    made = Article.objects.filter(
        source_id=OuterRef("source_id"), agency_id=OuterRef("agency_id")
    ).values(column)[:1]
    return Coalesce(Subquery(used), Subquery(made), output_field=BigIntegerField())


def wire_items(
    *,
    source: str = "",
    urgency: str = "",
    section: str = "",
    language: str = "",
    status: str = "",
    before: str = "",
) -> QuerySet[WireItem]:
    """Wire items newest first, each with the article it became (if any), filtered.

    Every filter is on an indexed column or a per-row subquery on an index (source and
    agency id), and the list is cut at MONITOR_LIMIT: the monitor never counts the table.
    """
    items = (
        WireItem.objects.select_related("source")
        .defer("parsed", "raw_input")
        .annotate(article_id=_article_column("id"), article_section_id=_article_column("section"))
        .order_by("-received_at", "-id")
    )
    if source.isdigit():
        items = items.filter(source_id=int(source))
    if urgency.isdigit():
        # Urgency 1 is a flash; "3" shows everything at least as urgent.
        items = items.filter(urgency__lte=int(urgency))
    if section:
        section_obj = Section.objects.filter(slug=section).first()
        section_id = section_obj.pk if section_obj else -1
        items = items.filter(
            Q(article_section_id=section_id)
            | Q(article_section_id__isnull=True, source__default_section_slug=section)
        )
    if language:
        items = items.filter(parsed__language=language)
    if status == NEW:
        items = items.filter(spiked=False, article_id__isnull=True)
    elif status == USED:
        items = items.filter(article_id__isnull=False)
    elif status == SPIKED:
        items = items.filter(spiked=True)
    if before.isdigit():
        items = items.filter(id__lt=int(before))
    return items


def articles_by_id(ids) -> dict[int, Article]:
    """The articles wire items became, each with its story's id (`story_id`, None outside).

    A duplicate held back (re-sent or retouched copy) shows under its original's story.
    """
    return (
        Article.objects.only(
            "id", "headline", "status", "published_at", "embargo_until", "duplicate_of_id"
        )
        .annotate(
            story_id=Coalesce(F("story_link__story_id"), F("duplicate_of__story_link__story_id"))
        )
        .in_bulk([i for i in ids if i])
    )


def stories_by_id(ids) -> dict[int, Story]:
    """Stories with their members (article's id, headline and section), in two queries."""
    members = StoryMember.objects.select_related("article").only(
        "id", "story_id", "article_id", "source_id", "article__headline", "article__section_id"
    )
    return (
        Story.objects.only("id", "headline", "lead", "lead_chosen_by_desk", "merged_into")
        .prefetch_related(Prefetch("members", queryset=members))
        .in_bulk({i for i in ids if i})
    )


@dataclass
class MonitorRow:
    """One line of the monitor: a wire item in no story, or a story with its items.

    `items` are the story's wire items in this list (filters and the page apply), newest
    first; `head` is the one the line shows: the lead article's, else the newest.
    """

    head: WireItem
    story: Story | None = None
    items: list[WireItem] = field(default_factory=list)

    @property
    def versions(self) -> int:
        return len(self.items)

    @property
    def sources(self) -> int:
        return len({item.source_id for item in self.items})


def rows_by_story(items: list[WireItem], stories: dict[int, Story]) -> list[MonitorRow]:
    """Group wire items (newest first, each with `article`) into the monitor's lines.

    A story's line stands where its newest item would; items in no story stay single.
    """
    rows: list[MonitorRow] = []
    by_story: dict[int, MonitorRow] = {}
    for item in items:
        story = stories.get(getattr(item.article, "story_id", None) or 0)
        if story is None:
            rows.append(MonitorRow(head=item, items=[item]))
        elif story.pk in by_story:
            by_story[story.pk].items.append(item)
        else:
            by_story[story.pk] = row = MonitorRow(head=item, story=story, items=[item])
            rows.append(row)
    for row in by_story.values():
        lead = next((i for i in row.items if i.article.pk == row.story.lead_id), None)
        # A held duplicate (re-sent copy) is a version, never the line's face.
        original = next((i for i in row.items if not i.article.duplicate_of_id), None)
        row.head = lead or original or row.items[0]
    return rows


@dataclass(frozen=True)
class ChartRow:
    source: str
    counts: list[int]
    total: int


def items_per_source_per_hour(*, now: datetime | None = None, hours: int = 24):
    """Counts of wire items received per source in each of the last `hours` hours.

    Returns the hour starts (oldest first) and one row per source.
    """
    now = now or timezone.now()
    end = now.astimezone(UTC).replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    start = end - timedelta(hours=hours)
    starts = [start + timedelta(hours=i) for i in range(hours)]
    rows = (
        WireItem.objects.filter(received_at__gte=start, received_at__lt=end)
        .annotate(hour=TruncHour("received_at", tzinfo=UTC))
        .values("source__name", "hour")
        .annotate(n=Count("id"))
        .order_by()
    )
    table: dict[str, list[int]] = {}
    for row in rows:
        counts = table.setdefault(row["source__name"], [0] * hours)
        index = int((row["hour"] - start).total_seconds() // 3600)
        if 0 <= index < hours:
            counts[index] += row["n"]
    chart = [ChartRow(name, counts, sum(counts)) for name, counts in sorted(table.items())]
    return starts, chart
