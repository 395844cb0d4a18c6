"""Pushing copy into a source over HTTP: token, size and rate limits, typed errors."""

from __future__ import annotations

import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import override_settings

from dateline.api.apps import check_push_rate_limit
from dateline.api.models import SourceToken
from dateline.api.ratelimit import Rate, parse_rate
from dateline.api.services import hash_token, issue_source_token
from dateline.newsroom.models import Article
from dateline.wires.models import QuarantinedInput, RawInput
from tests.conftest import PINNED_NOW
from tests.wires.copy import newsml_item

pytestmark = pytest.mark.django_db


def ninjs_3_story(**changes) -> dict:
    """A ninjs 3.x item (camelCase) as an agency's system would push it."""
    return {
        "uri": "urn:newsml:harbour.example:20261129:storm",
        "type": "text",
        "version": "1",
        "versionCreated": "2026-11-29T15:10:00Z",
        "pubStatus": "usable",
        "language": "en",
        "headlines": [{"role": "main", "value": "Storm Closes the Harbour"}],
        "bodies": [{"contentType": "text/plain", "value": "Gales closed the harbour on Sunday."}],
        "by": "Harbour Wire staff",
        "located": "Gdańsk",
        **changes,
    }


def push(client, token, body, content_type="application/ninjs+json", **query):
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    url = "/api/push" + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(url, data=data, content_type=content_type, headers=headers)


def test_a_pushed_ninjs_3_item_becomes_a_published_article(client, push_token, pushing_source):
    response = push(client, push_token, ninjs_3_story())

    assert response.status_code == 200
    report = response.json()
    assert (report["ingested"], report["quarantined"], report["rejected"]) == (1, 0, [])
    article = Article.objects.get(pk=report["articles"][0])
    assert article.source == pushing_source
    assert article.headline == "Storm Closes the Harbour"
    assert client.get(f"/api/articles/{article.pk}").status_code == 200
    assert RawInput.objects.get().origin.startswith("api push by Harbour Wire CMS")


def test_a_pushed_newsml_g2_item_goes_through_the_same_ingest(client, push_token):
    copy = newsml_item(version_created=PINNED_NOW - timedelta(minutes=1))

    response = push(client, push_token, copy, content_type="application/xml")

    assert response.status_code == 200, response.content
    assert response.json()["ingested"] == 1
    assert Article.objects.get().dateline_place == "Budapest"


def test_the_same_push_twice_is_counted_unchanged(client, push_token):
    push(client, push_token, ninjs_3_story())

    again = push(client, push_token, ninjs_3_story())

    assert again.status_code == 200
    assert (again.json()["ingested"], again.json()["unchanged"]) == (0, 1)


def test_a_cancel_pushed_later_kills_the_article(client, push_token):
    article_id = push(client, push_token, ninjs_3_story()).json()["articles"][0]

    killed = push(
        client,
        push_token,
        ninjs_3_story(version="2", versionCreated="2026-11-29T15:20:00Z", pubStatus="canceled"),
    )

    assert killed.json()["killed"] == 1
    assert client.get(f"/api/articles/{article_id}").status_code == 410


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer wrong-token", "Basic dXNlcjpwYXNz", "Bearer "],
)
def test_a_push_without_a_valid_token_answers_401_and_stores_nothing(
    client, push_token, authorization
):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.post(
        "/api/push", data=json.dumps(ninjs_3_story()), content_type="application/json",
        headers=headers,
    )  # fmt: skip

    assert response.status_code == 401
    assert response.json()["code"] == "auth.token-invalid"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert not RawInput.objects.exists()


def test_a_disabled_token_or_source_answers_401(client, push_token, pushing_source):
    SourceToken.objects.update(enabled=False)
    assert push(client, push_token, ninjs_3_story()).status_code == 401

    SourceToken.objects.update(enabled=True)
    pushing_source.enabled = False
    pushing_source.save()
    assert push(client, push_token, ninjs_3_story()).status_code == 401


