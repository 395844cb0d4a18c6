import pytest


@pytest.fixture(autouse=True)
def _fresh_story_engine():
    """Each test starts with an engine rebuilt from its own database."""
    from django.conf import settings

    if settings.configured:
        from dateline.stories.engine import forget_story_engine

        forget_story_engine()
