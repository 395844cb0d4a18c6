"""Write bench/tagging/articles.jsonl: synthetic news articles with gold topics.

Every sentence here was written for dateline's evaluation; nothing is copied from real news.
Articles come from templates filled from small pools (so the set can grow) plus hand-written
trap articles. Gold topics are the people, organisations, places and the subject an editor
would tag: what the story is about, not every name it passes (a place named once in the last
paragraph is not gold). Unknown people the story is about go to ``gold_suggested``.

Run: .venv/bin/python bench/tagging/make_eval.py   (deterministic; rewrites the JSONL)
"""

# One data row per line reads best in review, so long rows are allowed here.
# ruff: noqa: E501

from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).with_name("articles.jsonl")

POLITICS = "politics"
CONFLICT = "conflict-war-and-peace"
ECONOMY = "economy-business-and-finance"
SPORT = "sport"
SCIENCE = "science-and-technology"
HEALTH = "health"
CRIME = "crime-law-and-justice"
ENVIRONMENT = "environment"
DISASTER = "disaster-accident-and-emergency-incident"

# (slug, full name, title, surname, country slug, capital slug, capital name)
LEADERS = [
    ("volodymyr-zelensky", "Volodymyr Zelensky", "Ukrainian President", "Zelensky", "ukraine", "kyiv", "Kyiv"),
    ("emmanuel-macron", "Emmanuel Macron", "French President", "Macron", "france", "paris", "Paris"),
    ("olaf-scholz", "Olaf Scholz", "German Chancellor", "Scholz", "germany", "berlin", "Berlin"),
    ("keir-starmer", "Keir Starmer", "British Prime Minister", "Starmer", "united-kingdom", "london", "London"),
    ("narendra-modi", "Narendra Modi", "Indian Prime Minister", "Modi", "india", "new-delhi", "New Delhi"),
    ("shehbaz-sharif", "Shehbaz Sharif", "Pakistani Prime Minister", "Sharif", "pakistan", "islamabad", "Islamabad"),
    ("recep-tayyip-erdogan", "Recep Tayyip Erdogan", "Turkish President", "Erdogan", "turkey", "ankara", "Ankara"),
    ("giorgia-meloni", "Giorgia Meloni", "Italian Prime Minister", "Meloni", "italy", "rome", "Rome"),
    ("donald-tusk", "Donald Tusk", "Polish Prime Minister", "Tusk", "poland", "warsaw", "Warsaw"),
    ("anthony-albanese", "Anthony Albanese", "Australian Prime Minister", "Albanese", "australia", "canberra", "Canberra"),
    ("cyril-ramaphosa", "Cyril Ramaphosa", "South African President", "Ramaphosa", "south-africa", "pretoria", "Pretoria"),
    ("javier-milei", "Javier Milei", "Argentine President", "Milei", "argentina", "buenos-aires", "Buenos Aires"),
    ("william-ruto", "William Ruto", "Kenyan President", "Ruto", "kenya", "nairobi", "Nairobi"),
    ("pedro-sanchez", "Pedro Sanchez", "Spanish Prime Minister", "Sanchez", "spain", "madrid", "Madrid"),
    ("shigeru-ishiba", "Shigeru Ishiba", "Japanese Prime Minister", "Ishiba", "japan", "tokyo", "Tokyo"),
    ("claudia-sheinbaum", "Claudia Sheinbaum", "Mexican President", "Sheinbaum", "mexico", "mexico-city", "Mexico City"),
    ("justin-trudeau", "Justin Trudeau", "Canadian Prime Minister", "Trudeau", "canada", "ottawa", "Ottawa"),
    ("masoud-pezeshkian", "Masoud Pezeshkian", "Iranian President", "Pezeshkian", "iran", "tehran", "Tehran"),
]  # fmt: skip

# (slug, full name, title, surname)
FOREIGN_MINISTERS = [
    ("antony-blinken", "Antony Blinken", "US Secretary of State", "Blinken", "united-states"),
    ("sergei-lavrov", "Sergei Lavrov", "Russian Foreign Minister", "Lavrov", "russia"),
    ("wang-yi", "Wang Yi", "Chinese Foreign Minister", "Wang", "china"),
    ("david-lammy", "David Lammy", "British Foreign Secretary", "Lammy", "united-kingdom"),
    ("hakan-fidan", "Hakan Fidan", "Turkish Foreign Minister", "Fidan", "turkey"),
    ("annalena-baerbock", "Annalena Baerbock", "German Foreign Minister", "Baerbock", "germany"),
    ("ishaq-dar", "Ishaq Dar", "Pakistani Foreign Minister", "Dar", "pakistan"),
    ("abbas-araghchi", "Abbas Araghchi", "Iranian Foreign Minister", "Araghchi", "iran"),
    ("penny-wong", "Penny Wong", "Australian Foreign Minister", "Wong", "australia"),
    ("radoslaw-sikorski", "Radoslaw Sikorski", "Polish Foreign Minister", "Sikorski", "poland"),
]  # fmt: skip

