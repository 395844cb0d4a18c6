"""RSS, Atom and JSON Feed for the home page, sections, topics and authors.

Django's syndication `Feed` builds the items; `ArticleFeed.__call__` adds what it lacks:
a 304 answer from cheap validators before anything is rendered, and `Link` headers
(rel self, rel hub). Links point at DATELINE_SITE_URL, never the request's host.
"""

from __future__ import annotations

import mimetypes
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.templatetags.static import static
from django.utils import timezone
from django.utils.feedgenerator import Enclosure, Stylesheet

from dateline.feeds import links
from dateline.feeds.conditional import freshness, respond
from dateline.feeds.generators import GENERATORS
from dateline.feeds.selectors import (
    FEED_ITEMS,
    Scope,
    feed_articles,
    scope_articles,
    withdrawn_articles,
)
from dateline.newsroom.models import Article, Author, Section
from dateline.topics.models import Topic
from dateline.topics.selectors import public_topics

FEED_STYLESHEET = "dateline/feed.xsl"


def byline_text(article: Article) -> str:
    """The byline as one line: the named authors, else the printed byline, else the credit."""
    authors = getattr(article, "feed_authors", None)
    names = [a.name for a, _ in authors] if authors is not None else []
    if names:
        return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return article.byline or article.credit or settings.DATELINE_SITE_NAME


def image_type(url: str) -> str:
    guessed, _ = mimetypes.guess_type(url.split("?", 1)[0])
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


# An ampersand that would start a character reference in HTML ("&amp;", "&#39;").
_REFERENCE_LIKE = re.compile(r"&(?=#?\w+;)")


def html_text(text: str) -> str:
    """Plain text as HTML that reads the same whether a feed reader renders it or not.

    Only what HTML would take for markup is escaped: "<", ">" and an ampersand that starts
    something like a character reference. Apostrophes, quotes and a lone "&" stay as they
    are, since many readers show a description as text and would print "&#x27;" literally.
    """
    text = _REFERENCE_LIKE.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


