"""The workflow, from draft to killed: what moves, what is refused, and the plain labels."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dateline.desk import services, workflow
from dateline.desk.models import AuditEntry
from dateline.newsroom.models import Article, CorrectionNote
from dateline.newsroom.selectors import visible_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def _post(client, name, article, data=None):
    return client.post(reverse(name, args=[article.pk]), data or {})


def test_an_article_goes_from_draft_to_ready_to_live(client, editor, reporter, world):
    article = ArticleFactory(section=world, created_by=reporter)
    client.force_login(reporter)
    client.post(reverse("admin:desk_article_workflow", args=[article.pk, "submit"]))
    client.force_login(editor)
    client.post(reverse("admin:desk_article_workflow", args=[article.pk, "publish"]))

    article.refresh_from_db()
    assert workflow.label(article) == "Live"
    assert visible_articles().filter(pk=article.pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(article.pk)).values_list("username", "action")
    )
    assert (reporter.username, "submit") in actions
    assert (editor.username, "publish") in actions


@pytest.mark.parametrize(
    ("status", "action", "message"),
    [
        (Article.Status.KILLED, "publish", "cannot be published again"),
        (Article.Status.READY, "submit", "Only a draft"),
        (Article.Status.DRAFT, "unpublish", "Only a published article"),
        (Article.Status.DRAFT, "lift-embargo", "not under embargo"),
    ],
)
def test_a_move_the_state_does_not_allow_is_refused_with_a_reason(
    client, editor, world, status, action, message
):
    article = ArticleFactory(section=world, status=status)
    client.force_login(editor)

    response = client.post(
        reverse("admin:desk_article_workflow", args=[article.pk, action]), follow=True
    )

    assert message in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == status


def test_a_draft_cannot_be_killed_or_corrected(editor, world):
    article = ArticleFactory(section=world)

    with pytest.raises(services.WorkflowError, match="nothing to kill"):
        services.kill_article(article=article, user=editor, reason="legal")
    with pytest.raises(services.WorkflowError, match="Only a published article"):
        services.correct_article(article=article, user=editor, note="Fixed a name.")


def test_a_scheduled_article_appears_by_itself_at_its_time(client, editor, world, now):
    article = ArticleFactory(section=world, status=Article.Status.READY)
    client.force_login(editor)
    at = timezone.localtime() + timedelta(hours=1)

    response = _post(
        client, "admin:desk_article_schedule", article, {"at": at.strftime("%Y-%m-%dT%H:%M")}
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert workflow.label(article) == "Scheduled"
    assert not visible_articles().filter(pk=article.pk).exists()
    now.shift(timedelta(minutes=61))
    assert visible_articles().filter(pk=article.pk).exists()
    assert workflow.label(article) == "Live"


def test_scheduling_in_the_past_is_refused(client, editor, world, now):
    article = ArticleFactory(section=world, status=Article.Status.READY)
    client.force_login(editor)
    at = timezone.localtime() - timedelta(hours=1)

    response = _post(
        client, "admin:desk_article_schedule", article, {"at": at.strftime("%Y-%m-%dT%H:%M")}
    )

    assert "must be in the future" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.READY


def test_an_embargoed_article_is_hidden_until_its_time_and_cannot_also_be_scheduled(
    client, editor, world, now
):
    article = ArticleFactory(section=world, status=Article.Status.READY)
    client.force_login(editor)
    until = timezone.localtime() + timedelta(hours=2)

    _post(client, "admin:desk_article_embargo", article, {"at": until.strftime("%Y-%m-%dT%H:%M")})

    article.refresh_from_db()
    assert workflow.label(article) == "Embargoed"
    assert not visible_articles().filter(pk=article.pk).exists()
    assert client.get(article.get_absolute_url()).status_code == 404
    with pytest.raises(services.WorkflowError, match="embargoed article cannot also be scheduled"):
        services.publish_article(
            article=article, user=editor, at=timezone.now() + timedelta(hours=3)
        )
    now.shift(timedelta(hours=2, minutes=1))
    assert visible_articles().filter(pk=article.pk).exists()


def test_an_embargo_cannot_be_added_to_a_live_article(editor, world, now):
    article = ArticleFactory(section=world, published=True)

    with pytest.raises(services.WorkflowError):
        services.embargo_article(
            article=article, user=editor, until=timezone.now() + timedelta(hours=1)
        )


def test_a_correction_adds_a_dated_note_on_the_page_and_the_corrections_page(
    client, editor, world, now
):
    article = ArticleFactory(section=world, published=True, headline="Mayor Opens New Bridge")
    client.force_login(editor)

    response = _post(
        client,
        "admin:desk_article_correct",
        article,
        {
            "kind": "correction",
            "note": "An earlier version misspelt the mayor's name.",
            "headline": "Mayor Opens New Bridge",
            "standfirst": article.standfirst,
            "body": article.body,
        },
    )

    assert response.status_code == 302
    note = CorrectionNote.objects.get(article=article)
    assert note.kind == "correction"
    assert note.noted_at == timezone.now()
    client.logout()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "An earlier version misspelt the mayor&#x27;s name." in page
    corrections = client.get("/corrections/").content.decode()
    assert "misspelt the mayor" in corrections
    assert "Mayor Opens New Bridge" in corrections
    assert AuditEntry.objects.filter(action="correction", object_id=str(article.pk)).exists()


def test_a_clarification_is_labelled_as_such(editor, world, client):
    article = ArticleFactory(section=world, published=True)

    services.correct_article(
        article=article, user=editor, note="The figures are for 2025.", kind="clarification"
    )

    assert "Clarification" in client.get("/corrections/").content.decode()


def test_the_corrections_page_leaves_out_notes_on_articles_readers_cannot_see(
    client, editor, world
):
    article = ArticleFactory(section=world, published=True)
    services.correct_article(article=article, user=editor, note="Withdrawn copy note.")
    services.kill_article(article=article, user=editor, reason="legal")

    assert "Withdrawn copy note." not in client.get("/corrections/").content.decode()


def test_a_killed_article_answers_410_and_cannot_be_edited(client, editor, world):
    article = ArticleFactory(section=world, published=True)
    client.force_login(editor)

    _post(client, "admin:desk_article_kill", article, {"reason": "Legal complaint"})

    article.refresh_from_db()
    assert article.status == Article.Status.KILLED
    assert workflow.label(article) == "Withdrawn (killed)"
    assert client.get(article.get_absolute_url()).status_code == 410
    assert (
        client.post(
            reverse("admin:newsroom_article_change", args=[article.pk]), {"headline": "x"}
        ).status_code
        == 403
    )
    entry = AuditEntry.objects.get(action="kill")
    assert entry.detail == {"reason": "Legal complaint"}


def test_an_unpublished_article_leaves_the_site_and_can_come_back(client, editor, world):
    article = ArticleFactory(section=world, published=True)
    client.force_login(editor)

    client.post(reverse("admin:desk_article_workflow", args=[article.pk, "unpublish"]))
    assert client.get(article.get_absolute_url()).status_code == 404
    client.post(reverse("admin:desk_article_workflow", args=[article.pk, "publish"]))
    article.refresh_from_db()
    assert workflow.label(article) == "Live"


def test_editors_see_six_plain_labels_not_internal_states(world, now):
    later = timezone.now() + timedelta(hours=1)
    cases = {
        "Draft": ArticleFactory(section=world),
        "Ready for review": ArticleFactory(section=world, status=Article.Status.READY),
        "Scheduled": ArticleFactory(section=world, status="published", published_at=later),
        "Embargoed": ArticleFactory(section=world, published=True, embargo_until=later),
        "Live": ArticleFactory(section=world, published=True),
        "Withdrawn": ArticleFactory(section=world, status=Article.Status.UNPUBLISHED),
    }
    for expected, article in cases.items():
        assert workflow.label(article) == expected
        key = workflow.label_key(article)
        assert Article.objects.filter(workflow.filter_for(key), pk=article.pk).exists()
    assert len(workflow.LABELS) == 6


def test_the_articles_list_filters_by_plain_label(client, editor, world):
    ArticleFactory(section=world, status=Article.Status.READY, headline="Waiting for the Desk")
    ArticleFactory(section=world, published=True, headline="Already on the Site")
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_article_changelist") + "?state=ready")

    assert "Waiting for the Desk" in page.content.decode()
    assert "Already on the Site" not in page.content.decode()
