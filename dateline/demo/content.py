"""Synthetic demo content: the newsroom, its agencies and staff, the topics and the beats
that the demo's articles are written from, read from the data files in `data/`.

Nothing here is copied from a real news site. Each beat holds "scenes" (a central bank and
its city, an agency and the region it serves) and templates that `plan.py` fills with a
seeded random generator. Real people appear only as the holders of their offices, in bland
contexts (meetings, visits, chairing talks) and are never quoted: quotes come from generic
roles or fictional people at fictional firms (`data/people.json`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

SEED = 2026
DEFAULT_COUNT = 220
# The newest article is this old right after loading or shifting, so the home page looks live.
NEWEST_AGE = timedelta(minutes=2)
# Older than this, a re-run moves the whole day forward instead of leaving it stale.
STALE_AFTER = timedelta(hours=1)
SPREAD = timedelta(hours=24)


@dataclass(frozen=True)
class StaffWriter:
    name: str
    slug: str
    role: str
    bio: str
    desks: tuple[str, ...]  # section slugs they write for
    # A correspondent's patch; writers without one cover their desks from the office.
    cities: tuple[str, ...] = ()


@dataclass(frozen=True)
class Beat:
    """One kind of recurring story; every article fills its templates from one scene.

    Templates use `str.format` slots from the scene, from per-article numbers and
    fictional people, and `<slot>_cap` for a capitalised first letter. Headlines are
    written in sentence case and title-cased when filled.
    """

    key: str
    section: str
    weight: int
    scenes: tuple[Mapping[str, Any], ...]
    headlines: tuple[str, ...]
    standfirsts: tuple[str, ...]
    ledes: tuple[str, ...]
    details: tuple[str, ...]
    quotes: tuple[tuple[str, str], ...]  # (what was said, who said it)
    closers: tuple[str, ...]
    subjects: tuple[str, ...] = ()


def _read(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _beat(row: dict[str, Any]) -> Beat:
    return Beat(
        key=row["key"],
        section=row["section"],
        weight=row["weight"],
        scenes=tuple({**scene, "topics": tuple(scene["topics"])} for scene in row["scenes"]),
        headlines=tuple(row["headlines"]),
        standfirsts=tuple(row["standfirsts"]),
        ledes=tuple(row["ledes"]),
        details=tuple(row["details"]),
        quotes=tuple((quote["text"], quote["who"]) for quote in row["quotes"]),
        closers=tuple(row["closers"]),
        subjects=tuple(row["subjects"]),
    )


_newsroom = _read("newsroom.json")
_people = _read("people.json")

# (name, slug, description); a section's position follows this order.
SECTIONS: tuple[tuple[str, str, str], ...] = tuple(
    (row["name"], row["slug"], row["description"]) for row in _newsroom["sections"]
)
NEWSROOM_SOURCE: dict[str, str] = _newsroom["newsroom_source"]
# Fictional agencies: their names must never be mistaken for real wire services.
AGENCIES: tuple[dict[str, str], ...] = tuple(_newsroom["agencies"])
AGENCY_SLUGS = tuple(agency["slug"] for agency in AGENCIES)
STAFF: tuple[StaffWriter, ...] = tuple(
    StaffWriter(**{**row, "desks": tuple(row["desks"]), "cities": tuple(row["cities"])})
    for row in _newsroom["staff"]
)
# Agency reporters are bylined in text only: they are not our staff, so they get no Author.
AGENCY_REPORTERS: tuple[str, ...] = tuple(_newsroom["agency_reporters"])
# Real entities only, each with a one-line description: key -> (name, kind, description).
TOPICS: dict[str, tuple[str, str, str]] = {
    key: (row["name"], row["kind"], row["description"]) for key, row in _newsroom["topics"].items()
}
# Lines added when an article is updated some minutes after publication.
UPDATE_PARAGRAPHS: tuple[str, ...] = tuple(_newsroom["update_paragraphs"])

FIRST_NAMES: tuple[str, ...] = tuple(_people["first_names"])
LAST_NAMES: tuple[str, ...] = tuple(_people["last_names"])
FIRMS: tuple[str, ...] = tuple(_people["firms"])
INSTITUTES: tuple[str, ...] = tuple(_people["institutes"])
FILMS: tuple[str, ...] = tuple(_people["films"])
ANALYST_TITLES: tuple[str, ...] = tuple(_people["analyst_titles"])
EXPERT_TITLES: tuple[str, ...] = tuple(_people["expert_titles"])

BEATS: tuple[Beat, ...] = tuple(_beat(row) for row in _read("beats.json"))
