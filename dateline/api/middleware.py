"""HEAD on the API: partners check a list or an article for changes without its body.

The API's routes answer GET; HEAD is the same request without the body (RFC 9110 9.3.2),
so it is answered as GET with the body dropped and every header kept: status, ETag,
Last-Modified, Content-Type and the GET body's Content-Length.
"""

from __future__ import annotations

API_PREFIX = "/api/"


class HeadAsGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method != "HEAD" or not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
