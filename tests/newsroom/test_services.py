from datetime import timedelta

import pytest

from dateline.newsroom import events
from dateline.newsroom.models import Article, Revision
from dateline.newsroom.services import (
    WorkflowError,
    correct_article,
    create_article,
    kill_article,
    publish_article,
    unpublish_article,
    update_article,
)
from tests.conftest import PINNED_NOW
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


NEWSROOM_ACTIONS = {
    events.PUBLISHED,
    events.UPDATED,
    events.CORRECTED,
    events.KILLED,
    events.UNPUBLISHED,
    events.SECTION_CHANGED,
}


@pytest.fixture
def announced():
    """The change events announced during a test, in order."""
    seen = []

    def listen(sender, changes, **kwargs):
        # Tagging and story grouping follow publication with events of their own; these
        # tests are about the newsroom's actions, so those follow-ups are left out.
        seen.extend(change for change in changes if change.what & NEWSROOM_ACTIONS)

    events.article_changed.connect(listen, dispatch_uid="test-listener")
    yield seen
    events.article_changed.disconnect(dispatch_uid="test-listener")


def test_a_new_article_is_a_draft_with_a_sanitized_body_and_a_slug(now):
    article = create_article(
        headline="Storm Closes Ports Along the Adriatic Coast",
        section=SectionFactory(name="World", slug="world"),
        body='<p onclick="steal()">Ports shut.</p><script>alert(1)</script>',
    )

    assert article.status == Article.Status.DRAFT
    assert article.slug == "storm-closes-ports-along-the-adriatic-coast"
    assert article.body == "<p>Ports shut.</p>"


def test_publishing_sets_the_first_publication_time_once(now):
    article = ArticleFactory()
    publish_article(article=article)
    first = article.published_at
    unpublish_article(article=article)

    now.shift(timedelta(hours=2))
    publish_article(article=article)

    assert first == PINNED_NOW
    assert article.published_at == first


def test_publishing_at_a_future_time_schedules_the_article(now):
    article = publish_article(article=ArticleFactory(), at=PINNED_NOW + timedelta(hours=3))

    assert article.status == Article.Status.PUBLISHED
    assert article.published_at == PINNED_NOW + timedelta(hours=3)


def test_updating_a_published_article_keeps_a_revision_and_shows_the_update_time(now):
    article = ArticleFactory(published=True, headline="Vote Count Begins in Lisbon")
    old_url = article.get_absolute_url()
    now.shift(timedelta(minutes=30))

    update_article(article=article, changes={"headline": "Vote Count Ends in Lisbon"})

    revision = Revision.objects.get(article=article)
    assert revision.snapshot["headline"] == "Vote Count Begins in Lisbon"
    assert article.updated_at == PINNED_NOW + timedelta(minutes=30)
    assert article.slug == "vote-count-ends-in-lisbon"
    assert article.get_absolute_url() != old_url


def test_editing_a_draft_keeps_no_revision(now):
    article = ArticleFactory()

    update_article(article=article, changes={"standfirst": "A new standfirst."})

    assert not Revision.objects.filter(article=article).exists()
    assert article.updated_at is None


def test_an_update_that_changes_nothing_announces_nothing(
    now, announced, django_capture_on_commit_callbacks
):
    article = ArticleFactory(published=True)

    with django_capture_on_commit_callbacks(execute=True):
        update_article(article=article, changes={"headline": article.headline})

    assert announced == []
    assert not Revision.objects.exists()


def test_correcting_adds_a_dated_public_note_and_a_revision(now):
    article = ArticleFactory(published=True, body="<p>The bridge cost 40 million euros.</p>")
    now.shift(timedelta(hours=1))

    note = correct_article(
        article=article,
        note="An earlier version gave the wrong cost of the bridge.",
        changes={"body": "<p>The bridge cost 14 million euros.</p>"},
    )

    assert note.noted_at == PINNED_NOW + timedelta(hours=1)
    assert list(article.corrections.all()) == [note]
    assert article.updated_at == note.noted_at
    assert Revision.objects.filter(article=article, reason="correction").count() == 1
    assert Revision.objects.get(article=article).snapshot["body"] == (
        "<p>The bridge cost 40 million euros.</p>"
    )


def test_a_killed_article_cannot_be_published_again(now):
    article = kill_article(article=ArticleFactory(published=True), reason="legal")

    assert article.status == Article.Status.KILLED
    with pytest.raises(WorkflowError, match="killed"):
        publish_article(article=article)


def test_each_action_announces_one_change_after_commit(
    now, announced, django_capture_on_commit_callbacks
):
    section = SectionFactory(name="World", slug="world")
    other = SectionFactory(name="Business", slug="business")
    article = ArticleFactory(section=section)

    with django_capture_on_commit_callbacks() as callbacks:
        publish_article(article=article)
    assert announced == []  # nothing before the commit
    for callback in callbacks:
        callback()

    with django_capture_on_commit_callbacks(execute=True):
        update_article(article=article, changes={"section": other})
        correct_article(
            article=article, note="Clarified the date of the vote.", kind="clarification"
        )
        kill_article(article=article)

    assert [set(change.what) for change in announced] == [
        {events.PUBLISHED},
        {events.UPDATED, events.SECTION_CHANGED},
        {events.CORRECTED},
        {events.KILLED},
    ]
    assert announced[1].section_ids == {section.id, other.id}
    assert all(change.article_id == article.id for change in announced)


def test_a_correction_with_changes_is_announced_once(
    now, announced, django_capture_on_commit_callbacks
):
    article = ArticleFactory(published=True)

    with django_capture_on_commit_callbacks(execute=True):
        correct_article(
            article=article,
            note="An earlier version misspelt the minister's name.",
            changes={"standfirst": "The minister said talks would resume."},
        )

    assert [set(change.what) for change in announced] == [{events.CORRECTED, events.UPDATED}]


def test_an_article_can_be_published_as_it_is_created(
    now, announced, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = create_article(
            headline="Snow Closes Alpine Passes",
            section=SectionFactory(name="World", slug="world"),
            publish=True,
        )

    assert article.is_published
    assert article.published_at == PINNED_NOW
    assert [set(change.what) for change in announced] == [{events.PUBLISHED}]
