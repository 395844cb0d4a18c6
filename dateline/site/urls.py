from django.urls import path

from dateline.site import views

app_name = "site"

urlpatterns = [
    path("", views.home, name="home"),
    path("section/<slug:slug>/", views.section_front, name="section"),
    path("topic/<slug:slug>/", views.topic_page, name="topic"),
    path("author/<slug:slug>/", views.author_page, name="author"),
    path("story/<id:pk>/", views.story_page, name="story"),
    path("article/<id:pk>/", views.article_page, name="article-by-id"),
    path("article/<id:pk>/<slug:slug>/", views.article_page, name="article"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("corrections/", views.corrections, name="corrections"),
]
