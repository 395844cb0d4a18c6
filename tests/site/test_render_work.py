"""The work the article page saves per render must not change what readers see."""

from datetime import timedelta

import pytest

from dateline.newsroom.selectors import article_for_page
from dateline.site.fragments import forget_menu, masthead_html
from dateline.site.templatetags.dateline_tags import page_url
from tests.conftest import PINNED_NOW
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    CorrectionNoteFactory,
    SectionFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db

HOUR = timedelta(hours=1)


def test_remembered_links_are_the_pages_own_urls(now):
    section = SectionFactory(name="World", slug="world")
    topic = TopicFactory(name="NATO")
    author = AuthorFactory(name="Amara Okafor", slug="amara-okafor")
    article = ArticleFactory(published=True, section=section)

    for item in (section, topic, author, article, section):
        assert page_url(item) == item.get_absolute_url()


def test_the_masthead_lists_a_new_section_once_the_desk_changes_the_menu(client, now):
    SectionFactory(name="World", slug="world", position=1)
    assert "/section/world/" in masthead_html()

    SectionFactory(name="Sport", slug="sport", position=2)
    assert "/section/sport/" not in masthead_html()  # kept until the desk's edit drops it
    forget_menu()

    assert '<a href="/section/sport/">Sport</a>' in masthead_html()
    assert '<a href="/section/sport/">Sport</a>' in client.get("/").content.decode()


def test_the_article_query_binds_each_callers_id_and_clock(now):
    """The page's query is compiled once; each call still reads its own article at its
    own moment."""
    earlier = ArticleFactory(published=True, published_at=PINNED_NOW - 2 * HOUR)
    later = ArticleFactory(published=True, published_at=PINNED_NOW - HOUR)
    author = AuthorFactory(name="Amara Okafor")
    later.authors.set([author])
    CorrectionNoteFactory(article=later, text="A name was misspelt.")

    assert article_for_page(pk=earlier.pk).pk == earlier.pk
    found = article_for_page(pk=later.pk)
    assert found.pk == later.pk
    assert found.is_visible is True
    before_the_later_one = PINNED_NOW - 90 * timedelta(minutes=1)
    assert article_for_page(pk=later.pk, now=before_the_later_one).is_visible is False
    assert article_for_page(pk=earlier.pk, now=before_the_later_one).is_visible is True
    assert article_for_page(pk=later.pk + earlier.pk + 1000) is None


def test_the_article_comes_with_its_authors_and_corrections_without_more_queries(
    now, django_assert_num_queries
):
    article = ArticleFactory(published=True)
    article.authors.set([AuthorFactory(name="Zoe Adams"), AuthorFactory(name="Ben Cole")])
    CorrectionNoteFactory(article=article, text="Second.", noted_at=PINNED_NOW - HOUR)
    CorrectionNoteFactory(article=article, text="First.", noted_at=PINNED_NOW - 2 * HOUR)

    with django_assert_num_queries(3):
        found = article_for_page(pk=article.pk)
        authors = [author.name for author in found.authors.all()]
        notes = [note.text for note in found.corrections.all()]

    assert authors == ["Ben Cole", "Zoe Adams"]
    assert notes == ["First.", "Second."]
