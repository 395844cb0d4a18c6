"""One tagger per process, built on first use, and tagging through it."""

from __future__ import annotations

from collections.abc import Sequence

from .results import TaggingResult
from .tagger import Tagger

_default: Tagger | None = None


def default_tagger() -> Tagger:
    """A process-wide tagger over the seed with the spaCy recogniser (or none if unavailable)."""
    global _default
    if _default is None:
        from .ner import RecogniserUnavailable

        try:
            _default = Tagger()
        except RecogniserUnavailable:
            _default = Tagger(recogniser="none")
    return _default


def tag(
    *,
    headline: str,
    standfirst: str = "",
    body: str = "",
    language: str = "en",
    agency_subjects: Sequence[str] = (),
    section: str | None = None,
) -> TaggingResult:
    """Tag one article with the default tagger (seed knowledge). See :class:`Tagger`."""
    return default_tagger().tag(
        headline=headline,
        standfirst=standfirst,
        body=body,
        language=language,
        agency_subjects=agency_subjects,
        section=section,
    )
