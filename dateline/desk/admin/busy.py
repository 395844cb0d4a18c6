"""A desk save that meets a busy database answers with the form, its text kept.

On SQLite a save takes the write lock when its transaction begins and waits for it up to
the busy timeout (`DATELINE_SQLITE_TIMEOUT`); under a long burst the wait can run out.
Nothing has been written then (the lock is taken before any write), so the editor gets
the form back, filled in as sent, with a message to save again, never an error page.
"""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError

from dateline.ingest.queue import is_transient

logger = logging.getLogger(__name__)

BUSY = (
    "The database was too busy to save this just now; nothing was saved. "
    "Your text is kept below: save again."
)


class BusyDatabaseFormMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Exception as exc:
            if request.method != "POST" or not is_transient(exc):
                raise
            logger.warning("Desk save refused by a busy database: %s", exc)
            request.database_busy = True
            # Outside a transaction: reading the form back must not queue for the lock again.
            return self._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not getattr(request, "database_busy", False):
            return form

        class RefusedWhileBusy(form):
            def clean(self):
                super().clean()
                raise ValidationError(BUSY, code="database-busy")

        return RefusedWhileBusy
