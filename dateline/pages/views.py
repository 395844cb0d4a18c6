from django.http import Http404, HttpResponse

from dateline.pages import fragments


def fragment(request, slug: str | None = None):
    """A fragment on its own, for nginx's SSI to include."""
    content = fragments.render(request.path)
    if not content and slug is not None:
        raise Http404("No such section")
    return HttpResponse(content, content_type="text/html; charset=utf-8")
