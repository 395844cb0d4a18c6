"""A small newsroom for the browser tests: one of every page type, with a story."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from dateline.newsroom.models import Article
from dateline.newsroom.services import create_article
from dateline.stories.engine import forget_story_engine
from tests.factories import (
    ArticleTopicFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SectionFactory,
    SourceFactory,
    TopicFactory,
)
from tests.stories.test_core import QUAKE, QUAKE_OTHER_SOURCE


@dataclass
class Newsroom:
    article: Article
    other: Article
    paths: dict[str, str]


def build_newsroom() -> Newsroom:
    """Articles published through the service, so that the story task groups them."""
    forget_story_engine()
    world = SectionFactory(name="World", slug="world", position=1)
    SectionFactory(name="Business", slug="business", position=2)
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    article = create_article(
        headline="Earthquake kills 9 in Valparaiso",
        standfirst="Rescue teams searched collapsed houses through the night.",
        body=f"<p>{QUAKE}</p>",
        section=world,
        source=SourceFactory(name="Meridian Press"),
        credit="Meridian Press",
        dateline_place="Valparaiso",
        authors=[author],
        publish=True,
    )
    other = create_article(
        headline="Valparaiso quake: houses collapse",
        body=f"<p>{QUAKE_OTHER_SOURCE}</p>",
        section=world,
        source=SourceFactory(name="Northwind Wire"),
        credit="Northwind Wire",
        publish=True,
    )
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(hours=3))
    topic = TopicFactory(name="Chile", kind="place", slug="chile")
    ArticleTopicFactory(article=article, topic=topic, position=0)
    CorrectionNoteFactory(
        article=article, text="An earlier version gave the wrong number of rescue teams."
    )
    article.refresh_from_db()
    return Newsroom(
        article=article,
        other=other,
        paths={
            "home": "/",
            "article": article.get_absolute_url(),
            "section": "/section/world/",
            "topic": "/topic/chile/",
            "author": "/author/amara-okafor/",
            "search": "/search/?q=valparaiso",
            "corrections": "/corrections/",
            "not found": "/no-such-page/",
        },
    )
