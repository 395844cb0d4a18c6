"""The editor: saving through the services, two editors at once, revisions and preview."""

import pytest
from django.urls import reverse

from dateline.desk import services
from dateline.desk.models import AuditEntry
from dateline.newsroom.models import Article, Revision
from tests.desk.conftest import desk_user
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def form_data(article, **changes):
    data = {
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "dateline_place": article.dateline_place,
        "credit": article.credit,
        "section": article.section_id,
        "source": article.source_id or "",
        "language": article.language,
        "image_url": "",
        "image_caption": "",
        "image_credit": "",
        "image_alt": "",
        "opened_version": article.edit_version,
        "corrections-TOTAL_FORMS": "0",
        "corrections-INITIAL_FORMS": "0",
    }
    return {**data, **changes}


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def test_a_save_from_the_editor_goes_through_the_services(client, editor, world):
    article = ArticleFactory(section=world, published=True)
    client.force_login(editor)

    response = client.post(
        change_url(article), form_data(article, headline="Grain Talks Resume in Geneva")
    )

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Grain Talks Resume in Geneva"
    assert article.slug == "grain-talks-resume-in-geneva"
    assert article.edit_version == 1
    assert Revision.objects.filter(article=article, reason="update").count() == 1
    assert AuditEntry.objects.filter(action="edit", username=editor.username).exists()


def test_the_body_is_sanitized_on_save(client, editor, world):
    article = ArticleFactory(section=world)
    client.force_login(editor)

    client.post(
        change_url(article),
        form_data(article, body='<p onclick="x()">Safe</p><script>alert(1)</script>'),
    )

    article.refresh_from_db()
    assert article.body == "<p>Safe</p>"


def test_the_second_of_two_editors_is_refused_and_shown_both_versions(client, editor, world):
    article = ArticleFactory(section=world, published=True, headline="Storm Closes Ports")
    second = desk_user("editor")
    opened = form_data(article)  # both open the form at version 0
    client.force_login(editor)
    client.post(change_url(article), {**opened, "headline": "Storm Closes Three Ports"})

    client.force_login(second)
    response = client.post(change_url(article), {**opened, "headline": "Storm Shuts Ports"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this article after you opened it" in page
    assert "Storm Closes Three Ports" in page  # theirs, shown to compare
    article.refresh_from_db()
    assert article.headline == "Storm Closes Three Ports"
    # The form now carries the current version: saving again after comparing merges.
    assert f'name="opened_version" value="{article.edit_version}"' in page
    again = client.post(
        change_url(article),
        {**opened, "headline": "Storm Shuts Three Ports", "opened_version": article.edit_version},
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Storm Shuts Three Ports"


def test_the_service_refuses_a_stale_version_even_past_the_form(editor, world):
    article = ArticleFactory(section=world)
    services.save_article(
        article=article, expected_version=0, changes={"headline": "First"}, user=editor
    )

    with pytest.raises(services.EditConflict):
        services.save_article(
            article=article, expected_version=0, changes={"headline": "Second"}, user=editor
        )
    assert Article.objects.get(pk=article.pk).headline == "First"


def test_a_wire_update_makes_an_open_form_stale(editor, world):
    """Ingest writes through the same services, so it moves the version too."""
    from dateline.newsroom.services import update_article

    article = ArticleFactory(section=world, published=True)
    update_article(article=article, changes={"standfirst": "The agency's newer copy."})

    with pytest.raises(services.EditConflict):
        services.save_article(
            article=article, expected_version=0, changes={"headline": "Desk"}, user=editor
        )


def test_a_revision_is_restored_and_the_replaced_copy_kept(client, editor, world):
    article = ArticleFactory(section=world, published=True, headline="Original Headline Here")
    services.save_article(
        article=article, expected_version=0, changes={"headline": "Changed Headline"}, user=editor
    )
    revision = Revision.objects.get(article=article)
    client.force_login(editor)

    response = client.post(reverse("admin:desk_article_restore", args=[article.pk, revision.pk]))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.headline == "Original Headline Here"
    assert Revision.objects.filter(article=article).count() == 2
    assert AuditEntry.objects.filter(action="restore", object_id=str(article.pk)).exists()


def test_the_diff_between_two_versions_shows_what_changed_escaped(client, editor, world):
    article = ArticleFactory(section=world, published=True, headline="Before <b>bold</b>")
    services.save_article(
        article=article, expected_version=0, changes={"headline": "After the change"}, user=editor
    )
    services.save_article(
        article=article,
        expected_version=1,
        changes={"standfirst": "New standfirst."},
        user=editor,
    )
    first, second = sorted(Revision.objects.filter(article=article), key=lambda r: r.pk)
    client.force_login(editor)

    url = reverse("admin:desk_article_revisions", args=[article.pk])
    page = client.get(f"{url}?a={first.pk}&b={second.pk}").content.decode()

    assert "Before&nbsp;&lt;b&gt;bold&lt;/b&gt;" in page
    assert "After" in page
    current = client.get(f"{url}?a={first.pk}&b=current").content.decode()
    assert "New&nbsp;standfirst." in current  # difflib keeps spaces as &nbsp;


def test_a_reporter_cannot_restore_on_someone_elses_article(client, reporter, editor, world):
    article = ArticleFactory(section=world, published=True)
    services.save_article(
        article=article, expected_version=0, changes={"headline": "Changed"}, user=editor
    )
    revision = Revision.objects.get(article=article)
    client.force_login(reporter)

    response = client.post(reverse("admin:desk_article_restore", args=[article.pk, revision.pk]))

    assert response.status_code == 404
    assert Article.objects.get(pk=article.pk).headline == "Changed"


def test_the_live_preview_renders_unsaved_copy_as_the_article_page(client, editor, world):
    article = ArticleFactory(section=world, headline="Saved Headline")
    client.force_login(editor)
    url = reverse("admin:desk_article_preview", args=[article.pk])

    saved = client.get(url)
    unsaved = client.post(url, form_data(article, headline="Unsaved Headline From the Form"))

    assert saved.status_code == 200
    assert "<h1>Saved Headline</h1>" in saved.content.decode()
    assert "<h1>Unsaved Headline From the Form</h1>" in unsaved.content.decode()
    assert Article.objects.get(pk=article.pk).headline == "Saved Headline"


def test_the_editor_shows_suggested_topics_for_approval(client, desk_admin, world):
    from dateline.topics.models import ArticleTopic, Topic
    from tests.factories import TopicFactory

    article = ArticleFactory(section=world)
    topic = TopicFactory(name="Danube Commission", status=Topic.Status.SUGGESTED)
    ArticleTopic.objects.create(article=article, topic=topic)
    client.force_login(desk_admin)

    page = client.get(change_url(article)).content.decode()
    assert "Danube Commission" in page
    assert "Approve" in page
    client.post(reverse("admin:desk_article_topic", args=[article.pk, topic.pk, "a"]))

    topic.refresh_from_db()
    assert topic.status == Topic.Status.ACTIVE
    assert AuditEntry.objects.filter(action="approve", object_type="topic").exists()


def test_a_superuser_save_with_the_notes_inline_is_not_an_error(client, world):
    article = ArticleFactory(section=world, published=True)
    client.force_login(desk_user(None, is_superuser=True))

    response = client.post(change_url(article), form_data(article, standfirst="Calm seas."))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.standfirst == "Calm seas."
