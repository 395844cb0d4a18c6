from django.urls import path

from dateline.pages import views

app_name = "pages"

urlpatterns = [
    path("fragments/recent-stories/", views.fragment, name="recent-stories"),
    path("fragments/section/<slug:slug>/latest/", views.fragment, name="section-latest"),
]
