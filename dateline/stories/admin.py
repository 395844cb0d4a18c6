"""The desk's view of stories: members inline, merge, pick the lead, split an article out.

Self-contained so that the full desk can link here or replace it; every action calls the
same services as the worker.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from dateline.stories import services
from dateline.stories.models import DeskSplit, Story, StoryMember


class StoryMemberInline(admin.TabularInline):
    model = StoryMember
    fields = ("article", "source", "published_at", "score", "placed_by_desk")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ("published_at", "id")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "article_count", "first_seen_at", "last_seen_at", "edited_by_desk")
    list_filter = ("edited_by_desk", "lead_chosen_by_desk")
    search_fields = ("headline", "members__article__headline")
    readonly_fields = ("headline", "first_seen_at", "last_seen_at", "merged_into", "created_at")
    raw_id_fields = ("lead",)
    fields = (
        "headline",
        "lead",
        "lead_chosen_by_desk",
        "edited_by_desk",
        "first_seen_at",
        "last_seen_at",
        "merged_into",
    )
    inlines = [StoryMemberInline]
    actions = ["merge_selected", "lead_by_rule"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Story]:
        return (
            super()
            .get_queryset(request)
            .filter(merged_into__isnull=True)
            .annotate(article_total=Count("members"))
        )

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, story: Story) -> int:
        return story.article_total

    def save_model(self, request, obj: Story, form, change) -> None:
        # Choosing the lead here goes through the service, which checks membership.
        if "lead" in form.changed_data or "lead_chosen_by_desk" in form.changed_data:
            lead = obj.lead if obj.lead_chosen_by_desk or "lead" in form.changed_data else None
            try:
                services.choose_lead(story=obj, article=lead)
            except ValueError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge the selected stories into the oldest")
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        stories = sorted(queryset, key=lambda story: story.pk)
        if len(stories) < 2:
            self.message_user(request, "Select two stories or more to merge.", messages.WARNING)
            return
        keep = stories[0]
        for other in stories[1:]:
            services.merge_stories(keep=keep, other=other)
        self.message_user(request, f"Merged {len(stories) - 1} stories into “{keep}”.")

    @admin.action(description="Choose the lead by the rule (most complete recent article)")
    def lead_by_rule(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        for story in queryset:
            services.choose_lead(story=story, article=None)
        self.message_user(request, "Leads chosen by the rule.")


@admin.register(StoryMember)
class StoryMemberAdmin(admin.ModelAdmin):
    """One line per article in a story; from here the desk splits an article out."""

    list_display = ("article", "story", "source", "published_at", "placed_by_desk")
    list_select_related = ("article", "story", "source")
    search_fields = ("article__headline",)
    raw_id_fields = ("article", "story")
    actions = ["split_out", "make_lead"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description="Split the selected articles out of their stories")
    def split_out(self, request: HttpRequest, queryset: QuerySet[StoryMember]) -> None:
        for member in queryset.select_related("article"):
            services.split_article_out(article=member.article)
        self.message_user(
            request, f"Split {queryset.count()} article(s) into stories of their own."
        )

    @admin.action(description="Make the selected article its story's lead")
    def make_lead(self, request: HttpRequest, queryset: QuerySet[StoryMember]) -> None:
        for member in queryset.select_related("article", "story"):
            services.choose_lead(story=member.story, article=member.article)
        self.message_user(request, "Lead chosen.")


@admin.register(DeskSplit)
class DeskSplitAdmin(admin.ModelAdmin):
    list_display = ("article", "apart_from", "created_at")
    raw_id_fields = ("article", "apart_from")