# (slug, name, ceo slug, ceo name, ceo surname, country slug)
COMPANIES = [
    ("nvidia", "Nvidia", "jensen-huang", "Jensen Huang", "Huang", "united-states"),
    ("microsoft", "Microsoft", "satya-nadella", "Satya Nadella", "Nadella", "united-states"),
    ("apple", "Apple", "tim-cook", "Tim Cook", "Cook", "united-states"),
    ("openai", "OpenAI", "sam-altman", "Sam Altman", "Altman", "united-states"),
    ("tesla", "Tesla", "elon-musk", "Elon Musk", "Musk", "united-states"),
    ("meta", "Meta", "mark-zuckerberg", "Mark Zuckerberg", "Zuckerberg", "united-states"),
    ("google", "Google", "sundar-pichai", "Sundar Pichai", "Pichai", "united-states"),
]  # fmt: skip

# (slug, name, acronym or "", country slug or "", governor slug, governor name, surname, title)
CENTRAL_BANKS = [
    ("federal-reserve", "Federal Reserve", "Fed", "united-states", "jerome-powell", "Jerome Powell", "Powell", "Fed Chair"),
    ("european-central-bank", "European Central Bank", "ECB", "", "christine-lagarde", "Christine Lagarde", "Lagarde", "ECB President"),
]  # fmt: skip

# Unknown people (not in the knowledge): they become suggestions, never topics.
UNKNOWN_PEOPLE = [
    "Miriam Okafor", "Tomasz Wielgus", "Ayesha Qureshi", "Daniel Ferreira", "Hana Lindqvist",
    "Rafael Quintero", "Nadia Haddad", "Oskar Brennan", "Priya Raman", "Jonas Eklund",
    "Farida Mansour", "Lucas Moreau", "Bilal Chaudhry", "Ingrid Solberg", "Mateo Alvarez",
]  # fmt: skip

CITIES = [
    ("karachi", "Karachi", "pakistan"), ("lahore", "Lahore", "pakistan"),
    ("mumbai", "Mumbai", "india"), ("lagos", "Lagos", "nigeria"), ("sao-paulo", "Sao Paulo", "brazil"),
    ("istanbul", "Istanbul", "turkey"), ("manila", "Manila", "philippines"),
    ("jakarta", "Jakarta", "indonesia"), ("cairo", "Cairo", "egypt"), ("toronto", "Toronto", "canada"),
    ("sydney", "Sydney", "australia"), ("chicago", "Chicago", "united-states"),
    ("houston", "Houston", "united-states"), ("johannesburg", "Johannesburg", "south-africa"),
]  # fmt: skip

FILLER = [
    "Officials said the discussions would continue in the coming weeks, with technical teams "
    "meeting before any final decision is announced.",
    "The Government has faced criticism over the pace of Progress, and opposition figures said "
    "the Alliance between the two sides remained fragile.",
    "Analysts cautioned that much depended on details that had not yet been made public, and "
    "that previous rounds had stalled over questions of financing and oversight.",
    "A statement released after the meeting described the atmosphere as constructive. From the "
    "outset, both delegations stressed the need for a timetable.",
    "Several diplomats who attended the session, speaking on condition of anonymity because they "
    "were not authorised to brief reporters, said differences remained on key points.",
    "The announcement came after weeks of speculation and a series of preparatory calls between "
    "senior aides, according to people familiar with the planning.",
    "Markets reacted calmly to the news, and the national currency was little changed by the "
    "close of trading in the afternoon.",
    "Background: the issue has been on the agenda for more than a decade, and several earlier "
    "attempts at an agreement collapsed at the last minute over questions of sequencing, "
    "verification and who would pay for what. Negotiators say the mood this time is different, "
    "though few are willing to predict the outcome.",
    "Critics of the approach argue that it rewards delay and leaves the hardest questions for "
    "later. Supporters counter that small steps have built trust where grand bargains failed, "
    "and point to a string of modest but concrete results over the past two years.",
    "In a separate development, officials confirmed that a working group would publish a report "
    "on implementation before the end of the quarter. The report is expected to set out "
    "milestones and a review mechanism, and to name the agencies responsible for each step.",
    "Opinion polls suggest the public is divided. Roughly half of those surveyed said they "
    "supported the plan in principle, while a third said they wanted more detail before making "
    "up their minds, and the rest said they had not followed the debate.",
    "The Finance Committee is due to examine the costs next month. Its chair said members would "
    "look closely at the assumptions behind the figures, including projected growth, borrowing "
    "costs and the timing of payments, before giving a view.",
    'Community groups welcomed the attention but said promises had been made before. "We will '
    'judge this by what changes on the ground," one organiser said, adding that residents '
    "wanted regular updates and a say in how the money is spent.",
    "Legal experts said parts of the arrangement could face challenges, particularly provisions "
    "that depend on future legislation. They noted that similar measures elsewhere had been "
    "delayed for months while courts considered objections.",
]


