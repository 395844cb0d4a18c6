"""What a feed reader shows is the article's text: no entity left over, whatever the letters."""

from __future__ import annotations

import html

import feedparser
import pytest

from dateline.feeds.feeds import html_text
from dateline.newsroom.services import update_article

pytestmark = pytest.mark.django_db

STANDFIRSTS = [
    "The organisation's chair said the port's cranes would run again by Friday.",
    'Fish & Chips: the "Harbour Café" serves crab & more',
    "Kyiv's Lord Mayor met officials in Zürich, Łódź and Αθήνα — and in Québec.",
    "東京の港で新しいクレーンが稼働し、ソウルと北京からの船が到着した。",
]


@pytest.mark.parametrize("standfirst", STANDFIRSTS)
@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_readers_see_the_standfirst_and_headline_as_written(
    client, newsroom, django_capture_on_commit_callbacks, kind, standfirst
):
    """Whether a reader renders the description as HTML or shows it as text, it reads
    the same: feedparser's value holds no character reference to decode."""
    headline = standfirst[:60].rstrip()
    with django_capture_on_commit_callbacks(execute=True):
        update_article(
            article=newsroom.lead, changes={"standfirst": standfirst, "headline": headline}
        )

    feed = feedparser.parse(client.get(f"/feeds/{kind}/").content)
    entry = next(e for e in feed.entries if e.id.endswith(f":article:{newsroom.lead.pk}"))

    assert entry.summary == standfirst
    assert html.unescape(entry.summary) == standfirst  # and rendered as HTML
    assert entry.title == headline


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_an_ampersand_before_a_letter_renders_as_written(
    client, newsroom, django_capture_on_commit_callbacks, kind
):
    """feedparser writes "R&D" back as HTML ("R&amp;D"); rendered, it reads as written."""
    standfirst = "R&D spending at the shipyard rose, its chair's report said."
    with django_capture_on_commit_callbacks(execute=True):
        update_article(article=newsroom.lead, changes={"standfirst": standfirst})

    feed = feedparser.parse(client.get(f"/feeds/{kind}/").content)
    entry = next(e for e in feed.entries if e.id.endswith(f":article:{newsroom.lead.pk}"))

    assert html.unescape(entry.summary) == standfirst
    assert "chair's" in entry.summary


@pytest.mark.parametrize(
    "text",
    ["3 < 4 and 5 > 2", "AT&T <Q3> results", "&amp; is how HTML writes &", "café &#233;"],
)
def test_what_html_would_take_for_markup_is_escaped_so_it_renders_as_written(text):
    assert html.unescape(html_text(text)) == text
    assert "<" not in html_text(text)
