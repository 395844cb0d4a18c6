"""Story grouping: near-duplicate copy and same-event clustering, in plain Python."""

from dateline.core.stories.clustering import StoryEngine
from dateline.core.stories.duplicates import DuplicateConfig, DuplicateMatch, NearDuplicateIndex
from dateline.core.stories.leads import LeadCandidate, most_complete_recent
from dateline.core.stories.model import Assignment, Decision, StoryArticle, StoryConfig

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
