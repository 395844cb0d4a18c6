"""Reads of topics for the public site. What the public may see of topics is decided here, once.

Only active topics are public: the knowledge's own and those an editor approved. A
suggested topic (the recogniser's guess, waiting for the desk), a blocked one and one
merged into another appear on no page, feed, sitemap, API answer, search facet or
structured data. Every public surface reads topics through `public_topics()` or, for an
article's links, `public_topic_links()`, as it reads articles through `visible_articles`.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from dateline.newsroom.models import Article
from dateline.newsroom.selectors import TEASER_FIELDS, visible_articles
from dateline.topics.models import ArticleTopic, Topic


def is_public_topic(prefix: str = "") -> Q:
    """The condition on a topic (reached through `prefix`, e.g. ``"topic__"``) that makes it
    public. Querysets of other models that hold topics filter with it."""
    return Q(**{f"{prefix}status": Topic.Status.ACTIVE})


def public_topics() -> QuerySet[Topic]:
    """Topics the public may see."""
    return Topic.objects.filter(is_public_topic())


def public_topic_links() -> QuerySet[ArticleTopic]:
    """Links of articles to topics the public may see (for prefetches and counts)."""
    return ArticleTopic.objects.filter(is_public_topic("topic__"))


def topics_for_article(*, article: Article) -> list[Topic]:
    """The article's public topics, strongest first (one query)."""
    return list(
        public_topics()
        .filter(article_links__article=article)
        .only("id", "name", "slug", "kind")
        .order_by("article_links__position", "-article_links__score", "name")
    )


def topic_for_page(*, slug: str) -> tuple[Topic | None, bool]:
    """The public topic with this slug, and False; for a topic merged into a public one, that
    one and True (old links move to the survivor); else None."""
    topic = public_topics().filter(slug=slug).first()
    if topic is not None:
        return topic, False
    survivor = public_topics().filter(merged_topics__slug=slug).first()
    return survivor, survivor is not None


def articles_about_topic(*, topic: Topic, now: datetime | None = None) -> QuerySet[Article]:
    return (
        visible_articles(now)
        .filter(topic_links__topic=topic)
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")
    )
