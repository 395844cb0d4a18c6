"""An editor's day on the desk, in a real Chromium against the real server."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from dateline.newsroom.models import Article
from dateline.stories.models import StoryMember
from tests.desk.conftest import PASSWORD, desk_user, make_story, make_wire_item
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def editor_page(browser, live_server):
    SectionFactory(name="World", slug="world")
    user = desk_user("editor", username="day-editor")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(live_server.url + "/desk/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(live_server.url + "/desk/")
    return page


def test_an_editor_publishes_a_wire_item_as_is_and_sees_it_on_the_home_page(
    editor_page, live_server
):
    make_wire_item(headline="Dam Operators Open Spillways as River Rises")
    page = editor_page

    page.get_by_role("link", name="Wire monitor").first.click()
    row = page.locator("#wire-rows tr", has_text="Dam Operators Open Spillways")
    row.get_by_role("button", name="Publish as-is").click()
    page.wait_for_load_state()
    assert "Published: Dam Operators Open Spillways" in page.content()

    page.goto(live_server.url + "/")
    assert page.get_by_text("Dam Operators Open Spillways as River Rises").first.is_visible()


def test_an_editor_corrects_an_article_and_readers_see_the_note(editor_page, live_server):
    article = ArticleFactory(published=True, headline="Mayor Opens the New Tisza Bridge")
    page = editor_page

    page.goto(f"{live_server.url}/desk/newsroom/article/{article.pk}/change/")
    assert page.locator(".state-label").inner_text() == "Live"
    page.get_by_role("link", name="Correct…").click()
    page.select_option("#id_kind", "correction")
    page.fill("#id_note", "An earlier version gave the wrong length for the bridge.")
    page.get_by_role("button", name="Publish the note").click()
    page.wait_for_url(f"**/desk/newsroom/article/{article.pk}/change/")

    page.goto(live_server.url + article.get_absolute_url())
    assert "gave the wrong length for the bridge" in page.locator(".corrections").inner_text()
    page.goto(live_server.url + "/corrections/")
    assert page.get_by_role("link", name="Mayor Opens the New Tisza Bridge").is_visible()


def test_an_editor_kills_an_article_and_its_page_answers_410(editor_page, live_server):
    article = ArticleFactory(published=True, headline="Report Withdrawn After Complaint")
    page = editor_page

    page.goto(f"{live_server.url}/desk/newsroom/article/{article.pk}/change/")
    page.get_by_role("link", name="Kill…").click()
    page.fill("#id_reason", "Legal complaint")
    page.get_by_role("button", name="Kill for good").click()
    page.wait_for_url(f"**/desk/newsroom/article/{article.pk}/change/")

    assert Article.objects.get(pk=article.pk).status == Article.Status.KILLED
    response = page.goto(live_server.url + article.get_absolute_url())
    assert response.status == 410
    assert "withdrawn" in page.content()


def test_an_editor_opens_a_story_on_the_wire_and_splits_an_article_out(editor_page, live_server):
    first = make_wire_item(headline="Quake Hits Valparaiso")
    stray = make_wire_item(headline="Wildfire Near Vina del Mar")
    story = make_story(first, stray)
    page = editor_page
    page.clock.install()  # to run the 20-second refresh at once

    page.goto(live_server.url + "/desk/wire/")
    members = page.locator(f"details[data-story='{story.pk}']")
    split = members.locator("tr", has_text="Wildfire Near Vina del Mar").get_by_role(
        "button", name="Split out"
    )
    assert not split.is_visible()
    members.locator("summary").click()
    assert split.is_visible()

    # The rows refresh by themselves; the story stays open.
    page.clock.run_for(21_000)
    # A locator, not wait_for_function: that evaluates a string, which the policy forbids.
    expect(page.locator(".wire-live")).to_contain_text("Updated")
    assert split.is_visible()

    split.click()
    page.wait_for_load_state()
    assert "Split out as story" in page.content()
    assert StoryMember.objects.get(article=stray.article).story_id != story.pk


def test_repeated_wrong_passwords_lock_the_login(browser, live_server):
    user = desk_user("editor", username="forgetful-editor")
    page = browser.new_page()

    for _ in range(settings.AXES_FAILURE_LIMIT):
        page.goto(live_server.url + "/desk/login/")
        page.fill("#id_username", user.username)
        page.fill("#id_password", "not the password")
        page.click("input[type=submit]")
    page.goto(live_server.url + "/desk/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")

    assert page.get_by_role("heading", name="Login locked").is_visible()
    assert page.goto(live_server.url + "/desk/").url.startswith(live_server.url + "/desk/login/")
