from django.contrib import admin
from django.urls import include, path

from dateline.ingest.views import healthz

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
