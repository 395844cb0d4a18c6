from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    verbose_name = "Topics"
