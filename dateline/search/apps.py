from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from dateline.search import subscribers  # noqa: F401  (connects to the change event)
        from dateline.search import lookups  # noqa: F401  (registers `__any_of`)
