"""The JSON API under /api/: a read API over `visible_articles` and a push endpoint.

Reads answer our JSON or IPTC ninjs 2.2 (`?format=ninjs` or `Accept: application/ninjs+json`),
with ETag and Last-Modified so that pollers get 304s. The push endpoint takes ninjs or
NewsML-G2 from a source's systems, with the source's token, through the same ingest path as
polled and dropped copy (`ingest_bytes`): what cannot be read is quarantined, never lost.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, Literal

from django.conf import settings
from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Max, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from ninja import NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from dateline.api import ratelimit, render, schemas
from dateline.api.body import read_body
from dateline.api.cursors import (
    CursorError,
    article_cursor,
    decode_article_cursor,
    decode_name_cursor,
    name_cursor,
)
from dateline.api.models import SourceToken
from dateline.api.ninjs import NINJS_MEDIA_TYPE, article_to_ninjs
from dateline.api.selectors import (
    ArticleFilters,
    api_authors,
    api_sections,
    api_topics,
    article_details,
    article_for_api,
    article_page,
)
from dateline.api.services import source_token_for
from dateline.core.parsing import DEFAULT_MAX_BYTES
from dateline.ingest.services import ingest_bytes
from dateline.newsroom.models import Article
from dateline.site import conditional

JSON = "application/json"
MAX_PUSH_BYTES = DEFAULT_MAX_BYTES  # 10 MB, the cap every ingest path applies
CACHE_CONTROL = "public, max-age=60"
# How long a rendered list page is kept. Its key holds the page's validator, so a change to
# an article on it makes a new key at once; only topic and author renames wait this long.
RENDERED_LIST_SECONDS = 300
# Content types that say which parser a pushed body needs.
PUSH_FORMAT_BY_CONTENT_TYPE = {
    NINJS_MEDIA_TYPE: "ninjs",
    JSON: "ninjs",
    "application/xml": "newsml-g2",
    "text/xml": "newsml-g2",
    "application/vnd.iptc.g2.newsitem+xml": "newsml-g2",
}

api = NinjaAPI(
    title="dateline API",
    version="1",
    description=(
        "Read the articles the public may see, as dateline JSON or IPTC ninjs 2.2, and push "
        "ninjs or NewsML-G2 copy into a source with its token."
    ),
    urls_namespace="api",
)

_NINJS_DOCUMENT = {
    "type": "object",
    "description": "An IPTC ninjs 2.2 document (http://www.iptc.org/std/ninjs/).",
}


# Errors ---------------------------------------------------------------------------------------


def json_body(data: Any) -> bytes:
    return json.dumps(
        data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    ).encode()


def json_response(
    data: Any, *, status: int = 200, content_type: str = JSON, headers: dict | None = None
) -> HttpResponse:
    return HttpResponse(json_body(data), status=status, content_type=content_type, headers=headers)


def error_response(status: int, code: str, message: str, **headers: str) -> HttpResponse:
    """An error as a value with a stable code (DESIGN.md #8), the same shape everywhere."""
    return json_response({"code": code, "message": message}, status=status, headers=headers)


class BadRequest(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@api.exception_handler(BadRequest)
def _bad_request(request: HttpRequest, exc: BadRequest) -> HttpResponse:
    return error_response(400, exc.code, exc.message)


@api.exception_handler(ValidationError)
def _invalid_request(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ()))}: {error.get('msg', '')}"
        for error in exc.errors
    )
    return error_response(400, "request.invalid", problems or "the request is not valid")


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return error_response(
        401,
        "auth.token-invalid",
        "Send a source's push token as `Authorization: Bearer <token>`.",
        **{"WWW-Authenticate": 'Bearer realm="dateline"'},
    )


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error_response(404, "not-found", str(exc) or "Nothing here.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return error_response(exc.status_code, "http.error", str(exc))


def api_not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown paths under /api/ answer JSON too, not the site's HTML 404 page."""
    return error_response(404, "not-found", f"No API endpoint at {request.path}.")


# Helpers --------------------------------------------------------------------------------------


def _text(value: str | None, name: str) -> str | None:
    # PostgreSQL refuses NUL characters in text; say so rather than fail with a 500.
    if value is not None and "\x00" in value:
        raise BadRequest("request.invalid", f"{name}: must not contain NUL characters")
    return value or None


def _aware(value: datetime | None, name: str) -> datetime | None:
    """The time in UTC; one without an offset is read as UTC, as everywhere in dateline."""
    if value is None:
        return None
    if timezone.is_naive(value):
        return value.replace(tzinfo=UTC)
    try:
        return value.astimezone(UTC)
    except OverflowError as exc:  # 0001-01-01 east of Greenwich is before year 1 in UTC
        raise BadRequest("request.invalid", f"{name}: out of range") from exc


def wants_ninjs(request: HttpRequest, format: str | None) -> bool:
    if format:
        return format == "ninjs"
    return request.get_preferred_type([JSON, NINJS_MEDIA_TYPE]) == NINJS_MEDIA_TYPE


def _next_url(request: HttpRequest, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")


def _etag(*parts: object) -> str:
    digest = hashlib.blake2b("|".join(str(part) for part in parts).encode(), digest_size=16)
    # Weak: two equal tags promise the same articles in the same versions, not equal bytes.
    return f'W/"{digest.hexdigest()}"'


def _respond(
    request: HttpRequest,
    etag: str,
    last_modified: datetime | None,
    render: Callable[[], HttpResponse],
) -> HttpResponse:
    """304 when the client's copy is current, else the rendered answer; validators on both."""
    response = conditional.respond(request, etag=etag, last_modified=last_modified, render=render)
    response["Cache-Control"] = CACHE_CONTROL
    response["Vary"] = "Accept"
    return response


def _shown_since(article: Article) -> datetime:
    """When an article last changed for readers, or came into view (embargo, schedule)."""
    moments = [article.modified_at, article.published_at, article.embargo_until]
    return max(moment for moment in moments if moment is not None)


def _site() -> tuple[str, str]:
    return settings.DATELINE_SITE_URL, settings.DATELINE_SITE_NAME


# Reading --------------------------------------------------------------------------------------


@api.get(
    "/articles",
    # The ninjs page is JSON too: ninjs has no list document of its own.
    response={
        200: schemas.ArticleList | schemas.NinjsArticleList,
        304: None,
        400: schemas.Error,
    },
    url_name="articles",
    summary="Articles, newest first",
)
def list_articles(
    request: HttpRequest,
    section: str | None = None,
    topic: str | None = None,
    source: str | None = None,
    language: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    cursor: str | None = None,
    limit: int = Query(20, ge=1, le=100),
    format: Literal["json", "ninjs"] | None = None,
) -> HttpResponse:
    """The articles the public may see, newest first, a page at a time.

    Filter by section, topic or source slug, language, and publication time (`since`
    inclusive, `until` exclusive). Follow `next` (or pass `next_cursor` as `cursor`) for the
    next page. `format=ninjs` or `Accept: application/ninjs+json` gives IPTC ninjs 2.2.
    """
    now = timezone.now()
    filters = ArticleFilters(
        section=_text(section, "section"),
        topic=_text(topic, "topic"),
        source=_text(source, "source"),
        language=_text(language, "language"),
        since=_aware(since, "since"),
        until=_aware(until, "until"),
    )
    try:
        after = decode_article_cursor(cursor) if cursor else None
    except CursorError as exc:
        raise BadRequest("cursor.invalid", str(exc)) from exc
    articles, more = article_page(filters=filters, after=after, limit=limit, now=now)
    ninjs = wants_ninjs(request, format)
    etag = _etag(
        "ninjs" if ninjs else "json",
        more,
        *(f"{a.pk}:{a.modified_at.timestamp()}:{a.revision_count}" for a in articles),
    )
    # A kill or unpublish removes an article without touching the ones that stay, so the
    # newest change to any article is the floor of Last-Modified: it never goes back.
    changed = Article.objects.aggregate(latest=Max("modified_at"))["latest"]
    last_modified = max(
        [_shown_since(a) for a in articles] + ([changed] if changed else []), default=None
    )

    def rendered() -> HttpResponse:
        next_cursor = article_cursor(articles[-1].published_at, articles[-1].pk) if more else None
        next_url = _next_url(request, next_cursor)
        # The same page in the same versions renders to the same bytes: render it once per
        # change (DESIGN.md #6) and serve every later poller from the shared cache.
        cache_key = f"dateline:api:articles:{etag}:{_etag(request.build_absolute_uri())}"
        body = cache.get(cache_key)
        if body is None:
            prefetch_related_objects(articles, *article_details())
            site_url, site_name = _site()
            if ninjs:
                items = [
                    article_to_ninjs(a, site_url=site_url, site_name=site_name) for a in articles
                ]
            else:
                items = [render.article_json(a, site_url) for a in articles]
            body = json_body({"items": items, "next_cursor": next_cursor, "next": next_url})
            cache.set(cache_key, body, RENDERED_LIST_SECONDS)
        response = HttpResponse(body, content_type=JSON)
        if next_url:
            response["Link"] = f'<{next_url}>; rel="next"'
        return response

    return _respond(request, etag, last_modified, rendered)


@api.get(
    "/articles/{int:article_id}",
    response={200: schemas.ArticleOut, 304: None, 404: schemas.Error, 410: schemas.Error},
    url_name="article",
    summary="One article",
    openapi_extra={
        "responses": {200: {"content": {NINJS_MEDIA_TYPE: {"schema": _NINJS_DOCUMENT}}}}
    },
)
def get_article(
    request: HttpRequest, article_id: int, format: Literal["json", "ninjs"] | None = None
) -> HttpResponse:
    """One article the public may see; 410 once it has been withdrawn (killed)."""
    article = article_for_api(pk=article_id, now=timezone.now())
    if article is None:
        return error_response(404, "article.not-found", "No such article.")
    if article.status == Article.Status.KILLED:
        return error_response(410, "article.killed", "This article has been withdrawn.")
    if not article.is_visible:
        # Embargoed, scheduled, held or unpublished copy is not there for the public yet.
        return error_response(404, "article.not-found", "No such article.")
    ninjs = wants_ninjs(request, format)
    etag = _etag(
        "ninjs" if ninjs else "json",
        article.pk,
        article.modified_at.timestamp(),
        article.revision_count,
    )

    def rendered() -> HttpResponse:
        site_url, site_name = _site()
        if ninjs:
            return json_response(
                article_to_ninjs(article, site_url=site_url, site_name=site_name),
                content_type=NINJS_MEDIA_TYPE,
            )
        return json_response(render.article_json(article, site_url))

    return _respond(request, etag, _shown_since(article), rendered)


def _list_response(request: HttpRequest, data: dict[str, Any]) -> HttpResponse:
    """A small list whose ETag is the hash of its JSON: cheap enough for a few rows."""
    response = json_response(data)
    etag = _etag(hashlib.blake2b(response.content, digest_size=16).hexdigest())
    return _respond(request, etag, None, lambda: response)


@api.get(
    "/sections",
    response={200: schemas.SectionList, 304: None},
    url_name="sections",
    summary="Sections",
)
def list_sections(request: HttpRequest) -> HttpResponse:
    """Every section, in menu order."""
    site_url, _ = _site()
    items = [render.section_json(section, site_url) for section in api_sections()]
    return _list_response(request, {"items": items})


def _name_cursor(cursor: str | None) -> tuple[str, int] | None:
    """Where a list by name resumes; a cursor that does not decode is a 400."""
    try:
        after = decode_name_cursor(cursor) if cursor else None
    except CursorError as exc:
        raise BadRequest("cursor.invalid", str(exc)) from exc
    if after is not None:
        _text(after[0], "cursor")
    return after


@api.get(
    "/topics",
    response={200: schemas.TopicList, 304: None, 400: schemas.Error},
    url_name="topics",
    summary="Topics",
)
def list_topics(
    request: HttpRequest,
    kind: Literal["person", "organisation", "place", "subject", "event"] | None = None,
    cursor: str | None = None,
    limit: int = Query(100, ge=1, le=500),
) -> HttpResponse:
    """Topics that at least one visible article is about, by name."""
    after = _name_cursor(cursor)
    topics, more = api_topics(kind=kind, after=after, limit=limit, now=timezone.now())
    site_url, _ = _site()
    next_cursor = name_cursor(topics[-1].name, topics[-1].pk) if more else None
    items = [
        {**render.topic_json(topic, site_url), "description": topic.description} for topic in topics
    ]
    data = {"items": items, "next_cursor": next_cursor, "next": _next_url(request, next_cursor)}
    return _list_response(request, data)


@api.get(
    "/authors",
    response={200: schemas.AuthorList, 304: None, 400: schemas.Error},
    url_name="authors",
    summary="Authors",
)
def list_authors(
    request: HttpRequest, cursor: str | None = None, limit: int = Query(100, ge=1, le=500)
) -> HttpResponse:
    """The people with a byline, by name."""
    after = _name_cursor(cursor)
    authors, more = api_authors(after=after, limit=limit)
    site_url, _ = _site()
    next_cursor = name_cursor(authors[-1].name, authors[-1].pk) if more else None
    items = [{**render.author_json(author, site_url), "role": author.role} for author in authors]
    data = {"items": items, "next_cursor": next_cursor, "next": _next_url(request, next_cursor)}
    return _list_response(request, data)


# Pushing --------------------------------------------------------------------------------------


class PushToken(HttpBearer):
    """`Authorization: Bearer <token>` with a token from `dateline issue_token SOURCE`."""

    def authenticate(self, request: HttpRequest, token: str) -> SourceToken | None:
        return source_token_for(token)


_PUSH_BODY = {
    "requestBody": {
        "required": True,
        "description": "One ninjs 2.x/3.x document (or an array of them), or NewsML-G2 XML.",
        "content": {
            NINJS_MEDIA_TYPE: {"schema": {"type": "object"}},
            JSON: {"schema": {"type": "object"}},
            "application/xml": {"schema": {"type": "string"}},
        },
    }
}


@api.post(
    "/push",
    auth=PushToken(),
    response={
        200: schemas.PushReport,
        400: schemas.PushReport,
        401: schemas.Error,
        413: schemas.Error,
        429: schemas.Error,
    },
    url_name="push",
    summary="Push copy into a source",
    openapi_extra=_PUSH_BODY,
)
def push(
    request: HttpRequest, format: Literal["auto", "ninjs", "newsml-g2"] = "auto"
) -> HttpResponse:
    """Ingest ninjs or NewsML-G2 into the token's source, as if the source had sent it.

    Answers 200 with the ingest report once the copy is in (new articles, updates, kills,
    holds), and 400 with the report and the first error's code when nothing could be read:
    the input is then quarantined for the desk. Over 10 MB answers 413; over the token's
    rate (DATELINE_PUSH_RATE_LIMIT) 429 with Retry-After.
    """
    token: SourceToken = request.auth  # type: ignore[attr-defined]
    rate = ratelimit.parse_rate(settings.DATELINE_PUSH_RATE_LIMIT)
    if rate is not None:
        wait = ratelimit.hit(f"push:{token.pk}", rate)
        if wait is not None:
            return error_response(
                429,
                "rate.limited",
                f"Over {rate.limit} pushes per {rate.seconds} s for this token.",
                **{"Retry-After": str(wait)},
            )
    too_large = error_response(
        413, "http.too-large", f"Push at most {MAX_PUSH_BYTES} bytes at a time."
    )
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if declared > MAX_PUSH_BYTES:
        return too_large  # refused before a byte is read
    content = read_body(request, limit=MAX_PUSH_BYTES)
    if len(content) > MAX_PUSH_BYTES:
        return too_large
    if format == "auto":
        format = PUSH_FORMAT_BY_CONTENT_TYPE.get(request.content_type or "", "auto")
    report = ingest_bytes(
        source=token.source,
        content=content,
        origin=f"api push by {token.name} ({token.prefix}…)",
        format=format,
        # Answered at once: the worker tags and groups the copy like any wire item.
        quick_tags=False,
    )
    data = {**report.as_json(), "articles": report.articles}
    accepted = sum(
        (report.ingested, report.updated, report.unchanged, report.duplicates, report.killed,
         report.held)
    )  # fmt: skip
    if not accepted and report.rejected:
        first = report.rejected[0]
        data.update(code=first["code"], message=first["message"])
        return json_response(data, status=400)
    return json_response(data)


@api.get(
    "/search",
    response={200: schemas.SearchResultsOut},
    url_name="search",
    summary="Search the archive",
)
def search(
    request: HttpRequest,
    q: str = "",
    section: str | None = None,
    topic: str | None = None,
    source: str | None = None,
    author: str | None = None,
    language: str | None = None,
    published_from: str | None = None,
    published_to: str | None = None,
    page: int = 1,
) -> HttpResponse:
    """The search page's results as JSON, with the same parameters and the same rules.

    Words, "exact phrases", -exclusion and OR; filters are slugs; a parameter that does not
    make sense is dropped with a message rather than refused.
    """
    from dateline.search.forms import SearchForm
    from dateline.search.selectors import search_articles

    form = SearchForm(request.GET)
    arguments, messages = form.search_arguments()
    site_url, _ = _site()
    if not arguments["query"].strip():
        return json_response(
            {
                "query": "",
                "total": 0,
                "total_is_estimate": False,
                "page": 1,
                "num_pages": 0,
                "items": [],
                "facets": {},
                "did_you_mean": None,
                "messages": [*messages, "Type some words to search for."],
            }
        )
    found = search_articles(**arguments)
    return json_response(
        {
            "query": arguments["query"],
            "total": found.total,
            "total_is_estimate": found.total_is_estimate,
            "page": found.page,
            "num_pages": found.num_pages,
            "items": [
                {
                    "id": hit.article.pk,
                    "url": site_url + hit.article.get_absolute_url(),
                    "api_url": site_url + render.article_api_path(hit.article.pk),
                    "headline": hit.article.headline,
                    "headline_html": str(hit.headline_html),
                    "snippet_html": str(hit.snippet_html),
                    "published_at": hit.article.published_at,
                }
                for hit in found.hits
            ],
            "facets": {
                name: [{"slug": v.slug, "name": v.name, "count": v.count} for v in values]
                for name, values in found.facets.items()
            },
            "did_you_mean": found.did_you_mean,
            "messages": [*messages, *found.messages],
        }
    )
