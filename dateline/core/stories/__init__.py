"""Story grouping: near-duplicate copy and same-event clustering, in plain Python."""

from dateline.core.stories.clustering import (
    Assignment,
    Decision,
    LeadCandidate,
    StoryArticle,
    StoryConfig,
    StoryEngine,
    most_complete_recent,
)
from dateline.core.stories.duplicates import DuplicateConfig, DuplicateMatch, NearDuplicateIndex

__all__ = [
    "Assignment",
    "Decision",
    "DuplicateConfig",
    "DuplicateMatch",
    "LeadCandidate",
    "NearDuplicateIndex",
    "StoryArticle",
    "StoryConfig",
    "StoryEngine",
    "most_complete_recent",
]
