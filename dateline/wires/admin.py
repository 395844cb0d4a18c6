from django.contrib import admin

from dateline.wires.models import Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "credit"]
    prepopulated_fields = {"slug": ["name"]}
