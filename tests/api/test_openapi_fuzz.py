"""schemathesis against the OpenAPI schema: no generated request makes a server error."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from dateline.wires.models import RawInput
from tests.factories import ArticleTopicFactory, AuthorFactory

pytestmark = pytest.mark.django_db

EXAMPLES = 12  # per operation: enough to reach every parameter, short enough for CI


@pytest.fixture
def wsgi_app():
    """The project's WSGI app, run inside the test's transaction.

    Django closes "old" connections around each request; inside the test's transaction that
    would end it, so (as Django's test client does) the signal is off while the test runs.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_no_request_the_schema_allows_makes_a_server_error(publish, push_token, wsgi_app):
    for minutes in range(1, 6):
        article = publish(minutes)
        article.authors.add(AuthorFactory())
        ArticleTopicFactory(article=article)
    # The pytest plugin's lazy loading does not run on pytest 9, so each operation's
    # strategy is drawn from here; the schema is the one the app serves.
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7  # articles, article, sections, topics, authors, push, search

    for operation in operations:
        # Identity: the test transport hands schemathesis the bytes as sent, uncompressed.
        headers = {"Accept-Encoding": "identity"}
        if operation.path.endswith("/push"):
            headers["Authorization"] = f"Bearer {push_token}"
        fuzz(operation, headers)

    # The push operation was reached with the token, not only refused at the door.
    assert RawInput.objects.exists()


def fuzz(operation, headers: dict[str, str]) -> None:
    """A few generated requests to one operation, each checked by schemathesis' checks."""

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        # An opaque cursor cannot be described by a schema: most strings are no cursor of
        # ours and rightly answer 400, which this one check would call a rejected request.
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    call()
