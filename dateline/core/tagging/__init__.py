"""Automatic topic tagging: plain Python, no Django (see tagger.py for how it decides).

Typical use::

    from dateline.core.tagging import Tagger
    tagger = Tagger()                      # seed knowledge, spaCy recogniser; build once
    result = tagger.tag(headline=..., standfirst=..., body=...)
    result.topics, result.entities, result.suggested, result.as_dict()
"""

from .default import default_tagger, tag
from .knowledge import Knowledge, TopicEntry, clean_name, slugify
from .ner import NullRecogniser, Recogniser, RecogniserUnavailable, get_recogniser
from .results import EntityMention, SuggestedTopic, TaggedTopic, TaggingResult
from .seed import build_seed, seed_entries
from .tagger import Tagger

__all__ = [
    "EntityMention",
    "Knowledge",
    "NullRecogniser",
    "Recogniser",
    "RecogniserUnavailable",
    "SuggestedTopic",
    "TaggedTopic",
    "Tagger",
    "TaggingResult",
    "TopicEntry",
    "build_seed",
    "clean_name",
    "default_tagger",
    "get_recogniser",
    "seed_entries",
    "slugify",
    "tag",
]
