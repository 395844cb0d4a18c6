"""Articles, sections, topics and authors as the API's own JSON (see `schemas`)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from dateline.newsroom.models import Article, Author, Section
from dateline.topics.models import Topic


def article_api_path(pk: int) -> str:
    return reverse("api:article", kwargs={"article_id": pk})


def section_json(section: Section, site_url: str) -> dict[str, Any]:
    return {
        "slug": section.slug,
        "name": section.name,
        "description": section.description,
        "url": site_url + section.get_absolute_url(),
    }


def topic_json(topic: Topic, site_url: str) -> dict[str, Any]:
    return {
        "slug": topic.slug,
        "name": topic.name,
        "kind": topic.kind,
        "url": site_url + topic.get_absolute_url(),
    }


def author_json(author: Author, site_url: str) -> dict[str, Any]:
    return {"name": author.name, "slug": author.slug, "url": site_url + author.get_absolute_url()}


def article_json(article: Article, site_url: str) -> dict[str, Any]:
    """One visible article with its relations loaded (see `selectors.article_details`)."""
    section = article.section
    return {
        "id": article.pk,
        "url": site_url + article.get_absolute_url(),
        "api_url": site_url + article_api_path(article.pk),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "body": article.body,
        "byline": article.byline,
        "authors": [author_json(author, site_url) for author in article.authors.all()],
        "dateline": {"place": article.dateline_place, "date": article.dateline_date},
        "credit": article.credit,
        "section": {
            "slug": section.slug,
            "name": section.name,
            "url": site_url + section.get_absolute_url(),
        },
        "topics": [topic_json(link.topic, site_url) for link in article.topic_links.all()],
        "source": (
            {"slug": article.source.slug, "name": article.source.name}
            if article.source is not None
            else None
        ),
        "language": article.language,
        "published_at": article.published_at,
        "updated_at": article.updated_at,
        "modified_at": article.modified_at,
        "image": (
            {
                "url": article.image_src,
                "caption": article.image_caption,
                "credit": article.image_credit,
                "alt": article.image_alt,
            }
            if article.image_src
            else None
        ),
        "corrections": [
            {"kind": note.kind, "text": note.text, "noted_at": note.noted_at}
            for note in article.corrections.all()
        ],
    }
