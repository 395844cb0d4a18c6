from datetime import timedelta

import pytest

from dateline.newsroom.models import Article
from dateline.newsroom.selectors import article_for_page, latest_articles, visible_articles
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("fields", "visible"),
    [
        pytest.param(
            {"status": "published", "published_at": PINNED_NOW - HOUR}, True, id="published"
        ),
        pytest.param({"status": "draft", "published_at": None}, False, id="draft"),
        pytest.param({"status": "ready", "published_at": None}, False, id="ready-for-review"),
        pytest.param(
            {"status": "published", "published_at": PINNED_NOW + HOUR}, False, id="scheduled"
        ),
        pytest.param(
            {
                "status": "published",
                "published_at": PINNED_NOW - HOUR,
                "embargo_until": PINNED_NOW + HOUR,
            },
            False,
            id="embargoed",
        ),
        pytest.param(
            {
                "status": "published",
                "published_at": PINNED_NOW - HOUR,
                "embargo_until": PINNED_NOW - HOUR,
            },
            True,
            id="embargo-lifted",
        ),
        pytest.param({"status": "killed", "published_at": PINNED_NOW - HOUR}, False, id="killed"),
        pytest.param(
            {"status": "unpublished", "published_at": PINNED_NOW - HOUR}, False, id="unpublished"
        ),
    ],
)
def test_only_published_articles_whose_time_has_come_are_visible(now, fields, visible):
    article = ArticleFactory(**fields)

    assert (article in visible_articles()) is visible
    assert article_for_page(pk=article.pk).is_visible is visible
    assert (article in latest_articles(limit=10)) is visible


def test_latest_articles_are_newest_first(now):
    older = ArticleFactory(published=True, published_at=PINNED_NOW - 2 * HOUR)
    newer = ArticleFactory(published=True, published_at=PINNED_NOW - HOUR)

    assert latest_articles(limit=2) == [newer, older]


def test_an_article_becomes_visible_when_its_scheduled_time_comes(now):
    article = ArticleFactory(status=Article.Status.PUBLISHED, published_at=PINNED_NOW + HOUR)

    assert not visible_articles().filter(pk=article.pk).exists()
    assert visible_articles(PINNED_NOW + 2 * HOUR).filter(pk=article.pk).exists()
