"""Sources, the quarantine, topics and the audit log on the desk."""

import pytest
from django.urls import reverse

from dateline.desk.models import AuditEntry
from dateline.topics.models import Topic
from dateline.wires.models import QuarantinedInput, Source
from tests.factories import SourceFactory, TopicFactory

pytestmark = pytest.mark.django_db


def test_the_sources_list_shows_the_last_fetch_and_its_error(client, desk_admin, now):
    from django.utils import timezone

    SourceFactory(
        name="Failing Wire",
        last_polled_at=timezone.now(),
        failure_count=3,
        last_error="http.timeout: no answer in 10 s",
    )
    client.force_login(desk_admin)

    page = client.get(reverse("admin:wires_source_changelist")).content.decode()

    assert "Failing (3 in a row): http.timeout: no answer in 10 s" in page


def test_disabling_a_source_is_audited(client, desk_admin):
    source = SourceFactory()
    client.force_login(desk_admin)

    client.post(
        reverse("admin:wires_source_changelist"),
        {"action": "disable_selected", "_selected_action": [source.pk]},
    )

    source.refresh_from_db()
    assert not source.enabled
    entry = AuditEntry.objects.get(action="disable")
    assert (entry.username, entry.object_type, entry.object_id) == (
        desk_admin.username,
        "source",
        str(source.pk),
    )


def test_the_quarantine_shows_raw_input_escaped(client, desk_admin):
    item = QuarantinedInput.objects.create(
        source=SourceFactory(),
        origin="https://wire.example/feed",
        code="xml.syntax",
        message="not well-formed (line 1)",
        content=b"<script>alert('x')</script>\xff",
    )
    client.force_login(desk_admin)

    page = client.get(reverse("admin:wires_quarantinedinput_change", args=[item.pk]))

    body = page.content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in body
    assert "<script>alert" not in body
    assert "Retry this input" in body


def test_retry_reads_a_quarantined_input_again(client, desk_admin, world, now):
    from django.utils import timezone

    from tests.wires.copy import newsml_item

    source = SourceFactory(publishing_rule=Source.PublishingRule.HOLD)
    item = QuarantinedInput.objects.create(
        source=source,
        origin="drop/flood.xml",
        code="ingest.failed",
        message="was broken",
        content=newsml_item(version_created=timezone.now()),
    )
    client.force_login(desk_admin)

    client.post(reverse("admin:desk_quarantine_retry", args=[item.pk]))

    item.refresh_from_db()
    assert item.retried_at is not None
    assert item.resolved
    assert AuditEntry.objects.filter(action="retry", object_id=str(item.pk)).exists()


def test_an_editor_cannot_retry_quarantined_input(client, editor):
    item = QuarantinedInput.objects.create(origin="x", code="c", message="m", content=b"x")
    client.force_login(editor)

    assert client.post(reverse("admin:desk_quarantine_retry", args=[item.pk])).status_code == 403


def test_topics_merge_through_a_confirmation_page(client, desk_admin):
    keep = TopicFactory(name="Volodymyr Zelensky", kind="person")
    fold = TopicFactory(name="Zelenskyy", kind="person")
    client.force_login(desk_admin)
    url = reverse("admin:topics_topic_changelist")
    selected = {"action": "merge_selected", "_selected_action": [keep.pk, fold.pk]}

    confirm = client.post(url, selected)
    assert "Keep this topic" in confirm.content.decode()
    client.post(url, {**selected, "into": keep.pk})

    fold.refresh_from_db()
    keep.refresh_from_db()
    assert fold.status == Topic.Status.MERGED
    assert "Zelenskyy" in keep.aliases
    assert AuditEntry.objects.filter(action="merge", object_id=str(fold.pk)).exists()


def test_a_suggested_topic_is_rejected_and_renamed_with_aliases(client, desk_admin):
    suggested = TopicFactory(name="Danube Comission", status=Topic.Status.SUGGESTED)
    client.force_login(desk_admin)

    client.post(
        reverse("admin:topics_topic_change", args=[suggested.pk]),
        {
            "name": "Danube Commission",
            "slug": suggested.slug,
            "kind": "organisation",
            "description": "",
            "aliases": "DC\nCommission du Danube",
            "external_ids": "{}",
            "status": "active",
        },
    )

    suggested.refresh_from_db()
    assert suggested.name == "Danube Commission"
    assert {"Danube Comission", "DC", "Commission du Danube"} <= set(suggested.aliases)
    assert suggested.status == Topic.Status.ACTIVE
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"rename", "add aliases", "approve"} <= actions

    other = TopicFactory(name="Spam Topic", status=Topic.Status.SUGGESTED)
    client.post(
        reverse("admin:topics_topic_changelist"),
        {"action": "reject_selected", "_selected_action": [other.pk]},
    )
    other.refresh_from_db()
    assert other.status == Topic.Status.BLOCKED


def test_sections_and_authors_have_screens(client, desk_admin, editor):
    client.force_login(desk_admin)
    assert client.get(reverse("admin:newsroom_section_add")).status_code == 200
    assert client.get(reverse("admin:newsroom_author_add")).status_code == 200
    client.force_login(editor)
    assert client.get(reverse("admin:newsroom_author_add")).status_code == 200
    assert client.get(reverse("admin:newsroom_section_add")).status_code == 403
