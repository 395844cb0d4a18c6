"""`GET /api/`: what the API offers, as JSON, so that a first request finds its way."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from dateline.api.api import api, json_response
from dateline.feeds.links import absolute

METHODS = ("get", "post", "put", "patch", "delete")


@cache
def _endpoints(prefix: str) -> tuple[dict, ...]:
    """Every operation of the OpenAPI schema, in the schema's order (it never changes)."""
    paths = api.get_openapi_schema(path_prefix=prefix)["paths"]
    return tuple(
        {"method": method.upper(), "path": path, "summary": operation.get("summary", "")}
        for path, operations in paths.items()
        for method, operation in operations.items()
        if method in METHODS
    )


def api_index(request: HttpRequest) -> HttpResponse:
    root = reverse("api:api-root")
    return json_response(
        {
            "name": api.title,
            "version": api.version,
            "description": api.description,
            "documentation": absolute(reverse("api:openapi-view")),
            "openapi": absolute(reverse("api:openapi-json")),
            "endpoints": [
                # A path with a {parameter} is a template, not a URL to follow.
                {**endpoint, "url": None if "{" in endpoint["path"] else absolute(endpoint["path"])}
                for endpoint in _endpoints(root)
            ],
        }
    )