@pytest.mark.parametrize(
    ("body", "content_type", "code"),
    [
        (b'{"uri": "urn:x", "headlines": [', "application/json", "json.malformed"),
        (json.dumps({"uri": "urn:x", "type": "sound"}).encode(), "application/json",
         "ninjs.schema"),
        (b"<newsItem><unclosed>", "application/xml", "xml.malformed"),
        (b"", "application/json", "input.empty"),
        (b"plain words, no wire format", "text/plain", "format.undetected"),
    ],
)  # fmt: skip
def test_bad_input_answers_400_with_its_code_and_is_quarantined(
    client, push_token, pushing_source, body, content_type, code
):
    response = push(client, push_token, body, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["rejected"][0]["code"] == code
    quarantined = QuarantinedInput.objects.get()
    assert (quarantined.code, quarantined.source) == (code, pushing_source)
    assert bytes(quarantined.content) == body
    assert not Article.objects.exists()


def test_a_batch_with_one_bad_entry_keeps_the_good_one(client, push_token):
    batch = [ninjs_3_story(), {"uri": "urn:bad", "type": "sound"}]

    response = push(client, push_token, batch)

    assert response.status_code == 200
    assert (response.json()["ingested"], response.json()["quarantined"]) == (1, 1)
    assert response.json()["rejected"][0]["code"] == "ninjs.schema"


def test_a_push_over_10_mb_answers_413_and_stores_nothing(client, push_token):
    response = push(client, push_token, b"x" * (10 * 1024 * 1024 + 1))

    assert response.status_code == 413
    assert response.json()["code"] == "http.too-large"
    assert not RawInput.objects.exists()


@override_settings(DATELINE_PUSH_RATE_LIMIT="2/minute")
def test_pushes_over_the_tokens_rate_answer_429_with_retry_after(
    client, push_token, pushing_source, now
):
    other = issue_source_token(source=pushing_source, name="Second system")[1]
    assert push(client, push_token, ninjs_3_story()).status_code == 200
    assert push(client, push_token, ninjs_3_story()).status_code == 200

    limited = push(client, push_token, ninjs_3_story())

    assert limited.status_code == 429
    assert limited.json()["code"] == "rate.limited"
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert push(client, other, ninjs_3_story()).status_code == 200  # each token counts alone
    now.shift(timedelta(seconds=int(limited["Retry-After"])))
    assert push(client, push_token, ninjs_3_story()).status_code == 200


def test_issue_token_prints_a_token_once_and_stores_only_its_hash(capsys, pushing_source, client):
    call_command("issue_token", "Harbour Wire", "--name", "Harbour CMS")

    token = capsys.readouterr().out.strip()
    record = SourceToken.objects.get()
    assert record.key_hash == hash_token(token)
    assert token not in {record.key_hash, record.prefix, record.name}
    assert (record.name, record.source) == ("Harbour CMS", pushing_source)
    assert push(client, token, ninjs_3_story()).status_code == 200


def test_issue_token_dry_run_issues_nothing(capsys, pushing_source):
    call_command("issue_token", "harbour-wire", "--dry-run")

    assert "Would issue a push token for Harbour Wire" in capsys.readouterr().out
    assert not SourceToken.objects.exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [("120/minute", Rate(120, 60)), ("5/second", Rate(5, 1)), ("1000 / hours", Rate(1000, 3600)),
     ("off", None), ("", None)],
)  # fmt: skip
def test_the_push_rate_setting_reads_a_count_per_unit(text, expected):
    assert parse_rate(text) == expected


def test_a_mistyped_push_rate_fails_the_system_check():
    with override_settings(DATELINE_PUSH_RATE_LIMIT="lots"):
        errors = check_push_rate_limit()

    assert [error.id for error in errors] == ["dateline.api.E001"]


def chunked_push(client, token, body: bytes):
    return client.generic(
        "POST",
        "/api/push",
        content_type="application/ninjs+json",
        headers={"Authorization": f"Bearer {token}", "Transfer-Encoding": "chunked"},
        CONTENT_LENGTH="",
        **{"wsgi.input": io.BytesIO(body)},
    )


def test_a_chunked_push_without_content_length_is_read_whole(client, push_token):
    """gunicorn hands a chunked body over decoded, with no CONTENT_LENGTH in the environ:
    a stream that simply ends."""
    body = json.dumps(ninjs_3_story()).encode()

    response = chunked_push(client, push_token, body)

    assert response.status_code == 200, response.content
    assert response.json()["ingested"] == 1


def test_a_chunked_push_over_10_mb_answers_413(client, push_token):
    response = chunked_push(client, push_token, b"x" * (10 * 1024 * 1024 + 1))

    assert response.status_code == 413
    assert not RawInput.objects.exists()


def test_nginx_takes_bodies_as_large_as_the_push_cap():
    from pathlib import Path

    from dateline.api.api import MAX_PUSH_BYTES

    template = Path(__file__).resolve().parents[2] / "deploy" / "nginx.conf.template"
    sizes = re.findall(r"client_max_body_size\s+(\d+)([kKmM]?);", template.read_text())
    units = {"": 1, "k": 1024, "m": 1024 * 1024}

    assert sizes, "nginx's default of 1 MB would refuse pushes the API accepts"
    assert {int(n) * units[unit.lower()] for n, unit in sizes} == {MAX_PUSH_BYTES}


QUEUED_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}


def test_a_push_is_answered_without_the_tagger_and_tagged_by_the_worker(
    client, push_token, django_capture_on_commit_callbacks
):
    """The web process stores and answers; the tagger (most of a worker's memory) is only
    ever built by the worker, which tags the pushed copy like any wire item."""
    from django_tasks_db.models import DBTaskResult

    from dateline.ingest.worker import task_worker
    from dateline.topics.models import ArticleTopic
    from dateline.topics.tagging import forget_tagger, tagger_loaded

    forget_tagger()  # this process stands for a fresh web worker
    story = ninjs_3_story(
        headlines=[{"role": "main", "value": "Talks in Kyiv Resume"}],
        bodies=[{"contentType": "text/plain", "value": "Officials met in Kyiv on Sunday."}],
    )
    with override_settings(TASKS=QUEUED_TASKS):
        with django_capture_on_commit_callbacks(execute=True):
            response = push(client, push_token, story)

        assert response.status_code == 200
        assert not tagger_loaded()
        article = Article.objects.get(pk=response.json()["articles"][0])
        assert not ArticleTopic.objects.filter(article=article).exists()

        # What the worker does with each queued task (its loop also recycles connections,
        # which the test's transaction must outlive).
        worker = task_worker(interval=0, batch=True)
        while (queued := DBTaskResult.objects.ready().first()) is not None:
            queued.claim(worker.worker_id)
            worker.run_task(queued)

    assert tagger_loaded()
    slugs = list(ArticleTopic.objects.filter(article=article).values_list("topic__slug", flat=True))
    assert "kyiv" in slugs
