from django.urls import path, re_path

from dateline.api.api import api, api_not_found

urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", api_not_found),
]
