"""Who may do what on the desk: each role, the buttons, and hand-typed URLs."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from dateline.desk.models import AuditEntry
from dateline.desk.roles import ROLES
from dateline.newsroom.models import Article
from dateline.stories.models import DeskSplit, Story, StoryMember
from tests.desk.conftest import desk_user, make_story, make_wire_item
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def change_url(article):
    return reverse("admin:newsroom_article_change", args=[article.pk])


def workflow_url(article, action):
    return reverse("admin:desk_article_workflow", args=[article.pk, action])


def test_the_migration_creates_the_three_roles_with_their_permissions():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    Group.objects.all().delete()
    state_apps = MigrationLoader(connection).project_state(("desk", "0001_initial")).apps
    import_module("dateline.desk.migrations.0001_initial").create_roles(state_apps, None)

    for name, wanted in ROLES.items():
        group = Group.objects.get(name=name)
        have = {
            f"{app}.{code}"
            for app, code in group.permissions.values_list("content_type__app_label", "codename")
        }
        assert have == set(wanted), name
    assert "desk.publish_article" not in ROLES["reporter"]
    assert "wires.change_source" not in ROLES["editor"]


def test_the_desk_sends_anonymous_visitors_to_the_login(client):
    response = client.get("/desk/")

    assert response.status_code == 302
    assert response["Location"].startswith("/desk/login/")


def test_a_user_without_a_role_sees_no_screens(client):
    client.force_login(desk_user(None))

    assert client.get(reverse("admin:newsroom_article_changelist")).status_code == 403
    assert client.get(reverse("admin:desk-wire")).status_code == 403


def test_a_reporter_writes_a_draft_that_is_theirs(client, reporter, world):
    client.force_login(reporter)

    response = client.post(
        reverse("admin:newsroom_article_add"),
        {
            "headline": "Council Votes to Reopen the Old Library",
            "section": world.pk,
            "language": "en",
            "body": "<p>The vote was 7 to 2.</p>",
        },
    )

    assert response.status_code == 302, response.context and response.context["errors"]
    article = Article.objects.get(headline="Council Votes to Reopen the Old Library")
    assert article.created_by == reporter
    assert article.status == Article.Status.DRAFT


def test_a_reporter_submits_their_draft_but_cannot_publish_it(client, reporter, world):
    article = ArticleFactory(section=world, created_by=reporter)
    client.force_login(reporter)

    page = client.get(change_url(article)).content.decode()
    assert "Submit for review" in page
    assert "Publish now" not in page

    assert client.post(workflow_url(article, "submit")).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.READY

    assert client.post(workflow_url(article, "publish")).status_code == 403
    article.refresh_from_db()
    assert article.status == Article.Status.READY


def test_a_reporter_cannot_open_or_act_on_someone_elses_article(
    client, reporter, other_reporter, world
):
    theirs = ArticleFactory(section=world, created_by=other_reporter)
    client.force_login(reporter)

    # The admin answers an object outside the user's list as missing.
    assert client.get(change_url(theirs)).status_code == 302
    assert client.post(change_url(theirs), {"headline": "Mine now"}).status_code in {302, 403}
    assert client.post(workflow_url(theirs, "submit")).status_code == 404
    assert client.get(reverse("admin:desk_article_revisions", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.headline != "Mine now"
    assert theirs.status == Article.Status.DRAFT


def test_a_reporter_cannot_edit_their_article_once_published(client, reporter, world):
    article = ArticleFactory(section=world, created_by=reporter, published=True)
    client.force_login(reporter)

    response = client.post(change_url(article), {"headline": "Changed by the reporter"})

    assert response.status_code == 403
    article.refresh_from_db()
    assert article.headline != "Changed by the reporter"


@pytest.mark.parametrize(
    ("url", "method"),
    [
        ("admin:desk_article_kill", "get"),
        ("admin:desk_article_correct", "get"),
        ("admin:desk_article_schedule", "get"),
        ("admin:desk_article_embargo", "get"),
    ],
)
def test_a_reporter_reaches_no_editor_action_by_url(client, reporter, world, url, method):
    article = ArticleFactory(section=world, created_by=reporter)
    client.force_login(reporter)

    assert getattr(client, method)(reverse(url, args=[article.pk])).status_code == 403


def test_a_reporter_sees_the_wire_but_cannot_spike_or_publish_from_it(client, reporter):
    wire_item = make_wire_item()
    client.force_login(reporter)

    assert client.get(reverse("admin:desk-wire")).status_code == 200
    for action in ("spike", "publish", "link"):
        url = reverse("admin:desk-wire-action", args=[wire_item.pk, action])
        assert client.post(url).status_code == 403
    wire_item.refresh_from_db()
    assert not wire_item.spiked


def test_an_editor_works_on_anyones_article(client, editor, reporter, world):
    article = ArticleFactory(section=world, created_by=reporter, status=Article.Status.READY)
    client.force_login(editor)

    assert client.get(change_url(article)).status_code == 200
    assert client.post(workflow_url(article, "publish")).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_an_editor_limited_to_sport_cannot_touch_world_articles(client, sport_editor, world, sport):
    world_article = ArticleFactory(section=world, status=Article.Status.READY)
    sport_article = ArticleFactory(
        section=sport, status=Article.Status.READY, headline="Cup Final Goes to Extra Time"
    )
    client.force_login(sport_editor)

    listing = client.get(reverse("admin:newsroom_article_changelist")).content.decode()
    assert sport_article.headline in listing
    assert world_article.headline not in listing
    assert client.get(change_url(world_article)).status_code == 302
    assert client.post(workflow_url(world_article, "publish")).status_code == 404
    assert client.post(workflow_url(sport_article, "publish")).status_code == 302
    world_article.refresh_from_db()
    assert world_article.status == Article.Status.READY


def test_an_editor_cannot_configure_sources_or_read_the_audit_log(client, editor):
    client.force_login(editor)

    assert client.get(reverse("admin:wires_source_add")).status_code == 403
    assert client.get(reverse("admin:desk_auditentry_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_an_admin_configures_sources_and_reads_the_audit_log(client, desk_admin):
    client.force_login(desk_admin)

    assert client.get(reverse("admin:wires_source_add")).status_code == 200
    assert client.get(reverse("admin:desk_auditentry_changelist")).status_code == 200
    assert client.get(reverse("admin:wires_quarantinedinput_changelist")).status_code == 200
    assert client.get(reverse("admin:topics_topic_changelist")).status_code == 200


def test_nobody_deletes_articles_from_the_desk(client, desk_admin, world):
    article = ArticleFactory(section=world, published=True)
    client.force_login(desk_admin)

    url = reverse("admin:newsroom_article_delete", args=[article.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


# Stories: editors and admins merge, split and pick leads; reporters look.

STORY_RIGHTS = {"desk.merge_stories", "desk.split_stories", "desk.choose_story_lead"}


def story_url(story, action):
    return reverse("admin:desk-story-action", args=[story.pk, action])


def role_permissions(name):
    return {
        f"{app}.{code}"
        for app, code in Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


def test_the_migration_gives_editors_and_admins_the_story_rights():
    from importlib import import_module

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    Group.objects.all().delete()
    state_apps = MigrationLoader(connection).project_state(("desk", "0001_initial")).apps
    import_module("dateline.desk.migrations.0001_initial").create_roles(state_apps, None)

    for name in ("editor", "admin"):
        have = role_permissions(name)
        assert STORY_RIGHTS | {"stories.view_story", "stories.change_story"} <= have, name
        assert have == set(ROLES[name]), name
    reporter = role_permissions("reporter")
    assert "stories.view_story" in reporter
    assert not reporter & (STORY_RIGHTS | {"stories.change_story"})
    assert "stories.delete_desksplit" in role_permissions("admin")
    assert "stories.delete_desksplit" not in role_permissions("editor")


@pytest.fixture
def two_stories(now, world):
    first = make_wire_item(headline="Quake Hits Valparaiso")
    second = make_wire_item(headline="Valparaiso Quake Toll Rises")
    quake = make_story(first, second, section=world)
    aftershock = make_story(make_wire_item(headline="Aftershock Shakes Chile"), section=world)
    return quake, aftershock, first, second


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_and_admins_merge_split_and_pick_the_lead(client, two_stories, role):
    quake, aftershock, first, second = two_stories
    client.force_login(desk_user(role))

    page = client.get(reverse("admin:desk-wire")).content.decode()
    for action in ("merge", "split", "lead"):
        assert story_url(quake, action) in page, action

    assert client.post(story_url(quake, "lead"), {"article": second.article.pk}).status_code == 302
    assert client.post(story_url(quake, "merge"), {"story": aftershock.pk}).status_code == 302
    assert client.post(story_url(quake, "split"), {"article": first.article.pk}).status_code == 302

    quake.refresh_from_db()
    aftershock.refresh_from_db()
    assert (quake.lead_id, quake.lead_chosen_by_desk) == (second.article.pk, True)
    assert aftershock.merged_into == quake
    assert StoryMember.objects.get(article=first.article).story != quake
    assert DeskSplit.objects.filter(article=first.article, apart_from=second.article).exists()
    assert AuditEntry.objects.filter(object_type="story").count() == 3


def test_a_reporter_sees_stories_but_cannot_merge_split_or_pick_the_lead(
    client, reporter, two_stories
):
    quake, aftershock, first, second = two_stories
    client.force_login(reporter)

    page = client.get(reverse("admin:desk-wire")).content.decode()
    assert "2 versions from 1 source" in page
    for action in ("merge", "split", "lead", "rule"):
        assert story_url(quake, action) not in page, action
    assert client.get(reverse("admin:stories_story_changelist")).status_code == 200
    assert client.get(reverse("admin:stories_story_change", args=[quake.pk])).status_code == 200

    assert client.post(story_url(quake, "merge"), {"story": aftershock.pk}).status_code == 403
    assert client.post(story_url(quake, "split"), {"article": first.article.pk}).status_code == 403
    assert client.post(story_url(quake, "lead"), {"article": second.article.pk}).status_code == 403
    assert client.post(story_url(quake, "rule")).status_code == 403
    # The stories screen offers no action, and a hand-made one does nothing.
    changelist = client.get(reverse("admin:stories_story_changelist")).content.decode()
    assert "merge_selected" not in changelist
    client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "merge_selected", "_selected_action": [quake.pk, aftershock.pk]},
    )
    client.post(
        reverse("admin:stories_storymember_changelist"),
        {"action": "split_out", "_selected_action": [first.article.story_link.pk]},
    )

    aftershock.refresh_from_db()
    quake.refresh_from_db()
    assert aftershock.merged_into is None
    assert StoryMember.objects.filter(story=quake).count() == 2
    assert not quake.lead_chosen_by_desk
    assert not DeskSplit.objects.exists()


def test_the_story_actions_send_anonymous_visitors_to_the_login(client, two_stories):
    quake, aftershock, first, _ = two_stories

    for action, data in [
        ("merge", {"story": aftershock.pk}),
        ("split", {"article": first.article.pk}),
        ("lead", {"article": first.article.pk}),
    ]:
        response = client.post(story_url(quake, action), data)
        assert response.status_code == 302, action
        assert response["Location"].startswith("/desk/login/"), action
    aftershock.refresh_from_db()
    assert aftershock.merged_into is None


def test_an_editor_merges_stories_on_the_stories_screen(client, editor, two_stories):
    quake, aftershock, _, _ = two_stories
    client.force_login(editor)

    response = client.post(
        reverse("admin:stories_story_changelist"),
        {"action": "merge_selected", "_selected_action": [quake.pk, aftershock.pk]},
    )

    assert response.status_code == 302
    aftershock.refresh_from_db()
    assert aftershock.merged_into == quake
    assert AuditEntry.objects.filter(action="merge stories").exists()


def test_an_editor_limited_to_sport_cannot_correct_a_world_story(
    client, sport_editor, two_stories, sport
):
    quake, aftershock, first, _ = two_stories
    match = make_story(make_wire_item(headline="Cup Final Goes to Extra Time"), section=sport)
    replay = make_story(make_wire_item(headline="Cup Final Replay Set"), section=sport)
    client.force_login(sport_editor)

    page = client.get(reverse("admin:desk-wire")).content.decode()
    assert story_url(quake, "merge") not in page
    assert story_url(match, "merge") in page
    assert client.post(story_url(quake, "merge"), {"story": aftershock.pk}).status_code == 403
    assert client.post(story_url(quake, "split"), {"article": first.article.pk}).status_code == 403
    # Nor into a sport story: the world story's articles would change too.
    assert client.post(story_url(match, "merge"), {"story": quake.pk}).status_code == 403
    assert client.post(story_url(match, "merge"), {"story": replay.pk}).status_code == 302

    quake.refresh_from_db()
    replay.refresh_from_db()
    assert quake.merged_into is None
    assert replay.merged_into == match
    assert Story.objects.filter(merged_into__isnull=True).count() == 3
