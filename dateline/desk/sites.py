"""The desk: Django's admin at /desk/, shaped for a newsroom.

It adds the wire monitor, a two-factor page and a login that asks for a code from those
who set one up. Every app's ModelAdmin registers here (this is the default admin site).
"""

from __future__ import annotations

from django.contrib import admin
from django.urls import path
from django_otp import user_has_device

from dateline.desk.forms import DeskLoginForm


class DeskSite(admin.AdminSite):
    site_header = "dateline desk"
    site_title = "dateline desk"
    index_title = "The desk"
    login_form = DeskLoginForm
    login_template = "desk/login.html"
    index_template = "desk/index.html"

    def has_permission(self, request) -> bool:
        """Staff only, and those with a second factor must have used it this session."""
        user = request.user
        if not (user.is_active and user.is_staff):
            return False
        if user_has_device(user, confirmed=True):
            return bool(getattr(user, "is_verified", lambda: False)())
        return True

    def index(self, request, extra_context=None):
        """The desk's front page, with how the workers and the queue are doing."""
        from django.db import DatabaseError

        from dateline.ingest.queue import queue_state

        try:
            state = queue_state()
        except DatabaseError:
            state = None
        return super().index(request, {"queue": state, **(extra_context or {})})

    def get_urls(self):
        from dateline.desk import views

        urls = [
            path("wire/", self.admin_view(views.wire_monitor), name="desk-wire"),
            path("wire/rows/", self.admin_view(views.wire_rows), name="desk-wire-rows"),
            path(
                "wire/<id:pk>/<slug:action>/",
                self.admin_view(views.wire_action),
                name="desk-wire-action",
            ),
            path(
                "wire/story/<id:pk>/<slug:action>/",
                self.admin_view(views.story_action),
                name="desk-story-action",
            ),
            path("two-factor/", self.admin_view(views.two_factor), name="desk-two-factor"),
            path("tasks/", self.admin_view(views.failed_tasks), name="desk-tasks"),
            path(
                "tasks/<uuid:task_id>/retry/",
                self.admin_view(views.retry_task),
                name="desk-task-retry",
            ),
        ]
        return urls + super().get_urls()
