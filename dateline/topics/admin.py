"""Topic knowledge on the desk: approve suggestions, rename, merge, block, add aliases.

Every change goes through `topics.services`, so that the tagger learns it at once and the
recent articles it affects are tagged again.
"""

from django.contrib import admin, messages
from django.db.models import Count

from dateline.topics import services
from dateline.topics.models import Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "status", "article_count", "slug"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["merged_into", "edited_by_desk"]
    actions = ["approve_selected", "block_selected", "merge_selected"]
    show_full_result_count = False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(articles=Count("article_links"))

    @admin.display(ordering="articles", description="Articles")
    def article_count(self, topic):
        return topic.articles

    def save_model(self, request, obj, form, change):
        if not change:
            obj.edited_by_desk = True
            super().save_model(request, obj, form, change)
            return
        original = Topic.objects.get(pk=obj.pk)
        if obj.name != original.name:
            services.rename_topic(topic=original, name=obj.name)
            original.refresh_from_db()
        new_aliases = [a for a in obj.aliases if a not in original.aliases]
        if new_aliases:
            services.add_aliases(topic=original, aliases=new_aliases)
        if obj.status != original.status and obj.status == Topic.Status.BLOCKED:
            services.block_topic(topic=original)
        elif obj.status != original.status and obj.status == Topic.Status.ACTIVE:
            services.approve_topic(topic=original)
        rest = {"kind": obj.kind, "description": obj.description, "external_ids": obj.external_ids}
        Topic.objects.filter(pk=obj.pk).update(**rest, edited_by_desk=True)

    @admin.action(description="Approve selected topics (show them to readers)")
    def approve_selected(self, request, queryset):
        for topic in queryset:
            services.approve_topic(topic=topic)

    @admin.action(description="Block selected topics (remove them everywhere)")
    def block_selected(self, request, queryset):
        for topic in queryset:
            services.block_topic(topic=topic)

    @admin.action(description="Merge selected topics into the one with most articles")
    def merge_selected(self, request, queryset):
        topics = sorted(queryset, key=lambda topic: -topic.articles)
        if len(topics) < 2:
            self.message_user(request, "Select two topics or more to merge.", messages.WARNING)
            return
        survivor = topics[0]
        for topic in topics[1:]:
            services.merge_topics(topic=topic, into=survivor)
        self.message_user(request, f"Merged {len(topics) - 1} topic(s) into {survivor.name}.")
