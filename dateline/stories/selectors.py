"""Reads of stories for the public site. Visibility is `visible_articles`', as everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from dateline.newsroom.models import Article
from dateline.newsroom.selectors import TEASER_FIELDS, visible_articles
from dateline.stories.models import Story, StoryTopic
from dateline.topics.models import Topic
from dateline.topics.selectors import is_public_topic

# A story is "developing" when its visible articles span at least this long: several
# sources filing within minutes are one development, reported several times.
DEVELOPING_SPAN = timedelta(hours=1)


def one_item_per_story(
    articles: QuerySet[Article], now: datetime | None = None, *, among: Q | None = None
) -> QuerySet[Article]:
    """Leave out every article whose story has a newer visible article (`among` the
    articles matching that condition, e.g. one section's): a story shows once, as its
    newest development, at that article's time and with its headline. Articles in no story
    all stay."""
    newer = visible_articles(now).filter(
        Q(published_at__gt=OuterRef("published_at"))
        | Q(published_at=OuterRef("published_at"), id__gt=OuterRef("id")),
        story_link__story_id=OuterRef("story_link__story_id"),
    )
    if among is not None:
        newer = newer.filter(among)
    return articles.exclude(Exists(newer))


def latest_story_items(*, limit: int, now: datetime | None = None) -> list[Article]:
    """The newest visible articles, one per story (for Recent Stories), as teasers with
    their story's id (`story_id`, None outside a story)."""
    return list(
        one_item_per_story(visible_articles(now), now)
        .annotate(story_id=F("story_link__story_id"))
        .only(*TEASER_FIELDS)
        .order_by("-published_at", "-id")[:limit]
    )


# The desk's leads lead for this long; the query reads only this stretch of the archive,
# so that a site with fewer leads (a wire-only one has none) does not walk all of it.
LEAD_WINDOW = timedelta(days=2)


def front_leads(*, limit: int = 3, now: datetime | None = None) -> list[Article]:
    """The home page's leads, one per story at its newest development: the stories the desk
    led lately (one of whose visible articles of the last `LEAD_WINDOW` it marked as a
    lead), else the newest."""
    now = now or timezone.now()
    base = (
        one_item_per_story(visible_articles(now), now)
        .annotate(story_id=F("story_link__story_id"))
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")
    )
    since = now - LEAD_WINDOW
    led_story = visible_articles(now).filter(
        is_lead=True, published_at__gte=since, story_link__story_id=OuterRef("story_link__story_id")
    )
    leads = base.filter(published_at__gte=since).filter(Q(is_lead=True) | Exists(led_story))
    return list(leads[:limit]) or list(base[:limit])


def section_front_articles(*, section, now: datetime | None = None) -> QuerySet[Article]:
    """A section's articles, one per story: the story's newest in this section."""
    return (
        one_item_per_story(visible_articles(now), now, among=Q(section=section))
        .filter(section=section)
        .only(*TEASER_FIELDS)
        .order_by("-published_at", "-id")
    )


def front_by_section(
    *, sections: list, per_section: int, leads: list[Article], now: datetime | None = None
) -> dict[int, list[Article]]:
    """Each section's latest, one item per story, leaving out the stories already led."""
    lead_ids = {article.id for article in leads}
    led_stories = {s for s in (getattr(a, "story_id", None) for a in leads) if s is not None}
    result: dict[int, list[Article]] = {}
    for section in sections:
        articles = section_front_articles(section=section, now=now).exclude(id__in=lead_ids)
        if led_stories:
            articles = articles.exclude(story_link__story_id__in=led_stories)
        result[section.id] = list(articles[:per_section])
    return result


@dataclass
class StoryBox:
    """What an article page shows of the article's story."""

    story_id: int
    also_reported_by: list[Article] = field(default_factory=list)
    timeline: list[Article] = field(default_factory=list)

    @property
    def is_developing(self) -> bool:
        return len(self.timeline) >= 2


BOX_KEY = "stories:box:{}"
BOX_LIFETIME = 5 * 60  # a backstop: the change event drops the entry first


def story_annotations() -> dict[str, Any]:
    """Added to the article page's own query, so that an article in no story costs nothing."""
    return {"story_id": F("story_link__story_id")}


def story_articles(*, story_id: int, now: datetime | None = None) -> list[Article]:
    """A story's visible articles in time order, cached until one of them changes."""
    key = BOX_KEY.format(story_id)
    articles = cache.get(key)
    if articles is None:
        articles = list(
            visible_articles(now)
            .filter(story_link__story_id=story_id)
            .annotate(source_name=F("source__name"))
            .only(*TEASER_FIELDS, "source_id")
            .order_by("published_at", "id")
        )
        cache.set(key, articles, BOX_LIFETIME)
    return articles


def forget_story_articles(story_ids: set[int]) -> None:
    cache.delete_many([BOX_KEY.format(story_id) for story_id in story_ids])


def story_box_for_article(*, article: Article, now: datetime | None = None) -> StoryBox | None:
    """The other sources' versions and the timeline of the article's story.

    Reads `article.story_id` (see `story_annotations`); at most one query, none when the
    article is in no story or the story's list is cached. None when nothing is to show.
    """
    story_id = getattr(article, "story_id", None)
    if story_id is None:
        return None
    articles = story_articles(story_id=story_id, now=now)
    box = _box(story_id, articles, current=article)
    return box if box.also_reported_by or box.is_developing else None


def _box(story_id: int, articles: list[Article], current: Article | None) -> StoryBox:
    box = StoryBox(story_id=story_id)
    # One version per other source, its latest: what "also reported by" links to.
    latest_by_source: dict[object, Article] = {}
    for item in articles:
        if current is not None and (item.pk == current.pk or item.source_id == current.source_id):
            continue
        if item.source_id is not None:
            latest_by_source[item.source_id] = item
    box.also_reported_by = sorted(
        latest_by_source.values(), key=lambda a: (a.source_name or a.credit or "", a.pk)
    )
    if len(articles) >= 2 and articles[-1].published_at - articles[0].published_at >= (
        DEVELOPING_SPAN
    ):
        box.timeline = articles
    return box


@dataclass
class StoryPage:
    story: Story
    lead: Article
    articles: list[Article]
    topics: list[Topic]
    box: StoryBox


def story_for_page(*, pk: int, now: datetime | None = None) -> Story | StoryPage | None:
    """A story with its visible articles; a merged story gives the one it went into
    (for a redirect); None when the public may see none of its articles."""
    story = Story.objects.filter(pk=pk).first()
    if story is None:
        return None
    if story.merged_into_id:
        target = story
        for _ in range(10):  # merges chain at most a few times; never loop forever
            if not target.merged_into_id:
                break
            target = Story.objects.get(pk=target.merged_into_id)
        return target
    articles = list(
        visible_articles(now)
        .filter(story_link__story=story)
        .select_related("section")
        .annotate(source_name=F("source__name"))
        .only(*TEASER_FIELDS, "source_id", "section__name", "section__slug")
        .order_by("published_at", "id")
    )
    if not articles:
        return None
    lead = next((a for a in articles if a.pk == story.lead_id), articles[-1])
    topics = [
        link.topic
        for link in StoryTopic.objects.filter(is_public_topic("topic__"), story=story)
        .select_related("topic")
        .order_by("position")
    ]
    box = _box(story.pk, articles, current=None)
    return StoryPage(story=story, lead=lead, articles=articles, topics=topics, box=box)
