"""Sections, authors and who works on which sections."""

from django.contrib import admin

from dateline.desk.models import DeskMember
from dateline.newsroom.models import Author, Section
from dateline.site.fragments import forget_menu


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_menu()  # the menu on every page lists the sections

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_menu()


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    raw_id_fields = ["user"]


@admin.register(DeskMember)
class DeskMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "section_names"]
    filter_horizontal = ["sections"]
    raw_id_fields = ["user"]

    @admin.display(description="Sections")
    def section_names(self, member):
        return ", ".join(s.name for s in member.sections.all()) or "Every section"
