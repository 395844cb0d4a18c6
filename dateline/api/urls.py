from django.urls import path, re_path

from dateline.api.api import api, api_not_found
from dateline.api.index import api_index

urlpatterns = [
    path("", api_index, name="api-index"),
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", api_not_found),
]
