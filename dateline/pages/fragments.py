"""Small parts of pages that change more often than the pages around them.

Recent Stories moves with every publication and "More Stories From <section>" with every
article of the section. Pages are cached with these parts left as references
(`<!--# include virtual -->`), filled in when served, so that a publication re-renders two
small fragments instead of every cached page. The application fills them in itself
(`expand`); the files written for nginx keep them, and nginx's SSI fills them in from
the fragments' own files (or from the application when a fragment's file is purged).
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string

from dateline.newsroom.selectors import articles_in_section
from dateline.pages import store
from dateline.site.fragments import recent_stories, sections_for_menu

INCLUDE = re.compile(rb'<!--# include virtual="(/fragments/[a-z0-9/_-]+/)" -->')
MORE_FROM_SECTION = 6


def recent_stories_html() -> str:
    return render_to_string("site/_recent_stories.html", {"recent_stories": recent_stories()})


def section_latest_html(slug: str) -> str:
    # The menu's cached list of sections saves a query on every article page render.
    section = next((s for s in sections_for_menu() if s.slug == slug), None)
    if section is None:
        return ""
    articles = list(articles_in_section(section=section)[:MORE_FROM_SECTION])
    return render_to_string(
        "site/_section_latest.html", {"section": section, "more_from_section": articles}
    )


def render(path: str) -> bytes:
    """A fragment by its path, from the cache when its tag has not moved."""
    if path == "/fragments/recent-stories/":
        tags, build = frozenset({"recent"}), recent_stories_html
    else:
        match = re.fullmatch(r"/fragments/section/([a-z0-9_-]+)/latest/", path)
        if match is None:
            return b""
        slug = match[1]
        tags, build = frozenset({f"section:{slug}"}), lambda: section_latest_html(slug)
    tag_versions = store.versions(tags)
    cached = store.get(path, tags, tag_versions)
    if cached is not None:
        return cached.content
    page = store.RenderedPage.of(build().encode(), "text/html; charset=utf-8")
    store.put(path, tags, tag_versions, page)
    return page.content


def expand(content: bytes) -> bytes:
    """Replace include directives with the fragments, as nginx's SSI does."""
    if b"<!--# include" not in content:
        return content
    return INCLUDE.sub(lambda match: render(match[1].decode()), content)
