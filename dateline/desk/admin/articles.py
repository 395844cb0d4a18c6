"""The articles list and editor, with the workflow, revisions, corrections and preview."""

from __future__ import annotations

import difflib
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.clickjacking import xframe_options_sameorigin

from dateline.core.text import html_to_text
from dateline.desk import permissions, services, workflow
from dateline.desk.admin.busy import BusyDatabaseFormMixin
from dateline.desk.forms import ArticleForm, CorrectionForm, KillForm, ScheduleForm
from dateline.newsroom import services as newsroom
from dateline.newsroom.models import Article, CorrectionNote, Revision
from dateline.topics import services as topic_services
from dateline.topics.models import ArticleTopic, Topic


class LabelFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return list(workflow.LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in workflow.LABELS:
            return queryset.filter(workflow.filter_for(self.value()))
        return queryset


class CorrectionNoteInline(admin.TabularInline):
    model = CorrectionNote
    extra = 0
    readonly_fields = ["kind", "text", "noted_at"]
    fields = readonly_fields
    can_delete = False
    verbose_name_plural = "Public notes (add one with Correct)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(BusyDatabaseFormMixin, admin.ModelAdmin):
    form = ArticleForm
    change_form_template = "desk/article_change_form.html"
    list_display = ["headline", "state", "section", "published_at", "credit", "id"]
    list_filter = [LabelFilter, "section", "source", "language"]
    search_fields = ["headline"]
    # No count of the whole table and no date drill-down: both scan 100,000 rows.
    show_full_result_count = False
    list_select_related = ["section"]
    list_per_page = 50
    ordering = ["-id"]
    autocomplete_fields = ["authors"]
    readonly_fields = ["state", "published_at", "updated_at", "embargo_until", "topics_panel"]
    inlines = [CorrectionNoteInline]
    fieldsets = [
        (None, {"fields": ["state", "headline", "standfirst", "body", "opened_version"]}),
        (
            "Byline and credit",
            {"fields": ["byline", "authors", "dateline_place", "dateline_date", "credit"]},
        ),
        ("Placement", {"fields": ["section", "is_lead", "language", "source"]}),
        ("Topics", {"fields": ["topics_panel"]}),
        ("Image", {"fields": ["image_url", "image_caption", "image_credit", "image_alt"]}),
        ("Times", {"fields": ["published_at", "updated_at", "embargo_until"]}),
    ]

    # The list

    def get_queryset(self, request):
        queryset = super().get_queryset(request).defer("body")
        return permissions.articles_for(request.user, queryset)

    def get_search_results(self, request, queryset, search_term):
        if search_term.strip().isdigit():  # an article number from a URL or a colleague
            return queryset.filter(
                Q(pk=int(search_term)) | Q(headline__icontains=search_term)
            ), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="State")
    def state(self, article):
        return workflow.label(article) if article.pk else "New"

    @admin.display(description="Topics")
    def topics_panel(self, article):
        if not article.pk:
            return "Topics are suggested when the article is saved."
        links = ArticleTopic.objects.filter(article=article).select_related("topic")
        active = [link.topic for link in links if link.topic.status == Topic.Status.ACTIVE]
        suggested = [link.topic for link in links if link.topic.status == Topic.Status.SUGGESTED]
        html = format_html(
            "<p>{}</p>",
            ", ".join(t.name for t in active) or "No topics yet.",
        )
        if suggested:
            if self._request.user.has_perm("topics.change_topic"):
                buttons = format_html_join(
                    "",
                    '<li>{} ({}) <button type="submit" class="button" formaction="{}" '
                    'formnovalidate>Approve</button> <button type="submit" class="button" '
                    'formaction="{}" formnovalidate>Reject</button></li>',
                    (
                        (
                            topic.name,
                            topic.get_kind_display(),
                            reverse("admin:desk_article_topic", args=[article.pk, topic.pk, "a"]),
                            reverse("admin:desk_article_topic", args=[article.pk, topic.pk, "r"]),
                        )
                        for topic in suggested
                    ),
                )
            else:
                buttons = format_html_join("", "<li>{}</li>", ((t.name,) for t in suggested))
            html += format_html(
                '<p>Suggested, waiting for the desk:</p><ul class="suggested-topics">{}</ul>',
                buttons,
            )
        return html

    # Permissions: the role's, then the article's owner and section.

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        return permissions.can_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return (
            super().has_view_permission(request, obj)
            and permissions.articles_for(request.user, Article.objects.filter(pk=obj.pk)).exists()
        )

    def has_delete_permission(self, request, obj=None):
        return False  # articles are killed or unpublished, never deleted from the desk

    actions = ["publish_selected"]

    def has_publish_permission(self, request):
        return request.user.has_perm(permissions.PUBLISH)

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        done = 0
        for article in queryset:
            if not permissions.can(request.user, permissions.PUBLISH, article):
                continue
            try:
                services.publish_article(article=article, user=request.user)
                done += 1
            except services.WorkflowError as error:
                self.message_user(request, f"{article.headline}: {error}", messages.WARNING)
        self.message_user(request, f"Published {done} article(s).")

    # Saving through the services

    def get_form(self, request, obj=None, change=False, **kwargs):
        self._request = request
        form = super().get_form(request, obj, change=change, **kwargs)
        if "section" in form.base_fields:
            sections = permissions.section_ids(request.user)
            if sections is not None:
                field = form.base_fields["section"]
                field.queryset = field.queryset.filter(pk__in=sections)
        return form

    def get_readonly_fields(self, request, obj=None):
        self._request = request
        return super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        authors = data.get("authors")
        fields = {name: data[name] for name in newsroom.EDITABLE_FIELDS if name in data}
        if not change:
            article = services.start_article(user=request.user, fields=fields, authors=authors)
            obj.pk = article.pk
            obj.slug = article.slug
            obj.edit_version = article.edit_version
            return
        original = Article.objects.get(pk=obj.pk)
        changes = {name: value for name, value in fields.items() if name in form.changed_data}
        try:
            services.save_article(
                article=original,
                expected_version=data.get("opened_version") or 0,
                changes=changes,
                authors=authors if "authors" in form.changed_data else None,
                user=request.user,
            )
        except services.WorkflowError as error:
            # The form checked the version; this is the rare save between that and here.
            messages.error(request, str(error))
        obj.refresh_from_db()

    def save_related(self, request, form, formsets, change):
        # Authors went through the service; the notes inline is read-only, so nothing of it
        # is saved: its formsets say so, for the change message the admin writes next.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        user = request.user
        context["conflict"] = getattr(form, "conflict", [])
        context["conflict_current"] = getattr(form, "current", None)
        if obj is not None and obj.pk:
            key = workflow.label_key(obj)
            context["workflow"] = {
                "label": workflow.label(obj),
                "can_submit": obj.status == Article.Status.DRAFT
                and permissions.can_edit(user, obj),
                "can_return": obj.status == Article.Status.READY
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_publish": key
                in {workflow.DRAFT, workflow.READY, workflow.WITHDRAWN, workflow.SCHEDULED}
                and obj.status != Article.Status.KILLED
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_schedule": key in {workflow.DRAFT, workflow.READY, workflow.SCHEDULED}
                and not obj.embargo_until
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_embargo": key in {workflow.DRAFT, workflow.READY}
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_lift": key == workflow.EMBARGOED
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_unpublish": obj.status == Article.Status.PUBLISHED
                and permissions.can(user, permissions.PUBLISH, obj),
                "can_correct": obj.status == Article.Status.PUBLISHED
                and permissions.can(user, permissions.CORRECT, obj),
                "can_kill": obj.status in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}
                and permissions.can(user, permissions.KILL, obj),
                "public_url": obj.get_absolute_url() if key == workflow.LIVE else "",
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The desk's URLs for one article

    def get_urls(self):
        def wrap(view):
            return self.admin_site.admin_view(view)

        return [
            path(
                "<id:pk>/workflow/<slug:action>/",
                wrap(self.workflow_view),
                name="desk_article_workflow",
            ),
            path("<id:pk>/schedule/", wrap(self.schedule_view), name="desk_article_schedule"),
            path("<id:pk>/embargo/", wrap(self.embargo_view), name="desk_article_embargo"),
            path("<id:pk>/kill/", wrap(self.kill_view), name="desk_article_kill"),
            path("<id:pk>/correct/", wrap(self.correct_view), name="desk_article_correct"),
            path("<id:pk>/revisions/", wrap(self.revisions_view), name="desk_article_revisions"),
            path(
                "<id:pk>/revisions/<id:revision>/restore/",
                wrap(self.restore_view),
                name="desk_article_restore",
            ),
            path("<id:pk>/preview/", wrap(self.preview_view), name="desk_article_preview"),
            path(
                "<id:pk>/topics/<id:topic>/<slug:verdict>/",
                wrap(self.topic_view),
                name="desk_article_topic",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, pk: int) -> Article:
        article = get_object_or_404(self.get_queryset(request), pk=pk)
        return article

    def _back(self, article: Article) -> HttpResponseRedirect:
        return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[article.pk]))

    def _page(self, request, article, template: str, **context) -> TemplateResponse:
        return TemplateResponse(
            request,
            template,
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": article,
                "article": article,
                "state": workflow.label(article),
                **context,
            },
        )

    def workflow_view(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        """Submit, return to draft, publish now, lift an embargo or unpublish (POST only)."""
        if request.method != "POST":
            raise PermissionDenied
        article = self._article(request, pk)
        user = request.user
        rules = {
            "submit": (lambda: permissions.can_edit(user, article), services.submit_article),
            "return": (
                lambda: permissions.can(user, permissions.PUBLISH, article),
                services.return_to_draft,
            ),
            "publish": (
                lambda: permissions.can(user, permissions.PUBLISH, article),
                services.publish_article,
            ),
            "lift-embargo": (
                lambda: permissions.can(user, permissions.PUBLISH, article),
                services.lift_embargo,
            ),
            "unpublish": (
                lambda: permissions.can(user, permissions.PUBLISH, article),
                services.unpublish_article,
            ),
        }
        if action not in rules:
            raise PermissionDenied
        allowed, act = rules[action]
        permissions.require(allowed())
        try:
            act(article=article, user=user)
            self.message_user(request, f"{workflow.label(article)}: {article.headline}")
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        return self._back(article)

    def schedule_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._timed_action(
            request,
            pk,
            act=lambda article, at: services.publish_article(
                article=article, user=request.user, at=at
            ),
            done="Scheduled",
            title="Schedule",
            button="Schedule",
        )

    def embargo_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._timed_action(
            request,
            pk,
            act=lambda article, at: services.embargo_article(
                article=article, user=request.user, until=at
            ),
            done="Embargoed",
            title="Embargo",
            button="Publish under embargo",
            label="Embargoed until",
            explain="Hidden on the site, feeds, search and the API until then.",
        )

    def _timed_action(
        self, request, pk, *, act, done, title, button, label=None, explain=None
    ) -> HttpResponse:
        """Schedule and embargo: one time to choose, the same permission and the same page."""
        article = self._article(request, pk)
        permissions.require(permissions.can(request.user, permissions.PUBLISH, article))
        form = ScheduleForm(request.POST or None)
        if label:
            form.fields["at"].label = label
        if request.method == "POST" and form.is_valid():
            try:
                act(article, form.cleaned_data["at"])
                self.message_user(request, f"{done}: {article.headline}")
                return self._back(article)
            except services.WorkflowError as error:
                form.add_error("at", str(error))
        extra = {"explain": explain} if explain else {}
        return self._page(
            request,
            article,
            "desk/article_action.html",
            form=form,
            title=f"{title} “{article.headline}”",
            button=button,
            **extra,
        )

    def kill_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self._article(request, pk)
        permissions.require(permissions.can(request.user, permissions.KILL, article))
        form = KillForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.kill_article(
                    article=article, user=request.user, reason=form.cleaned_data["reason"]
                )
                self.message_user(request, f"Killed: {article.headline}")
                return self._back(article)
            except services.WorkflowError as error:
                form.add_error("reason", str(error))
        return self._page(
            request,
            article,
            "desk/article_action.html",
            form=form,
            title=f"Kill “{article.headline}”",
            button="Kill for good",
            explain="Its page will answer 410 Gone and it leaves every list. "
            "This cannot be undone.",
        )

    def correct_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = self._article(request, pk)
        permissions.require(permissions.can(request.user, permissions.CORRECT, article))
        initial = {
            "headline": article.headline,
            "standfirst": article.standfirst,
            "body": article.body,
            "kind": CorrectionNote.Kind.CORRECTION,
        }
        form = CorrectionForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                services.correct_article(
                    article=article,
                    user=request.user,
                    note=data["note"],
                    kind=data["kind"],
                    changes={
                        k: data[k]
                        for k in ("headline", "standfirst", "body")
                        if k in form.changed_data
                    },
                )
                self.message_user(request, f"{data['kind'].title()} published on the article.")
                return self._back(article)
            except services.WorkflowError as error:
                form.add_error(None, str(error))
        return self._page(
            request,
            article,
            "desk/article_action.html",
            form=form,
            media=form.media,
            title=f"Correct “{article.headline}”",
            button="Publish the note",
            explain="The note is dated and shown to readers under the article "
            "and on the corrections page.",
        )

    def revisions_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """Every kept version; pick any two (or one and the current copy) to compare."""
        article = self._article(request, pk)
        revisions = list(article.revisions.select_related("changed_by"))
        current = {"snapshot": newsroom.snapshot_of(article)}
        by_id = {str(r.pk): r for r in revisions}
        a, b = request.GET.get("a", ""), request.GET.get("b", "current")
        diff = []
        if a in by_id or b in by_id:
            left = by_id[a].snapshot if a in by_id else current["snapshot"]
            right = by_id[b].snapshot if b in by_id else current["snapshot"]
            diff = _diff(left, right)
        return self._page(
            request,
            article,
            "desk/article_revisions.html",
            title=f"Revisions of “{article.headline}”",
            revisions=revisions,
            a=a,
            b=b,
            diff=diff,
            can_restore=permissions.can_edit(request.user, article),
        )

    def restore_view(self, request: HttpRequest, pk: int, revision: int) -> HttpResponse:
        if request.method != "POST":
            raise PermissionDenied
        article = self._article(request, pk)
        permissions.require(permissions.can_edit(request.user, article))
        kept = get_object_or_404(Revision, pk=revision, article=article)
        try:
            services.restore_revision(revision=kept, user=request.user)
            self.message_user(request, f"Restored the version of {kept.created_at:%Y-%m-%d %H:%M}.")
        except services.WorkflowError as error:
            self.message_user(request, str(error), messages.ERROR)
        return self._back(article)

    @xframe_options_sameorigin
    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The article page as readers would see it; POSTed form fields show unsaved copy."""
        from dateline.newsroom.selectors import article_for_page
        from dateline.topics.selectors import topics_for_article

        article = self._article(request, pk)
        shown = article_for_page(pk=article.pk)
        if request.method == "POST":
            form = ArticleForm(request.POST, instance=article)
            form.is_valid()  # preview what can be read, even with errors elsewhere
            for name in newsroom.EDITABLE_FIELDS:
                if name in form.cleaned_data and name not in {"embargo_until"}:
                    setattr(shown, name, form.cleaned_data[name])
        response = TemplateResponse(
            request,
            "site/article.html",
            {
                "article": shown,
                "topics": topics_for_article(article=shown),
                "recent_stories": [],
                "more_from_section": [],
                "preview": True,
            },
        )
        response["Cache-Control"] = "no-store"
        response["X-Robots-Tag"] = "noindex"
        return response

    @staticmethod
    def topic_view(request: HttpRequest, pk: int, topic: int, verdict: str) -> HttpResponse:
        """Approve or reject a topic the tagger suggested for this article."""
        if request.method != "POST" or not request.user.has_perm("topics.change_topic"):
            raise PermissionDenied
        article = get_object_or_404(permissions.articles_for(request.user, Article.objects), pk=pk)
        suggestion = get_object_or_404(Topic, pk=topic, status=Topic.Status.SUGGESTED)
        if verdict == "a":
            topic_services.approve_topic(topic=suggestion)
            services.record_topic_action(user=request.user, action="approve", topic=suggestion)
            messages.success(request, f"Approved the topic {suggestion.name}.")
        elif verdict == "r":
            topic_services.block_topic(topic=suggestion)
            services.record_topic_action(user=request.user, action="reject", topic=suggestion)
            messages.success(request, f"Rejected the topic {suggestion.name}; it is not tagged.")
        else:
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:newsroom_article_change", args=[article.pk]))


_BLOCK_END = re.compile(r"</(p|h2|h3|li|blockquote)>|<br\s*/?>", re.IGNORECASE)


def _lines(name: str, value) -> list[str]:
    text = "" if value is None else str(value)
    if name == "body":
        return [html_to_text(line) for line in _BLOCK_END.sub("\n", text).splitlines()]
    return text.splitlines() or [""]


def _diff(left: dict, right: dict) -> list[dict]:
    """Per changed field, a side-by-side table (difflib escapes the copy it shows)."""
    rows = []
    for name in [*newsroom.EDITABLE_FIELDS, "status", "author_ids"]:
        if left.get(name) == right.get(name):
            continue
        table = difflib.HtmlDiff(wrapcolumn=70).make_table(
            _lines(name, left.get(name)), _lines(name, right.get(name)), "Before", "After"
        )
        rows.append({"field": name.replace("_", " "), "table": table})
    return rows
