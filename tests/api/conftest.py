"""Shared setup for the API tests: a small edition, a source that pushes, ninjs schemas."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone
from jsonschema import FormatChecker, validators

from dateline.api.services import issue_source_token
from dateline.core.parsing import conformance_dir
from tests.factories import ArticleFactory, SectionFactory, SourceFactory


def ninjs_validator(version: str):
    """A validator for the official IPTC ninjs schema, read in place; skip without it."""
    root = conformance_dir()
    path = root / "ninjs" / "specification" / f"ninjs-schema_{version}.json" if root else None
    if path is None or not path.is_file():
        pytest.skip("IPTC ninjs schemas not found (set DATELINE_CONFORMANCE_DIR)")
    schema = json.loads(path.read_text(encoding="utf-8"))
    return validators.validator_for(schema)(schema, format_checker=FormatChecker())


def validation_errors(document: dict, version: str) -> list[str]:
    validator = ninjs_validator(version)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture
def world(now):
    return SectionFactory(name="World", slug="world", position=1)


@pytest.fixture
def business(now):
    return SectionFactory(name="Business", slug="business", position=2)


@pytest.fixture
def publish(now, world):
    """Publish an article `minutes` ago (newest last call = smallest minutes)."""

    def make(minutes: int = 10, **fields):
        fields.setdefault("section", world)
        return ArticleFactory(
            status="published", published_at=timezone.now() - timedelta(minutes=minutes), **fields
        )

    return make


@pytest.fixture
def pushing_source(now, world):
    return SourceFactory(name="Harbour Wire", format="ninjs", default_section_slug="world")


@pytest.fixture
def push_token(pushing_source):
    _, token = issue_source_token(source=pushing_source, name="Harbour Wire CMS")
    return token
