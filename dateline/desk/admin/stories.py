"""Stories on the desk: members inline, merge, pick the lead, split an article out.

Every action goes through `desk.services` (the stories services, then the audit log) and
asks `desk.permissions`, as the wire monitor's story buttons do: editors and admins merge,
split and pick leads (an editor limited to sections, only on stories wholly inside them);
reporters see stories and change nothing.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from dateline.desk import permissions, services
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

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is None or not permissions.can_on_story(
            request.user, permissions.CHOOSE_STORY_LEAD, obj
        ):
            fields = (*fields, "lead", "lead_chosen_by_desk")
        return fields

    def has_add_permission(self, request) -> bool:
        return False  # stories come from their articles, never from the desk alone

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # a story's URL is kept: merge it into another instead

    def has_merge_permission(self, request) -> bool:
        return request.user.has_perm(permissions.MERGE_STORIES)

    def has_lead_permission(self, request) -> bool:
        return request.user.has_perm(permissions.CHOOSE_STORY_LEAD)

    @admin.display(description="Articles", ordering="article_total")
    def article_count(self, story: Story) -> int:
        return story.article_total

    def save_model(self, request, obj: Story, form, change) -> None:
        # Choosing the lead goes through the service, which checks membership.
        if "lead" in form.changed_data or "lead_chosen_by_desk" in form.changed_data:
            lead = obj.lead if obj.lead_chosen_by_desk or "lead" in form.changed_data else None
            try:
                services.choose_story_lead(story=obj, article=lead, user=request.user)
            except services.WorkflowError as error:
                self.message_user(request, str(error), messages.ERROR)
            return
        super().save_model(request, obj, form, change)

    @admin.action(description="Merge the selected stories into the oldest", permissions=["merge"])
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        stories = sorted(queryset, key=lambda story: story.pk)
        if len(stories) < 2:
            self.message_user(request, "Select two stories or more to merge.", messages.WARNING)
            return
        if not all(permissions.story_in_scope(request.user, story) for story in stories):
            self.message_user(
                request,
                "Some of those stories have articles outside your sections.",
                messages.ERROR,
            )
            return
        keep = stories[0]
        for other in stories[1:]:
            services.merge_stories(keep=keep, other=other, user=request.user)
        self.message_user(request, f"Merged {len(stories) - 1} stories into “{keep}”.")

    @admin.action(
        description="Choose the lead by the rule (most complete recent article)",
        permissions=["lead"],
    )
    def lead_by_rule(self, request: HttpRequest, queryset: QuerySet[Story]) -> None:
        done = 0
        for story in queryset:
            if permissions.story_in_scope(request.user, story):
                services.choose_story_lead(story=story, article=None, user=request.user)
                done += 1
        self.message_user(request, f"Leads chosen by the rule for {done} stories.")


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

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # splitting an article out is how it leaves a story

    def has_split_permission(self, request) -> bool:
        return request.user.has_perm(permissions.SPLIT_STORIES)

    def has_lead_permission(self, request) -> bool:
        return request.user.has_perm(permissions.CHOOSE_STORY_LEAD)

    def _in_scope(self, request, queryset) -> list[StoryMember]:
        members = list(queryset.select_related("article", "story"))
        allowed = [m for m in members if permissions.story_in_scope(request.user, m.story)]
        if len(allowed) < len(members):
            self.message_user(
                request,
                "Stories with articles outside your sections were left as they are.",
                messages.WARNING,
            )
        return allowed

    @admin.action(
        description="Split the selected articles out of their stories", permissions=["split"]
    )
    def split_out(self, request: HttpRequest, queryset: QuerySet[StoryMember]) -> None:
        done = 0
        for member in self._in_scope(request, queryset):
            try:
                services.split_article_out(article=member.article, user=request.user)
            except services.WorkflowError as error:
                self.message_user(request, f"{member.article}: {error}", messages.WARNING)
            else:
                done += 1
        self.message_user(request, f"Split {done} article(s) into stories of their own.")

    @admin.action(description="Make the selected article its story's lead", permissions=["lead"])
    def make_lead(self, request: HttpRequest, queryset: QuerySet[StoryMember]) -> None:
        for member in self._in_scope(request, queryset):
            services.choose_story_lead(
                story=member.story, article=member.article, user=request.user
            )
        self.message_user(request, "Lead chosen.")


@admin.register(DeskSplit)
class DeskSplitAdmin(admin.ModelAdmin):
    """The desk's word that two articles are apart; deleting one lets the engine decide."""

    list_display = ("article", "apart_from", "created_at")
    raw_id_fields = ("article", "apart_from")

    def has_add_permission(self, request) -> bool:
        return False  # a split is made by splitting an article out of its story

    def has_change_permission(self, request, obj=None) -> bool:
        return False
