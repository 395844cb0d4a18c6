"""The desk's own screens (beside the ModelAdmins): the wire monitor, with its wire items
grouped by story and the desk's corrections to stories, and two-factor setup."""

from __future__ import annotations

import base64

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from dateline.desk import permissions, selectors, services, workflow
from dateline.desk.forms import TwoFactorForm
from dateline.ingest import queue
from dateline.newsroom.models import Article, Section
from dateline.stories.models import Story
from dateline.wires.models import Source, WireItem

FILTERS = ("source", "urgency", "section", "language", "status")
CHART_WIDTH = 24 * 12
CHART_ROW = 22


def _filters(request: HttpRequest) -> dict[str, str]:
    return {name: request.GET.get(name, "").strip() for name in FILTERS}


def _rows_context(request: HttpRequest) -> dict:
    filters = _filters(request)
    items = list(
        selectors.wire_items(**filters, before=request.GET.get("before", ""))[
            : selectors.MONITOR_LIMIT
        ]
    )
    articles = selectors.articles_by_id(item.article_id for item in items)
    now = timezone.now()
    for item in items:
        item.article = articles.get(item.article_id)
        item.article_label = workflow.label(item.article, now) if item.article else ""
    stories = selectors.stories_by_id(article.story_id for article in articles.values())
    rows = selectors.rows_by_story(items, stories)
    user = request.user
    for row in rows:
        if row.story is not None:
            _story_rights(user, row)
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    return {
        "rows": rows,
        "filters": filters,
        "query": query,
        "more": items[-1].pk if len(items) == selectors.MONITOR_LIMIT else None,
        "can_triage": user.has_perm(permissions.TRIAGE),
    }


def _story_rights(user, row: selectors.MonitorRow) -> None:
    """What the user may do to the row's story, for its buttons (the action checks again)."""
    story = row.story
    members = story.members.all()  # prefetched with their articles by the monitor
    sections = {member.article.section_id for member in members}
    row.can_merge = permissions.can_on_story(
        user, permissions.MERGE_STORIES, story, member_sections=sections
    )
    row.can_split = len(members) > 1 and permissions.can_on_story(
        user, permissions.SPLIT_STORIES, story, member_sections=sections
    )
    row.can_lead = permissions.can_on_story(
        user, permissions.CHOOSE_STORY_LEAD, story, member_sections=sections
    )
    row.can_view = user.has_perm("stories.view_story")


def _chart(now) -> dict:
    starts, rows = selectors.items_per_source_per_hour(now=now)
    peak = max((max(row.counts) for row in rows), default=0) or 1
    bar = CHART_WIDTH // len(starts)
    drawn = []
    for i, row in enumerate(rows):
        top = i * CHART_ROW
        bars = []
        for j, count in enumerate(row.counts):
            height = round((CHART_ROW - 6) * count / peak) if count else 0
            bars.append(
                {
                    "x": j * bar,
                    "y": top + CHART_ROW - 2 - height,
                    "height": height,
                    "count": count,
                    "hour": starts[j],
                }
            )
        drawn.append({"source": row.source, "total": row.total, "bars": bars, "top": top})
    return {
        "rows": drawn,
        "width": CHART_WIDTH,
        "bar": bar - 1,
        "height": max(len(rows), 1) * CHART_ROW,
        "since": starts[0],
    }


def wire_monitor(request: HttpRequest) -> HttpResponse:
    """Incoming wire items newest first; the rows refresh by themselves every 20 seconds."""
    if not request.user.has_perm(permissions.WIRE_MONITOR):
        raise PermissionDenied
    context = {
        **admin.site.each_context(request),
        **_rows_context(request),
        "title": "Wire monitor",
        "sources": Source.objects.only("id", "name"),
        "sections": Section.objects.only("slug", "name"),
        "statuses": selectors.WIRE_STATUSES,
        "chart": _chart(timezone.now()),
        "articles": [],
    }
    return TemplateResponse(request, "desk/wire_monitor.html", context)


