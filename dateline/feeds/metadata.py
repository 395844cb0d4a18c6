"""Search-engine and social metadata for pages: canonical, robots, Open Graph, X/Twitter
cards and schema.org JSON-LD, built as plain data and printed by `feeds/_meta.html`.

Everything here reads what the page's view already loaded (the article with its section,
source, authors and corrections; the topics list), so metadata adds no query to a page.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import to_locale

from dateline.feeds import links
from dateline.newsroom.models import Article, Author, Section
from dateline.wires.models import Source

# Google Discover shows large previews only with this; agency copy under a syndication
# contract asks search engines to keep out instead (Source.indexing_policy).
ROBOTS_INDEX = "index, follow, max-image-preview:large"
ROBOTS_NOINDEX = "noindex, follow"

# In a <script>, "</script>" or "<!--" would end or confuse the element: escape the
# characters as JSON unicode escapes, which JSON-LD parsers read back unchanged.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass
class PageMeta:
    description: str
    canonical: str
    robots: str = ROBOTS_INDEX
    og: list[tuple[str, str]] = field(default_factory=list)
    twitter: list[tuple[str, str]] = field(default_factory=list)
    json_ld: list[dict] = field(default_factory=list)
    feeds: list[tuple[str, str, str]] = field(default_factory=list)  # type, title, href

    @property
    def json_ld_scripts(self) -> list[SafeString]:
        return [json_ld_script(data) for data in self.json_ld]


def json_ld_script(data: dict) -> SafeString:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(  # noqa: S308 (escaped above for the script context)
        f'<script type="application/ld+json">{text.translate(_JSON_SCRIPT_ESCAPES)}</script>'
    )


def iso(moment: datetime) -> str:
    """ISO 8601 with the edition's offset, the same instant the page prints."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


def publisher() -> dict:
    return {
        "@type": "NewsMediaOrganization",
        "@id": links.absolute("/#publisher"),
        "name": settings.DATELINE_SITE_NAME,
        "url": links.absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": links.logo_url(),
            "width": links.LOGO_SIZE,
            "height": links.LOGO_SIZE,
        },
    }


def breadcrumbs(trail: list[tuple[str, str]]) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(trail, start=1)
        ],
    }


def feed_links(scope: str, title: str, slug: str | None = None) -> list[tuple[str, str, str]]:
    return [
        (
            links.FEED_MIME_TYPES[kind],
            f"{title} ({links.FEED_FORMAT_NAMES[kind]})",
            links.absolute(links.feed_url(scope, kind, slug)),
        )
        for kind in links.FEED_FORMATS
    ]


def _social(
    *, title: str, description: str, url: str, og_type: str, image: str = "", image_alt: str = ""
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Open Graph's four required properties and its extras, and the X/Twitter card."""
    has_photo = bool(image)
    image = image or links.logo_url()
    og = [
        ("og:title", title),
        ("og:type", og_type),
        ("og:url", url),
        ("og:image", image),
    ]
    if image_alt:
        og.append(("og:image:alt", image_alt))
    og += [
        ("og:description", description),
        ("og:site_name", settings.DATELINE_SITE_NAME),
        ("og:locale", to_locale(settings.LANGUAGE_CODE)),
    ]
    twitter = [
        ("twitter:card", "summary_large_image" if has_photo else "summary"),
        ("twitter:title", title[:70]),
        ("twitter:description", description[:200]),
        ("twitter:image", image),
    ]
    if image_alt:
        twitter.append(("twitter:image:alt", image_alt))
    if settings.DATELINE_TWITTER_SITE:
        twitter.append(("twitter:site", settings.DATELINE_TWITTER_SITE))
    return og, twitter


def _page_url(path: str, page_number: int) -> str:
    # Each page of a list is its own canonical (Google's advice for paginated series).
    return links.absolute(path if page_number <= 1 else f"{path}?page={page_number}")


# Articles ------------------------------------------------------------------------------


def article_meta(article: Article, topics: list) -> PageMeta:
    """Metadata for an article page; `topics` and the prefetched relations are reused."""
    url = links.canonical_url(article)
    authors = list(article.authors.all())
    corrections = list(article.corrections.all())
    published = iso(article.published_at)
    modified = iso(article.updated_at or article.published_at)
    description = article.standfirst or article.headline
    noindex = bool(
        article.source_id and article.source.indexing_policy == Source.IndexingPolicy.NOINDEX
    )

    og, twitter = _social(
        title=article.headline,
        description=description,
        url=url,
        og_type="article",
        image=article.image_src,
        image_alt=article.image_alt,
    )
    og += [
        ("article:published_time", published),
        ("article:modified_time", modified),
        ("article:section", article.section.name),
        *(("article:author", links.absolute(a.get_absolute_url())) for a in authors),
        *(("article:tag", topic.name) for topic in topics),
    ]

    if authors:
        author_data: list[dict] = [
            {"@type": "Person", "name": a.name, "url": links.absolute(a.get_absolute_url())}
            for a in authors
        ]
    else:
        # Agency copy without a named reporter: the agency is the author, never our masthead.
        author_data = [{"@type": "Organization", "name": article.credit or article.byline}]
        if not (article.credit or article.byline):
            author_data = [publisher()]
    news_article: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": f"{url}#article",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.headline,
        "description": description,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": article.language,
        "articleSection": article.section.name,
        "author": author_data,
        "publisher": publisher(),
        "isAccessibleForFree": True,
    }
    if article.image_src:
        news_article["image"] = [article.image_src]
    if article.dateline_place:
        news_article["dateline"] = article.dateline_place
    if topics:
        news_article["keywords"] = [topic.name for topic in topics]
        news_article["about"] = [
            {"@type": "Thing", "name": topic.name, "url": links.absolute(topic.get_absolute_url())}
            for topic in topics
        ]
    if article.credit:
        news_article["sourceOrganization"] = {"@type": "Organization", "name": article.credit}
    if corrections:
        news_article["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": note.text,
                "datePublished": iso(note.noted_at),
            }
            for note in corrections
        ]
    return PageMeta(
        description=description,
        canonical=url,
        robots=ROBOTS_NOINDEX if noindex else ROBOTS_INDEX,
        og=og,
        twitter=twitter,
        json_ld=[
            news_article,
            breadcrumbs(
                [
                    (settings.DATELINE_SITE_NAME, links.absolute("/")),
                    (article.section.name, links.absolute(article.section.get_absolute_url())),
                    (article.headline, url),
                ]
            ),
        ],
        feeds=[
            feed_links("section", article.section.name, article.section.slug)[0],
            feed_links("home", settings.DATELINE_SITE_NAME)[0],
        ],
    )


