"""The naive Django article page the uncached render is compared with: two queries, no cache.

Used only by bench/bench_speed.py (settings `bench.naive_settings`): the same project with
one more URL, `/naive/<id>/`, rendering the same article page content the plain way.
"""

from django.shortcuts import get_object_or_404, render
from django.urls import include, path

from dateline.newsroom.models import Article


def naive_article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("section"), pk=pk)  # query 1
    latest = list(Article.objects.order_by("-published_at")[:15])  # query 2
    return render(
        request,
        "site/article.html",
        {"article": article, "topics": [], "recent_stories": latest, "more_from_section": latest},
    )


urlpatterns = [
    path("naive/<int:pk>/", naive_article),
    path("", include("config.urls")),
]
