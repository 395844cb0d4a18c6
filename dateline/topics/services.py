"""Writes to topics and to which articles are about them."""

from __future__ import annotations

from collections.abc import Sequence

from django.db import transaction
from django.utils.text import slugify

from dateline.newsroom import events
from dateline.newsroom.models import Article
from dateline.topics.models import ArticleTopic, Topic


def find_or_create_topic(*, name: str, kind: str, description: str = "") -> Topic:
    slug = slugify(name) or "topic"
    topic, _ = Topic.objects.get_or_create(
        slug=slug, defaults={"name": name, "kind": kind, "description": description}
    )
    return topic


@transaction.atomic
def assign_topics(*, article: Article, topics: Sequence[tuple[Topic, float]]) -> None:
    """Set an article's topics, in the given order, with their scores."""
    ArticleTopic.objects.filter(article=article).delete()
    ArticleTopic.objects.bulk_create(
        ArticleTopic(article=article, topic=topic, score=score, position=position)
        for position, (topic, score) in enumerate(topics)
    )
    if article.is_published:
        events.announce_change(
            article_id=article.pk, what={events.TOPICS_CHANGED}, section_ids={article.section_id}
        )
