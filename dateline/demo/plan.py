"""The demo's articles planned in memory, with no database: the same copy every time for a
seed, their times relative to now. `load_demo` writes them; the demo wire sends them.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from dateline.demo.content import (
    AGENCIES,
    AGENCY_REPORTERS,
    ANALYST_TITLES,
    BEATS,
    DEFAULT_COUNT,
    EXPERT_TITLES,
    FILMS,
    FIRMS,
    FIRST_NAMES,
    INSTITUTES,
    LAST_NAMES,
    NEWEST_AGE,
    NEWSROOM_SOURCE,
    SEED,
    SPREAD,
    STAFF,
    UPDATE_PARAGRAPHS,
    Beat,
    StaffWriter,
)


@dataclass
class ArticlePlan:
    """One article as it will be written: pure data, no database."""

    headline: str
    standfirst: str
    body: str
    section: str
    city: str
    published_at: datetime
    topics: list[tuple[str, float]]  # (topic key, score)
    source: str  # source slug
    credit: str = ""
    byline: str = ""
    authors: list[str] = field(default_factory=list)  # author slugs
    is_lead: bool = False
    # Set on the articles chosen to be corrected or updated after publication.
    published_body: str | None = None
    correction_note: str = ""
    corrected_at: datetime | None = None
    update: dict[str, str] = field(default_factory=dict)
    updated_at: datetime | None = None
    pct: str = ""

    @property
    def paragraphs(self) -> int:
        return len(re.findall(r"(?:^|</p>|</blockquote>)<p>", self.body))


_SMALL_WORDS = frozenset(
    ("a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "of", "on", "or",
     "over", "per", "the", "to", "via", "with", "vs")
)  # fmt: skip


def headline_case(text: str) -> str:
    """Title-case a sentence-case headline, keeping acronyms and small words as written."""
    words = text.split(" ")
    out = []
    for index, word in enumerate(words):
        if index and word in _SMALL_WORDS and not words[index - 1].endswith((":", ";")):
            out.append(word)
        elif word[:1].islower() or "-" in word:
            out.append("-".join(part[:1].upper() + part[1:] for part in word.split("-")))
        else:
            out.append(word)
    return " ".join(out)


def _capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _slots(rng: random.Random, scene: Mapping[str, Any]) -> dict[str, Any]:
    """Everything a template may ask for: the scene, numbers and fictional people."""
    whole, tenth = rng.randint(1, 4), rng.randint(1, 9)
    while tenth == whole:  # distinct digits, so a transposed figure is a visible mistake
        tenth = rng.randint(1, 9)
    pct = f"{whole}.{tenth}"
    names = [_person(rng) for _ in range(6)]
    winner, runner_up = _person(rng), _person(rng)
    while runner_up == winner:
        runner_up = _person(rng)
    sets = rng.choice(("6-4, 7-5", "7-6, 6-3", "3-6, 6-4, 7-5", "6-2, 6-4", "4-6, 7-6, 6-3"))
    slots: dict[str, Any] = {
        "official": "a spokesperson",
        "n": rng.randint(12, 48),
        "n2": rng.randint(3, 11),
        "n3": rng.randrange(80, 400, 10),
        # House style spells out numbers below 10 ("three days", "12 months").
        "days": rng.choice(("two", "three", "four")),
        "weeks": rng.choice(("two", "three", "four", "five", "six")),
        "months": rng.choice(("six", "nine", "12", "18")),
        "years": rng.choice(("three", "four", "five", "six")),
        "m": rng.randrange(40, 400, 10),
        "share": rng.randint(18, 46),
        "pct": pct,
        "pct2": f"{float(pct) + rng.randint(2, 8) / 10:.1f}",
        "growth": f"{rng.randint(8, 34) / 10:.1f}",
        "k": f"{rng.randrange(1200, 48000, 100):,}",
        "race_time": f"2:0{rng.randint(3, 9)}:{rng.randint(10, 59)}",
        "gap": rng.randint(4, 58),
        "km": rng.choice((30, 32, 35, 38)),
        "temp": rng.randint(8, 16),
        "score": sets,
        "round": rng.choice(("quarter-finals", "semi-finals", "final", "third round")),
        "minutes": rng.randint(78, 165),
        "film": rng.choice(FILMS),
        "winner": winner,
        "runner_up": runner_up,
        "analyst": f"{names[0]}, {rng.choice(ANALYST_TITLES)} at {rng.choice(FIRMS)}",
        "expert": f"{names[1]}, {rng.choice(EXPERT_TITLES)} at {rng.choice(INSTITUTES)}",
        "scientist": f"{names[2]}, a scientist on the team",
        "aid_worker": f"{names[2]}, who coordinates the agency's work in the area",
        "politician": f"{names[3]}, a member of the committee",
        "executive": f"{names[3]}, the company's chief executive",
        "doctor": f"{names[4]}, a doctor who works in public health",
        "curator": f"{names[4]}, the curator of the exhibition",
        "director": names[5],
        "critic": f"{names[0]}, a film critic",
        "festival_director": f"{names[1]}, the festival's director",
    }
    slots.update({key: value for key, value in scene.items() if key != "topics"})
    for key, value in list(slots.items()):
        if isinstance(value, str):
            slots[f"{key}_cap"] = _capfirst(value)
    return slots


def _fill(template: str, slots: Mapping[str, Any]) -> str:
    return _capfirst(template.format_map(slots))


def _quote_html(rng: random.Random, quote: tuple[str, str], slots: Mapping[str, Any]) -> str:
    text, who = _fill(quote[0], slots), quote[1].format_map(slots)
    if rng.random() < 0.3:
        # "Jane Doe, an analyst at X, said:" needs the closing comma of the apposition.
        lead_in = f"{_capfirst(who)}," if "," in who else _capfirst(who)
        return f"<p>{lead_in} said:</p><blockquote><p>“{text}”</p></blockquote>"
    # Wire style: the quote's full stop becomes a comma before the attribution.
    said = f"{text[:-1]}," if text.endswith(".") else text
    return f"<p>“{said}” said {who}.</p>"


def _article_text(
    rng: random.Random, beat: Beat, scene: Mapping[str, Any], headline_template: str
) -> tuple[str, str, str, dict[str, Any]]:
    slots = _slots(rng, scene)
    headline = headline_case(_fill(headline_template, slots))
    standfirst = _fill(rng.choice(beat.standfirsts), slots)
    details = list(beat.details)
    if scene.get("note"):
        details.insert(0, "{note}")
    # 4 to 7 paragraphs: lede, 1 to 4 details, a quote, a closing line.
    picked = rng.sample(details, k=min(len(details), rng.randint(1, 4)))
    paragraphs = [f"<p>{_fill(rng.choice(beat.ledes), slots)}</p>"]
    paragraphs += [f"<p>{_fill(line, slots)}</p>" for line in picked]
    paragraphs.insert(
        rng.randint(2, len(paragraphs)), _quote_html(rng, rng.choice(beat.quotes), slots)
    )
    paragraphs.append(f"<p>{_fill(rng.choice(beat.closers), slots)}</p>")
    return headline, standfirst, "".join(paragraphs), slots


def _topics_for(
    rng: random.Random, beat: Beat, scene: Mapping[str, Any]
) -> list[tuple[str, float]]:
    keys = list(dict.fromkeys((*scene["topics"], *beat.subjects)))[:6]
    score = 0.95
    topics = []
    for key in keys:
        topics.append((key, round(score, 2)))
        score -= rng.uniform(0.05, 0.15)
    return topics


def _times(rng: random.Random, count: int, now: datetime) -> list[datetime]:
    """Publication times over the last day, newest first and exactly `NEWEST_AGE` old."""
    span = (SPREAD - NEWEST_AGE - timedelta(minutes=10)).total_seconds()
    ages = sorted(rng.uniform(60, span) for _ in range(max(count - 1, 0)))
    return [now - NEWEST_AGE] + [now - NEWEST_AGE - timedelta(seconds=age) for age in ages]


def plan_demo(
    *, count: int = DEFAULT_COUNT, now: datetime | None = None, seed: int = SEED
) -> list[ArticlePlan]:
    """The demo articles, newest first: the same text every time, times relative to `now`.

    Another `seed` gives other copy (the demo wire uses it for fresh items)."""
    now = now or timezone.now()
    rng = random.Random(seed)
    order = [beat for beat in BEATS for _ in range(beat.weight)]
    rng.shuffle(order)
    used: set[tuple[str, int, int]] = set()
    last_scene: dict[str, int] = {}
    headlines: set[str] = set()
    times = _times(rng, count, now)
    plans: list[ArticlePlan] = []
    for index in range(count):
        beat = order[index % len(order)]
        for _attempt in range(10):
            scene_index, headline_index = _pick(rng, beat, used, last_scene.get(beat.key))
            scene = beat.scenes[scene_index]
            headline, standfirst, body, slots = _article_text(
                rng, beat, scene, beat.headlines[headline_index]
            )
            used.add((beat.key, scene_index, headline_index))
            if headline not in headlines:
                break
        headlines.add(headline)
        last_scene[beat.key] = scene_index
        plan = ArticlePlan(
            headline=headline,
            standfirst=standfirst,
            body=body,
            section=beat.section,
            city=scene["city"],
            published_at=times[index],
            topics=_topics_for(rng, beat, scene),
            source=NEWSROOM_SOURCE["slug"],
            pct=slots["pct"],
        )
        if rng.random() < 0.45:
            writers = _writers_for(rng, beat.section, scene["city"])
            plan.authors = [writer.slug for writer in writers]
            plan.byline = "By " + " and ".join(writer.name for writer in writers)
        else:
            agency = rng.choice(AGENCIES)
            plan.source, plan.credit = agency["slug"], agency["credit"]
            if rng.random() < 0.2:
                plan.byline = f"By {rng.choice(AGENCY_REPORTERS)}, {agency['name']}"
        plans.append(plan)
    _choose_leads(plans, now)
    _choose_updates(rng, plans, now)
    _choose_corrections(rng, plans, now)
    return plans


def _pick(
    rng: random.Random, beat: Beat, used: set[tuple[str, int, int]], last_scene: int | None
) -> tuple[int, int]:
    """A (scene, headline) pair, preferring unused pairs so the front page rarely repeats."""
    for _ in range(20):
        scene_index = rng.randrange(len(beat.scenes))
        headline_index = rng.randrange(len(beat.headlines))
        fresh = (beat.key, scene_index, headline_index) not in used
        # Most wire headlines fit a line; keep about a third of them long.
        short = _headline_length(beat, scene_index, headline_index) <= 70
        if fresh and scene_index != last_scene and (short or rng.random() < 0.3):
            break
    return scene_index, headline_index


def _headline_length(beat: Beat, scene_index: int, headline_index: int) -> int:
    """About how long a headline comes out (numbers and names vary a little)."""
    slots = _slots(random.Random(0), beat.scenes[scene_index])
    return len(beat.headlines[headline_index].format_map(slots))


def _writers_for(rng: random.Random, section: str, city: str) -> list[StaffWriter]:
    """The correspondent whose patch it is, else a desk writer; now and then both."""
    desk = [w for w in STAFF if section in w.desks and not w.cities]
    local = [w for w in STAFF if section in w.desks and city in w.cities]
    if not local:
        return [rng.choice(desk)]
    if desk and rng.random() < 0.15:
        return [local[0], rng.choice(desk)]
    return local[:1]


LEAD_SECTIONS = ("world", "politics", "business", "science", "health")


def _choose_leads(plans: Sequence[ArticlePlan], now: datetime) -> None:
    """Four recent articles from the hard-news desks, one per desk, lead the home page.

    Three are the newest; the fourth has been up for a while, so it can carry an update.
    """
    seen: set[str] = set()
    for plan in plans[:30]:
        if plan.section in LEAD_SECTIONS and plan.section not in seen:
            plan.is_lead = True
            seen.add(plan.section)
        if len(seen) == 3:
            break
    for plan in plans[:60]:
        settled = now - plan.published_at >= timedelta(minutes=40)
        if settled and plan.section in LEAD_SECTIONS and plan.section not in seen:
            plan.is_lead = True
            break


def _choose_updates(rng: random.Random, plans: Sequence[ArticlePlan], now: datetime) -> None:
    """One lead and two older articles get a later paragraph, so "Updated" shows."""
    leads = [p for p in plans if p.is_lead and now - p.published_at >= timedelta(minutes=30)]
    older = [
        p
        for p in plans
        if timedelta(hours=2) <= now - p.published_at <= timedelta(hours=12) and not p.is_lead
    ]
    chosen = leads[:1] + older[:: max(len(older) // 2, 1)][:2]
    for number, plan in enumerate(chosen):
        if plan.paragraphs >= 7:  # keep to 7 paragraphs: replace the closer instead
            plan.body = plan.body[: plan.body.rfind("<p>")]
        age = now - plan.published_at
        plan.updated_at = plan.published_at + min(age / 2, timedelta(minutes=rng.randint(12, 50)))
        line = UPDATE_PARAGRAPHS[number % len(UPDATE_PARAGRAPHS)]
        plan.update = {"body": f"{plan.body}<p>{line}</p>"}
        if number == 1:
            plan.update["standfirst"] = f"{plan.standfirst[:-1]}, officials said later."


def _choose_corrections(rng: random.Random, plans: Sequence[ArticlePlan], now: datetime) -> None:
    """Two articles first went out with a transposed figure, fixed an hour or so later."""
    candidates = [
        p
        for p in plans
        if now - p.published_at >= timedelta(hours=3)
        and not p.update
        and f"{p.pct} percent" in p.body
        and p.pct not in p.headline
    ]
    for plan in candidates[:: max(len(candidates) // 2, 1)][:2]:
        wrong = plan.pct[::-1]  # "3.2" -> "2.3", the classic slip of a keyboard
        plan.published_body = plan.body.replace(f"{plan.pct} percent", f"{wrong} percent", 1)
        plan.corrected_at = plan.published_at + timedelta(minutes=rng.randint(40, 110))
        plan.correction_note = (
            f"An earlier version of this article gave a figure of {wrong} percent. "
            f"The correct figure is {plan.pct} percent."
        )


# ---------------------------------------------------------------------------
# Writing to the database
# ---------------------------------------------------------------------------