# Lists ---------------------------------------------------------------------------------


def _collection(
    *,
    name: str,
    description: str,
    path: str,
    page_number: int,
    schema_type: str = "CollectionPage",
    main_entity: dict | None = None,
    feeds: list[tuple[str, str, str]],
) -> PageMeta:
    url = _page_url(path, page_number)
    site = settings.DATELINE_SITE_NAME
    title = f"{name} · {site}"
    og, twitter = _social(title=title, description=description, url=url, og_type="website")
    page: dict = {
        "@context": "https://schema.org",
        "@type": schema_type,
        "@id": url,
        "url": url,
        "name": title,
        "description": description,
        "isPartOf": {"@type": "WebSite", "@id": links.absolute("/#website"), "name": site},
        "publisher": publisher(),
    }
    if main_entity:
        page["mainEntity"] = main_entity
    return PageMeta(
        description=description,
        canonical=url,
        og=og,
        twitter=twitter,
        json_ld=[page, breadcrumbs([(site, links.absolute("/")), (name, links.absolute(path))])],
        feeds=feeds,
    )


def home_meta() -> PageMeta:
    site = settings.DATELINE_SITE_NAME
    url = links.absolute("/")
    description = f"{site}: news from the wires and our newsroom, around the clock."
    og, twitter = _social(title=site, description=description, url=url, og_type="website")
    website = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": links.absolute("/#website"),
        "url": url,
        "name": site,
        "description": description,
        "publisher": publisher(),
    }
    organisation = {"@context": "https://schema.org", **publisher()}
    return PageMeta(
        description=description,
        canonical=url,
        og=og,
        twitter=twitter,
        json_ld=[website, organisation],
        feeds=feed_links("home", site),
    )


def section_meta(section: Section, page_number: int = 1) -> PageMeta:
    site = settings.DATELINE_SITE_NAME
    return _collection(
        name=section.name,
        description=f"{section.description or section.name}: the latest from {site}.",
        path=section.get_absolute_url(),
        page_number=page_number,
        feeds=feed_links("section", section.name, section.slug),
    )


def topic_meta(topic, page_number: int = 1) -> PageMeta:
    site = settings.DATELINE_SITE_NAME
    return _collection(
        name=topic.name,
        description=topic.description or f"News about {topic.name} from {site}.",
        path=topic.get_absolute_url(),
        page_number=page_number,
        feeds=feed_links("topic", topic.name, topic.slug),
    )


def author_meta(author: Author, page_number: int = 1) -> PageMeta:
    site = settings.DATELINE_SITE_NAME
    person: dict = {
        "@type": "Person",
        "name": author.name,
        "url": links.absolute(author.get_absolute_url()),
    }
    if author.role:
        person["jobTitle"] = author.role
    if author.bio:
        person["description"] = author.bio
    person["worksFor"] = {"@id": links.absolute("/#publisher")}
    return _collection(
        name=author.name,
        description=author.bio or f"Articles by {author.name} for {site}.",
        path=author.get_absolute_url(),
        page_number=page_number,
        schema_type="ProfilePage",
        main_entity=person,
        feeds=feed_links("author", author.name, author.slug),
    )
