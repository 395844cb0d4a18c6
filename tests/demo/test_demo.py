"""The demo content `make run` loads."""

import io
import re

import pytest
from django.core.management import call_command

from dateline.demo.services import load_demo
from dateline.newsroom.models import Article
from dateline.newsroom.selectors import visible_articles
from tests.conftest import PINNED_NOW

pytestmark = pytest.mark.django_db


def test_the_demo_is_two_hundred_articles_over_the_last_day_in_six_sections_or_more(now):
    load_demo(stdout=io.StringIO())

    articles = visible_articles()
    assert articles.count() >= 200
    assert articles.values("section").distinct().count() >= 6
    assert articles.values("source").distinct().count() >= 3
    oldest = articles.order_by("published_at").first().published_at
    assert PINNED_NOW - oldest <= __import__("datetime").timedelta(hours=24)
    assert Article.objects.filter(corrections__isnull=False).exists()
    assert any(article.shows_update for article in articles)
    assert not articles.filter(topic_links__isnull=True).exists()


def test_loading_the_demo_twice_adds_nothing(now):
    load_demo(stdout=io.StringIO())
    count = Article.objects.count()

    out = io.StringIO()
    call_command("load_demo", stdout=out)

    assert Article.objects.count() == count


def test_the_demo_headlines_are_our_own_words_with_real_place_names(now):
    load_demo(stdout=io.StringIO())
    headlines = list(Article.objects.values_list("headline", flat=True))

    assert len(set(headlines)) == len(headlines)
    places = {"Kyiv", "Brussels", "Washington", "Tokyo", "Nairobi", "Geneva", "New Delhi"}
    assert (
        any(re.search("|".join(places), h) for h in headlines)
        or Article.objects.filter(dateline_place__in=places).exists()
    )


def test_the_demo_pages_render(now, client):
    load_demo(stdout=io.StringIO())
    article = visible_articles().first()

    assert client.get("/").status_code == 200
    assert client.get(article.get_absolute_url()).status_code == 200
