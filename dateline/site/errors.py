from django.shortcuts import render


def page_not_found(request, exception=None):
    """A 404 that looks like the site, with a way back in."""
    return render(request, "404.html", status=404)
