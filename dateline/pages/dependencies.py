"""What a cached page shows, and which pages an article change makes stale.

A page is known by tags: `article:12` (its page), `home`, `section:world`, `topic:nato`,
`author:amara-okafor`, `story:7`, `recent` (the Recent Stories fragment) and `sitemaps`.
A list page carries the tag of its list; an article change stales the article's own tag
and the tags of every list it is on: exactly the pages that show it, and nothing else.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import ResolverMatch

from dateline.newsroom.events import ArticleChange
from dateline.newsroom.models import Author, Section

LIST_KINDS = ("section", "topic", "author", "story")


def page_tags(match: ResolverMatch) -> frozenset[str]:
    """The tags of the page a URL resolves to; empty when the page is not cached."""
    name, kwargs = match.view_name, match.kwargs
    if name == "site:article":
        return frozenset({f"article:{kwargs['pk']}"})
    if name in {"site:home", "feeds:home"}:
        return frozenset({"home"})
    if name == "pages:recent-stories":
        return frozenset({"recent"})
    if name == "pages:section-latest":
        return frozenset({f"section:{kwargs['slug']}"})
    if name.startswith("feeds:") and "slug" not in kwargs:
        return frozenset({"sitemaps"})
    for kind in LIST_KINDS:
        if name.endswith(f":{kind}"):
            key = kwargs.get("slug", kwargs.get("pk"))
            if key is not None:
                return frozenset({f"{kind}:{key}"})
    return frozenset()


def stale_tags(changes: tuple[ArticleChange, ...] | list[ArticleChange]) -> set[str]:
    """Every tag whose pages show the changed articles (before or after the change).

    Read in one query per kind for the whole batch: a wire input of a hundred items costs
    the same handful of queries as a single desk edit.
    """
    if not changes:
        return set()
    article_ids = {change.article_id for change in changes}
    tags = {"home", "recent", "sitemaps"} | {f"article:{pk}" for pk in article_ids}
    section_ids = set().union(*(change.section_ids for change in changes))
    tags |= {
        f"section:{slug}"
        for slug in Section.objects.filter(pk__in=section_ids).values_list("slug", flat=True)
    }
    tags |= {f"topic:{slug}" for change in changes for slug in change.topic_slugs}
    from dateline.topics.models import Topic

    topic_slugs = Topic.objects.filter(article_links__article__in=article_ids).values_list(
        "slug", flat=True
    )
    tags |= {f"topic:{slug}" for slug in topic_slugs}
    author_slugs = Author.objects.filter(articles__id__in=article_ids).values_list(
        "slug", flat=True
    )
    tags |= {f"author:{slug}" for slug in author_slugs}
    if apps.is_installed("dateline.stories"):
        from dateline.stories.models import Story

        story_ids = Story.objects.filter(members__article__in=article_ids).values_list(
            "pk", flat=True
        )
        tags |= {f"story:{pk}" for pk in story_ids}
    return tags
