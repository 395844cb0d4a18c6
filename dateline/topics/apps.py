from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "dateline.topics"
    verbose_name = "Topics"

    def ready(self) -> None:
        from dateline.topics import subscribers  # noqa: F401  (connects to the change event)