def wire_rows(request: HttpRequest) -> HttpResponse:
    """The monitor's table body alone, fetched by the page to refresh without a reload."""
    if not request.user.has_perm(permissions.WIRE_MONITOR):
        raise PermissionDenied
    response = TemplateResponse(request, "desk/_wire_rows.html", _rows_context(request))
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def wire_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Publish as-is, open as draft, spike, unspike, or link to an article as an update."""
    wire_item = get_object_or_404(WireItem.objects.select_related("source"), pk=pk)
    user = request.user
    back = request.POST.get("next") or reverse("admin:desk-wire")
    if not back.startswith("/desk/"):
        back = reverse("admin:desk-wire")
    needs = {
        "publish": permissions.TRIAGE,
        "spike": permissions.TRIAGE,
        "unspike": permissions.TRIAGE,
        "link": permissions.TRIAGE,
        "draft": "newsroom.add_article",
    }
    if action not in needs:
        raise PermissionDenied
    if not (user.has_perm(permissions.WIRE_MONITOR) and user.has_perm(needs[action])):
        raise PermissionDenied
    try:
        if action == "publish":
            article = services.publish_wire_item(wire_item=wire_item, user=user)
            messages.success(request, f"Published: {article.headline}")
        elif action == "draft":
            article = services.draft_from_wire_item(wire_item=wire_item, user=user)
            return redirect("admin:newsroom_article_change", article.pk)
        elif action == "spike":
            services.spike_wire_item(wire_item=wire_item, user=user)
            messages.success(request, f"Spiked: {wire_item.headline}")
        elif action == "unspike":
            services.unspike_wire_item(wire_item=wire_item, user=user)
            messages.success(request, f"Back on the wire: {wire_item.headline}")
        elif action == "link":
            article_id = request.POST.get("article", "").strip()
            article = Article.objects.filter(pk=article_id if article_id.isdigit() else 0).first()
            if article is None:
                messages.error(request, "Give the number of the article to update.")
                return redirect(back)
            permissions.require(permissions.can_edit(user, article))
            services.link_wire_item(wire_item=wire_item, article=article, user=user)
            messages.success(request, f"Added as an update to: {article.headline}")
    except services.WorkflowError as error:
        messages.error(request, str(error))
    return redirect(back)


STORY_ACTIONS = {
    "merge": permissions.MERGE_STORIES,
    "split": permissions.SPLIT_STORIES,
    "lead": permissions.CHOOSE_STORY_LEAD,
    "rule": permissions.CHOOSE_STORY_LEAD,
}


def _story_member(story: Story, value: str) -> Article | None:
    return Article.objects.filter(
        pk=value if value.isdigit() else 0, story_link__story=story
    ).first()


@require_POST
def story_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The desk's corrections to a story: merge another into it, split an article out,
    pick its lead, or hand the lead back to the rule. The services keep them for good."""
    story = get_object_or_404(Story.objects.filter(merged_into__isnull=True), pk=pk)
    user = request.user
    if action not in STORY_ACTIONS:
        raise PermissionDenied
    permissions.require(
        user.has_perm(permissions.WIRE_MONITOR)
        and permissions.can_on_story(user, STORY_ACTIONS[action], story)
    )
    back = reverse("admin:desk-wire")
    try:
        if action == "merge":
            value = request.POST.get("story", "").strip()
            other = Story.objects.filter(pk=value if value.isdigit() else 0).first()
            if other is None:
                messages.error(request, "Give the number of the story to merge into this one.")
                return redirect(back)
            permissions.require(permissions.can_on_story(user, STORY_ACTIONS[action], other))
            services.merge_stories(keep=story, other=other, user=user)
            messages.success(request, f"Merged story {other.pk} into story {story.pk}: {story}")
        elif action == "split":
            article = _story_member(story, request.POST.get("article", "").strip())
            if article is None:
                raise Http404
            new = services.split_article_out(article=article, user=user)
            messages.success(request, f"Split out as story {new.pk}: {article.headline}")
        elif action == "lead":
            article = _story_member(story, request.POST.get("article", "").strip())
            if article is None:
                raise Http404
            services.choose_story_lead(story=story, article=article, user=user)
            messages.success(request, f"Leads story {story.pk} now: {article.headline}")
        else:
            services.choose_story_lead(story=story, article=None, user=user)
            messages.success(request, f"Story {story.pk}'s lead is chosen by the rule again.")
    except services.WorkflowError as error:
        messages.error(request, str(error))
    return redirect(back)


def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up a second factor: add the key to an authenticator app, then confirm a code."""
    user = request.user
    confirmed = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    form = TwoFactorForm(request.POST or None)
    if request.method == "POST" and request.POST.get("remove") and confirmed:
        TOTPDevice.objects.filter(user=user).delete()
        services.record_audit(user=user, action="remove two-factor", obj=user)
        messages.success(request, "Two-factor login is off for your account.")
        return redirect("admin:desk-two-factor")
    if confirmed is None and device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    if request.method == "POST" and device is not None and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            services.record_audit(user=user, action="set up two-factor", obj=user)
            messages.success(request, "Two-factor login is on: the desk will ask for a code.")
            return redirect("admin:desk-two-factor")
        form.add_error("token", "That code is not the one expected; try the next one.")
    context = {
        **admin.site.each_context(request),
        "title": "Two-factor login",
        "confirmed": confirmed,
        "device": device,
        "secret": base64.b32encode(device.bin_key).decode() if device else "",
        "form": form,
    }
    return TemplateResponse(request, "desk/two_factor.html", context)


def failed_tasks(request: HttpRequest) -> HttpResponse:
    """Background tasks that failed every attempt, with their error and a retry button."""
    permissions.require(request.user.has_perm(permissions.WIRE_MONITOR))
    context = {
        **admin.site.each_context(request),
        "title": "Failed background tasks",
        "state": queue.queue_state(),
        "tasks": [
            {
                "id": task.pk,
                "name": task.task_path.rsplit(".", 1)[-1],
                "finished_at": task.finished_at,
                "attempts": len(task.worker_ids),
                "error": (task.traceback.strip().splitlines() or [task.exception_class_path])[-1],
                "traceback": task.traceback,
            }
            for task in queue.failed_tasks()
        ],
    }
    return TemplateResponse(request, "desk/tasks.html", context)


@require_POST
def retry_task(request: HttpRequest, task_id) -> HttpResponse:
    permissions.require(request.user.has_perm(permissions.WIRE_MONITOR))
    if queue.retry_task(task_id=task_id):
        messages.success(request, "The task is queued again.")
    else:
        messages.error(request, "That task is not waiting for a retry (already queued or done).")
    return redirect("admin:desk-tasks")
