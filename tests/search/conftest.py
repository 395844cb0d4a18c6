from datetime import timedelta

import pytest

from dateline.newsroom.models import Article
from dateline.newsroom.services import publish_article
from dateline.topics.services import assign_topics
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory

QUIET_BODY = "<p>Officials said more would follow later in the week.</p>"


def headlines(results):
    return [hit.article.headline for hit in results.hits]


@pytest.fixture
def publish(now, django_capture_on_commit_callbacks):
    """Write an article as a draft, then publish it through the newsroom service.

    The change event fires as it would after a real commit, so the index learns of it the
    way it does in production. The tagger runs on publication too; `topics` then replace
    whatever it chose, through the topics service, so that facets are predictable.
    """

    def publish_one(*, topics=(), authors=(), minutes_ago=10, **fields):
        # Copy from a source with the same body as another article is a near-duplicate,
        # which the story engine unpublishes; each article here is its own copy.
        fields.setdefault("source", None)
        if "body" not in fields:
            fields["body"] = f"<p>{fields.get('headline', 'The report')}, the desk reported.</p>"
        article = ArticleFactory(
            status=Article.Status.DRAFT,
            published_at=PINNED_NOW - timedelta(minutes=minutes_ago),
            **fields,
        )
        if authors:
            article.authors.set(authors)
        with django_capture_on_commit_callbacks(execute=True):
            publish_article(article=article)
        with django_capture_on_commit_callbacks(execute=True):
            assign_topics(article=article, topics=[(topic, 1.0) for topic in topics])
        return article

    return publish_one
