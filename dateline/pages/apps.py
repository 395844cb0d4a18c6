from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "dateline.pages"
    verbose_name = "Rendered pages"

    def ready(self) -> None:
        from dateline.pages import subscribers  # noqa: F401  (connects to the change event)
