from django.contrib import admin
from django.urls import include, path, register_converter

from config.converters import IdConverter

# Before the apps' URLs are read: they use `<id:pk>` for row ids.
register_converter(IdConverter, "id")

from dateline.ingest.views import healthz  # noqa: E402  (after the converter, as the apps' URLs)

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("desk/", admin.site.urls),
    path("api/", include("dateline.api.urls")),
    path("", include("dateline.feeds.urls")),
    path("search/", include("dateline.search.urls")),
    path("", include("dateline.pages.urls")),
    path("", include("dateline.site.urls")),
]

handler404 = "dateline.site.errors.page_not_found"
