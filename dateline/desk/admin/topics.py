"""Topic knowledge on the desk: approve or reject suggestions, rename, merge, block, aliases.

Every change goes through `topics.services`, so that the tagger learns it at once and the
recent articles it affects are tagged again; each is written to the audit log.
"""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.template.response import TemplateResponse

from dateline.desk.services import record_topic_action
from dateline.topics import services
from dateline.topics.models import Topic


class AliasesWidget(forms.Textarea):
    """Aliases one a line, rather than as JSON."""

    def format_value(self, value):
        if isinstance(value, str):
            import json

            try:
                value = json.loads(value)
            except ValueError:
                return value
        return "\n".join(value or [])


class TopicForm(forms.ModelForm):
    aliases = forms.CharField(
        required=False,
        widget=AliasesWidget(attrs={"rows": 4}),
        help_text="Other names, one a line: spellings, acronyms, names in other languages.",
    )

    class Meta:
        model = Topic
        fields = ["name", "slug", "kind", "description", "aliases", "external_ids", "status"]

    def clean_aliases(self):
        return [line.strip() for line in self.cleaned_data["aliases"].splitlines() if line.strip()]


class MergeForm(forms.Form):
    into = forms.ModelChoiceField(queryset=Topic.objects.none(), label="Keep this topic")


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicForm
    list_display = ["name", "kind", "status", "article_count", "slug"]
    list_filter = ["status", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["merged_into", "edited_by_desk"]
    actions = ["approve_selected", "reject_selected", "block_selected", "merge_selected"]
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
            record_topic_action(user=request.user, action="create", topic=obj)
            return
        original = Topic.objects.get(pk=obj.pk)
        if obj.name != original.name:
            services.rename_topic(topic=original, name=obj.name)
            record_topic_action(
                user=request.user, action="rename", topic=original, detail={"name": obj.name}
            )
            original.refresh_from_db()
        new_aliases = [a for a in obj.aliases if a not in original.aliases]
        if new_aliases:
            services.add_aliases(topic=original, aliases=new_aliases)
            record_topic_action(
                user=request.user,
                action="add aliases",
                topic=original,
                detail={"aliases": new_aliases},
            )
        if obj.status != original.status and obj.status == Topic.Status.BLOCKED:
            services.block_topic(topic=original)
            record_topic_action(user=request.user, action="block", topic=original)
        elif obj.status != original.status and obj.status == Topic.Status.ACTIVE:
            services.approve_topic(topic=original)
            record_topic_action(user=request.user, action="approve", topic=original)
        rest = {"kind": obj.kind, "description": obj.description, "external_ids": obj.external_ids}
        Topic.objects.filter(pk=obj.pk).update(**rest, edited_by_desk=True)

    @admin.action(
        description="Approve selected topics (show them to readers)", permissions=["change"]
    )
    def approve_selected(self, request, queryset):
        for topic in queryset:
            services.approve_topic(topic=topic)
            record_topic_action(user=request.user, action="approve", topic=topic)

    @admin.action(
        description="Reject selected suggestions (never tag them)", permissions=["change"]
    )
    def reject_selected(self, request, queryset):
        for topic in queryset.filter(status=Topic.Status.SUGGESTED):
            services.block_topic(topic=topic)
            record_topic_action(user=request.user, action="reject", topic=topic)

    @admin.action(
        description="Block selected topics (remove them everywhere)", permissions=["change"]
    )
    def block_selected(self, request, queryset):
        for topic in queryset:
            services.block_topic(topic=topic)
            record_topic_action(user=request.user, action="block", topic=topic)

    @admin.action(description="Merge selected topics into one of them…", permissions=["change"])
    def merge_selected(self, request, queryset):
        topics = sorted(queryset, key=lambda topic: -topic.articles)
        if len(topics) < 2:
            self.message_user(request, "Select two topics or more to merge.", messages.WARNING)
            return None
        form = MergeForm(request.POST if "into" in request.POST else None)
        form.fields["into"].queryset = Topic.objects.filter(pk__in=[t.pk for t in topics])
        form.fields["into"].initial = topics[0].pk
        if form.is_valid():
            survivor = form.cleaned_data["into"]
            for topic in topics:
                if topic.pk != survivor.pk:
                    services.merge_topics(topic=topic, into=survivor)
                    record_topic_action(
                        user=request.user,
                        action="merge",
                        topic=topic,
                        detail={"into": survivor.pk},
                    )
            self.message_user(request, f"Merged {len(topics) - 1} topic(s) into {survivor.name}.")
            return None
        return TemplateResponse(
            request,
            "desk/topic_merge.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": "Merge topics",
                "topics": topics,
                "form": form,
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
            },
        )
