"""The six plain labels editors see, from the article's status and its times.

Internally an article is draft, ready, published, unpublished or killed, with a publication
time and perhaps an embargo; editors think in Draft, Ready for review, Scheduled, Embargoed,
Live and Withdrawn. Each label is also a filter on indexed columns for the articles list.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from dateline.newsroom.models import Article

DRAFT = "draft"
READY = "ready"
SCHEDULED = "scheduled"
EMBARGOED = "embargoed"
LIVE = "live"
WITHDRAWN = "withdrawn"

LABELS = {
    DRAFT: "Draft",
    READY: "Ready for review",
    SCHEDULED: "Scheduled",
    EMBARGOED: "Embargoed",
    LIVE: "Live",
    WITHDRAWN: "Withdrawn",
}


def label_key(article: Article, now: datetime | None = None) -> str:
    now = now or timezone.now()
    status = article.status
    if status == Article.Status.DRAFT:
        return DRAFT
    if status == Article.Status.READY:
        return READY
    if status in {Article.Status.UNPUBLISHED, Article.Status.KILLED}:
        return WITHDRAWN
    if article.embargo_until and article.embargo_until > now:
        return EMBARGOED
    if article.published_at and article.published_at > now:
        return SCHEDULED
    return LIVE


def label(article: Article, now: datetime | None = None) -> str:
    """The plain label, with what a withdrawn article's readers get."""
    key = label_key(article, now)
    if key == WITHDRAWN:
        return "Withdrawn (killed)" if article.status == Article.Status.KILLED else "Withdrawn"
    return LABELS[key]


def filter_for(key: str, now: datetime | None = None) -> Q:
    """The articles with one label, as a filter the status indexes serve."""
    now = now or timezone.now()
    published = Q(status=Article.Status.PUBLISHED)
    embargoed = Q(embargo_until__gt=now)
    return {
        DRAFT: Q(status=Article.Status.DRAFT),
        READY: Q(status=Article.Status.READY),
        EMBARGOED: published & embargoed,
        SCHEDULED: published & Q(published_at__gt=now) & ~embargoed,
        LIVE: published
        & Q(published_at__lte=now)
        & (Q(embargo_until__isnull=True) | Q(embargo_until__lte=now)),
        WITHDRAWN: Q(status__in=[Article.Status.UNPUBLISHED, Article.Status.KILLED]),
    }[key]
