from django.apps import AppConfig


class FeedsConfig(AppConfig):
    name = "dateline.feeds"
    label = "feeds"
    verbose_name = "Feeds, sitemaps and page metadata"

    def ready(self) -> None:
        from dateline.feeds import subscribers  # noqa: F401  (connects to the change event)
