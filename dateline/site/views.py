"""The public site: thin views over the newsroom and topic selectors."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from dateline.newsroom.models import Article, Author, Section
from dateline.newsroom.selectors import (
    article_for_page,
    articles_by_author,
)
from dateline.site.fragments import sections_for_menu
from dateline.stories.selectors import (
    StoryPage,
    front_by_section,
    front_leads,
    section_front_articles,
    story_annotations,
    story_box_for_article,
    story_for_page,
)
from dateline.topics.selectors import articles_about_topic, topic_for_page, topics_for_article

FAVICON = Path(__file__).resolve().parent / "static" / "dateline" / "favicon.ico"
PAGE_SIZE = 20
MAX_PAGE = 500  # deep pages of a list are for the archive and search, not for crawlers


@dataclass(frozen=True)
class ListPage:
    """One page of a list, read without counting the list: the one row past the page says
    whether an older page exists, so that a listing costs the same at any archive size."""

    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1


def _page(request: HttpRequest, queryset) -> ListPage:
    """One page of a list (`?page=`, newest first), with "Newer" and "Older" links."""
    try:
        number = min(max(int(request.GET.get("page", "1")), 1), MAX_PAGE)
    except ValueError:
        number = 1
    start = (number - 1) * PAGE_SIZE
    rows = list(queryset[start : start + PAGE_SIZE + 1])
    if not rows and number > 1:
        raise Http404("No such page")
    return ListPage(rows[:PAGE_SIZE], number, len(rows) > PAGE_SIZE)


def home(request: HttpRequest) -> HttpResponse:
    # One item per story, its newest development: a run of near-identical headlines from
    # several sources is one event, and a new article in it moves the story up.
    leads = front_leads(limit=3)
    sections = sections_for_menu()
    by_section = front_by_section(sections=sections, per_section=4, leads=leads)
    return render(
        request,
        "site/home.html",
        {
            "leads": leads,
            "fronts": [(s, by_section[s.id]) for s in sections if by_section.get(s.id)],
        },
    )


def section_front(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = _page(request, section_front_articles(section=section))
    return render(request, "site/section.html", {"section": section, "page": page})


def topic_page(request: HttpRequest, slug: str) -> HttpResponse:
    topic, moved = topic_for_page(slug=slug)
    if topic is None:
        raise Http404("No such topic")
    if moved:
        return redirect(topic, permanent=True)  # merged by the desk into this one
    page = _page(request, articles_about_topic(topic=topic))
    return render(request, "site/topic.html", {"topic": topic, "page": page})


def author_page(request: HttpRequest, slug: str) -> HttpResponse:
    author = get_object_or_404(Author, slug=slug)
    page = _page(request, articles_by_author(author=author))
    return render(request, "site/author.html", {"author": author, "page": page})


def article_page(request: HttpRequest, pk: int, slug: str | None = None) -> HttpResponse:
    article = article_for_page(pk=pk, annotations=story_annotations())
    if article is None:
        raise Http404("No such article")
    if article.status == Article.Status.KILLED:
        return render(request, "410.html", {"article": article}, status=410)
    if not article.is_visible:
        raise Http404("No such article")
    if slug != article.slug:
        # The id finds the article; an old or missing slug moves to the current URL.
        return redirect(article, permanent=True)
    return render(
        request,
        "site/article.html",
        {
            "article": article,
            "topics": topics_for_article(article=article),
            "story": story_box_for_article(article=article),
        },
    )


def story_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A story: its lead, every source's version and its timeline."""
    found = story_for_page(pk=pk)
    if found is None:
        raise Http404("No such story")
    if not isinstance(found, StoryPage):
        return redirect(found, permanent=True)  # merged into another story by the desk
    return render(request, "site/story.html", {"page": found})


def corrections(request: HttpRequest) -> HttpResponse:
    """Every correction and clarification on an article readers can see, newest first."""
    from dateline.newsroom.models import CorrectionNote
    from dateline.newsroom.selectors import visible_articles

    notes = (
        CorrectionNote.objects.filter(article__in=visible_articles().values("id"))
        .select_related("article")
        .only("kind", "text", "noted_at", "article__id", "article__slug", "article__headline")
        .order_by("-noted_at", "-id")
    )
    return render(request, "site/corrections.html", {"page": _page(request, notes)})


def favicon(request: HttpRequest) -> HttpResponse:
    """`/favicon.ico`, which browsers ask for on every site whatever the page links."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=86400"
    return response