class ArticleFeed(Feed):
    """The newest visible articles of one scope; subclasses say which scope."""

    language = None  # set per request from LANGUAGE_CODE
    ttl = 5

    def __init__(self, kind: str):
        self.kind = kind
        self.feed_type = GENERATORS[kind]
        self.language = settings.LANGUAGE_CODE

    # The scope -------------------------------------------------------------------------

    def scope(self, obj) -> Scope:
        return Scope.home()

    def __call__(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            obj = self.get_object(request, *args, **kwargs)
        except ObjectDoesNotExist as exc:
            raise Http404("No such feed") from exc
        self.request = request
        self.now = timezone.now()
        scope = self.scope(obj)
        window = scope_articles(scope=scope, now=self.now).order_by("-published_at", "-id")
        fresh = freshness(
            articles=window[:FEED_ITEMS],
            withdrawn=withdrawn_articles(scope=scope),
            salt=self._salt(request),
        )

        def render() -> HttpResponse:
            feed = self.get_feed(obj, request)
            # One write of the whole document: the SAX writer makes thousands of small ones.
            return HttpResponse(feed.writeString("utf-8"), content_type=feed.content_type)

        response = respond(request, fresh, render)
        hub = settings.DATELINE_WEBSUB_HUB
        self_link = f'<{self.feed_url(obj)}>; rel="self"'
        response.headers["Link"] = f'<{hub}>; rel="hub", {self_link}' if hub else self_link
        return response

    def _salt(self, request: HttpRequest) -> str:
        """What besides the articles shapes the bytes: a change here changes the ETag."""
        return "|".join(
            (
                self.kind,
                request.path,
                str(settings.DATELINE_FEED_FULL_CONTENT),
                settings.DATELINE_WEBSUB_HUB,
                settings.DATELINE_SITE_URL,
                settings.DATELINE_SITE_NAME,
            )
        )

    # The channel -----------------------------------------------------------------------

    def stylesheets(self, obj) -> list[Stylesheet]:
        # A browser shows a person a readable page with how to subscribe; readers skip it.
        return [Stylesheet(static(FEED_STYLESHEET), mimetype="text/xsl")]

    def title(self, obj) -> str:
        return settings.DATELINE_SITE_NAME

    def description(self, obj) -> str:
        return f"The latest news from {settings.DATELINE_SITE_NAME}."

    def link(self, obj) -> str:
        return links.absolute("/")

    def feed_url(self, obj) -> str:
        return links.absolute(self.request.path)

    def author_name(self, obj) -> str:
        return settings.DATELINE_SITE_NAME

    def author_link(self, obj) -> str:
        return links.absolute("/")

    def feed_extra_kwargs(self, obj) -> dict:
        return {"hub": settings.DATELINE_WEBSUB_HUB, "icon": links.logo_url()}

    def items(self, obj) -> list[Article]:
        articles = feed_articles(
            scope=self.scope(obj), full=settings.DATELINE_FEED_FULL_CONTENT, now=self.now
        )
        author_urls: dict[int, str] = {}
        for article in articles:
            # Each item asks for its authors several times; read the prefetch once.
            article.feed_authors = [
                (
                    author,
                    author_urls.get(author.pk)
                    or author_urls.setdefault(author.pk, links.absolute(author.get_absolute_url())),
                )
                for author in article.authors.all()
            ]
        return articles

    # Each article ----------------------------------------------------------------------

    def item_title(self, item: Article) -> str:
        # The headline as it is: Django's default double-escapes, which Atom's text
        # titles would then show as "&amp;".
        return item.headline

    def item_description(self, item: Article) -> str:
        # RSS description and Atom summary are HTML; the standfirst is plain text.
        return html_text(item.standfirst or item.headline)

    def item_link(self, item: Article) -> str:
        return links.canonical_url(item)

    def item_guid(self, item: Article) -> str:
        return links.article_guid(item)

    item_guid_is_permalink = False

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.updated_at or item.published_at

    def item_author_name(self, item: Article) -> str:
        return byline_text(item)

    def item_author_link(self, item: Article) -> str | None:
        return item.feed_authors[0][1] if item.feed_authors else None

    def item_categories(self, item: Article) -> list[str]:
        return [item.section.name, *(link.topic.name for link in item.topic_links.all())]

    def item_enclosures(self, item: Article) -> list[Enclosure]:
        # The byte length is unknown (the image lives with the agency); 0 says so.
        if not item.image_src:
            return []
        return [Enclosure(url=item.image_src, length="0", mime_type=image_type(item.image_src))]

    def item_extra_kwargs(self, item: Article) -> dict:
        image = None
        if item.image_src:
            image = {
                "url": item.image_src,
                "type": image_type(item.image_src),
                "alt": item.image_alt,
                "caption": item.image_caption,
                "credit": item.image_credit,
            }
        return {
            "content_html": item.body if settings.DATELINE_FEED_FULL_CONTENT else "",
            "summary_text": item.standfirst,
            "image": image,
            "authors": [{"name": author.name, "url": url} for author, url in item.feed_authors]
            or [{"name": byline_text(item), "url": ""}],
            "language": item.language,
        }


class HomeFeed(ArticleFeed):
    pass


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Section:
        return get_object_or_404(
            Section.objects.only("id", "name", "slug", "description"), slug=slug
        )

    def scope(self, obj: Section) -> Scope:
        return Scope.of_section(obj)

    def title(self, obj: Section) -> str:
        return f"{obj.name} · {settings.DATELINE_SITE_NAME}"

    def description(self, obj: Section) -> str:
        return obj.description or f"The latest {obj.name} news from {settings.DATELINE_SITE_NAME}."

    def link(self, obj: Section) -> str:
        return links.absolute(obj.get_absolute_url())


class TopicFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Topic:
        return get_object_or_404(
            public_topics().only("id", "name", "slug", "description"), slug=slug
        )

    def scope(self, obj: Topic) -> Scope:
        return Scope.of_topic(obj)

    def title(self, obj: Topic) -> str:
        return f"{obj.name} · {settings.DATELINE_SITE_NAME}"

    def description(self, obj: Topic) -> str:
        return obj.description or f"News about {obj.name} from {settings.DATELINE_SITE_NAME}."

    def link(self, obj: Topic) -> str:
        return links.absolute(obj.get_absolute_url())


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug: str) -> Author:
        return get_object_or_404(Author.objects.only("id", "name", "slug", "role"), slug=slug)

    def scope(self, obj: Author) -> Scope:
        return Scope.of_author(obj)

    def title(self, obj: Author) -> str:
        return f"{obj.name} · {settings.DATELINE_SITE_NAME}"

    def description(self, obj: Author) -> str:
        return f"Articles by {obj.name} for {settings.DATELINE_SITE_NAME}."

    def link(self, obj: Author) -> str:
        return links.absolute(obj.get_absolute_url())

    def author_name(self, obj: Author) -> str:
        return obj.name

    def author_link(self, obj: Author) -> str:
        return links.absolute(obj.get_absolute_url())


FEEDS = {"home": HomeFeed, "section": SectionFeed, "topic": TopicFeed, "author": AuthorFeed}
