from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "dateline.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        # Imported for what they register: `__any_of`, and the change event's subscriber.
        from dateline.search import lookups, subscribers  # noqa: F401
