"""Every write to articles, as the editorial actions of a newsroom.

Each action runs in a transaction, keeps a revision when it changes a published
article, and announces one change event after commit (see `events`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from dateline.core.text import sanitize_html, slugify_headline
from dateline.newsroom import events
from dateline.newsroom.models import Article, Author, CorrectionNote, Revision, Section


class WorkflowError(ValueError):
    """An action the article's state does not allow; the message is for the editor."""


# The fields whose change readers would notice: these move `updated_at` and keep a revision.
SIGNIFICANT_FIELDS = (
    "headline",
    "standfirst",
    "body",
    "byline",
    "dateline_place",
    "dateline_date",
    "credit",
    "image_url",
    "image_caption",
)
EDITABLE_FIELDS = (
    *SIGNIFICANT_FIELDS,
    "section",
    "source",
    "language",
    "is_lead",
    "image_credit",
    "image_alt",
    "embargo_until",
)


def snapshot_of(article: Article) -> dict[str, Any]:
    """The article's editable copy and state as plain JSON values, as a revision keeps it."""
    data: dict[str, Any] = {}
    for name in (*EDITABLE_FIELDS, "status", "slug", "published_at", "updated_at"):
        value = getattr(article, f"{name}_id" if name in {"section", "source"} else name)
        data[name] = value.isoformat() if isinstance(value, date | datetime) else value
    data["author_ids"] = sorted(article.authors.values_list("id", flat=True))
    return data


def keep_revision(*, article: Article, reason: str, user=None) -> Revision:
    """Keep the article as it stands now, before a change, with the reason for the change."""
    return Revision.objects.create(
        article=article, reason=reason, snapshot=snapshot_of(article), changed_by=user
    )


def new_article(
    *,
    headline: str,
    section: Section,
    body: str = "",
    standfirst: str = "",
    byline: str = "",
    dateline_place: str = "",
    dateline_date: date | None = None,
    credit: str = "",
    source=None,
    language: str = "en",
    is_lead: bool = False,
    embargo_until: datetime | None = None,
    image_url: str = "",
    image_caption: str = "",
    image_credit: str = "",
    image_alt: str = "",
    status: str = Article.Status.DRAFT,
    agency_id: str = "",
    wire_version_created: datetime | None = None,
    body_fingerprint: str = "",
    duplicate_of: Article | None = None,
    publish: bool = False,
) -> Article:
    """A new article, not yet saved: a draft, ready for review, or published at once.

    Its body is sanitized here, so that every way in (`create_article`, `create_articles`)
    stores the same clean copy.
    """
    if status not in {Article.Status.DRAFT, Article.Status.READY}:
        raise ValueError("A new article is a draft or ready for review, or published.")
    return Article(
        status=Article.Status.PUBLISHED if publish else status,
        published_at=first_shown(timezone.now(), embargo_until) if publish else None,
        agency_id=agency_id,
        wire_version_created=wire_version_created,
        body_fingerprint=body_fingerprint,
        duplicate_of=duplicate_of,
        headline=headline.strip(),
        slug=slugify_headline(headline),
        section=section,
        body=sanitize_html(body),
        standfirst=standfirst.strip(),
        byline=byline.strip(),
        dateline_place=dateline_place.strip(),
        dateline_date=dateline_date,
        credit=credit.strip(),
        source=source,
        language=language,
        is_lead=is_lead,
        embargo_until=embargo_until,
        image_url=image_url,
        image_caption=image_caption,
        image_credit=image_credit,
        image_alt=image_alt,
    )


def _announce_new(article: Article) -> None:
    if article.status == Article.Status.PUBLISHED:
        events.announce_change(
            article_id=article.pk, what={events.PUBLISHED}, section_ids={article.section_id}
        )


# No savepoint of its own: inside ingest's per-item savepoint it would only cost two
# round trips per article; on its own it still runs in a transaction.
@transaction.atomic(savepoint=False)
def create_article(*, authors: Iterable[Author] = (), **fields) -> Article:
    """A new article: a draft, ready for review, or (`publish=True`) published at once.

    Takes the fields of `new_article`. Publishing at creation saves a second write for
    wire copy that goes straight to the site, and announces the same event.
    """
    article = new_article(**fields)
    article.save(force_insert=True)
    if authors:
        article.authors.set(authors)
    _announce_new(article)
    return article


@transaction.atomic
def create_articles(articles: list[Article]) -> list[Article]:
    """Save many articles made by `new_article` in one insert (a wire input's new items),
    announcing those published; all or none are saved."""
    saved = Article.objects.bulk_create(articles)
    for article in saved:
        _announce_new(article)
    return saved


@transaction.atomic
def publish_article(*, article: Article, at: datetime | None = None) -> Article:
    """Publish now, or schedule for `at` (the article appears by itself when the time comes).

    The first publication time never moves once the article has been seen.
    """
    now = timezone.now()
    if article.status == Article.Status.KILLED:
        raise WorkflowError("A killed article cannot be published again; write a new one.")
    if article.published_at is None or article.published_at > now:
        article.published_at = first_shown(at or now, article.embargo_until)
    article.status = Article.Status.PUBLISHED
    article.save(update_fields=["status", "published_at", "modified_at"])
    events.announce_change(
        article_id=article.pk, what={events.PUBLISHED}, section_ids={article.section_id}
    )
    return article


