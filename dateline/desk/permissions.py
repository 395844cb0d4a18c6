"""Who may do what to which article: the role's permission, then the article's owner and section.

Views and actions ask here, so that the list, the form, the buttons and a hand-typed URL
give the same answer.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet

from dateline.newsroom.models import Article

PUBLISH = "desk.publish_article"
CORRECT = "desk.correct_article"
KILL = "desk.kill_article"
EDIT_ANY = "desk.edit_any_article"
WIRE_MONITOR = "desk.use_wire_monitor"
TRIAGE = "desk.triage_wire"
VIEW_AUDIT = "desk.view_audit"
MERGE_STORIES = "desk.merge_stories"
SPLIT_STORIES = "desk.split_stories"
CHOOSE_STORY_LEAD = "desk.choose_story_lead"


def section_ids(user) -> set[int] | None:
    """The sections an editor is limited to; None when they may work on every section."""
    if user.is_superuser:
        return None
    # Remembered on the request's user for the rest of the request (every row asks).
    cached = getattr(user, "desk_section_ids", False)
    if cached is not False:
        return cached
    from dateline.desk.models import DeskMember

    member = DeskMember.objects.filter(user=user).first()
    ids = set(member.sections.values_list("id", flat=True)) if member else set()
    user.desk_section_ids = ids or None
    return user.desk_section_ids


def is_own(user, article: Article) -> bool:
    return article.created_by_id == user.pk or article.authors.filter(user=user).exists()


def articles_for(user, queryset: QuerySet[Article]) -> QuerySet[Article]:
    """The articles a user works with: their own, or (editors) those of their sections."""
    if not user.has_perm(EDIT_ANY):
        return queryset.filter(Q(created_by=user) | Q(authors__user=user)).distinct()
    sections = section_ids(user)
    if sections is not None:
        queryset = queryset.filter(section_id__in=sections)
    return queryset


def in_scope(user, article: Article) -> bool:
    sections = section_ids(user)
    return sections is None or article.section_id in sections


def can_edit(user, article: Article) -> bool:
    """Reporters edit their own drafts; editors any article of their sections, until killed."""
    if not user.has_perm("newsroom.change_article") or article.status == Article.Status.KILLED:
        return False
    if user.has_perm(EDIT_ANY):
        return in_scope(user, article)
    return is_own(user, article) and article.status in {
        Article.Status.DRAFT,
        Article.Status.READY,
    }


def can(user, permission: str, article: Article) -> bool:
    return user.has_perm(permission) and in_scope(user, article)


def story_in_scope(user, story, *, member_sections: set[int] | None = None) -> bool:
    """A story is in an editor's sections when every one of its articles is.

    Merging, splitting or picking the lead changes what every member's page shows (its
    story box, the fronts that show a story once), so an editor limited to some sections
    acts only on stories wholly inside them. `member_sections` are the sections of the
    story's articles when the caller already holds them (the monitor prefetches them);
    one query otherwise.
    """
    sections = section_ids(user)
    if sections is None:
        return True
    if member_sections is None:
        member_sections = set(
            Article.objects.filter(story_link__story=story).values_list("section_id", flat=True)
        )
    return member_sections <= sections


def can_on_story(user, permission: str, story, *, member_sections: set[int] | None = None) -> bool:
    return user.has_perm(permission) and story_in_scope(
        user, story, member_sections=member_sections
    )


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied
