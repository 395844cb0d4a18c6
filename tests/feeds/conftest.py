"""A small newsroom for the feed, sitemap and metadata tests: what the public may see,
and one article in each state it may not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest

from dateline.newsroom.models import Article, Author, Section
from dateline.newsroom.services import kill_article, unpublish_article
from dateline.topics.models import Topic
from dateline.wires.models import Source
from tests.conftest import PINNED_NOW
from tests.factories import (
    ArticleFactory,
    ArticleTopicFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SectionFactory,
    SourceFactory,
    TopicFactory,
)

MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)


@dataclass
class Newsroom:
    world: Section
    author: Author
    topic: Topic
    agency: Source
    visible: list[Article]
    lead: Article
    syndicated: Article  # visible on the site, but its source asks search engines to keep out
    hidden: dict[str, Article]  # state -> an article the public may not see


def _about(article: Article, topic: Topic, author: Author) -> Article:
    ArticleTopicFactory(article=article, topic=topic)
    article.authors.add(author)
    return article


@pytest.fixture
def newsroom(now, db) -> Newsroom:
    world = SectionFactory(name="World", slug="world", position=1)
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor", role="Diplomatic editor")
    topic = TopicFactory(name="NATO", slug="nato")
    agency = SourceFactory(name="Meridian Press")
    syndicating = SourceFactory(name="Harbour Wire", indexing_policy=Source.IndexingPolicy.NOINDEX)

    lead = ArticleFactory(
        published=True,
        published_at=PINNED_NOW - 40 * MINUTE,
        updated_at=PINNED_NOW - 10 * MINUTE,
        headline="Allies Agree Framework for Security Guarantees to Ukraine",
        standfirst="Defence ministers said the bilateral deals would be signed within weeks.",
        body="<p>Defence ministers agreed on Sunday a framework for guarantees.</p>",
        dateline_place="Washington",
        image_url="https://images.example.com/photos/16x9/ministers.jpg",
        image_alt="Defence ministers at the table in Washington",
        image_caption="Ministers before the talks.",
        image_credit="Meridian Press/J. Ruiz",
        source=agency,
        section=world,
    )
    _about(lead, topic, author)
    CorrectionNoteFactory(
        article=lead,
        noted_at=PINNED_NOW - 10 * MINUTE,
        text="An earlier version misstated the number of countries at the meeting.",
    )
    visible = [lead]
    for n in range(1, 4):
        visible.append(
            _about(
                ArticleFactory(
                    published=True,
                    published_at=PINNED_NOW - n * HOUR,
                    headline=f"Harbour Workers in Rotterdam End Strike After Day {n}",
                    source=agency,
                    section=world,
                ),
                topic,
                author,
            )
        )
    syndicated = _about(
        ArticleFactory(
            published=True,
            published_at=PINNED_NOW - 5 * MINUTE,
            headline="Grain Ships Leave Odesa Under New Corridor Deal",
            source=syndicating,
            section=world,
        ),
        topic,
        author,
    )
    visible.append(syndicated)

    def hidden_article(state: str, **fields) -> Article:
        return _about(
            ArticleFactory(
                headline=f"Hidden {state} article about the summit", section=world, **fields
            ),
            topic,
            author,
        )

    hidden = {
        "draft": hidden_article("draft"),
        "embargoed": hidden_article(
            "embargoed",
            published=True,
            published_at=PINNED_NOW - 30 * MINUTE,
            embargo_until=PINNED_NOW + 2 * HOUR,
        ),
        "scheduled": hidden_article(
            "scheduled", published=True, published_at=PINNED_NOW + 3 * HOUR
        ),
        "killed": hidden_article("killed", published=True, published_at=PINNED_NOW - 2 * MINUTE),
        "unpublished": hidden_article(
            "unpublished", published=True, published_at=PINNED_NOW - 3 * MINUTE
        ),
    }
    kill_article(article=hidden["killed"], reason="legal")
    unpublish_article(article=hidden["unpublished"])
    return Newsroom(world, author, topic, agency, visible, lead, syndicated, hidden)


def feed_paths(newsroom: Newsroom, kinds=("rss", "atom", "json")) -> list[str]:
    """Every feed that could list the newsroom's articles."""
    scopes = [
        "/feeds/{kind}/",
        f"/section/{newsroom.world.slug}/feed/{{kind}}/",
        f"/topic/{newsroom.topic.slug}/feed/{{kind}}/",
        f"/author/{newsroom.author.slug}/feed/{{kind}}/",
    ]
    return [scope.format(kind=kind) for scope in scopes for kind in kinds]
