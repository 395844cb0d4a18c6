"""The Django side of automatic tagging: one tagger per process, kept in step with the desk.

The knowledge is the offline seed (`dateline.core.tagging.seed`) plus every topic the desk
has edited (approved, renamed, blocked, merged, given aliases); the desk's version wins.
A version number in the shared cache tells every process when to rebuild its index; the
recogniser (spaCy) is loaded once per process and kept across rebuilds.
"""

from __future__ import annotations

import dataclasses
import threading

from django.conf import settings
from django.core.cache import cache

from dateline.core.tagging import Tagger, TopicEntry, get_recogniser, seed_entries
from dateline.topics.models import Topic

VERSION_KEY = "topics:knowledge-version"

_lock = threading.Lock()
_state: dict = {"tagger": None, "version": None, "recogniser": None}


def knowledge_version() -> int:
    return cache.get_or_set(VERSION_KEY, 1, None)


def knowledge_changed() -> None:
    """Tell every process to rebuild its tagger before the next article."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def seed_by_slug() -> dict[str, TopicEntry]:
    return {entry.slug: entry for entry in seed_entries()}


def desk_entries() -> list[TopicEntry]:
    """Topics as the desk left them, in the tagger's terms.

    A seed topic the desk edited keeps what only the seed knows (weak aliases, context,
    priority) and takes the desk's name, kind, description, aliases and status.
    """
    seed = seed_by_slug()
    entries = []
    for topic in Topic.objects.filter(edited_by_desk=True).select_related("merged_into"):
        desk = {
            "name": topic.name,
            "kind": topic.kind,
            "description": topic.description,
            "aliases": tuple(dict.fromkeys(topic.aliases)),
            "external_ids": dict(topic.external_ids),
            "status": topic.status,
            "merged_into": topic.merged_into.slug if topic.merged_into else None,
        }
        base = seed.get(topic.slug)
        if base is not None:
            entries.append(dataclasses.replace(base, **desk))
        else:
            entries.append(TopicEntry(slug=topic.slug, **desk))
    return entries


def tagger_loaded() -> bool:
    """Whether this process holds a tagger or its recogniser; web processes never should,
    since the recogniser alone is most of a worker's memory."""
    return _state["tagger"] is not None or _state["recogniser"] is not None


def forget_tagger() -> None:
    """Drop this process's tagger and recogniser, as if the process had just started."""
    with _lock:
        _state.update(tagger=None, version=None, recogniser=None)


def current_tagger() -> Tagger:
    version = knowledge_version()
    with _lock:
        if _state["tagger"] is None or _state["version"] != version:
            if _state["recogniser"] is None:
                _state["recogniser"] = get_recogniser(settings.DATELINE_RECOGNISER)
            _state["tagger"] = Tagger(
                [*seed_entries(), *desk_entries()], recogniser=_state["recogniser"]
            )
            _state["version"] = version
        return _state["tagger"]
