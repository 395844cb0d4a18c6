"""The desk's actions: each checks the workflow, calls the newsroom, topics, stories or wires
service that does the write, and records who did it in the audit log.

Permission checks stay in the views (`desk.permissions`); these refuse what no role may do
(publishing a killed article, scheduling in the past...) with `WorkflowError`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from dateline.desk.models import AuditEntry, WireItemUse
from dateline.ingest.wire_copy import (
    IngestReport,
    article_fields,
    create_article_from_wire_item,
    ingest_receipt,
)
from dateline.newsroom import services as newsroom
from dateline.newsroom.models import Article, Author, CorrectionNote, Revision, Section
from dateline.newsroom.services import WorkflowError
from dateline.stories import services as stories
from dateline.stories.models import Story, StoryMember
from dateline.wires.models import Source, WireItem
from dateline.wires.services import item_from_json, retry_quarantined


class EditConflict(WorkflowError):
    """Someone saved the article after this editor opened it."""

    def __init__(self, article: Article) -> None:
        self.article = article
        super().__init__(
            "Someone else saved this article after you opened it. Your changes have not "
            "been saved: compare them with the current version below, then save again to "
            "keep yours."
        )


def record_audit(
    *, user, action: str, obj: models.Model, detail: dict[str, Any] | None = None
) -> AuditEntry:
    """Write down that `user` did `action` to `obj` (an article, wire item, source, topic)."""
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=getattr(user, "username", "") or "",
        action=action,
        object_type=obj._meta.verbose_name,
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        detail=detail or {},
    )


# Articles


@transaction.atomic
def start_article(
    *,
    user,
    fields: dict[str, Any],
    authors: Iterable[Author] = (),
) -> Article:
    """A new draft from the desk, owned by the person who started it."""
    article = newsroom.create_article(**fields, authors=authors)
    Article.objects.filter(pk=article.pk).update(created_by=user)
    article.created_by = user
    record_audit(user=user, action="create", obj=article)
    return article


@transaction.atomic
def save_article(
    *,
    article: Article,
    expected_version: int,
    changes: dict[str, Any],
    authors: Iterable[Author] | None = None,
    user,
) -> Article:
    """Save an editor's form, unless the article changed since the form was opened."""
    current = Article.objects.select_for_update().get(pk=article.pk)
    if current.edit_version != expected_version:
        raise EditConflict(current)
    if current.status == Article.Status.KILLED:
        raise WorkflowError("A killed article cannot be edited.")
    before = current.edit_version
    newsroom.update_article(article=current, changes=changes, authors=authors, user=user)
    if current.edit_version != before:
        record_audit(user=user, action="edit", obj=current, detail={"fields": sorted(changes)})
    return current


@transaction.atomic
def submit_article(*, article: Article, user) -> Article:
    """A draft goes to the editors: ready for review."""
    if article.status != Article.Status.DRAFT:
        raise WorkflowError("Only a draft can be submitted for review.")
    article.status = Article.Status.READY
    article.save(update_fields=["status", "modified_at"])
    record_audit(user=user, action="submit", obj=article)
    return article


@transaction.atomic
def return_to_draft(*, article: Article, user) -> Article:
    """An editor sends copy ready for review back to its writer."""
    if article.status != Article.Status.READY:
        raise WorkflowError("Only an article ready for review can go back to draft.")
    article.status = Article.Status.DRAFT
    article.save(update_fields=["status", "modified_at"])
    record_audit(user=user, action="return to draft", obj=article)
    return article


_PUBLISHABLE = {Article.Status.DRAFT, Article.Status.READY, Article.Status.UNPUBLISHED}


