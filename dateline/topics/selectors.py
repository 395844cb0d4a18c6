"""Reads of topics for the public site."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from dateline.newsroom.models import Article
from dateline.newsroom.selectors import TEASER_FIELDS, visible_articles
from dateline.topics.models import Topic


def topics_for_article(*, article: Article) -> list[Topic]:
    """The article's topics, strongest first (one query)."""
    return list(
        Topic.objects.filter(article_links__article=article, status=Topic.Status.ACTIVE)
        .only("id", "name", "slug", "kind")
        .order_by("article_links__position", "-article_links__score", "name")
    )


def articles_about_topic(*, topic: Topic, now: datetime | None = None) -> QuerySet[Article]:
    return (
        visible_articles(now)
        .filter(topic_links__topic=topic)
        .select_related("section")
        .only(*TEASER_FIELDS, "section__name", "section__slug")
        .order_by("-published_at", "-id")
    )
