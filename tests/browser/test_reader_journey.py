"""A reader on a phone-sized screen, in a real Chromium, against the real server."""

import os
import shutil
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory


@pytest.mark.django_db(transaction=True)
def test_a_reader_opens_an_article_from_the_home_page_and_the_menu_by_keyboard(
    browser, live_server, tmp_path
):
    world = SectionFactory(name="World", slug="world")
    article = ArticleFactory(
        published=True,
        published_at=timezone.now() - timedelta(minutes=6, seconds=10),
        headline="Flood Defences Hold as River Danube Peaks in Budapest",
        section=world,
        is_lead=True,
    )
    ArticleFactory(
        published=True,
        published_at=timezone.now() - timedelta(minutes=12, seconds=10),
        headline="Ferry Services Resume Between Helsinki and Tallinn After Storm",
        section=world,
    )
    page = browser.new_page(viewport={"width": 390, "height": 844})

    page.goto(live_server.url + "/")
    assert page.locator(".lead time").first.inner_text() == "6 minutes ago"
    page.get_by_role("link", name=article.headline).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")

    assert page.locator("h1").inner_text() == article.headline
    recent = page.locator(f".recent-stories li:not([data-article='{article.pk}']) time").first
    assert recent.inner_text() == "12 minutes ago"
    assert "2026" in recent.get_attribute("title")  # the absolute time stays as a tooltip

    menu = page.locator("details.menu")
    assert menu.get_attribute("open") is None
    # Tab from the top of the page (skip link, masthead, search) until the menu has focus.
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "SUMMARY":
            break
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    page.keyboard.press("Enter")
    assert menu.get_attribute("open") is not None
    assert page.get_by_role("link", name="World", exact=True).first.is_visible()

    screenshot = tmp_path / "article-menu-open.png"
    page.screenshot(path=str(screenshot), full_page=True)
    assert screenshot.stat().st_size > 10_000
    if os.environ.get("DATELINE_KEEP_SCREENSHOT"):
        shutil.copy(screenshot, os.environ["DATELINE_KEEP_SCREENSHOT"])

    page.keyboard.press("Escape")
    page.keyboard.press("Enter")  # focus stays on the summary: Enter closes it again
    assert menu.get_attribute("open") is None
