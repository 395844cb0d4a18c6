"""Topic knowledge: what the tagger knows about people, organisations, places, subjects and events.

Plain dataclasses so that the seed, the Django ``Topic`` table and tests can all feed the same
tagger. The Django side turns its rows into :class:`TopicEntry` values and hands them over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["person", "organisation", "place", "subject", "event"]
Status = Literal["active", "suggested", "blocked", "merged"]

KINDS: tuple[str, ...] = ("person", "organisation", "place", "subject", "event")
STATUSES: tuple[str, ...] = ("active", "suggested", "blocked", "merged")


@dataclass(frozen=True, slots=True)
class TopicEntry:
    """One topic as the tagger sees it.

    ``aliases`` are other names that mean this topic and nothing else worth tagging (spellings,
    transliterations, acronyms, titled forms such as "Defense Secretary Lloyd Austin", names in
    other languages and scripts). ``weak_aliases`` are forms that only count as evidence once the
    article has named the topic through a strong form: surnames of people, demonyms of countries.
    A person's surname is added to ``weak_aliases`` automatically (see :func:`weak_forms`).

    ``external_ids`` keys: ``iso3166`` (alpha-2 or subdivision code), ``geonames``, ``iptc``
    (a ``medtop:`` QCode) and ``wikidata``. ``status`` ``merged`` requires ``merged_into`` (a slug).
    ``priority`` breaks ties when one alias names several topics of the same kind ("Georgia":
    the country outranks the US state unless the article says otherwise). ``context`` lists the
    slugs whose presence in an article makes this topic the likely reading of a shared or weak
    alias: the country of a city or state, the country of a party ("Labour" in a British story).
    """

    slug: str
    name: str
    kind: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    weak_aliases: tuple[str, ...] = ()
    external_ids: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    status: str = "active"
    merged_into: str | None = None
    priority: int = 0
    context: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown topic kind {self.kind!r} for {self.slug!r}")
        if self.status not in STATUSES:
            raise ValueError(f"unknown topic status {self.status!r} for {self.slug!r}")
        if self.status == "merged" and not self.merged_into:
            raise ValueError(f"merged topic {self.slug!r} needs merged_into")

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by its strong aliases."""
        return (self.name, *self.aliases)


_SLUG_DROP = re.compile(r"[^\w\s-]", re.UNICODE)
_SLUG_DASH = re.compile(r"[-\s]+")


def clean_name(value: str, *, limit: int = 160) -> str:
    """A name as a topic shows it: the first line only (a name never spans two: a recogniser
    that ran on past a line break took in the next paragraph), whitespace collapsed, trimmed,
    at most ``limit`` characters."""
    first_line = next((line for line in value.splitlines() if line.strip()), "")
    return " ".join(first_line.split())[:limit].strip()


def slugify(value: str) -> str:
    """An ASCII slug, like Django's ``slugify``; non-Latin names fall back to Unicode letters."""
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    candidate = ascii_value if ascii_value.strip() else value
    candidate = _SLUG_DROP.sub("", candidate.replace("'", "").replace("’", "")).strip().lower()
    return _SLUG_DASH.sub("-", candidate).strip("-_")


# Words that make a person's name longer without being a surname ("Martin Luther King Jr.").
_NAME_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "van", "von", "der", "de", "da", "du", "la"})


def weak_forms(entry: TopicEntry) -> tuple[str, ...]:
    """Weak aliases of an entry: explicit ones plus, for people, the surname of the name.

    "Lloyd Austin" gives "Austin"; "Ursula von der Leyen" gives "von der Leyen" and "Leyen" is
    not produced because a bare fragment of a particle surname is not how copy refers to anyone.
    """
    forms = list(entry.weak_aliases)
    if entry.kind == "person":
        tokens = [t for t in entry.name.split() if t.lower().strip(",") not in _NAME_SUFFIXES]
        if len(tokens) >= 2:
            i = len(tokens) - 1
            while i > 1 and tokens[i - 1].lower() in _NAME_PARTICLES:
                i -= 1
            surname = " ".join(tokens[i:])
            if surname not in forms:
                forms.append(surname)
    return tuple(forms)


class Knowledge:
    """A set of topic entries with look-ups by slug and external id; merges resolved."""

    def __init__(self, entries: Iterable[TopicEntry]) -> None:
        self._by_slug: dict[str, TopicEntry] = {}
        for entry in entries:
            # A later entry with the same slug replaces an earlier one: editors' rows override
            # the seed when the Django side passes seed + database together.
            self._by_slug[entry.slug] = entry
        self._by_external: dict[tuple[str, str], str] = {}
        for entry in self._by_slug.values():
            for scheme, value in entry.external_ids.items():
                self._by_external.setdefault((scheme, value.lower()), entry.slug)

    def __len__(self) -> int:
        return len(self._by_slug)

    def __iter__(self) -> Iterator[TopicEntry]:
        return iter(self._by_slug.values())

    def __contains__(self, slug: object) -> bool:
        return slug in self._by_slug

    def get(self, slug: str) -> TopicEntry | None:
        """The entry for a slug, following ``merged_into`` to the surviving topic."""
        entry = self._by_slug.get(slug)
        seen: set[str] = set()
        while entry is not None and entry.status == "merged" and entry.merged_into:
            if entry.slug in seen:  # a merge cycle is a data error; stop rather than spin
                return None
            seen.add(entry.slug)
            entry = self._by_slug.get(entry.merged_into)
        return entry

    def by_external_id(self, scheme: str, value: str) -> TopicEntry | None:
        slug = self._by_external.get((scheme, value.lower()))
        return self.get(slug) if slug else None

    def taggable(self) -> Iterator[TopicEntry]:
        """Entries whose names feed the alias index: everything except blocked topics.

        Merged topics stay so their aliases keep resolving (to the survivor); suggested topics
        stay so the tagger can count them, but the tagger never returns them as topics.
        """
        return (e for e in self._by_slug.values() if e.status != "blocked")
