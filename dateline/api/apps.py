from django.apps import AppConfig
from django.core import checks


class ApiConfig(AppConfig):
    name = "dateline.api"
    verbose_name = "API"

    def ready(self) -> None:
        checks.register(check_push_rate_limit)


def check_push_rate_limit(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """A mistyped DATELINE_PUSH_RATE_LIMIT fails at start, not on an agency's first push."""
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured

    from dateline.api.ratelimit import parse_rate

    try:
        parse_rate(settings.DATELINE_PUSH_RATE_LIMIT)
    except ImproperlyConfigured as exc:
        return [checks.Error(str(exc), id="dateline.api.E001")]
    return []
