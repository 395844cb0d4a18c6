"""Sources, their health, and the quarantine of input that could not be read."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from dateline.desk import services
from dateline.ingest.services import drop_folder_for, drop_root
from dateline.wires.models import QuarantinedInput, Source, WireItem

RAW_SHOWN = 64 * 1024


class SourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = "__all__"  # noqa: DJ007 (the fieldsets below choose what is shown)

    def clean_location(self) -> str:
        location = self.cleaned_data["location"].strip()
        if location.startswith(("http://", "https://")) or not location:
            return location
        if drop_folder_for(location) is None:
            raise ValidationError(f"Give an http(s) URL or an existing folder under {drop_root()}.")
        return location


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceForm
    list_display = [
        "name",
        "enabled",
        "kind",
        "format",
        "fetch_status",
        "last_polled_at",
        "publishing_rule",
    ]
    list_filter = ["enabled", "kind", "format"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = [
        "fetch_status",
        "last_polled_at",
        "next_poll_at",
        "failure_count",
        "last_error",
        "open_quarantine",
    ]
    actions = ["enable_selected", "disable_selected"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "credit", "url", "enabled"]}),
        ("Fetching", {"fields": ["format", "location", "poll_interval", "allow_private_network"]}),
        (
            "Publishing",
            {"fields": ["default_section_slug", "language", "publishing_rule", "indexing_policy"]},
        ),
        (
            "Health",
            {
                "fields": [
                    "fetch_status",
                    "last_polled_at",
                    "next_poll_at",
                    "failure_count",
                    "last_error",
                    "open_quarantine",
                ]
            },
        ),
    ]

    @admin.display(description="Last fetch")
    def fetch_status(self, source):
        if not source.enabled:
            return "Disabled"
        if source.last_polled_at is None:
            return "Not fetched yet"
        if source.failure_count:
            return format_html(
                "Failing ({} in a row): {}", source.failure_count, source.last_error[:120]
            )
        if source.last_skipped:
            skipped = ", ".join(
                f"{count} {code}" for code, count in sorted(source.last_skipped.items())
            )
            return f"OK; skipped at the last fetch: {skipped}"
        return "OK"

    @admin.display(description="Quarantine")
    def open_quarantine(self, source):
        count = QuarantinedInput.objects.filter(source=source, resolved=False).count()
        url = reverse("admin:wires_quarantinedinput_changelist")
        return format_html(
            '<a href="{}?source__id__exact={}&resolved__exact=0">{} open</a>', url, source.pk, count
        )

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.record_audit(
            user=request.user,
            action="change" if change else "create",
            obj=obj,
            detail={"fields": form.changed_data},
        )

    @admin.action(description="Enable selected sources", permissions=["change"])
    def enable_selected(self, request, queryset):
        for source in queryset:
            services.set_source_enabled(source=source, enabled=True, user=request.user)

    @admin.action(description="Disable selected sources (stop fetching)", permissions=["change"])
    def disable_selected(self, request, queryset):
        for source in queryset:
            services.set_source_enabled(source=source, enabled=False, user=request.user)


@admin.register(QuarantinedInput)
class QuarantinedInputAdmin(admin.ModelAdmin):
    list_display = ["received_at", "source", "code", "short_message", "resolved", "retried_at"]
    list_filter = ["resolved", "code", "source"]
    show_full_result_count = False
    change_form_template = "desk/quarantine_change_form.html"
    readonly_fields = [
        "source",
        "origin",
        "code",
        "message",
        "location",
        "received_at",
        "retried_at",
        "resolved",
        "raw_input",
    ]
    fields = readonly_fields

    @admin.display(description="Error")
    def short_message(self, item):
        return item.message[:100]

    @admin.display(description="Input as received")
    def raw_input(self, item):
        # The bytes are shown as text, escaped by format_html: copy that failed to parse
        # may hold anything, including markup meant for a browser.
        content = bytes(item.content)
        text = content[:RAW_SHOWN].decode("utf-8", errors="replace")
        more = f"\n… {len(content) - RAW_SHOWN} more bytes" if len(content) > RAW_SHOWN else ""
        return format_html('<pre class="raw-input">{}{}</pre>', text, more)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<id:pk>/retry/",
                self.admin_site.admin_view(self.retry_view),
                name="desk_quarantine_retry",
            ),
            *super().get_urls(),
        ]

    def retry_view(self, request, pk: int):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied
        item = QuarantinedInput.objects.get(pk=pk)
        report = services.retry_quarantined_input(quarantined=item, user=request.user)
        if item.resolved:
            self.message_user(
                request,
                f"Read this time: {report.ingested} new article(s), "
                f"{report.updated} updated, {report.held} held for the desk.",
            )
        else:
            self.message_user(request, "Still not readable; the error is below.", messages.ERROR)
        return HttpResponseRedirect(reverse("admin:wires_quarantinedinput_change", args=[pk]))


@admin.register(WireItem)
class WireItemAdmin(admin.ModelAdmin):
    """Wire items as stored, read-only; the wire monitor is where the desk works with them."""

    list_display = ["received_at", "source", "headline", "urgency", "pub_status", "spiked"]
    list_filter = ["source", "spiked", "pub_status"]
    search_fields = ["headline", "=agency_id"]
    show_full_result_count = False
    list_select_related = ["source"]
    exclude = ["raw_input"]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in WireItem._meta.fields if f.name != "raw_input"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "now": timezone.now()}
        return super().changelist_view(request, extra_context)
