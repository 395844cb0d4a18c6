from django.urls import path, register_converter

from dateline.feeds import views


class FeedKindConverter:
    """`rss`, `atom` or `json`: anything else is not a feed URL."""

    regex = "rss|atom|json"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class MonthConverter:
    regex = r"[0-9]{4}-[0-9]{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FeedKindConverter, "feedkind")
register_converter(MonthConverter, "month")

app_name = "feeds"

urlpatterns = [
    path("feeds/<feedkind:kind>/", views.home_feed, name="home"),
    path("section/<slug:slug>/feed/<feedkind:kind>/", views.section_feed, name="section"),
    path("topic/<slug:slug>/feed/<feedkind:kind>/", views.topic_feed, name="topic"),
    path("author/<slug:slug>/feed/<feedkind:kind>/", views.author_feed, name="author"),
    path("sitemap.xml", views.sitemap_index, name="sitemap-index"),
    path("sitemaps/news.xml", views.news_sitemap, name="news"),
    path("sitemaps/sections.xml", views.section_sitemap, name="sections"),
    path("sitemaps/topics.xml", views.topic_sitemap, name="topics"),
    path("sitemaps/articles-<month:month>.xml", views.article_sitemap, name="articles"),
    path("robots.txt", views.robots_txt, name="robots"),
]
