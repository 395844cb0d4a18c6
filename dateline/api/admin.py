from django.contrib import admin

from dateline.api.models import SourceToken


@admin.register(SourceToken)
class SourceTokenAdmin(admin.ModelAdmin):
    # Tokens are issued by `dateline issue_token`, which shows the secret once; the desk
    # may only see and switch them off here.
    list_display = ("name", "source", "prefix", "created_at", "enabled")
    list_filter = ("enabled", "source")
    fields = ("source", "name", "prefix", "created_at", "enabled")
    readonly_fields = ("source", "name", "prefix", "created_at")

    def has_add_permission(self, request) -> bool:
        return False
