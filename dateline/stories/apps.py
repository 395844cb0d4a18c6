from django.apps import AppConfig


class StoriesConfig(AppConfig):
    name = "dateline.stories"
    verbose_name = "Stories"

    def ready(self) -> None:
        from dateline.stories import subscribers  # noqa: F401  (connects to the change event)
