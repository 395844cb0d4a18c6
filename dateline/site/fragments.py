"""Site-wide lists shared by every page, cached and dropped on the change event.

Recent Stories moves with every publication, so it is rebuilt after a change event
(and at most a minute late for scheduled and embargoed articles whose time comes
without one); the menu changes only when the desk edits sections, and so does the
masthead around it, kept as HTML so that no page renders (and reverses URLs for) the
same menu again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from dateline.newsroom.models import Article, Section
from dateline.newsroom.selectors import menu_sections
from dateline.stories.selectors import latest_story_items

RECENT_KEY = "site:recent-stories"
MENU_KEY = "site:menu-sections"
MASTHEAD_KEY = "site:masthead"
RECENT_LIFETIME = 60
MENU_LIFETIME = 60 * 60


def recent_stories() -> list[Article]:
    stories = cache.get(RECENT_KEY)
    if stories is None:
        # A story shows once, however many sources and versions it has.
        stories = latest_story_items(limit=settings.DATELINE_RECENT_STORIES)
        cache.set(RECENT_KEY, stories, RECENT_LIFETIME)
    return stories


def sections_for_menu() -> list[Section]:
    sections = cache.get(MENU_KEY)
    if sections is None:
        sections = menu_sections()
        cache.set(MENU_KEY, sections, MENU_LIFETIME)
    return sections


def masthead_html() -> SafeString:
    """The masthead with the sections menu, as on every page."""
    html = cache.get(MASTHEAD_KEY)
    if html is None:
        html = render_to_string(
            "site/_masthead.html",
            {"site_name": settings.DATELINE_SITE_NAME, "sections": sections_for_menu()},
        )
        cache.set(MASTHEAD_KEY, html, MENU_LIFETIME)
    return mark_safe(html)  # noqa: S308 (rendered by the template above, which escapes)


def forget_recent_stories() -> None:
    cache.delete(RECENT_KEY)


def forget_menu() -> None:
    cache.delete_many([MENU_KEY, MASTHEAD_KEY])
