"""Desk users in each role, and wire items as ingest would store them."""

from __future__ import annotations

import itertools

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from dateline.core.parsing import ParsedWireItem
from dateline.desk.models import DeskMember
from dateline.desk.roles import sync_roles
from dateline.wires.models import WireItem
from dateline.wires.services import fingerprint, item_to_json
from tests.factories import SectionFactory, SourceFactory

PASSWORD = "correct horse battery staple"
_numbers = itertools.count(1)


def desk_user(role: str | None, username: str | None = None, **extra) -> User:
    user = User.objects.create_user(
        username=username or f"{role or 'nobody'}{next(_numbers)}",
        password=PASSWORD,
        is_staff=True,
        **extra,
    )
    if role:
        if not Group.objects.filter(name=role).exists():
            # A transactional test (the browser's) empties every table, groups included;
            # the roles come back as the data migration made them.
            sync_roles()
        user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def world(db):
    return SectionFactory(name="World", slug="world")


@pytest.fixture
def sport(db):
    return SectionFactory(name="Sport", slug="sport")


@pytest.fixture
def reporter(db):
    return desk_user("reporter")


@pytest.fixture
def other_reporter(db):
    return desk_user("reporter")


@pytest.fixture
def editor(db):
    return desk_user("editor")


@pytest.fixture
def sport_editor(db, sport):
    """An editor limited to the Sport section."""
    user = desk_user("editor")
    DeskMember.objects.create(user=user).sections.add(sport)
    return user


@pytest.fixture
def desk_admin(db):
    return desk_user("admin")


def make_wire_item(
    *,
    headline: str = "Dam Operators Open Spillways as River Rises Near Novi Sad",
    agency_id: str | None = None,
    source=None,
    urgency: int | None = 3,
    language: str = "en",
    received_at=None,
    **fields,
) -> WireItem:
    source = source or SourceFactory()
    item = ParsedWireItem(
        format="ninjs",
        agency_id=agency_id or f"urn:meridian:{next(_numbers)}",
        version="1",
        headline=headline,
        standfirst="Engineers said the embankments would hold through the night.",
        body_html="<p>Water levels rose by a metre overnight, officials said.</p>",
        credit="Meridian Press",
        language=language,
        urgency=urgency,
        dateline_place="NOVI SAD",
        **fields,
    )
    parsed = item_to_json(item)
    return WireItem.objects.create(
        source=source,
        agency_id=item.agency_id,
        version="1",
        fingerprint=fingerprint(parsed),
        format="ninjs",
        headline=headline,
        urgency=urgency,
        embargoed_until=item.embargoed_until,
        parsed=parsed,
        received_at=received_at or timezone.now(),
    )


def make_story(*wire_items, lead=None, section=None):
    """A story of published articles, one made from each wire item (as ingest would), with
    `lead` (a wire item) leading it when given. Returns the story; the articles are on
    each wire item as `.article`."""
    from dateline.stories.models import Story, StoryMember
    from tests.factories import ArticleFactory

    story = Story.objects.create()
    for item in wire_items:
        item.article = ArticleFactory(
            published=True,
            headline=item.headline,
            source=item.source,
            agency_id=item.agency_id,
            **({"section": section} if section is not None else {}),
        )
        StoryMember.objects.create(
            story=story,
            article=item.article,
            source=item.source,
            published_at=item.article.published_at,
        )
    if lead is not None:
        story.lead = lead.article
        story.lead_chosen_by_desk = True
    story.headline = (lead or wire_items[0]).headline
    story.save()
    return story
