from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "dateline.site"
    label = "site"
    verbose_name = "Public site"

    def ready(self) -> None:
        from dateline.site import subscribers  # noqa: F401  (connects to the change event)
