"""A plain desk on Django's admin until the desk issue shapes it for editors.

Saves go through the newsroom services, so that revisions and change events happen
for edits made here as for every other write.
"""

from django.contrib import admin

from dateline.core.text import sanitize_html, slugify_headline
from dateline.newsroom import services
from dateline.newsroom.models import Article, Author, CorrectionNote, Revision, Section
from dateline.site.fragments import forget_menu


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        forget_menu()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        forget_menu()


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class CorrectionNoteInline(admin.TabularInline):
    model = CorrectionNote
    extra = 0
    readonly_fields = ["kind", "text", "noted_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["headline", "section", "status", "published_at", "credit"]
    list_filter = ["status", "section", "source"]
    search_fields = ["headline"]
    show_full_result_count = False
    date_hierarchy = "published_at"
    raw_id_fields = ["authors"]
    readonly_fields = ["status", "slug", "published_at", "updated_at", "created_at"]
    inlines = [CorrectionNoteInline]
    actions = ["publish_selected", "kill_selected"]

    def save_model(self, request, obj, form, change):
        if not change:
            # A new article is a draft: no revision or event yet, but the same slug and
            # sanitizing as `create_article`.
            obj.slug = slugify_headline(obj.headline)
            obj.body = sanitize_html(obj.body)
            super().save_model(request, obj, form, change)
            return
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.EDITABLE_FIELDS
        }
        original = Article.objects.get(pk=obj.pk)
        services.update_article(article=original, changes=changes, user=request.user)
        obj.refresh_from_db()

    @admin.action(description="Publish selected articles now")
    def publish_selected(self, request, queryset):
        for article in queryset.exclude(status=Article.Status.KILLED):
            services.publish_article(article=article)

    @admin.action(description="Kill selected articles (410 Gone)")
    def kill_selected(self, request, queryset):
        for article in queryset:
            services.kill_article(article=article, user=request.user)


@admin.register(Revision)
class RevisionAdmin(admin.ModelAdmin):
    list_display = ["article", "created_at", "reason", "changed_by"]
    readonly_fields = ["article", "created_at", "reason", "snapshot", "changed_by"]
    raw_id_fields = ["article"]
