"""Write the labelled story set: synthetic articles, every word written for dateline.

`python bench/stories/generate.py` rewrites `articles.jsonl` (deterministic: seed 7, the
committed set); `--seed N --out FILE` draws another set of the same kind, so that the engine
can be measured on sets it was not tuned on (`bench/bench_stories.py --seeds 4,5,6` draws
them in memory). Each event gets first reports from several sources in their own words,
re-sent or lightly retouched copies, and follow-ups hours later; look-alikes share a place,
a person or the kind of event with another event. `story` is the gold label.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_SEED = 7  # the committed articles.jsonl
SOURCES = ["Meridian Press", "Northwind Wire", "Harbor News Agency", "Atlas Newswire"]
PLACES = [
    ("Valparaiso", "Chile"), ("Mombasa", "Kenya"), ("Gdansk", "Poland"), ("Porto", "Portugal"),
    ("Cebu", "Philippines"), ("Tromso", "Norway"), ("Izmir", "Turkey"), ("Recife", "Brazil"),
    ("Da Nang", "Vietnam"), ("Accra", "Ghana"), ("Tbilisi", "Georgia"), ("Halifax", "Canada"),
    ("Adelaide", "Australia"), ("Lyon", "France"), ("Bilbao", "Spain"), ("Osaka", "Japan"),
    ("Cork", "Ireland"), ("Tartu", "Estonia"), ("Arequipa", "Peru"), ("Kumasi", "Ghana"),
    ("Dundee", "Scotland"), ("Graz", "Austria"),
]  # fmt: skip
FIRST = [
    "Amara",
    "Tomas",
    "Ines",
    "Kofi",
    "Lena",
    "Ravi",
    "Marta",
    "Jonas",
    "Sade",
    "Viktor",
    "Noor",
    "Emil",
    "Yara",
    "Felix",
    "Ana",
]
LAST = [
    "Okonjo",
    "Vidal",
    "Brandt",
    "Mensah",
    "Halvorsen",
    "Qureshi",
    "Lindqvist",
    "Ferreira",
    "Kowal",
    "Tanaka",
    "Oduya",
]
ORGS = [
    "Coastal Rail", "Nordvik Energy", "Sunport Airlines", "Granite Bank", "Helix Pharma",
    "Tidewater Mining", "Bluefin Shipping", "Orchard Foods", "Vantage Motors", "Lumen Telecom",
]  # fmt: skip

# Each kind: first-report headlines and bodies (one per source, in its own words), and
# follow-ups. Slots: place, country, person, org, n, m.
KINDS = {
    "quake": {
        "first": [
            (
                "Strong earthquake shakes {place}, at least {n} dead",
                "A magnitude {m} earthquake struck near {place} on the coast of {country} early on "
                "Tuesday, killing at least {n} people and bringing down buildings in the old town. "
                "Rescue teams were searching the rubble, the civil protection agency said. Power "
                "was cut across much of the region.",
            ),
            (
                "Quake of magnitude {m} hits {country}'s {place}",
                "At least {n} people were killed when an earthquake of magnitude {m} hit {place}, "
                "emergency services in {country} said. Houses collapsed in several districts and "
                "thousands of residents spent the night outdoors for fear of aftershocks.",
            ),
            (
                "{place} earthquake: rescuers dig through rubble",
                "Rescuers in {place} worked through the night to reach survivors trapped under "
                "collapsed homes after a {m} magnitude quake. The death toll stood at {n}, "
                "officials in {country} said, and hospitals asked for blood donors.",
            ),
            (
                "Deadly tremor in {place} leaves thousands without power",
                "The tremor, measured at magnitude {m}, left thousands without electricity in "
                "{place} and killed {n} people. The government of {country} declared an "
                "emergency in the province and sent army engineers.",
            ),
        ],
        "follow": [
            (
                "{place} quake toll rises to {n2} as aftershocks continue",
                "The number of people killed by the earthquake in {place} rose to {n2} on "
                "Wednesday as aftershocks rattled the region. {person}, who leads the rescue "
                "effort, said hope of finding survivors was fading.",
            ),
            (
                "{country} pledges rebuilding fund after {place} earthquake",
                "{person} announced a fund of {m2} million to rebuild schools and homes destroyed "
                "in the {place} earthquake, and promised inspections of every public building.",
            ),
        ],
    },
    "strike": {
        "first": [
            (
                "{org} workers walk out over pay in {place}",
                "Thousands of {org} workers in {place} began an indefinite strike on Monday after "
                "talks on a {n} percent pay rise broke down. Union leader {person} said members "
                "would not return until the company improved its offer.",
            ),
            (
                "Strike halts {org} in {place}",
                "Services run by {org} came to a standstill in {place} as staff walked out in a "
                "dispute over wages. The union, led by {person}, wants a raise of {n} percent.",
            ),
            (
                "{person} leads {org} walkout as pay talks collapse",
                "Talks between {org} and its workers collapsed in {place}, and the union called "
                "a strike from Monday. {person} accused managers of ignoring the cost of living "
                "and demanded {n} percent more pay.",
            ),
            (
                "Pay dispute: {org} staff strike in {country}",
                "Employees of {org} in {place}, {country}, stopped work over pay, the union said. "
                "Negotiators had failed to agree on a {n} percent increase after weeks of talks.",
            ),
        ],
        "follow": [
            (
                "{org} and union reach deal, ending {place} strike",
                "The strike at {org} in {place} ended on Thursday after the company agreed to a "
                "pay rise of {n2} percent. {person} told members to return to work on Friday.",
            ),
            (
                "{org} strike enters third day with no talks planned",
                "No talks were scheduled as the strike at {org} in {place} entered its third day. "
                "{person} said the union fund could support members for weeks.",
            ),
        ],
    },
    "flood": {
        "first": [
            (
                "Floods force thousands from homes in {place}",
                "Heavy rain flooded low-lying districts of {place} on Saturday, forcing about "
                "{n}00 families from their homes. The river rose {m} metres overnight, the "
                "weather service in {country} said.",
            ),
            (
                "{place} river bursts its banks after days of rain",
                "The river running through {place} burst its banks after three days of rain, "
                "flooding streets and cutting roads. About {n}00 households were evacuated.",
            ),
            (
                "Rescue boats in {place} streets as water rises",
                "Boats carried residents to safety from flooded streets in {place}, {country}, "
                "as water levels rose by {m} metres. Schools were closed and trains halted.",
            ),
            (
                "{country} sends troops to flooded {place}",
                "Soldiers were sent to {place} to help evacuate residents after floods drove "
                "about {n}00 families from their homes, the defence ministry of {country} said.",
            ),
        ],
        "follow": [
            (
                "Waters recede in {place}, leaving mud and damage",
                "Flood water began to recede in {place} on Monday, leaving streets covered in mud. "
                "{person}, the mayor, estimated the damage at {m2} million.",
            ),
            (
                "{place} flood victims criticise slow warnings",
                "Residents of {place} said warnings of the flood came too late. {person} promised "
                "an inquiry into the alert system.",
            ),
        ],
    },
    "merger": {
        "first": [
            (
                "{org} agrees to buy rival in {m2} million deal",
                "{org} said on Tuesday it had agreed to buy a smaller rival for {m2} million, "
                "creating the largest company of its kind in {country}. Chief executive {person} "
                "said the deal would close within {n} months.",
            ),
            (
                "{org} to acquire competitor, shares jump",
                "Shares in {org} rose {n} percent after the company announced a takeover worth "
                "{m2} million. {person} said the combined group would keep its base in {place}.",
            ),
            (
                "{person}'s {org} strikes takeover deal",
                "{org}, run by {person}, will pay {m2} million for a competitor, the company said "
                "in {place}. Regulators in {country} must approve the purchase.",
            ),
            (
                "Regulators to review {org} takeover",
                "Competition authorities in {country} will examine the planned {m2} million "
                "takeover by {org}, which is based in {place}, officials said.",
            ),
        ],
        "follow": [
            (
                "Regulator opens in-depth probe of {org} deal",
                "The competition regulator of {country} opened an in-depth investigation into "
                "the takeover by {org}, citing concerns over prices. {person} said the company "
                "would cooperate.",
            ),
            (
                "{org} shareholders back takeover",
                "Shareholders of {org} approved the {m2} million takeover at a meeting in "
                "{place}, with {n}0 percent of votes in favour.",
            ),
        ],
    },
    "election": {
        "first": [
            (
                "{person} wins mayoral race in {place}",
                "{person} won the election for mayor of {place} with {n}0 percent of the vote, "
                "results showed on Sunday night. Turnout was {m}0 percent, the electoral "
                "commission of {country} said.",
            ),
            (
                "{place} elects {person} as mayor",
                "Voters in {place} chose {person} as their new mayor, giving the challenger a "
                "clear win over the incumbent. {person} promised cheaper public transport.",
            ),
            (
                "Challenger {person} takes {place} city hall",
                "In a result that surprised pollsters, {person} took city hall in {place} with "
                "{n}0 percent. Supporters celebrated in the main square.",
            ),
            (
                "{country}: {person} victorious in {place} vote",
                "{person} was declared the winner of the mayoral vote in {place}, {country}, "
                "after a campaign dominated by housing costs.",
            ),
        ],
        "follow": [
            (
                "New {place} mayor {person} names deputies",
                "{person}, elected mayor of {place} last week, named three deputies and said the "
                "first budget would freeze transport fares.",
            ),
            (
                "Loser in {place} vote demands recount",
                "The outgoing mayor of {place} asked for a recount, saying irregularities had "
                "affected {n}00 ballots. {person} called the request a delay tactic.",
            ),
        ],
    },
    "fire": {
        "first": [
            (
                "Wildfire near {place} forces evacuations",
                "A wildfire driven by strong winds spread through forest near {place}, forcing "
                "the evacuation of {n} villages. Firefighters from across {country} joined the "
                "effort, officials said.",
            ),
            (
                "Firefighters battle blaze outside {place}",
                "Hundreds of firefighters battled a blaze in hills outside {place} on Friday. "
                "About {n} villages were emptied as flames came close to homes.",
            ),
            (
                "Villages evacuated as fire spreads in {country}",
                "Flames spread over {m}000 hectares near {place} in {country}, and residents of "
                "{n} villages were told to leave. Aircraft dropped water on the front.",
            ),
            (
                "{place} wildfire: {n} villages emptied",
                "Authorities emptied {n} villages near {place} as the wildfire grew to {m}000 "
                "hectares. No deaths were reported.",
            ),
        ],
        "follow": [
            (
                "Wildfire near {place} contained after four days",
                "Firefighters contained the wildfire near {place} on Tuesday after it burned "
                "{m2}00 hectares. {person}, the regional fire chief, said residents could return.",
            ),
            (
                "Arson suspected in {place} wildfire, police say",
                "Police arrested a man on suspicion of starting the wildfire near {place}. "
                "{person} said investigators found traces of fuel.",
            ),
        ],
    },
    "launch": {
        "first": [
            (
                "{org} unveils new product line in {place}",
                "{org} presented its new range at an event in {place} on Wednesday. {person} said "
                "the products would reach shops in {n} countries by spring.",
            ),
            (
                "{person} shows off {org}'s latest range",
                "{person}, head of {org}, showed off the company's latest range in {place}, "
                "promising prices {n} percent lower than competitors.",
            ),
            (
                "{org} bets on new range to win back customers",
                "At a launch in {place}, {org} introduced a new range it hopes will win back "
                "customers after a difficult year in {country}.",
            ),
            (
                "New {org} range goes on sale in {n} countries",
                "{org} said its new range would go on sale in {n} countries, after a launch "
                "event in {place} led by {person}.",
            ),
        ],
        "follow": [
            (
                "{org} range sells out in first week",
                "The new range from {org} sold out in its first week, the company said, and "
                "{person} promised more stock within {n} days.",
            ),
            (
                "Complaints follow {org} launch",
                "Customers complained of delivery delays after the {org} launch, and {person} "
                "apologised in a statement from {place}.",
            ),
        ],
    },
    "court": {
        "first": [
            (
                "Court in {place} convicts {person} of fraud",
                "A court in {place} found {person} guilty of fraud on Thursday over the "
                "collapse of an investment fund that lost {m2} million of savers' money. "
                "Sentencing is due in {n} weeks.",
            ),
            (
                "{person} found guilty in {place} fund case",
                "Judges in {place} convicted {person} over the failed fund, ruling that investors "
                "in {country} had been misled about its losses.",
            ),
            (
                "Guilty verdict for {person} over fund collapse",
                "{person} was convicted of fraud by a court in {place}. The fund's collapse cost "
                "thousands of savers {m2} million.",
            ),
            (
                "{country} court convicts fund manager {person}",
                "A court in {country} convicted {person}, the manager of a collapsed fund, "
                "after a trial in {place} that lasted {n} months.",
            ),
        ],
        "follow": [
            (
                "{person} sentenced to {n} years over fund fraud",
                "The court in {place} sentenced {person} to {n} years in prison for fraud and "
                "ordered the return of {m2} million to savers.",
            ),
            (
                "{person} to appeal fraud conviction",
                "Lawyers for {person} said they would appeal the fraud verdict handed down in "
                "{place}, calling the trial unfair.",
            ),
        ],
    },
}

REWRITES = [
    ("said on", "said on"), (" people", " residents"), ("officials said", "authorities said"),
    ("on Monday", "on Monday morning"), ("said.", "said in a statement."),
]  # fmt: skip


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def fill(text: str, slots: dict) -> str:
    return text.format(**slots)


def dateline(place: str, source: str, body: str) -> str:
    return f"{place.upper()} ({source}) — {body}"


def build(seed: int = DEFAULT_SEED) -> list[dict]:
    """The labelled articles drawn with `seed`, in time order, ids a001... in that order."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 2, 6, tzinfo=UTC)
    articles: list[dict] = []
    kinds = sorted(KINDS)
    people = [person(rng) for _ in range(40)]
    events = []
    for number in range(66):
        kind = kinds[number % len(kinds)]
        # Look-alikes: places and people are drawn from small pools, so the same place or
        # person turns up in other events (some at the same time, some days apart).
        # Two events of one kind in one place within days would be one event to any
        # reader too, so such a draw is made again: gold must be decidable.
        when = start + timedelta(hours=rng.randint(0, 14 * 24))
        while True:
            place, country = PLACES[rng.randrange(len(PLACES))]
            if not any(
                k == kind and s["place"] == place and abs(w - when) < timedelta(days=5)
                for _, k, s, w in events
            ):
                break
        slots = {
            "place": place,
            "country": country,
            "person": people[rng.randrange(len(people))],
            "org": rng.choice(ORGS),
            "n": rng.randint(3, 9),
            "m": rng.randint(5, 7),
            "n2": rng.randint(11, 60),
            "m2": rng.randint(12, 900),
        }
        events.append((f"e{number:02d}", kind, slots, when))
    for event_id, kind, slots, when in events:
        templates = KINDS[kind]
        sources = rng.sample(SOURCES, rng.randint(2, 4))
        for index, source in enumerate(sources):
            headline, body = templates["first"][(index + rng.randint(0, 3)) % 4]
            at = when + timedelta(minutes=rng.randint(0, 90))
            text = dateline(slots["place"], source, fill(body, slots))
            articles.append(_article(event_id, source, fill(headline, slots), text, at))
            if rng.random() < 0.35:  # the copy re-sent or lightly retouched
                old, new = rng.choice(REWRITES)
                copy = text.replace(old, new, 1) + " More details to follow."
                again = rng.choice([source, rng.choice(SOURCES)])
                articles.append(
                    _article(
                        event_id, again, fill(headline, slots), copy, at + timedelta(minutes=25)
                    )
                )
        for follow in rng.sample(templates["follow"], rng.randint(1, 2)):
            at = when + timedelta(hours=rng.randint(6, 40))
            source = rng.choice(sources)
            headline, body = follow
            text = dateline(slots["place"], source, fill(body, slots))
            articles.append(_article(event_id, source, fill(headline, slots), text, at))
    articles.sort(key=lambda a: (a["published"], a["id"]))
    for number, article in enumerate(articles, start=1):
        article["id"] = f"a{number:03d}"
    return articles


def _article(story: str, source: str, headline: str, body: str, at: datetime) -> dict:
    return {
        "id": "",
        "headline": headline,
        "body": body,
        "published": at.isoformat(),
        "source": source,
        "story": story,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=HERE / "articles.jsonl")
    args = parser.parse_args()
    rows = build(args.seed)
    with args.out.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles in {len({r['story'] for r in rows})} stories (seed {args.seed})")


if __name__ == "__main__":
    main()
