"""The shapes of the API's JSON, as OpenAPI shows them.

Responses are built as plain dicts by `render` and sent as they are (so that headers such
as ETag are ours to set); these schemas document them, and the schemathesis test checks
that what is sent matches.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ninja import Schema


class Error(Schema):
    code: str
    message: str


class AuthorRef(Schema):
    name: str
    slug: str
    url: str


class SectionOut(Schema):
    slug: str
    name: str
    description: str
    url: str


class SectionRef(Schema):
    slug: str
    name: str
    url: str


class TopicRef(Schema):
    slug: str
    name: str
    kind: str
    url: str


class TopicOut(TopicRef):
    description: str


class AuthorOut(AuthorRef):
    role: str


class SourceRef(Schema):
    slug: str
    name: str


class DatelineOut(Schema):
    place: str
    date: date | None


class ImageOut(Schema):
    url: str
    caption: str
    credit: str
    alt: str


class CorrectionOut(Schema):
    kind: str
    text: str
    noted_at: datetime


class ArticleOut(Schema):
    id: int
    url: str
    api_url: str
    headline: str
    standfirst: str
    body: str
    byline: str
    authors: list[AuthorRef]
    dateline: DatelineOut
    credit: str
    section: SectionRef
    topics: list[TopicRef]
    source: SourceRef | None
    language: str
    published_at: datetime
    updated_at: datetime | None
    modified_at: datetime
    image: ImageOut | None
    corrections: list[CorrectionOut]


class ArticleList(Schema):
    items: list[ArticleOut]
    next_cursor: str | None
    next: str | None


class NinjsArticleList(Schema):
    """A page of articles as IPTC ninjs 2.2 documents (http://www.iptc.org/std/ninjs/)."""

    items: list[dict[str, Any]]
    next_cursor: str | None
    next: str | None


class SectionList(Schema):
    items: list[SectionOut]


class TopicList(Schema):
    items: list[TopicOut]
    next_cursor: str | None
    next: str | None


class AuthorList(Schema):
    items: list[AuthorOut]
    next_cursor: str | None
    next: str | None


class Rejection(Schema):
    input: str
    code: str
    message: str


class PushReport(Schema):
    ingested: int
    updated: int
    unchanged: int
    duplicates: int
    killed: int
    held: int
    quarantined: int
    skipped: int = 0
    skipped_codes: dict[str, int] = {}
    rejected: list[Rejection]
    articles: list[int]
    code: str | None = None
    message: str | None = None


class SearchHitOut(Schema):
    id: int
    url: str
    api_url: str
    headline: str
    headline_html: str
    snippet_html: str
    published_at: datetime | None


class FacetOut(Schema):
    slug: str
    name: str
    count: int


class SearchResultsOut(Schema):
    query: str
    total: int
    total_is_estimate: bool
    page: int
    num_pages: int
    items: list[SearchHitOut]
    facets: dict[str, list[FacetOut]]
    did_you_mean: str | None
    messages: list[str]
