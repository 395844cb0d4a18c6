"""Sitemaps: articles by month, the Google News sitemap, sections and topics.

Each kind is a `django.contrib.sitemaps.Sitemap` (items, location, lastmod, `limit` and
its paginator), so the limits are one class attribute that tests can shrink. We write
the XML ourselves: Django's templates know neither the news extension nor months, and a
50,000-URL file renders faster as joined strings than through a template.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.utils.functional import cached_property

from dateline.feeds import selectors
from dateline.feeds.links import absolute

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
IMAGE_NS = "http://www.google.com/schemas/sitemap-image/1.1"

# sitemaps.org: at most 50,000 URLs per file (and per index); Google News: 1,000.
URL_LIMIT = 50_000
NEWS_URL_LIMIT = 1_000


def w3c(moment: datetime) -> str:
    """W3C Datetime in UTC, to the second."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class SiteUrl:
    """The `site` Django's Sitemap asks for: the public host from DATELINE_SITE_URL."""

    def __init__(self) -> None:
        parts = urlsplit(settings.DATELINE_SITE_URL)
        self.protocol = parts.scheme or "https"
        self.domain = parts.netloc + parts.path.rstrip("/")


class DatelineSitemap(Sitemap):
    limit = URL_LIMIT

    def __init__(self, now: datetime) -> None:
        self.now = now

    @cached_property
    def paginator(self) -> Paginator:
        # Django builds a new paginator (and counts again) on every access.
        return Paginator(self._items(), self.limit)

    def urls(self, page: int) -> list[dict]:
        site = SiteUrl()
        return self.get_urls(page=page, site=site, protocol=site.protocol)

    def num_pages(self) -> int:
        return self.paginator.num_pages

    def lastmod(self, item) -> datetime | None:
        values = [getattr(item, "published", None), getattr(item, "updated", None)]
        known = [v for v in values if v is not None]
        return max(known) if known else None


class ArticleMonthSitemap(DatelineSitemap):
    """The indexable articles first published in one month (UTC), oldest first."""

    def __init__(self, now: datetime, start: datetime, end: datetime) -> None:
        super().__init__(now)
        self.start, self.end = start, end

    def items(self):
        return selectors.articles_of_month(start=self.start, end=self.end, now=self.now)

    def lastmod(self, item) -> datetime:
        # The last significant change: the service moves `updated_at` only for those.
        return item.updated_at or item.published_at


class NewsSitemap(DatelineSitemap):
    """Articles first published in the last 48 hours, for Google News."""

    limit = NEWS_URL_LIMIT

    def items(self):
        return selectors.news_articles(self.now)

    def lastmod(self, item) -> datetime:
        return item.updated_at or item.published_at


class SectionSitemap(DatelineSitemap):
    def items(self):
        return selectors.sections_with_lastmod(self.now)

    def location(self, item) -> str:
        return item[0].get_absolute_url()

    def lastmod(self, item) -> datetime | None:
        return item[1]


class TopicSitemap(DatelineSitemap):
    def items(self):
        return selectors.topics_with_lastmod(self.now)


def urlset_xml(urls: list[dict], *, news: bool = False) -> str:
    """A `<urlset>` document; with `news`, each URL carries its `<news:news>` block."""
    namespaces = f' xmlns="{SITEMAP_NS}"' + (f' xmlns:news="{NEWS_NS}"' if news else "")
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset{namespaces}>\n']
    publication = escape(settings.DATELINE_SITE_NAME)
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url["lastmod"]:
            parts.append(f"<lastmod>{w3c(url['lastmod'])}</lastmod>")
        if news:
            article = url["item"]
            parts.append(
                "<news:news><news:publication>"
                f"<news:name>{publication}</news:name>"
                f"<news:language>{escape(news_language(article.language))}</news:language>"
                "</news:publication>"
                f"<news:publication_date>{w3c(article.published_at)}</news:publication_date>"
                f"<news:title>{escape(article.headline)}</news:title>"
                "</news:news>"
            )
        parts.append("</url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


def sitemapindex_xml(entries: list[tuple[str, datetime | None]]) -> str:
    parts = [f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n']
    for location, lastmod in entries:
        parts.append(f"<sitemap><loc>{escape(absolute(location))}</loc>")
        if lastmod:
            parts.append(f"<lastmod>{w3c(lastmod)}</lastmod>")
        parts.append("</sitemap>\n")
    parts.append("</sitemapindex>\n")
    return "".join(parts)


def news_language(code: str) -> str:
    """ISO 639 as Google News wants it: `en`, not `en-GB`; only zh-cn and zh-tw keep a region."""
    code = (code or "en").lower().replace("_", "-")
    if code in {"zh-cn", "zh-tw"}:
        return code
    return code.split("-", 1)[0]