def _apply_changes(
    *,
    article: Article,
    changes: dict[str, Any],
    authors: Iterable[Author] | None,
    user,
    reason: str,
    at: datetime | None,
) -> set[str]:
    """Write the changes, keeping a revision first if readers have seen the article.

    Returns what changed, for the caller to announce once.
    """
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    if "body" in changes:
        changes = {**changes, "body": sanitize_html(changes["body"])}
    changed = {name for name, value in changes.items() if getattr(article, name) != value}
    authors = list(authors) if authors is not None else None
    if authors is not None and {a.pk for a in authors} != set(
        article.authors.values_list("id", flat=True)
    ):
        changed.add("authors")
    if not changed:
        return changed
    if article.is_published:
        keep_revision(article=article, reason=reason, user=user)
    now = timezone.now()
    unseen = article.embargo_until is not None and article.embargo_until > now
    for name in changed - {"authors"}:
        setattr(article, name, changes[name])
    if "embargo_until" in changed and unseen and article.published_at is not None:
        # No reader has seen it: it is first shown when the new embargo lifts (or now).
        article.published_at = first_shown(now, article.embargo_until)
    if "headline" in changed:
        article.slug = slugify_headline(article.headline)
    if article.is_published and changed & {*SIGNIFICANT_FIELDS, "authors"}:
        article.updated_at = at or timezone.now()
    article.edit_version += 1  # an editor's form opened before this change is now stale
    article.save()
    if "authors" in changed:
        article.authors.set(authors)
    return changed


def first_shown(moment: datetime, embargo_until: datetime | None) -> datetime:
    """When readers first see an article published at `moment`: not before its embargo
    lifts, so that feeds and sitemaps date it from then."""
    return max(moment, embargo_until) if embargo_until else moment


@transaction.atomic
def update_article(
    *,
    article: Article,
    changes: dict[str, Any],
    authors: Iterable[Author] | None = None,
    user=None,
    at: datetime | None = None,
) -> Article:
    """Change an article's fields; a published one keeps a revision and shows "Updated".

    A headline change gives a new slug; links with the old slug redirect to the new one.
    """
    old_section_id = article.section_id
    changed = _apply_changes(
        article=article, changes=changes, authors=authors, user=user, reason="update", at=at
    )
    if changed and article.is_published:
        what = {events.UPDATED}
        if "section" in changed:
            what.add(events.SECTION_CHANGED)
        events.announce_change(
            article_id=article.pk, what=what, section_ids={old_section_id, article.section_id}
        )
    return article


@transaction.atomic
def correct_article(
    *,
    article: Article,
    note: str,
    kind: str = CorrectionNote.Kind.CORRECTION,
    changes: dict[str, Any] | None = None,
    user=None,
    at: datetime | None = None,
) -> CorrectionNote:
    """Fix a published article and tell readers so, with a dated public note."""
    at = at or timezone.now()
    changed = _apply_changes(
        article=article, changes=changes or {}, authors=None, user=user, reason=kind, at=at
    )
    if not changed and article.is_published:
        keep_revision(article=article, reason=kind, user=user)
    correction = CorrectionNote.objects.create(article=article, kind=kind, text=note, noted_at=at)
    article.updated_at = at
    article.save(update_fields=["updated_at", "modified_at"])
    events.announce_change(
        article_id=article.pk,
        what={events.CORRECTED, events.UPDATED} if changed else {events.CORRECTED},
        section_ids={article.section_id},
    )
    return correction


@transaction.atomic
def kill_article(*, article: Article, reason: str = "", user=None) -> Article:
    """Withdraw an article for good: its page answers 410 Gone and it leaves every list."""
    keep_revision(article=article, reason=f"kill: {reason}".strip(": "), user=user)
    article.status = Article.Status.KILLED
    article.save(update_fields=["status", "modified_at"])
    events.announce_change(
        article_id=article.pk, what={events.KILLED}, section_ids={article.section_id}
    )
    return article


@transaction.atomic
def unpublish_article(*, article: Article, user=None) -> Article:
    """Take an article off the site for now; it can be published again."""
    keep_revision(article=article, reason="unpublish", user=user)
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "modified_at"])
    events.announce_change(
        article_id=article.pk, what={events.UNPUBLISHED}, section_ids={article.section_id}
    )
    return article


def announce_arrived_articles(*, since: datetime, until: datetime) -> list[events.ArticleChange]:
    """Announce articles that became visible by the clock alone between two moments.

    A scheduled time or an embargo passing changes what the public sees without any
    write, so the worker's scheduler calls this every tick to let caches know. Returns
    the changes announced.
    """
    from dateline.newsroom.selectors import visible_articles

    arrived = (
        visible_articles(until)
        .filter(
            models.Q(published_at__gt=since, published_at__lte=until)
            | models.Q(embargo_until__gt=since, embargo_until__lte=until)
        )
        .values_list("id", "section_id")
    )
    changes = []
    if not (arrived := list(arrived)):
        return changes  # no write transaction (on SQLite, no write lock) for an idle tick
    with events.together_in_transaction():
        for article_id, section_id in arrived:
            changes.append(
                events.announce_change(
                    article_id=article_id, what={events.PUBLISHED}, section_ids={section_id}
                )
            )
    return changes
