"""Anonymous pages served as rendered once, with validators, compression and fragments.

A page is rendered when it is first asked for after a change, kept (cache and file) under
its tags, and served from there until an article change stales one of its tags. Readers
with a session (editors) and requests with a query string always get a fresh render.
"""

from __future__ import annotations

import gzip

import brotli
from django.conf import settings
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from dateline.pages import arrivals, files, fragments, store
from dateline.pages.dependencies import page_tags
from dateline.site import conditional

UNCACHED_PREFIXES = ("/desk/", "/api/", "/search/", "/static/", "/media/")
CACHED_STATUS = 200


def _cacheable_request(request) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path_info.startswith(UNCACHED_PREFIXES)
    )


def _cacheable_response(response) -> bool:
    return (
        response.status_code == CACHED_STATUS
        and not response.streaming
        and not response.cookies
        and "private" not in response.get("Cache-Control", "")
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        tags = frozenset()
        if _cacheable_request(request):
            try:
                tags = page_tags(resolve(request.path_info))
            except Resolver404:
                tags = frozenset()
        if tags:
            arrivals.catch_up(timezone.now())
        if not tags:
            response = self.get_response(request)
            if not response.streaming and response.get("Content-Type", "").startswith("text/html"):
                response.content = fragments.expand(response.content)
            return response
        tag_versions = store.versions(tags)
        page = store.get(request.path, tags, tag_versions)
        hit = page is not None
        if page is None:
            response = self.get_response(request)
            if not _cacheable_response(response):
                return response
            page = store.RenderedPage.of(
                response.content,
                response["Content-Type"],
                response.get("Last-Modified"),
                tuple((h, response[h]) for h in store.KEPT_HEADERS if response.has_header(h)),
            )
            store.put(request.path, tags, tag_versions, page)
        # nginx asks the app only when the file is missing: the page (or one of its
        # fragments) changed, or it was never written. nginx cannot expire a file by the
        # clock, so short-lived pages stay with the app.
        if settings.DATELINE_RENDER_FILES and store.lifetime(tags) == store.PAGE_LIFETIME:
            target = store.file_for(request.path, page.content_type)
            if target is not None and not target.exists():
                files.write_file(request.path, tags, tag_versions, page)
        return _serve(request, page, hit=hit)


def _serve(request, page: store.RenderedPage, *, hit: bool):
    content = (
        fragments.expand(page.content)
        if page.content_type.startswith("text/html")
        else (page.content)
    )
    # The fragments are part of what the reader gets, so they are part of the validator.
    etag = page.etag if content is page.content else store.RenderedPage.of(content, "").etag
    response = conditional.respond(
        request,
        etag=etag,
        last_modified=page.last_modified,
        render=lambda: HttpResponse(content, content_type=page.content_type),
    )
    for name, value in page.headers:
        response[name] = value
    response["Cache-Control"] = settings.DATELINE_PAGE_CACHE_CONTROL
    response["X-Dateline-Cache"] = "hit" if hit else "miss"
    return response


class CompressionMiddleware:
    """Brotli when the reader accepts it, else gzip; only for text worth compressing."""

    MIN_SIZE = 512

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or response.has_header("Content-Encoding")
            or len(response.content) < self.MIN_SIZE
            or not response.get("Content-Type", "").startswith(store.COMPRESSIBLE)
        ):
            return response
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        patch_vary_headers(response, ("Accept-Encoding",))
        if "br" in accepted:
            response.content = brotli.compress(response.content, quality=5)
            response["Content-Encoding"] = "br"
        elif "gzip" in accepted:
            response.content = gzip.compress(response.content, 6)
            response["Content-Encoding"] = "gzip"
        else:
            return response
        response["Content-Length"] = str(len(response.content))
        etag = response.get("ETag", "")
        if etag and not etag.startswith("W/"):
            # The compressed bytes differ from the ones the strong tag named; the weak tag
            # still says "the same page" (Django's GZipMiddleware does the same).
            response["ETag"] = "W/" + etag
        return response
