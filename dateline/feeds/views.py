"""Feeds, sitemaps and robots.txt: thin views over the feed selectors.

Every response carries ETag and Last-Modified and answers a conditional GET with 304
before anything is rendered (see `conditional`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.paginator import InvalidPage
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from dateline.feeds import selectors, sitemaps
from dateline.feeds.conditional import freshness, respond
from dateline.feeds.feeds import FEEDS
from dateline.feeds.links import absolute
from dateline.feeds.selectors import NEWS_WINDOW, Scope
from dateline.newsroom.models import Section
from dateline.topics.selectors import public_topic_links, public_topics

XML = "application/xml; charset=utf-8"


@require_safe
def home_feed(request: HttpRequest, kind: str) -> HttpResponse:
    return FEEDS["home"](kind)(request)


@require_safe
def section_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return FEEDS["section"](kind)(request, slug=slug)


@require_safe
def topic_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return FEEDS["topic"](kind)(request, slug=slug)


@require_safe
def author_feed(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    return FEEDS["author"](kind)(request, slug=slug)


# Sitemaps ------------------------------------------------------------------------------


def _page_number(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("p", "1"))
    except ValueError as exc:
        raise Http404("No such sitemap page") from exc


def _sitemap_response(body: Callable[[], str]) -> Callable[[], HttpResponse]:
    def render() -> HttpResponse:
        response = HttpResponse(body(), content_type=XML)
        # A sitemap is for crawlers, not a page to show in results (as Django's own does).
        response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
        return response

    return render


def _urlset(
    sitemap: sitemaps.DatelineSitemap, page: int, *, news: bool = False, empty_ok: bool = True
) -> str:
    try:
        urls = sitemap.urls(page)
    except InvalidPage as exc:
        raise Http404("No such sitemap page") from exc
    if not urls and not empty_ok:
        raise Http404("Nothing in this sitemap")
    return sitemaps.urlset_xml(urls, news=news)


def _paged(location: str, pages: int) -> list[str]:
    return [location] + [f"{location}?p={n}" for n in range(2, pages + 1)]


@require_safe
def sitemap_index(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    home = Scope.home()
    fresh = freshness(
        articles=selectors.indexable_articles(now),
        withdrawn=selectors.withdrawn_articles(scope=home),
        extra=[
            selectors.membership_fingerprint(Section.objects.all()),
            selectors.membership_fingerprint(public_topics()),
            selectors.membership_fingerprint(public_topic_links()),
        ],
        moments=[selectors.last_left_news_window(now)],
        salt=settings.DATELINE_SITE_URL,
    )

    def body() -> str:
        months = selectors.article_months(now)
        news = sitemaps.NewsSitemap(now)
        news_lastmod = max(
            (m.lastmod for m in months if m.lastmod >= now - NEWS_WINDOW), default=None
        )
        entries = [(loc, news_lastmod) for loc in _paged(reverse("feeds:news"), news.num_pages())]
        sections_lastmod = max((m.lastmod for m in months), default=None)
        entries.append((reverse("feeds:sections"), sections_lastmod))
        topics = sitemaps.TopicSitemap(now)
        entries += [
            (loc, sections_lastmod) for loc in _paged(reverse("feeds:topics"), topics.num_pages())
        ]
        limit = sitemaps.ArticleMonthSitemap.limit
        for month in months:
            pages = -(-month.count // limit)
            location = reverse("feeds:articles", kwargs={"month": month.label})
            entries += [(loc, month.lastmod) for loc in _paged(location, pages)]
        return sitemaps.sitemapindex_xml(entries)

    return respond(request, fresh, _sitemap_response(body))


@require_safe
def article_sitemap(request: HttpRequest, month: str) -> HttpResponse:
    start = selectors.month_start(month)
    if start is None:
        raise Http404("No such month")
    now = timezone.now()
    page = _page_number(request)
    sitemap = sitemaps.ArticleMonthSitemap(now, start, selectors.month_end(start))
    in_month = {"published_at__gte": sitemap.start, "published_at__lt": sitemap.end}
    fresh = freshness(
        articles=sitemap.items(),
        withdrawn=selectors.withdrawn_articles(scope=Scope.home()).filter(**in_month),
        salt=f"{settings.DATELINE_SITE_URL}|{sitemap.limit}|{page}",
    )
    return respond(
        request, fresh, _sitemap_response(lambda: _urlset(sitemap, page, empty_ok=False))
    )


@require_safe
def news_sitemap(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = _page_number(request)
    sitemap = sitemaps.NewsSitemap(now)
    fresh = freshness(
        articles=sitemap.items(),
        withdrawn=selectors.withdrawn_articles(scope=Scope.home()).filter(
            published_at__gte=now - NEWS_WINDOW
        ),
        moments=[selectors.last_left_news_window(now)],
        salt=f"{settings.DATELINE_SITE_URL}|{settings.DATELINE_SITE_NAME}|{sitemap.limit}|{page}",
    )
    # An empty news sitemap is valid (Google only warns), so page 1 always answers.
    return respond(request, fresh, _sitemap_response(lambda: _urlset(sitemap, page, news=True)))


@require_safe
def section_sitemap(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    sitemap = sitemaps.SectionSitemap(now)
    fresh = freshness(
        articles=selectors.indexable_articles(now),
        withdrawn=selectors.withdrawn_articles(scope=Scope.home()),
        extra=list(Section.objects.values_list("id", "slug")),
        salt=settings.DATELINE_SITE_URL,
    )
    return respond(request, fresh, _sitemap_response(lambda: _urlset(sitemap, 1)))


@require_safe
def topic_sitemap(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    page = _page_number(request)
    sitemap = sitemaps.TopicSitemap(now)
    fresh = freshness(
        articles=selectors.indexable_articles(now),
        withdrawn=selectors.withdrawn_articles(scope=Scope.home()),
        extra=[
            selectors.membership_fingerprint(public_topics()),
            selectors.membership_fingerprint(public_topic_links()),
        ],
        salt=f"{settings.DATELINE_SITE_URL}|{sitemap.limit}|{page}",
    )
    return respond(request, fresh, _sitemap_response(lambda: _urlset(sitemap, page)))


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawl everything public; keep out of the desk; declare the sitemaps.

    Sitemaps are declared here rather than pinged: Google retired its ping endpoint in 2023.
    """
    lines = [
        "User-agent: *",
        "Disallow: /desk/",
        "Allow: /",
        "",
        f"Sitemap: {absolute(reverse('feeds:sitemap-index'))}",
        f"Sitemap: {absolute(reverse('feeds:news'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