@transaction.atomic
def publish_article(*, article: Article, user, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at` (it appears by itself when the time comes)."""
    now = timezone.now()
    if at is not None and article.embargo_until:
        # Superdesk's rule: an embargo already says when it appears; two times confuse.
        raise WorkflowError("An embargoed article cannot also be scheduled.")
    scheduled = article.is_published and article.published_at and article.published_at > now
    if article.status == Article.Status.PUBLISHED and not scheduled:
        raise WorkflowError("This article is already live.")
    if at is not None:
        if at <= now:
            raise WorkflowError("A scheduled time must be in the future.")
        if article.published_at and article.published_at <= now:
            raise WorkflowError("This article was already seen by readers; publish it now.")
    newsroom.publish_article(article=article, at=at)
    record_audit(
        user=user,
        action="schedule" if at else "publish",
        obj=article,
        detail={"at": at.isoformat()} if at else {},
    )
    return article


@transaction.atomic
def embargo_article(*, article: Article, user, until: datetime) -> Article:
    """Publish under embargo: hidden everywhere until `until`, then live by itself."""
    now = timezone.now()
    if until <= now:
        raise WorkflowError("An embargo must end in the future.")
    if article.status not in _PUBLISHABLE:
        raise WorkflowError("Only an article not yet live can be embargoed.")
    if article.published_at and article.published_at <= now:
        raise WorkflowError("Readers have seen this article; an embargo cannot be added now.")
    newsroom.update_article(article=article, changes={"embargo_until": until}, user=user)
    newsroom.publish_article(article=article)
    record_audit(user=user, action="embargo", obj=article, detail={"until": until.isoformat()})
    return article


@transaction.atomic
def lift_embargo(*, article: Article, user) -> Article:
    """Publish an embargoed article now."""
    if not (article.embargo_until and article.embargo_until > timezone.now()):
        raise WorkflowError("This article is not under embargo.")
    newsroom.update_article(article=article, changes={"embargo_until": None}, user=user)
    record_audit(user=user, action="lift embargo", obj=article)
    return article


@transaction.atomic
def unpublish_article(*, article: Article, user) -> Article:
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError("Only a published article can be unpublished.")
    newsroom.unpublish_article(article=article, user=user)
    record_audit(user=user, action="unpublish", obj=article)
    return article


@transaction.atomic
def kill_article(*, article: Article, user, reason: str) -> Article:
    if article.status == Article.Status.KILLED:
        raise WorkflowError("This article is already killed.")
    if article.status not in {Article.Status.PUBLISHED, Article.Status.UNPUBLISHED}:
        raise WorkflowError("Readers never saw this draft: there is nothing to kill.")
    if not reason.strip():
        raise WorkflowError("Say why the article is killed; the audit log keeps it.")
    newsroom.kill_article(article=article, reason=reason, user=user)
    record_audit(user=user, action="kill", obj=article, detail={"reason": reason})
    return article


@transaction.atomic
def correct_article(
    *,
    article: Article,
    user,
    note: str,
    kind: str = CorrectionNote.Kind.CORRECTION,
    changes: dict[str, Any] | None = None,
) -> CorrectionNote:
    """Fix a published article with a dated public note (correction or clarification)."""
    if article.status != Article.Status.PUBLISHED:
        raise WorkflowError("Only a published article can be corrected; edit a draft instead.")
    if not note.strip():
        raise WorkflowError("A correction needs a note for readers.")
    if kind not in CorrectionNote.Kind.values:
        raise WorkflowError("A note is a correction or a clarification.")
    changes = {k: v for k, v in (changes or {}).items() if getattr(article, k) != v}
    correction = newsroom.correct_article(
        article=article, note=note.strip(), kind=kind, changes=changes, user=user
    )
    record_audit(
        user=user, action=kind, obj=article, detail={"note": note, "fields": sorted(changes)}
    )
    return correction


def snapshot_changes(snapshot: dict[str, Any]) -> tuple[dict[str, Any], list[Author]]:
    """The editable fields of a revision, as `update_article` takes them."""
    from django.utils.dateparse import parse_date, parse_datetime

    changes: dict[str, Any] = {}
    for name in newsroom.EDITABLE_FIELDS:
        if name not in snapshot:
            continue
        value = snapshot[name]
        if name == "section":
            value = Section.objects.get(pk=value)
        elif name == "source":
            value = Source.objects.filter(pk=value).first() if value else None
        elif name == "dateline_date" and value:
            value = parse_date(value)
        elif name == "embargo_until" and value:
            value = parse_datetime(value)
        changes[name] = value
    authors = list(Author.objects.filter(pk__in=snapshot.get("author_ids", [])))
    return changes, authors


@transaction.atomic
def restore_revision(*, revision: Revision, user) -> Article:
    """Bring back an earlier version's copy; the version replaced is kept as a revision."""
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if article.status == Article.Status.KILLED:
        raise WorkflowError("A killed article cannot be restored; write a new one.")
    changes, authors = snapshot_changes(revision.snapshot)
    if article.embargo_until != changes.get("embargo_until") and article.is_published:
        changes.pop("embargo_until", None)  # an embargo is not re-imposed on a live article
    if not article.is_published:
        # A draft keeps no revisions of its own edits; keep the one being replaced.
        newsroom.keep_revision(article=article, reason="restore", user=user)
    newsroom.update_article(article=article, changes=changes, authors=authors, user=user)
    record_audit(user=user, action="restore", obj=article, detail={"revision": revision.pk})
    return article


# Wire items


@transaction.atomic
def spike_wire_item(*, wire_item: WireItem, user) -> WireItem:
    """Put a wire item aside (reversible): it leaves the monitor's new items."""
    WireItem.objects.filter(pk=wire_item.pk).update(spiked=True)
    wire_item.spiked = True
    record_audit(user=user, action="spike", obj=wire_item)
    return wire_item


@transaction.atomic
def unspike_wire_item(*, wire_item: WireItem, user) -> WireItem:
    WireItem.objects.filter(pk=wire_item.pk).update(spiked=False)
    wire_item.spiked = False
    record_audit(user=user, action="unspike", obj=wire_item)
    return wire_item


def article_for_wire_item(wire_item: WireItem) -> Article | None:
    """The article a wire item became or was added to, if any."""
    use = WireItemUse.objects.filter(wire_item=wire_item).select_related("article").first()
    if use is not None:
        return use.article
    return Article.objects.filter(
        source_id=wire_item.source_id, agency_id=wire_item.agency_id
    ).first()


@transaction.atomic
def publish_wire_item(*, wire_item: WireItem, user) -> Article:
    """Publish a wire item as the agency sent it (or the article it already made, if held)."""
    if wire_item.spiked:
        raise WorkflowError("This wire item is spiked; unspike it first.")
    article = article_for_wire_item(wire_item)
    if article is None:
        article = create_article_from_wire_item(wire_item=wire_item, publish=True)
    elif article.status == Article.Status.KILLED:
        raise WorkflowError("The article this wire item made was killed.")
    elif not article.is_published:
        newsroom.publish_article(article=article)
    WireItemUse.objects.update_or_create(
        wire_item=wire_item,
        defaults={"article": article, "how": WireItemUse.How.PUBLISHED, "by": user},
    )
    record_audit(user=user, action="publish as-is", obj=wire_item, detail={"article": article.pk})
    record_audit(user=user, action="publish", obj=article, detail={"wire_item": wire_item.pk})
    return article


@transaction.atomic
def draft_from_wire_item(*, wire_item: WireItem, user) -> Article:
    """Open a wire item as a draft to edit (or the article it already made)."""
    if wire_item.spiked:
        raise WorkflowError("This wire item is spiked; unspike it first.")
    article = article_for_wire_item(wire_item)
    if article is None:
        article = create_article_from_wire_item(wire_item=wire_item, publish=False)
        Article.objects.filter(pk=article.pk).update(created_by=user)
        article.created_by = user
        record_audit(user=user, action="create", obj=article, detail={"wire_item": wire_item.pk})
    WireItemUse.objects.get_or_create(
        wire_item=wire_item,
        defaults={"article": article, "how": WireItemUse.How.DRAFT, "by": user},
    )
    record_audit(user=user, action="open as draft", obj=wire_item, detail={"article": article.pk})
    return article


@transaction.atomic
def link_wire_item(*, wire_item: WireItem, article: Article, user) -> Article:
    """Add a wire item to an existing article as an update: its copy replaces the article's.

    A published article keeps its previous version as a revision and shows "Updated".
    """
    if article.status == Article.Status.KILLED:
        raise WorkflowError("A killed article cannot be updated.")
    item = item_from_json(wire_item.parsed)
    fields = article_fields(item, wire_item.source)
    changes = {k: v for k, v in fields.items() if v and getattr(article, k) != v}
    newsroom.update_article(article=article, changes=changes, user=user)
    WireItemUse.objects.update_or_create(
        wire_item=wire_item,
        defaults={"article": article, "how": WireItemUse.How.LINKED, "by": user},
    )
    record_audit(user=user, action="link", obj=wire_item, detail={"article": article.pk})
    record_audit(
        user=user, action="update from wire", obj=article, detail={"wire_item": wire_item.pk}
    )
    return article


# Sources and the quarantine


@transaction.atomic
def set_source_enabled(*, source: Source, enabled: bool, user) -> Source:
    Source.objects.filter(pk=source.pk).update(enabled=enabled)
    source.enabled = enabled
    record_audit(user=user, action="enable" if enabled else "disable", obj=source)
    return source


def retry_quarantined_input(*, quarantined, user):
    """Try a quarantined input again and apply what it gives, as the poller would."""

    with transaction.atomic():
        receipt = retry_quarantined(quarantined=quarantined)
        report = ingest_receipt(receipt=receipt, report=IngestReport())
        record_audit(
            user=user,
            action="retry",
            obj=quarantined,
            detail={"resolved": quarantined.resolved, **report.as_json()},
        )
    return report


def record_topic_action(*, user, action: str, topic, detail: dict | None = None) -> None:
    record_audit(user=user, action=action, obj=topic, detail=detail)


# Stories: the desk's corrections, kept by the stories services (a split pair is never
# grouped again, a merge is never undone by the engine, a picked lead stays picked).


def merge_stories(*, keep: Story, other: Story, user) -> Story:
    """Every article of `other` joins `keep`; `other`'s page leads to `keep`."""
    if keep.pk == other.pk:
        raise WorkflowError("A story cannot be merged into itself.")
    if keep.merged_into_id or other.merged_into_id:
        raise WorkflowError("That story was already merged into another.")
    with transaction.atomic():
        stories.merge_stories(keep=keep, other=other)
        record_audit(user=user, action="merge stories", obj=keep, detail={"merged": other.pk})
    return keep


def split_article_out(*, article: Article, user) -> Story:
    """The article leaves its story for one of its own, and is never grouped back."""
    member = StoryMember.objects.filter(article=article).select_related("story").first()
    if member is None:
        raise WorkflowError("That article is in no story.")
    if not StoryMember.objects.filter(story_id=member.story_id).exclude(pk=member.pk).exists():
        raise WorkflowError("That article is alone in its story already.")
    with transaction.atomic():
        story = stories.split_article_out(article=article)
        record_audit(
            user=user,
            action="split story",
            obj=member.story,
            detail={"article": article.pk, "new_story": story.pk},
        )
    return story


def choose_story_lead(*, story: Story, article: Article | None, user) -> Story:
    """The desk picks the story's lead; None hands the choice back to the rule."""
    with transaction.atomic():
        try:
            stories.choose_lead(story=story, article=article)
        except ValueError as error:
            raise WorkflowError(str(error)) from error
        record_audit(
            user=user,
            action="choose lead" if article is not None else "lead by rule",
            obj=story,
            detail={"lead": story.lead_id},
        )
    return story