def _title_case(text: str) -> str:
    small = {"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to"}
    words = text.split()
    return " ".join(
        w if (i and w.lower() in small) or w[:1].isupper() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _body(rng: random.Random, paragraphs: list[str], fillers: int = 3) -> str:
    # Wire copy runs to 400-600 words; the background paragraphs bring templates to that length
    # (the recogniser reads only the lead, so length matters for the speed comparison).
    body = list(paragraphs)
    for text in rng.sample(FILLER, min(len(FILLER), fillers + 4)):
        body.insert(rng.randint(1, len(body)), text)
    return "\n".join(body)


def bilateral(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        a, b = rng.sample(LEADERS, 2)
        _, a_name, a_title, a_sur, a_country, _, _ = a
        _, b_name, b_title, b_sur, b_country, b_cap_slug, b_cap = b
        topic = rng.choice(["trade", "energy", "migration", "security", "climate finance"])
        headline = f"{a_sur} and {b_sur} agree to deepen {topic} ties in {b_cap}"
        if i % 3 == 0:
            headline = _title_case(headline)
        paragraphs = [
            f"{b_cap.upper()} (Dateline Wire) - {a_title} {a_name} met {b_title} {b_name} in "
            f"{b_cap} on Thursday, and the two leaders agreed to deepen {topic} ties.",
            f'"We have made real progress," {a_sur} told reporters after the talks. {b_sur} said '
            f"the agreement would be reviewed within a year.",
            f"It was {a_sur}'s first visit to {b_cap} since taking office, and the talks ran two "
            f"hours longer than planned, officials in {b_cap} said.",
            f"Trade between the two countries has grown steadily, and {b_sur} said {topic} would "
            f"be at the centre of a joint commission due to meet again in the spring.",
        ]
        gold = [a[0], b[0], b_cap_slug, POLITICS]
        out.append(
            {
                "section": "world",
                "headline": headline,
                "standfirst": f"The leaders of two countries signed a joint statement on {topic}.",
                "body": _body(rng, paragraphs),
                "gold": gold,
                "traps": ["title-case headline"] if i % 3 == 0 else [],
            }
        )
    return out


def foreign_ministers(rng: random.Random, n: int) -> list[dict]:
    out = []
    venues = [("geneva", "Geneva"), ("vienna", "Vienna"), ("doha", "Doha"), ("riyadh", "Riyadh")]
    for i in range(n):
        a, b = rng.sample(FOREIGN_MINISTERS, 2)
        v_slug, venue = venues[i % len(venues)]
        un = i % 2 == 0
        headline = f"{a[3]} and {b[3]} hold talks in {venue} as pressure mounts for a ceasefire"
        paragraphs = [
            f"{a[2]} {a[1]} and {b[2]} {b[1]} met in {venue} on Monday for talks that both sides "
            f"described as frank.",
            f"{a[3]} said his delegation had come with concrete proposals. {b[3]} said any deal "
            f"must be verified."
            if i % 2
            else f"{a[3]} said her delegation had come with concrete proposals. {b[3]} said any deal "
            f"must be verified.",
            f"The meeting in {venue} was the first between the two ministers this year.",
        ]
        gold = [a[0], b[0], v_slug, POLITICS]
        if un:
            paragraphs.append(
                "The United Nations welcomed the contact, and a UN spokesperson said the "
                "organisation was ready to host further rounds."
            )
            gold.append("united-nations")
        out.append(
            {
                "section": "world",
                "headline": headline,
                "standfirst": "Diplomats said the meeting could open the way to a broader settlement.",
                "body": _body(rng, paragraphs, fillers=2),
                "gold": gold,
                "traps": [],
            }
        )
    return out


def ukraine_war(rng: random.Random, n: int) -> list[dict]:
    out = []
    cities = [("kharkiv", "Kharkiv", "Kharkov"), ("odesa", "Odesa", "Odessa"), ("kyiv", "Kyiv", "Kiev"),
              ("dnipro", "Dnipro", "Dnipropetrovsk"), ("lviv", "Lviv", "Lvov")]  # fmt: skip
    for i in range(n):
        slug, city, old = cities[i % len(cities)]
        spelling = old if i % 2 else city
        nato = i % 3 == 0
        headline = f"Russian Drones Strike {spelling} Overnight, Officials Say"
        paragraphs = [
            f"Russian drones struck {spelling} overnight, damaging homes and power lines, "
            f"Ukrainian officials said on Saturday.",
            f"President Volodymyr Zelensky called on allies to send more air defence systems. "
            f'"Every night {spelling} is under attack," Zelensky said in his evening address.',
            "The Russian Defence Ministry said its forces had hit military targets. Moscow "
            "denies targeting civilians.",
            f"Emergency crews in {city} worked through the night to restore electricity.",
        ]
        paragraphs.insert(1, "Ukraine's air force said it had shot down most of the drones.")
        gold = [slug, "ukraine", "russia", "volodymyr-zelensky", CONFLICT]
        if nato:
            paragraphs.append(
                "NATO Secretary General Mark Rutte condemned the strikes and said NATO allies "
                "would discuss further support. Rutte spoke after a call with Zelensky."
            )
            gold += ["nato", "mark-rutte"]
        out.append(
            {
                "section": "world",
                "headline": headline,
                "standfirst": f"The attack on {spelling} was one of the largest in weeks.",
                "body": _body(rng, paragraphs, fillers=2),
                "gold": gold,
                "traps": ["transliteration"] if spelling == old else [],
            }
        )
    return out


def business(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        slug, name, ceo_slug, ceo, ceo_sur, _country = COMPANIES[i % len(COMPANIES)]
        quarter = rng.choice(["first", "second", "third", "fourth"])
        pct = rng.randint(4, 38)
        headline = f"{name} Profit Beats Forecasts As Demand Holds Up"
        paragraphs = [
            f"{name} reported {quarter}-quarter profit that beat analysts' forecasts, as revenue "
            f"rose {pct} percent from a year earlier.",
            f"Chief executive {ceo} told investors the company would keep investing heavily. "
            f'"Demand has held up better than we expected," {ceo_sur} said.',
            f"Shares of {name} rose in after-hours trading. The company said it expects revenue "
            f"growth to continue next quarter.",
        ]
        gold = [slug, ceo_slug, ECONOMY]
        out.append(
            {
                "section": "business",
                "headline": headline,
                "standfirst": f"{name}'s results lifted shares across the technology sector.",
                "body": _body(rng, paragraphs, fillers=2),
                "agency_subjects": ["medtop:04000000"] if i % 2 else [],
                "gold": gold,
                "traps": ["title-case headline"],
            }
        )
    return out


def central_banks(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        slug, name, acro, country, gov_slug, gov, gov_sur, title = CENTRAL_BANKS[i % 2]
        move = rng.choice(["held interest rates steady", "cut interest rates by a quarter point"])
        paragraphs = [
            f"The {name} {move} on Wednesday, saying inflation was easing but remained above "
            f"target.",
            f'{title} {gov} said policymakers would watch the data closely. "We are not on a '
            f'preset course," {gov_sur} told a news conference.',
            f"Investors had widely expected the decision. The {acro} said further moves would "
            f"depend on wages and energy prices.",
        ]
        out.append(
            {
                "section": "economy",
                "headline": f"{acro} {move.split(' by')[0]} as inflation eases",
                "standfirst": f"{gov_sur} said the bank would not rush its next step.",
                "body": _body(rng, paragraphs, fillers=1),
                "gold": [slug, gov_slug, ECONOMY],
                "traps": ["acronym"],
            }
        )
    return out


def local(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        c_slug, city, _country = CITIES[i % len(CITIES)]
        person = UNKNOWN_PEOPLE[i % len(UNKNOWN_PEOPLE)]
        surname = person.split()[-1]
        issue = rng.choice(["bus routes", "flood defences", "school meals", "street lighting"])
        paragraphs = [
            f"{city} city council voted on Tuesday to expand {issue}, after a campaign led by "
            f"councillor {person}.",
            f'"Residents asked for this for years," {surname} said after the vote. The plan '
            f"will be paid for from the city's reserves.",
            f"{surname} said work in {city} would begin before the end of the year, and that "
            f"neighbouring districts had asked to join the scheme.",
        ]
        out.append(
            {
                "section": "local",
                "headline": f"{city} council backs plan to expand {issue}",
                "standfirst": f"Councillors in {city} approved the scheme by a wide margin.",
                "body": _body(rng, paragraphs, fillers=1),
                "gold": [c_slug],
                "gold_suggested": [person],
                "traps": ["unknown person"],
            }
        )
    return out


def sport(rng: random.Random, n: int) -> list[dict]:
    out = []
    hosts = [("paris", "Paris"), ("london", "London"), ("madrid", "Madrid"), ("tokyo", "Tokyo"),
             ("sydney", "Sydney"), ("istanbul", "Istanbul")]  # fmt: skip
    for i in range(n):
        h_slug, host = hosts[i % len(hosts)]
        player = UNKNOWN_PEOPLE[(i + 5) % len(UNKNOWN_PEOPLE)]
        sur = player.split()[-1]
        body_org = ("uefa", "UEFA") if i % 2 else ("fifa", "FIFA")
        paragraphs = [
            f"{player} scored twice as the home side won the final in {host} on Sunday, "
            f"sealing a first continental title in a decade.",
            f'"This is for the fans who waited so long," {sur} said. The coach praised the '
            f"team's defending in the second half.",
            f"{body_org[1]} officials presented the trophy, and {body_org[1]} said attendance in "
            f"{host} set a record for the competition.",
        ]
        out.append(
            {
                "section": "sport",
                "headline": f"{sur} Double Seals Final Win In {host}",
                "standfirst": f"A late goal settled the final in front of a record crowd in {host}.",
                "body": _body(rng, paragraphs, fillers=0),
                "agency_subjects": ["medtop:15000000"],
                "gold": [h_slug, body_org[0], SPORT],
                "gold_suggested": [player],
                "traps": ["title-case headline", "unknown person"],
            }
        )
    return out


def science(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        if i % 2:
            paragraphs = [
                "NASA said on Friday that its new telescope had captured the sharpest images yet "
                "of a distant galaxy cluster.",
                "Scientists at NASA said the data would help researchers study how galaxies "
                "formed. The study was published in a peer-reviewed journal.",
                "The agency plans further observations next year, including a joint campaign "
                "with the European Space Agency.",
            ]
            gold = ["nasa", SCIENCE]
            headline = "NASA telescope captures sharpest images of distant galaxies"
        else:
            paragraphs = [
                "The World Health Organization said on Tuesday that cases of a respiratory virus "
                "had risen in several regions, and urged countries to step up testing.",
                "WHO Director-General Tedros Adhanom Ghebreyesus said vaccines remained "
                'effective. "The risk to the general public remains low," Tedros said.',
                "Hospitals in affected areas reported more patients, and the WHO said it would "
                "publish updated guidance within days.",
            ]
            gold = ["world-health-organization", "tedros-adhanom-ghebreyesus", HEALTH]
            headline = "WHO urges more testing as respiratory cases rise"
        out.append(
            {
                "section": "science" if i % 2 else "health",
                "headline": headline,
                "standfirst": "Researchers said the findings would shape work for years.",
                "body": _body(rng, paragraphs, fillers=1),
                "gold": gold,
                "traps": [],
            }
        )
    return out


def middle_east(rng: random.Random, n: int) -> list[dict]:
    out = []
    for i in range(n):
        hamas = i % 2 == 0
        paragraphs = [
            "Israeli Prime Minister Benjamin Netanyahu said on Sunday that talks on a ceasefire "
            "in the Gaza Strip would continue, as mediators in Qatar pressed both sides.",
            (
                "Hamas said it had received a new proposal and was studying it. A Hamas official "
                "said the group wanted guarantees."
            )
            if hamas
            else (
                "Egyptian and Qatari mediators said a new draft was being circulated. Netanyahu "
                "said Israel would not accept a deal that left its security at risk."
            ),
            "Aid agencies warned that conditions in Gaza were deteriorating, with shortages of "
            "food, water and medicine.",
            "Netanyahu spoke after a cabinet meeting in Jerusalem.",
        ]
        gold = ["benjamin-netanyahu", "gaza-strip", "israel" if not hamas else "hamas", CONFLICT]
        if not hamas:
            gold = ["benjamin-netanyahu", "gaza-strip", "israel", "qatar", CONFLICT]
            paragraphs[0] += " Israel has said it wants the hostages home."
        out.append(
            {
                "section": "world",
                "headline": "Netanyahu says Gaza ceasefire talks will continue",
                "standfirst": "Mediators pressed for a deal as aid agencies warned of shortages.",
                "body": _body(rng, paragraphs, fillers=1),
                "gold": gold,
                "traps": [],
            }
        )
    return out


def traps() -> list[dict]:
    """Hand-written articles aimed at one failure each."""
    return [
        {
            "section": "world",
            "headline": "Pentagon Says US, Allies Working On Bilateral Security Guarantee Deals With Ukraine",
            "standfirst": "The United States and its NATO allies are negotiating long-term security commitments for Kyiv.",
            "body": 'WASHINGTON (Dateline Wire) - The United States and its allies are working on bilateral security guarantee deals with Ukraine, Defense Secretary Lloyd Austin said on Tuesday.\n"We will keep working with our allies," Austin told reporters at the Pentagon. The Government in Kiev has asked for air defence and long-range weapons.\nAustin said the Alliance had made Progress over the summer. From the outset, NATO members have coordinated their support for Ukraine.',
            "gold": [
                "pentagon",
                "united-states",
                "ukraine",
                "lloyd-austin",
                "nato",
                "kyiv",
                CONFLICT,
            ],
            "traps": ["the observed portal page", "surname", "Kiev", "generic words"],
        },
        {
            "section": "local",
            "headline": "Austin council approves new transit plan",
            "standfirst": "The Texas capital will add bus lanes on its busiest corridors.",
            "body": 'AUSTIN, Texas (Dateline Wire) - The city council in Austin voted 9-2 on Thursday to add bus lanes on three of the city\'s busiest corridors.\nCouncil member Rebecca Thornton said the plan would cut commuting times. "People in Austin are tired of sitting in traffic," Thornton said.\nThe plan goes next to a public hearing. Thornton said work could begin in the spring.',
            "gold": ["austin", "texas"],
            "gold_suggested": ["Rebecca Thornton"],
            "traps": ["city named like a person"],
        },
        {
            "section": "sport",
            "headline": "Hamilton Quickest In Practice As Rain Looms",
            "standfirst": "Lewis Hamilton set the pace in the first session of the weekend.",
            "body": 'Lewis Hamilton topped the first practice session on Friday, finishing two tenths ahead of his teammate as rain threatened the rest of the weekend.\n"The car felt good from the first lap," Hamilton said. Hamilton has won the race five times.\nForecasters expect heavy showers on Sunday.',
            "agency_subjects": ["medtop:15000000"],
            "gold": [SPORT],
            "gold_suggested": ["Lewis Hamilton"],
            "traps": ["person named like a city (Hamilton)"],
        },
        {
            "section": "world",
            "headline": "Jordan's King Abdullah Meets Blinken In Amman",
            "standfirst": "The talks focused on aid deliveries and regional security.",
            "body": "AMMAN, Jordan (Dateline Wire) - Jordan's King Abdullah II met US Secretary of State Antony Blinken in Amman on Wednesday to discuss aid deliveries.\nBlinken said Jordan played a vital role in getting supplies through. The king urged an end to the fighting.\nBlinken later flew to Cairo for talks with Egyptian officials.",
            "gold": ["jordan", "king-abdullah-ii", "antony-blinken", "amman", POLITICS],
            "traps": ["Jordan country not person"],
        },
        {
            "section": "sport",
            "headline": "Jordan Brand Signs Young Guard To Shoe Deal",
            "standfirst": "The sportswear label announced the signing on Monday.",
            "body": 'Michael Jordan\'s sportswear label said on Monday it had signed a young guard, Marcus Delaney, to a multi-year shoe deal.\nDelaney said he had worn the shoes since childhood. "It is a dream," Delaney said.\nThe terms were not disclosed.',
            "gold": [SPORT],
            "gold_suggested": ["Marcus Delaney"],
            "traps": ["Jordan person not country", "title-case headline"],
        },
        {
            "section": "world",
            "headline": "Georgia Protesters Rally In Tbilisi Over Election Result",
            "standfirst": "Thousands gathered outside parliament in the Georgian capital.",
            "body": "TBILISI (Dateline Wire) - Thousands of protesters rallied in Tbilisi on Sunday, disputing the result of Georgia's parliamentary election.\nThe European Union urged calm and called for an investigation into reported irregularities. The United States said it was following events closely.\nProtest leaders in Tbilisi said they would return every evening.",
            "gold": ["georgia", "tbilisi", "european-union", POLITICS],
            "traps": ["Georgia country vs US state"],
        },
        {
            "section": "politics",
            "headline": "Georgia Voters Head To Polls In Tight Senate Race",
            "standfirst": "The race in the US state could decide control of the chamber.",
            "body": "ATLANTA (Dateline Wire) - Voters in Georgia went to the polls on Tuesday in a tight Senate race that could decide control of the US Senate.\nCampaign officials in Atlanta said turnout was high. Both candidates made final appeals on Monday.\nResults are expected late in the evening, election officials in Georgia said.",
            "gold": ["georgia-us", "us-senate", POLITICS],
            "traps": ["Georgia US state vs country"],
        },
        {
            "section": "politics",
            "headline": "Labour Sets Out Plans For Rail Ownership",
            "standfirst": "The British government will bring train operators into public hands.",
            "body": "LONDON (Dateline Wire) - The Labour government set out plans on Wednesday to bring rail operators in Britain into public ownership as contracts expire.\nPrime Minister Keir Starmer said passengers had waited too long for reliable trains. The Conservatives said the plan would cost taxpayers.\nStarmer said the first operators would move into public hands next year.",
            "gold": ["labour-party", "united-kingdom", "keir-starmer", POLITICS],
            "traps": ["weak alias licensed by context"],
        },
        {
            "section": "business",
            "headline": "Union Says Labour Costs Rise At Car Plant",
            "standfirst": "Workers at the plant want a new pay deal.",
            "body": "Workers at a car plant in Detroit said labour costs had risen sharply this year, according to a union statement.\nThe union said it would seek a new pay deal. Management said talks would start next month.\nThe plant employs about 4,000 people.",
            "gold": [ECONOMY],
            "traps": ["Labour as common noun in title case"],
        },
        {
            "section": "world",
            "headline": "Pakistan, India Trade Accusations At UN",
            "standfirst": "پاکستان اور بھارت کے درمیان اقوام متحدہ میں تلخ تبادلہ",
            "body": "NEW YORK (Dateline Wire) - Pakistan and India traded accusations at the United Nations on Friday over the disputed region of Kashmir.\nPakistani Foreign Minister Ishaq Dar told the General Assembly that the dispute must be resolved. India's envoy rejected the remarks.\nDar later met UN Secretary-General Antonio Guterres.",
            "gold": ["pakistan", "india", "united-nations", "kashmir", "ishaq-dar", POLITICS],
            "traps": ["Urdu standfirst (right-to-left)"],
        },
        {
            "section": "world",
            "language": "ur",
            "headline": "پاکستان اور چین کے درمیان تجارتی معاہدہ",
            "standfirst": "اسلام آباد میں دونوں ممالک کے وزرا نے معاہدے پر دستخط کیے",
            "body": "اسلام آباد: پاکستان اور چین نے جمعرات کو ایک نئے تجارتی معاہدے پر دستخط کیے۔\nحکام کے مطابق معاہدے سے پاکستان کی برآمدات میں اضافہ ہوگا۔",
            "gold": ["pakistan", "china", "islamabad", ECONOMY],
            "traps": ["Urdu article, right-to-left"],
        },
        {
            "section": "world",
            "language": "ar",
            "headline": "وزير الخارجية يزور أوكرانيا",
            "standfirst": "زيارة تستمر يومين إلى كييف",
            "body": "وصل وزير الخارجية إلى أوكرانيا في زيارة رسمية، وأجرى محادثات في كييف مع المسؤولين.\nوقال المسؤولون إن المحادثات تناولت المساعدات الإنسانية لأوكرانيا.",
            "gold": ["ukraine", "kyiv", POLITICS],
            "agency_subjects": ["medtop:11000000"],
            "traps": ["Arabic article, right-to-left"],
        },
        {
            "section": "world",
            "headline": "Peking Duck Festival Draws Crowds In Sydney",
            "standfirst": "Restaurants in the city served thousands of visitors.",
            "body": 'SYDNEY (Dateline Wire) - A festival celebrating Peking duck drew thousands of visitors to restaurants in Sydney over the weekend.\nOrganiser Li Wen said the festival would return next year. "Sydney loves good food," Li said.\nThe event raised money for a local food bank.',
            "gold": ["sydney"],
            "traps": ["Peking in a dish name", "Li surname (Li Qiang) without full name"],
        },
        {
            "section": "politics",
            "headline": "Senator Paris Whitfield Announces Retirement",
            "standfirst": "The veteran lawmaker will not seek another term.",
            "body": "Senator Paris Whitfield said on Monday that she would not seek re-election next year, ending a three-decade career.\nWhitfield said she wanted to spend more time with her family. Colleagues praised her work on veterans' affairs.\nWhitfield will serve until her term ends in January.",
            "gold": [POLITICS],
            "gold_suggested": ["Paris Whitfield"],
            "traps": ["person with a city's first name"],
        },
        {
            "section": "world",
            "headline": "Sharif Meets Erdogan In Ankara",
            "standfirst": "The leaders of Pakistan and Turkey signed defence and trade agreements.",
            "body": "ANKARA (Dateline Wire) - Pakistani Prime Minister Shehbaz Sharif met Turkish President Recep Tayyip Erdogan in Ankara on Tuesday and signed agreements on defence and trade.\nErdogan said Turkey and Pakistan were bound by history. Sharif invited Erdogan to visit Islamabad.\nThe two leaders also discussed the situation in Afghanistan.",
            "gold": [
                "shehbaz-sharif",
                "recep-tayyip-erdogan",
                "ankara",
                "turkey",
                "pakistan",
                POLITICS,
            ],
            "traps": ["surnames in headline, full names in body"],
        },
        {
            "section": "world",
            "headline": "Moscow Says Talks With Washington Possible",
            "standfirst": "The Kremlin said contacts could resume if conditions were met.",
            "body": 'MOSCOW (Dateline Wire) - The Kremlin said on Thursday that talks with Washington were possible if the United States took Russian interests into account.\nKremlin spokesman Dmitry Peskov said no date had been set. "We are open to contacts," Peskov said.\nRussian Foreign Minister Sergei Lavrov is expected to comment later.',
            "gold": ["kremlin", "dmitry-peskov", "united-states", "washington", "moscow", POLITICS],
            "traps": ["capitals as metonyms"],
        },
        {
            "section": "world",
            "headline": "Bombay Court Orders Inquiry Into Bridge Collapse",
            "standfirst": "Six people were hurt when a footbridge collapsed in Mumbai.",
            "body": "MUMBAI (Dateline Wire) - A court in Bombay ordered an inquiry on Monday into the collapse of a footbridge that injured six people.\nCity officials in Mumbai said the bridge had been inspected last year. Rescue teams cleared the site overnight.\nThe court asked for a report within four weeks.",
            "gold": ["mumbai", DISASTER],
            "traps": ["old name Bombay"],
        },
        {
            "section": "world",
            "headline": "Chad Holds Talks With Sudan Over Refugees",
            "standfirst": "Hundreds of thousands have crossed the border since the war began.",
            "body": "N'DJAMENA (Dateline Wire) - Chad opened talks with Sudan on Wednesday on the return of refugees who have fled the fighting in Darfur.\nOfficials in Chad said camps near the border were overcrowded. Aid worker Chad Bennett said supplies were running low.\nThe UN refugee agency said it needed more funds.",
            "gold": ["chad", "sudan", "darfur", CONFLICT],
            "traps": ["Chad country and a person's first name"],
        },
    ]


def main() -> None:
    rng = random.Random(20260401)
    articles: list[dict] = []
    articles += bilateral(rng, 24)
    articles += foreign_ministers(rng, 12)
    articles += ukraine_war(rng, 15)
    articles += business(rng, 14)
    articles += central_banks(rng, 6)
    articles += local(rng, 14)
    articles += sport(rng, 12)
    articles += science(rng, 10)
    articles += middle_east(rng, 8)
    articles += traps()
    with OUT.open("w", encoding="utf-8") as handle:
        for n, article in enumerate(articles, 1):
            article = {"id": f"a{n:03d}", "language": "en", **article}
            article.setdefault("agency_subjects", [])
            article.setdefault("gold_suggested", [])
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    print(f"wrote {len(articles)} articles to {OUT}")


if __name__ == "__main__":
    main()
