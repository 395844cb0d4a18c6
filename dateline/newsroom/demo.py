"""Synthetic demo content: a day of plausible wire news, written by us from templates.

Nothing here is copied from a real news site. Templates are filled from coherent
"scenes" (a central bank and its city, an agency and the region it serves) with a
seeded random generator, so every run produces the same articles; only their times
move, relative to now. Real people appear only as the holders of their offices, in
bland contexts (meetings, visits, chairing talks) and are never quoted: quotes come
from generic roles or fictional people at fictional firms.

`plan_demo` builds the articles in memory (used by `--dry-run`); `load_demo` writes
them through the newsroom and topics services, as the desk would.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TextIO

from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import slugify

from dateline.core.parsing.common import byline_names
from dateline.newsroom import events
from dateline.newsroom.models import Article, Author, CorrectionNote, Section
from dateline.newsroom.services import (
    correct_article,
    create_article,
    publish_article,
    update_article,
)
from dateline.topics.models import Topic
from dateline.topics.services import assign_topics, find_or_create_topic
from dateline.wires.models import Source

SEED = 2026
DEFAULT_COUNT = 220
# The newest article is this old right after loading or shifting, so the home page looks live.
NEWEST_AGE = timedelta(minutes=2)
# Older than this, a re-run moves the whole day forward instead of leaving it stale.
STALE_AFTER = timedelta(hours=1)
SPREAD = timedelta(hours=24)

# ---------------------------------------------------------------------------
# Sections, sources and staff
# ---------------------------------------------------------------------------

SECTIONS: tuple[tuple[str, str, str], ...] = (
    # (name, slug, description); position follows this order.
    ("World", "world", "International news from our correspondents and agency partners."),
    ("Politics", "politics", "Parliaments, governments, elections and diplomacy."),
    ("Business", "business", "Economies, markets, central banks and companies."),
    ("Technology", "technology", "Regulation, chips, networks and the digital economy."),
    ("Science", "science", "Space, climate science and research from labs worldwide."),
    ("Health", "health", "Public health, medicine and health systems."),
    ("Sport", "sport", "Results, governance and the business of sport."),
    ("Culture", "culture", "Museums, film, books, music and heritage."),
)

NEWSROOM_SOURCE = {"name": "dateline newsroom", "slug": "dateline-newsroom", "credit": ""}
# Fictional agencies: their names must never be mistaken for real wire services.
AGENCIES: tuple[dict[str, str], ...] = (
    {"name": "Meridian Press", "slug": "meridian-press", "credit": "Meridian Press"},
    {"name": "Northwind Wire", "slug": "northwind-wire", "credit": "Northwind Wire"},
    {
        "name": "Continental News Service",
        "slug": "continental-news-service",
        "credit": "Continental News Service",
    },
)
AGENCY_SLUGS = tuple(agency["slug"] for agency in AGENCIES)


@dataclass(frozen=True)
class StaffWriter:
    name: str
    slug: str
    role: str
    bio: str
    desks: tuple[str, ...]  # section slugs they write for
    # A correspondent's patch; writers without one cover their desks from the office.
    cities: tuple[str, ...] = ()


STAFF: tuple[StaffWriter, ...] = (
    StaffWriter(
        "Helena Marsh",
        "helena-marsh",
        "Diplomatic editor",
        "Helena Marsh covers alliances, summits and the work of international organisations "
        "from Brussels and Geneva.",
        ("world", "politics"),
    ),
    StaffWriter(
        "Daniel Achterberg",
        "daniel-achterberg",
        "Economics editor",
        "Daniel Achterberg writes about central banks, forecasts and public finances.",
        ("business", "politics"),
    ),
    StaffWriter(
        "Amara Nwosu",
        "amara-nwosu",
        "East Africa correspondent",
        "Amara Nwosu reports from Nairobi on politics, development and public health.",
        ("world", "health", "business"),
        ("Nairobi", "Addis Ababa", "Abuja", "Cairo"),
    ),
    StaffWriter(
        "Tomás Ferreira Lima",
        "tomas-ferreira-lima",
        "Latin America correspondent",
        "Tomás Ferreira Lima is based in Brasília and covers the region's politics and culture.",
        ("world", "politics", "culture"),
        ("Brasília", "São Paulo", "Rio de Janeiro", "Porto Alegre", "Mexico City", "Asunción"),
    ),
    StaffWriter(
        "Priya Venkataraman",
        "priya-venkataraman",
        "South Asia correspondent",
        "Priya Venkataraman reports from New Delhi on economics, technology and policy.",
        ("world", "business", "technology"),
        ("New Delhi", "Mumbai", "Bengaluru", "Jaipur", "Islamabad"),
    ),
    StaffWriter(
        "Kenji Aramaki",
        "kenji-aramaki",
        "Tokyo correspondent",
        "Kenji Aramaki covers Japan's economy, industry and science.",
        ("world", "business", "science"),
        ("Tokyo", "Osaka", "Kumamoto", "Busan", "Manila", "Jakarta", "Singapore"),
    ),
    StaffWriter(
        "Sofia Lindqvist",
        "sofia-lindqvist",
        "Technology correspondent",
        "Sofia Lindqvist writes about digital regulation, semiconductors and networks.",
        ("technology", "business"),
    ),
    StaffWriter(
        "Rachel Osei-Bonsu",
        "rachel-osei-bonsu",
        "Science and health correspondent",
        "Rachel Osei-Bonsu covers research, climate science and global health.",
        ("science", "health"),
    ),
    StaffWriter(
        "Marcus Hale",
        "marcus-hale",
        "Sports editor",
        "Marcus Hale edits the sport desk and writes about the governance of sport.",
        ("sport",),
    ),
    StaffWriter(
        "Claire Dubois-Hart",
        "claire-dubois-hart",
        "Culture editor",
        "Claire Dubois-Hart writes about museums, film festivals and books.",
        ("culture",),
    ),
    StaffWriter(
        "Olena Kovalchuk",
        "olena-kovalchuk",
        "Kyiv correspondent",
        "Olena Kovalchuk reports from Kyiv on reconstruction, energy and diplomacy.",
        ("world", "politics"),
        ("Kyiv", "Odesa", "Lviv", "Kharkiv", "Warsaw"),
    ),
)

# Agency reporters are bylined in text only: they are not our staff, so they get no Author.
AGENCY_REPORTERS: tuple[str, ...] = (
    "Lena Gathoni",
    "Mateo Quintero",
    "Anders Eklund",
    "Mei Nakashima",
    "Farid Haddad",
    "Chiara Moretti",
)

# ---------------------------------------------------------------------------
# Topics: real entities only, each with a one-line description
# ---------------------------------------------------------------------------

_O, _P, _PL, _S = "organisation", "person", "place", "subject"

TOPICS: dict[str, tuple[str, str, str]] = {
    # Organisations
    "nato": ("NATO", _O, "The North Atlantic Treaty Organization, a Western defence alliance."),
    "un": ("United Nations", _O, "The international organisation of 193 member states."),
    "unsc": ("UN Security Council", _O, "The United Nations body responsible for peace."),
    "eu": ("European Union", _O, "The political and economic union of 27 European countries."),
    "ec": ("European Commission", _O, "The executive arm of the European Union."),
    "european_parliament": ("European Parliament", _O, "The EU's directly elected parliament."),
    "au": ("African Union", _O, "The continental union of African states."),
    "asean": ("ASEAN", _O, "The Association of Southeast Asian Nations."),
    "osce": ("OSCE", _O, "The Organization for Security and Co-operation in Europe."),
    "wfp": ("World Food Programme", _O, "The United Nations food assistance agency."),
    "unhcr": ("UNHCR", _O, "The UN refugee agency."),
    "ocha": ("OCHA", _O, "The UN Office for the Coordination of Humanitarian Affairs."),
    "worldbank": ("World Bank", _O, "The development lender based in Washington."),
    "imf": ("International Monetary Fund", _O, "The global lender and monetary watchdog."),
    "oecd": ("OECD", _O, "The Organisation for Economic Co-operation and Development."),
    "adb": ("Asian Development Bank", _O, "The regional development bank based in Manila."),
    "afdb": ("African Development Bank", _O, "The regional development bank in Abidjan."),
    "fed": ("Federal Reserve", _O, "The central bank of the United States."),
    "ecb": ("European Central Bank", _O, "The central bank of the euro area."),
    "boj": ("Bank of Japan", _O, "Japan's central bank."),
    "rbi": ("Reserve Bank of India", _O, "India's central bank."),
    "boe": ("Bank of England", _O, "The United Kingdom's central bank."),
    "bcb": ("Central Bank of Brazil", _O, "Brazil's central bank."),
    "cbk": ("Central Bank of Kenya", _O, "Kenya's central bank."),
    "opec": ("OPEC", _O, "The Organization of the Petroleum Exporting Countries."),
    "us_congress": ("US Congress", _O, "The legislature of the United States."),
    "bundestag": ("Bundestag", _O, "The lower house of Germany's parliament."),
    "brazil_congress": ("National Congress of Brazil", _O, "Brazil's bicameral legislature."),
    "indian_parliament": ("Parliament of India", _O, "India's bicameral legislature."),
    "kenya_assembly": ("National Assembly of Kenya", _O, "The lower house of Kenya's parliament."),
    "diet": ("National Diet", _O, "Japan's bicameral legislature."),
    "ofcom": ("Ofcom", _O, "The UK communications regulator."),
    "itu": ("International Telecommunication Union", _O, "The UN agency for digital tech."),
    "enisa": ("ENISA", _O, "The European Union Agency for Cybersecurity."),
    "nasa": ("NASA", _O, "The United States space agency."),
    "esa": ("European Space Agency", _O, "Europe's intergovernmental space agency."),
    "jaxa": ("JAXA", _O, "The Japan Aerospace Exploration Agency."),
    "isro": ("ISRO", _O, "The Indian Space Research Organisation."),
    "wmo": ("World Meteorological Organization", _O, "The UN agency for weather and climate."),
    "unfccc": ("UNFCCC", _O, "The UN Framework Convention on Climate Change secretariat."),
    "ipcc": ("IPCC", _O, "The Intergovernmental Panel on Climate Change."),
    "copernicus": ("Copernicus", _O, "The European Union's Earth observation programme."),
    "inpe": ("INPE", _O, "Brazil's National Institute for Space Research."),
    "cern": ("CERN", _O, "The European Organization for Nuclear Research, near Geneva."),
    "iter": ("ITER", _O, "The international fusion energy project in southern France."),
    "max_planck": ("Max Planck Society", _O, "Germany's network of research institutes."),
    "embrapa": ("Embrapa", _O, "The Brazilian Agricultural Research Corporation."),
    "riken": ("RIKEN", _O, "Japan's largest comprehensive research institution."),
    "nmk": ("National Museums of Kenya", _O, "Kenya's state museums and heritage body."),
    "who": ("World Health Organization", _O, "The United Nations health agency."),
    "africa_cdc": ("Africa CDC", _O, "The African Union's public health agency."),
    "paho": ("Pan American Health Organization", _O, "The health agency of the Americas."),
    "gavi": ("Gavi", _O, "Gavi, the Vaccine Alliance."),
    "nhs": ("NHS", _O, "The National Health Service in the United Kingdom."),
    "fifa": ("FIFA", _O, "The world governing body of football."),
    "uefa": ("UEFA", _O, "The governing body of European football."),
    "caf": ("Confederation of African Football", _O, "The governing body of African football."),
    "conmebol": ("CONMEBOL", _O, "The South American Football Confederation."),
    "afc": ("Asian Football Confederation", _O, "The governing body of Asian football."),
    "ioc": ("International Olympic Committee", _O, "The guardian of the Olympic Games."),
    "icc": ("International Cricket Council", _O, "The world governing body of cricket."),
    "world_athletics": ("World Athletics", _O, "The world governing body of athletics."),
    "unesco": ("UNESCO", _O, "The UN agency for education, science and culture."),
    "british_museum": ("British Museum", _O, "The museum of human history in London."),
    "louvre": ("Louvre", _O, "The national art museum of France, in Paris."),
    "rijksmuseum": ("Rijksmuseum", _O, "The national museum of the Netherlands."),
    "tokyo_national_museum": ("Tokyo National Museum", _O, "Japan's oldest national museum."),
    "museu_nacional": ("National Museum of Brazil", _O, "The natural history museum in Rio."),
    "berlinale": ("Berlin International Film Festival", _O, "The annual film festival."),
    "venice_film_festival": ("Venice Film Festival", _O, "The world's oldest film festival."),
    "tiff": ("Toronto International Film Festival", _O, "The annual festival in Toronto."),
    "cannes_festival": ("Cannes Film Festival", _O, "The annual film festival in France."),
    "biff": ("Busan International Film Festival", _O, "Asia's leading film festival."),
    "frankfurt_book_fair": ("Frankfurt Book Fair", _O, "The world's largest trade fair for books."),
    "salzburg_festival": ("Salzburg Festival", _O, "The summer music and drama festival."),
    # People: office-holders, described by office only.
    "guterres": ("António Guterres", _P, "Secretary-General of the United Nations."),
    "rutte": ("Mark Rutte", _P, "Secretary General of NATO."),
    "lagarde": ("Christine Lagarde", _P, "President of the European Central Bank."),
    "von_der_leyen": ("Ursula von der Leyen", _P, "President of the European Commission."),
    "tedros": ("Tedros Adhanom Ghebreyesus", _P, "Director-General of the WHO."),
    "georgieva": ("Kristalina Georgieva", _P, "Managing Director of the IMF."),
    "zelensky": ("Volodymyr Zelensky", _P, "President of Ukraine."),
    "lula": ("Luiz Inácio Lula da Silva", _P, "President of Brazil."),
    "modi": ("Narendra Modi", _P, "Prime Minister of India."),
    # Places
    "washington": ("Washington", _PL, "The capital of the United States."),
    "new_york": ("New York", _PL, "The largest city in the United States."),
    "brussels": ("Brussels", _PL, "The capital of Belgium and seat of EU institutions."),
    "strasbourg": ("Strasbourg", _PL, "The French city that hosts the European Parliament."),
    "kyiv": ("Kyiv", _PL, "The capital of Ukraine."),
    "odesa": ("Odesa", _PL, "Ukraine's largest Black Sea port city."),
    "lviv": ("Lviv", _PL, "A city in western Ukraine."),
    "kharkiv": ("Kharkiv", _PL, "Ukraine's second-largest city."),
    "tokyo": ("Tokyo", _PL, "The capital of Japan."),
    "osaka": ("Osaka", _PL, "A port city and business centre in western Japan."),
    "kumamoto": ("Kumamoto", _PL, "A city on the Japanese island of Kyushu."),
    "nairobi": ("Nairobi", _PL, "The capital of Kenya."),
    "brasilia": ("Brasília", _PL, "The capital of Brazil."),
    "sao_paulo": ("São Paulo", _PL, "Brazil's largest city."),
    "rio": ("Rio de Janeiro", _PL, "A city on Brazil's Atlantic coast."),
    "porto_alegre": ("Porto Alegre", _PL, "The capital of Brazil's southernmost state."),
    "new_delhi": ("New Delhi", _PL, "The capital of India."),
    "mumbai": ("Mumbai", _PL, "India's financial capital."),
    "bengaluru": ("Bengaluru", _PL, "The southern Indian city known for its tech industry."),
    "jaipur": ("Jaipur", _PL, "The capital of the Indian state of Rajasthan."),
    "geneva": ("Geneva", _PL, "The Swiss city that hosts many UN agencies."),
    "zurich": ("Zurich", _PL, "Switzerland's largest city."),
    "lausanne": ("Lausanne", _PL, "The Swiss city that hosts the Olympic movement."),
    "nyon": ("Nyon", _PL, "A Swiss town on Lake Geneva."),
    "london": ("London", _PL, "The capital of the United Kingdom."),
    "edinburgh": ("Edinburgh", _PL, "The capital of Scotland."),
    "paris": ("Paris", _PL, "The capital of France."),
    "cannes": ("Cannes", _PL, "A resort city on the French Riviera."),
    "berlin": ("Berlin", _PL, "The capital of Germany."),
    "frankfurt": ("Frankfurt", _PL, "Germany's financial centre."),
    "munich": ("Munich", _PL, "The capital of Bavaria."),
    "dresden": ("Dresden", _PL, "The capital of the German state of Saxony."),
    "stuttgart": ("Stuttgart", _PL, "A German city known for car making."),
    "darmstadt": ("Darmstadt", _PL, "A German city and home to ESA's mission control."),
    "bonn": ("Bonn", _PL, "A German city that hosts the UN climate secretariat."),
    "vienna": ("Vienna", _PL, "The capital of Austria."),
    "salzburg": ("Salzburg", _PL, "An Austrian city known for its music festival."),
    "amsterdam": ("Amsterdam", _PL, "The capital of the Netherlands."),
    "rotterdam": ("Rotterdam", _PL, "Europe's largest seaport."),
    "madrid": ("Madrid", _PL, "The capital of Spain."),
    "rome": ("Rome", _PL, "The capital of Italy."),
    "venice": ("Venice", _PL, "A city in north-eastern Italy."),
    "lisbon": ("Lisbon", _PL, "The capital of Portugal."),
    "warsaw": ("Warsaw", _PL, "The capital of Poland."),
    "athens": ("Athens", _PL, "The capital of Greece."),
    "addis_ababa": ("Addis Ababa", _PL, "The capital of Ethiopia."),
    "cairo": ("Cairo", _PL, "The capital of Egypt."),
    "abuja": ("Abuja", _PL, "The capital of Nigeria."),
    "abidjan": ("Abidjan", _PL, "The economic capital of Côte d'Ivoire."),
    "johannesburg": ("Johannesburg", _PL, "South Africa's largest city."),
    "pretoria": ("Pretoria", _PL, "South Africa's administrative capital."),
    "rabat": ("Rabat", _PL, "The capital of Morocco."),
    "jakarta": ("Jakarta", _PL, "The capital of Indonesia."),
    "manila": ("Manila", _PL, "The capital of the Philippines."),
    "singapore": ("Singapore", _PL, "The city-state in South-East Asia."),
    "kuala_lumpur": ("Kuala Lumpur", _PL, "The capital of Malaysia."),
    "busan": ("Busan", _PL, "South Korea's second-largest city."),
    "islamabad": ("Islamabad", _PL, "The capital of Pakistan."),
    "dubai": ("Dubai", _PL, "A city in the United Arab Emirates."),
    "ottawa": ("Ottawa", _PL, "The capital of Canada."),
    "toronto": ("Toronto", _PL, "Canada's largest city."),
    "canberra": ("Canberra", _PL, "The capital of Australia."),
    "brisbane": ("Brisbane", _PL, "The capital of Queensland, Australia."),
    "mexico_city": ("Mexico City", _PL, "The capital of Mexico."),
    "los_angeles": ("Los Angeles", _PL, "A city in California."),
    "phoenix": ("Phoenix", _PL, "The capital of the US state of Arizona."),
    "cape_canaveral": ("Cape Canaveral", _PL, "The Florida launch site on the Atlantic coast."),
    "port_au_prince": ("Port-au-Prince", _PL, "The capital of Haiti."),
    "asuncion": ("Asunción", _PL, "The capital of Paraguay."),
    "monaco": ("Monaco", _PL, "The city-state on the French Riviera."),
    "italy": ("Italy", _PL, "A country in southern Europe."),
    "ukraine": ("Ukraine", _PL, "A country in eastern Europe."),
    "united_states": ("United States", _PL, "A country in North America."),
    "united_kingdom": ("United Kingdom", _PL, "A country in north-western Europe."),
    "japan": ("Japan", _PL, "An island country in East Asia."),
    "india": ("India", _PL, "A country in South Asia."),
    "brazil": ("Brazil", _PL, "The largest country in South America."),
    "kenya": ("Kenya", _PL, "A country in East Africa."),
    "germany": ("Germany", _PL, "A country in central Europe."),
    "france": ("France", _PL, "A country in western Europe."),
    "spain": ("Spain", _PL, "A country in south-western Europe."),
    "netherlands": ("Netherlands", _PL, "A country in north-western Europe."),
    "poland": ("Poland", _PL, "A country in central Europe."),
    "austria": ("Austria", _PL, "A country in central Europe."),
    "portugal": ("Portugal", _PL, "A country in south-western Europe."),
    "ethiopia": ("Ethiopia", _PL, "A country in the Horn of Africa."),
    "egypt": ("Egypt", _PL, "A country in North Africa."),
    "sudan": ("Sudan", _PL, "A country in north-east Africa."),
    "nigeria": ("Nigeria", _PL, "Africa's most populous country."),
    "south_africa": ("South Africa", _PL, "A country at the southern tip of Africa."),
    "morocco": ("Morocco", _PL, "A country in North Africa."),
    "indonesia": ("Indonesia", _PL, "A country in South-East Asia."),
    "philippines": ("Philippines", _PL, "An island country in South-East Asia."),
    "south_korea": ("South Korea", _PL, "A country in East Asia."),
    "pakistan": ("Pakistan", _PL, "A country in South Asia."),
    "haiti": ("Haiti", _PL, "A Caribbean country."),
    "canada": ("Canada", _PL, "A country in North America."),
    "australia": ("Australia", _PL, "A country in Oceania."),
    "mexico": ("Mexico", _PL, "A country in North America."),
    "sahel": ("Sahel", _PL, "The semi-arid belt south of the Sahara."),
    "horn_of_africa": ("Horn of Africa", _PL, "The peninsula in north-east Africa."),
    "amazon": ("Amazon", _PL, "The rainforest and river basin in South America."),
    "black_sea": ("Black Sea", _PL, "The inland sea between Europe and Asia."),
    "south_asia": ("South Asia", _PL, "The southern region of Asia."),
    "africa": ("Africa", _PL, "The world's second-largest continent."),
    "eurozone": ("Euro area", _PL, "The EU countries that use the euro."),
    # Subjects
    "defence": ("Defence", _S, "Armed forces, military spending and security."),
    "diplomacy": ("Diplomacy", _S, "Relations and negotiations between states."),
    "humanitarian": ("Humanitarian aid", _S, "Relief for people affected by crises."),
    "migration": ("Migration", _S, "Refugees, displacement and migration policy."),
    "food_security": ("Food security", _S, "Access to enough safe and nutritious food."),
    "extreme_weather": ("Extreme weather", _S, "Heatwaves, floods, storms and droughts."),
    "climate": ("Climate change", _S, "The warming of the Earth's climate and its effects."),
    "energy": ("Energy", _S, "Power generation, grids and fuels."),
    "renewable_energy": ("Renewable energy", _S, "Solar, wind and other clean power."),
    "development": ("Development", _S, "Economic development and reconstruction."),
    "agriculture": ("Agriculture", _S, "Farming, crops and food production."),
    "transport": ("Transport", _S, "Rail, roads, shipping and aviation."),
    "trade": ("Trade", _S, "International trade and trade policy."),
    "public_finance": ("Public finance", _S, "Budgets, taxes and government spending."),
    "public_policy": ("Public policy", _S, "Government plans and regulation."),
    "environment": ("Environment", _S, "Pollution, waste and nature protection."),
    "infrastructure": ("Infrastructure", _S, "Roads, rail, power and public works."),
    "housing": ("Housing", _S, "Homes, construction and rents."),
    "water": ("Water", _S, "Water supply and sanitation."),
    "small_business": ("Small business", _S, "Small and medium-sized enterprises."),
    "digital_government": ("Digital government", _S, "Public services delivered online."),
    "interest_rates": ("Interest rates", _S, "Central bank policy rates and borrowing costs."),
    "inflation": ("Inflation", _S, "The rate at which prices rise."),
    "global_economy": ("Global economy", _S, "World growth, trade and finance."),
    "economic_growth": ("Economic growth", _S, "Forecasts and measures of output."),
    "stock_markets": ("Stock markets", _S, "Equities and the exchanges they trade on."),
    "commodities": ("Commodities", _S, "Raw materials traded on world markets."),
    "oil": ("Oil", _S, "Crude oil markets and production."),
    "gold": ("Gold", _S, "The precious metal and its market."),
    "coffee": ("Coffee", _S, "The coffee crop and its market."),
    "electric_vehicles": ("Electric vehicles", _S, "Battery-powered cars and trucks."),
    "shipping": ("Shipping", _S, "Container lines, ports and freight."),
    "manufacturing": ("Manufacturing", _S, "Factories and industrial production."),
    "pharmaceuticals": ("Pharmaceuticals", _S, "Medicines and the companies that make them."),
    "ai": ("Artificial intelligence", _S, "Machine learning and AI systems."),
    "data_privacy": ("Data privacy", _S, "The protection of personal data."),
    "online_safety": ("Online safety", _S, "Rules for harmful content online."),
    "fintech": ("Fintech", _S, "Financial technology and digital payments."),
    "semiconductors": ("Semiconductors", _S, "Chips and the industry that makes them."),
    "supply_chains": ("Supply chains", _S, "How goods and parts move around the world."),
    "telecoms": ("Telecommunications", _S, "Mobile, broadband and satellite networks."),
    "cybersecurity": ("Cybersecurity", _S, "The protection of computer systems."),
    "undersea_cables": ("Undersea cables", _S, "The cables that carry internet traffic."),
    "space": ("Space exploration", _S, "Missions, launches and space science."),
    "moon": ("Moon", _S, "Earth's natural satellite and missions to it."),
    "mars": ("Mars", _S, "The fourth planet and missions to it."),
    "earth_observation": ("Earth observation", _S, "Satellites that monitor the planet."),
    "iss": ("International Space Station", _S, "The crewed orbital laboratory."),
    "sea_level": ("Sea-level rise", _S, "Rising oceans and coastal risk."),
    "deforestation": ("Deforestation", _S, "The loss of forest cover."),
    "physics": ("Particle physics", _S, "The study of fundamental particles."),
    "fusion": ("Fusion energy", _S, "Power from fusing light atomic nuclei."),
    "materials": ("Materials science", _S, "New materials and how they are made."),
    "palaeontology": ("Palaeontology", _S, "The study of fossils and ancient life."),
    "supercomputing": ("Supercomputing", _S, "The fastest computers and their uses."),
    "vaccines": ("Vaccines", _S, "Immunisation programmes and vaccine supply."),
    "measles": ("Measles", _S, "The highly contagious viral disease."),
    "malaria": ("Malaria", _S, "The mosquito-borne disease."),
    "polio": ("Polio", _S, "The viral disease targeted for eradication."),
    "hpv": ("HPV", _S, "Human papillomavirus and the vaccine against it."),
    "cholera": ("Cholera", _S, "The waterborne bacterial disease."),
    "dengue": ("Dengue", _S, "The mosquito-borne viral disease."),
    "amr": ("Antimicrobial resistance", _S, "When medicines stop working against microbes."),
    "air_pollution": ("Air pollution", _S, "Harmful particles and gases in the air."),
    "maternal_health": ("Maternal health", _S, "Health care in pregnancy and childbirth."),
    "ageing": ("Ageing", _S, "Older populations and their care."),
    "health_workforce": ("Health workforce", _S, "Doctors, nurses and care workers."),
    "hiv": ("HIV", _S, "The virus and its treatment and prevention."),
    "diabetes": ("Diabetes", _S, "The chronic metabolic disease."),
    "mental_health": ("Mental health", _S, "Psychological well-being and its care."),
    "public_health": ("Public health", _S, "The health of populations."),
    "football": ("Football", _S, "Association football."),
    "world_cup": ("FIFA World Cup", _S, "The international football tournament."),
    "olympics": ("Olympic Games", _S, "The summer and winter Games."),
    "athletics": ("Athletics", _S, "Track, field and road running."),
    "tennis": ("Tennis", _S, "The racket sport."),
    "cricket": ("Cricket", _S, "The bat-and-ball sport."),
    "museums": ("Museums", _S, "Collections, exhibitions and the institutions behind them."),
    "photography": ("Photography", _S, "The art of the photograph."),
    "film": ("Film", _S, "Cinema and film festivals."),
    "heritage": ("Cultural heritage", _S, "Historic sites and traditions."),
    "books": ("Books", _S, "Publishing, writers and literary festivals."),
    "music": ("Music", _S, "Concerts, festivals and recordings."),
    "theatre": ("Theatre", _S, "Drama and the performing arts."),
}

# ---------------------------------------------------------------------------
# Fictional people and firms, for quotes and results
# ---------------------------------------------------------------------------

FIRST_NAMES = (
    "Amira", "Bastian", "Carmen", "Dario", "Elin", "Femi", "Greta", "Hamid", "Ines", "Jonas",
    "Kavya", "Lukas", "Maren", "Nadia", "Oren", "Paulo", "Rania", "Sanjay", "Tamsin", "Ulla",
    "Viktor", "Wanjiru", "Yusuf", "Zofia",
)  # fmt: skip
LAST_NAMES = (
    "Albrecht", "Brennan", "Castellano", "Deveraux", "Engström", "Fonseca", "Galloway",
    "Hartmann", "Ilunga", "Jovanović", "Kariuki", "Lindholm", "Marchetti", "Nakagawa",
    "Okafor", "Pereira", "Quist", "Rautio", "Sandoval", "Tanaka", "Valdés", "Whitcombe",
    "Yildirim", "Zellweger",
)  # fmt: skip
FIRMS = (
    "Brightwater Economics", "Kestrel Analytics", "Calloway Research", "Arden Street Capital",
    "Harlow & Finch", "Northgate Advisory", "Lindenhall Partners", "Osterby Securities",
)  # fmt: skip
INSTITUTES = (
    "the Osterby Institute", "Eastmere University", "the Halden Centre for Public Policy",
    "the Varenne Institute", "Calder University", "the Marlowe School of Public Health",
)  # fmt: skip
FILMS = (
    "The Salt Road", "Harbour of Small Lights", "A Season in Tarvik", "The Ninth Bridge",
    "Quiet Orchards", "The Cartographer's Daughter", "Lowland Summer", "After the Ferry",
)  # fmt: skip
ANALYST_TITLES = ("chief economist", "senior analyst", "head of research", "strategist")
EXPERT_TITLES = ("a researcher", "a professor", "a senior fellow", "a policy specialist")

# ---------------------------------------------------------------------------
# Beats: recurring kinds of story, with their scenes and templates
# ---------------------------------------------------------------------------


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
    quotes: tuple[tuple[str, str], ...]
    closers: tuple[str, ...]
    subjects: tuple[str, ...] = ()


def S(*topics: str, **slots: str) -> dict[str, Any]:  # noqa: N802 (reads as a table row)
    return {"topics": topics, **slots}


WORLD_CLOSERS = (
    "Further meetings are scheduled for later in the year, officials said.",
    "Officials said a summary of the discussions would be published once the talks ended.",
    "Diplomats said the next round of contacts was expected within {weeks} weeks.",
    "The situation will be reviewed again at a meeting in {city} next month.",
)

# fmt: off
BEATS: tuple[Beat, ...] = (
    # ----------------------------------------------------------------- World
    Beat(
        key="summits",
        section="world",
        weight=4,
        scenes=(
            S("nato", "brussels", "rutte", "defence", body="NATO", gathering="defence ministers",
              city="Brussels", agenda="air defence and ammunition production",
              official="an alliance official",
              note="NATO Secretary General Mark Rutte is chairing the sessions."),
            S("unsc", "new_york", "guterres", "humanitarian", body="UN Security Council",
              gathering="members", city="New York",
              agenda="humanitarian access in conflict zones",
              official="a diplomat on the council",
              note="UN Secretary-General António Guterres is due to brief members at the start."),
            S("au", "addis_ababa", "ethiopia", "diplomacy", body="African Union",
              gathering="foreign ministers", city="Addis Ababa",
              agenda="regional security and the continental free trade area",
              official="an AU official",
              note="The talks are being held at the African Union's headquarters."),
            S("asean", "jakarta", "indonesia", "diplomacy", body="ASEAN",
              gathering="foreign ministers", city="Jakarta",
              agenda="maritime cooperation and supply chains",
              official="a South-East Asian diplomat",
              note="The ASEAN secretariat in the Indonesian capital is hosting the meeting."),
            S("eu", "brussels", "von_der_leyen", "ukraine", "diplomacy", body="EU",
              gathering="foreign ministers", city="Brussels",
              agenda="support for Ukraine and enlargement", official="an EU diplomat",
              note="European Commission President Ursula von der Leyen is expected to join "
              "part of the discussions."),
            S("osce", "vienna", "austria", "diplomacy", body="OSCE", gathering="ambassadors",
              city="Vienna", agenda="election observation and arms control",
              official="an OSCE official",
              note="The organisation's permanent council meets at the Hofburg in Vienna."),
        ),
        headlines=(
            "{body} {gathering} meet in {city} with {agenda} on the agenda",
            "{body} talks in {city} turn to {agenda}",
            "Diplomats gather in {city} as {body} weighs next steps on {agenda}",
            "{body} {gathering} open {days}-day meeting in {city}, with {agenda} at the top "
            "of a crowded agenda",
            "Little change expected as {body} {gathering} convene in {city}",
            "{body} meeting in {city} ends with pledge to keep working on {agenda}",
        ),
        standfirsts=(
            "Officials say the {days}-day meeting is meant to agree a common approach to "
            "{agenda}, with a joint statement expected at its close.",
            "Delegations arriving in {city} described the talks as largely technical, and few "
            "surprises are expected.",
            "The gathering follows weeks of preparatory work by officials, who have narrowed "
            "their differences but not closed them.",
            "Participants are expected to review progress on earlier commitments before "
            "agreeing a short closing statement.",
        ),
        ledes=(
            "{body} {gathering} began {days} days of talks in {city}, with {agenda} expected "
            "to take up most of the time.",
            "{body} {gathering} met in {city} for what organisers described as a routine but "
            "important review of {agenda}.",
        ),
        details=(
            "A draft closing statement seen by reporters runs to {n} paragraphs and largely "
            "restates commitments made at previous meetings.",
            "Officials said {n} delegations had confirmed attendance, and several were expected "
            "to hold bilateral meetings on the sidelines.",
            "Preparatory talks among senior officials took place over the previous {weeks} "
            "weeks, according to people familiar with the planning.",
            "The agenda also includes budget questions and a review of working methods agreed "
            "at the last meeting.",
            "Security around the venue was tightened, with several streets closed to traffic "
            "for the duration of the talks.",
        ),
        quotes=(
            ("We are here to turn earlier commitments into practical work, and that takes "
             "patience.", "{official}"),
            ("Nobody expects one meeting to settle everything, but the direction of travel is "
             "clear.", "{official}, speaking on condition of anonymity"),
            ("The real test is what happens in capitals after everyone goes home.", "{analyst}"),
        ),
        closers=WORLD_CLOSERS,
    ),
    Beat(
        key="aid",
        section="world",
        weight=3,
        scenes=(
            S("wfp", "nairobi", "horn_of_africa", "food_security", agency="World Food Programme",
              short="WFP", city="Nairobi", region="the Horn of Africa", need="food assistance",
              cause="a prolonged drought"),
            S("unhcr", "geneva", "sahel", "migration", agency="UN refugee agency", short="UNHCR",
              city="Geneva", region="the central Sahel", need="shelter and protection",
              cause="continued insecurity"),
            S("unhcr", "cairo", "sudan", "egypt", "migration", agency="UN refugee agency",
              short="UNHCR", city="Cairo", region="Egypt's border with Sudan",
              need="emergency shelter", cause="the conflict in Sudan"),
            S("ocha", "kyiv", "ukraine", "energy",
              agency="UN Office for the Coordination of Humanitarian Affairs", short="OCHA",
              city="Kyiv", region="front-line areas of Ukraine", need="heating support",
              cause="damage to energy infrastructure"),
            S("wfp", "port_au_prince", "haiti", "food_security", agency="World Food Programme",
              short="WFP", city="Port-au-Prince", region="Haiti", need="school meals",
              cause="rising food prices"),
        ),
        headlines=(
            "{short} appeals for ${m}m to fund {need} in {region}",
            "Aid agencies warn funding gap threatens {need} in {region}",
            "{short} scales up {need} as {cause} deepens hardship in {region}",
            "Appeal for {region} only {share}% funded, UN agencies say",
            "Humanitarian groups in {city} call for faster funding as {cause} leaves thousands "
            "in need of {need}",
        ),
        standfirsts=(
            "The {agency} says it needs ${m} million over the next six months to reach people "
            "affected by {cause}.",
            "Aid officials say {cause} has stretched budgets that were already under pressure.",
            "Agencies say they could reach more people quickly if pledges made earlier in the "
            "year were paid on time.",
        ),
        ledes=(
            "The {agency} said it needed ${m} million to maintain {need} in {region}, where "
            "{cause} has left many families dependent on aid.",
            "Humanitarian agencies warned that {need} in {region} could be cut back within "
            "weeks unless new funding arrives, citing {cause}.",
        ),
        details=(
            "The agency said about {k} people had been reached in the past month, fewer than "
            "planned because of funding shortfalls.",
            "Only {share} percent of this year's appeal for the area has been funded so far, "
            "according to figures published by the agency.",
            "Logistics teams have pre-positioned supplies in warehouses near the worst-affected "
            "districts, the agency said.",
            "Local authorities are working with aid groups to register families and avoid "
            "duplication, officials said.",
            "Costs have risen because supplies must travel longer routes, adding about {pct} "
            "percent to the price of each delivery.",
        ),
        quotes=(
            ("Every month without new funding means difficult choices about who we can still "
             "reach.", "{aid_worker}"),
            ("The needs are growing faster than the money, and families feel that gap first.",
             "a spokesperson for the {short}"),
            ("Local partners are doing remarkable work, but they cannot carry this alone.",
             "{aid_worker}"),
        ),
        closers=(
            "Donor governments are due to review the appeal at a meeting in {city} in the "
            "coming weeks.",
            "The agency said it would publish an updated funding report within {weeks} weeks.",
        ),
        subjects=("humanitarian",),
    ),
    Beat(
        key="weather",
        section="world",
        weight=3,
        scenes=(
            S("new_delhi", "india", city="New Delhi", event="monsoon rains",
              area="northern India", forecaster="the India Meteorological Department"),
            S("manila", "philippines", city="Manila", event="a tropical storm",
              area="the northern Philippines", forecaster="the state weather bureau"),
            S("tokyo", "japan", city="Tokyo", event="a heatwave", area="central Japan",
              forecaster="the Japan Meteorological Agency"),
            S("porto_alegre", "brazil", city="Porto Alegre", event="heavy flooding",
              area="southern Brazil", forecaster="state civil defence officials"),
            S("madrid", "spain", city="Madrid", event="a heatwave", area="much of Spain",
              forecaster="the national weather agency"),
            S("nairobi", "kenya", city="Nairobi", event="flash floods", area="parts of Kenya",
              forecaster="the Kenya Meteorological Department"),
        ),
        headlines=(
            "Warnings issued across {area} as forecasters track {event}",
            "Schools close and trains delayed in {area} amid {event}",
            "Forecasters in {city} expect {event} to ease within {days} days",
            "Emergency teams on standby across {area}, with {event} expected to peak over the "
            "coming days and more warnings likely",
            "Residents in {area} urged to take precautions amid {event}",
        ),
        standfirsts=(
            "{forecaster_cap} said conditions would remain difficult for at least {days} more "
            "days.",
            "Local officials opened emergency centres and asked residents to follow official "
            "guidance.",
            "Scientists say such events are becoming more frequent as the climate warms.",
        ),
        ledes=(
            "Authorities across {area} issued fresh warnings as {event} disrupted transport "
            "and daily life, according to {forecaster}.",
            "{forecaster_cap} said {event} would persist across {area} for several days, and "
            "urged residents to check official advice before travelling.",
        ),
        details=(
            "Some {n} districts were placed on the highest alert level, officials said.",
            "Rail operators cancelled or delayed a number of services, and several roads were "
            "closed as a precaution.",
            "Hospitals were asked to keep extra staff on call, a health official said.",
            "Emergency services said they had responded to {k} calls since the warning was issued.",
            "The World Meteorological Organization has said extreme weather events are "
            "becoming more frequent and more intense.",
        ),
        quotes=(
            ("We are asking people to stay informed and avoid unnecessary journeys.",
             "a civil protection spokesperson"),
            ("Preparation has improved a great deal, but the next few days will still be "
             "demanding.", "{expert}"),
            ("Crews are in position and will work around the clock if they need to.",
             "a regional emergency services official"),
        ),
        closers=(
            "Forecasters said they would update their warnings every few hours.",
            "Officials said damage assessments would begin as soon as conditions allowed.",
        ),
        subjects=("extreme_weather", "climate"),
    ),
    Beat(
        key="ukraine",
        section="world",
        weight=3,
        scenes=(
            S("kyiv", "ukraine", "energy", "eu", city="Kyiv",
              project="repairs to the power grid", partner="the European Union"),
            S("odesa", "ukraine", "black_sea", "agriculture", city="Odesa",
              project="grain shipments from Black Sea ports", partner="shipping companies"),
            S("lviv", "ukraine", "transport", "eu", city="Lviv",
              project="new rail links with EU neighbours", partner="the European Union"),
            S("kharkiv", "ukraine", "worldbank", "development", city="Kharkiv",
              project="rebuilding schools and clinics", partner="the World Bank"),
            S("kyiv", "ukraine", "worldbank", "development", city="Kyiv",
              project="a reconstruction financing package", partner="the World Bank"),
        ),
        headlines=(
            "Officials in {city} outline progress on {project}",
            "International partners back {project} in Ukraine",
            "Ukraine and partners discuss {project} at meeting in {city}",
            "Engineers report steady progress on {project} despite disruption, officials in "
            "{city} say",
            "New funding for {project} announced after talks in {city}",
        ),
        standfirsts=(
            "Officials say the work is part of a wider plan to keep essential services running "
            "and support the economy.",
            "Ukrainian ministries and their partners will review the programme again within "
            "{weeks} weeks.",
            "Ukrainian officials say international support remains vital to the pace of the work.",
        ),
        ledes=(
            "Ukrainian officials in {city} said work on {project} was progressing, with "
            "support from {partner} and other partners.",
            "Work on {project} continued in and around {city}, officials said, as Ukraine and "
            "its partners try to keep essential services and trade running.",
        ),
        details=(
            "A ministry statement said {n} projects were under way in the region, with more "
            "due to start once financing is confirmed.",
            "Engineers have prioritised work that can be completed quickly, officials said, "
            "before turning to longer-term rebuilding.",
            "Financing for the programme is being provided by {partner} alongside other "
            "donors, according to the ministry.",
            "Local authorities said contractors had hired about {k} workers for the current phase.",
            "Officials have set up an online register so that residents and investors can "
            "follow the progress of individual projects.",
        ),
        quotes=(
            ("Every repaired line and reopened route matters to people's daily lives.",
             "a Ukrainian ministry spokesperson"),
            ("The priority is to finish what can be finished quickly, and to plan the rest "
             "properly.", "a regional administration official"),
            ("Partners have been consistent, and that predictability helps everyone plan.",
             "{analyst}"),
        ),
        closers=WORLD_CLOSERS,
        subjects=("development",),
    ),
    # -------------------------------------------------------------- Politics
    Beat(
        key="parliament",
        section="politics",
        weight=4,
        scenes=(
            S("european_parliament", "strasbourg", "eu", "environment",
              chamber="the European Parliament", city="Strasbourg", members="MEPs",
              measure="rules on packaging waste"),
            S("brazil_congress", "brasilia", "brazil", "public_finance",
              chamber="Brazil's Congress", city="Brasília", members="lawmakers",
              measure="next year's budget framework"),
            S("indian_parliament", "new_delhi", "india", "data_privacy",
              chamber="India's parliament", city="New Delhi", members="lawmakers",
              measure="a bill on data protection rules"),
            S("kenya_assembly", "nairobi", "kenya", "public_finance",
              chamber="Kenya's National Assembly", city="Nairobi", members="MPs",
              measure="a finance bill"),
            S("diet", "tokyo", "japan", "public_finance", chamber="Japan's parliament",
              city="Tokyo", members="lawmakers", measure="a supplementary budget"),
            S("us_congress", "washington", "united_states", "public_finance",
              chamber="the US Congress", city="Washington", members="lawmakers",
              measure="a government funding bill"),
            S("bundestag", "berlin", "germany", "infrastructure", chamber="the Bundestag",
              city="Berlin", members="lawmakers", measure="a law to speed up planning approvals"),
        ),
        headlines=(
            "{chamber_cap} debates {measure}",
            "Committee clears {measure} for vote in {chamber}",
            "{members_cap} in {city} begin final debate on {measure}",
            "{chamber_cap} approves {measure} after lengthy debate, sending it to the next "
            "stage of the legislative process",
            "Amendments pile up as {members} scrutinise {measure}",
        ),
        standfirsts=(
            "Supporters say the measure is overdue, while critics want more time to examine "
            "the detail.",
            "The text has been amended several times in committee and could change again "
            "before a final vote.",
            "Parliamentary officials said the timetable allowed for {days} days of debate.",
        ),
        ledes=(
            "{members_cap} in {city} began debating {measure}, with party leaders signalling "
            "that a vote could come within days.",
            "{chamber_cap} moved a step closer to approving {measure}, after a committee "
            "backed the text by {n} votes to {n2}.",
        ),
        details=(
            "More than {n} amendments have been tabled, most of them technical, according to "
            "parliamentary staff.",
            "Government officials have said the measure is needed to give businesses and "
            "public bodies clearer rules.",
            "Opposition members argued that the text should include stronger oversight "
            "provisions and a review clause.",
            "If approved, the measure would take effect in stages over the next {months} months.",
            "Civil society groups submitted written evidence to the committee during the "
            "consultation period.",
        ),
        quotes=(
            ("This is about giving people clear rules they can rely on.", "{politician}"),
            ("We support the aim but not every detail, and we will keep pushing for changes.",
             "{politician}"),
            ("The committee has done careful work, and the chamber should now have its say.",
             "a parliamentary spokesperson"),
        ),
        closers=(
            "The debate is broadcast live, and the full text is published on the chamber's "
            "website.",
            "A final vote is expected within {weeks} weeks, parliamentary officials said.",
        ),
    ),
    Beat(
        key="policy",
        section="politics",
        weight=3,
        scenes=(
            S("paris", "france", "small_business", gov="the French government", country="France",
              city="Paris", ministry="the finance ministry",
              plan="a plan to simplify rules for small businesses"),
            S("ottawa", "canada", "housing", gov="Canada's government", country="Canada",
              city="Ottawa", ministry="the housing ministry",
              plan="new funding for housing construction"),
            S("canberra", "australia", "migration", gov="the Australian government",
              country="Australia", city="Canberra", ministry="the home affairs department",
              plan="changes to skilled migration rules"),
            S("pretoria", "south_africa", "energy", gov="South Africa's government",
              country="South Africa", city="Pretoria", ministry="the electricity ministry",
              plan="a programme to upgrade power stations"),
            S("mexico_city", "mexico", "water", gov="Mexico's government", country="Mexico",
              city="Mexico City", ministry="the environment ministry",
              plan="investment in water infrastructure"),
            S("warsaw", "poland", "transport", gov="the Polish government", country="Poland",
              city="Warsaw", ministry="the infrastructure ministry",
              plan="an expansion of regional rail services"),
            S("berlin", "germany", "digital_government", gov="Germany's government",
              country="Germany", city="Berlin", ministry="the digital ministry",
              plan="a digital ID for public services"),
        ),
        headlines=(
            "{gov_cap} unveils {plan}",
            "{country} sets out {plan}, with first measures due within months",
            "Ministers in {city} defend {plan} against criticism over costs",
            "Cabinet in {city} approves {plan}",
            "What {plan} means for households and businesses in {country}, according to "
            "officials in {city}",
            "Consultation opens on {plan} in {country}",
        ),
        standfirsts=(
            "Officials say the plan will be paid for within existing budgets and rolled out "
            "in phases.",
            "Business groups broadly welcomed the announcement but asked for more detail on "
            "timing.",
            "{ministry_cap} will publish guidance for the first phase within {weeks} weeks.",
        ),
        ledes=(
            "{gov_cap} set out {plan}, describing it as a response to concerns raised by "
            "households and businesses.",
            "{ministry_cap} in {city} presented {plan}, describing it as one of the "
            "government's main priorities for the year.",
        ),
        details=(
            "Officials said the first measures would take effect in about {months} months, "
            "subject to parliamentary approval.",
            "A public consultation will run for {weeks} weeks, and responses will be "
            "published, {ministry} said.",
            "Opposition parties said they would examine the costings closely before deciding "
            "whether to support the plan.",
            "Regional authorities will be responsible for much of the delivery, according to "
            "a briefing note released with the announcement.",
            "The plan's budget implies annual spending growth of about {pct} percent, "
            "according to the ministry's own figures.",
        ),
        quotes=(
            ("We have listened to what people told us and designed something that can be "
             "delivered.", "a spokesperson for {ministry}"),
            ("The ambition is welcome, but the detail will decide whether it works.", "{analyst}"),
            ("Clarity on timing matters as much as the headline numbers.", "{analyst}"),
        ),
        closers=(
            "Independent economists said the impact would depend on how quickly the first "
            "projects could begin.",
            "The plan will be debated in parliament in the coming weeks.",
        ),
        subjects=("public_policy",),
    ),
    Beat(
        key="visits",
        section="politics",
        weight=3,
        scenes=(
            S("von_der_leyen", "new_delhi", "india", "eu", "trade",
              visitor="European Commission President Ursula von der Leyen",
              visitor_short="Von der Leyen", host_country="India", city="New Delhi",
              talks="trade and technology cooperation"),
            S("lula", "nairobi", "kenya", "brazil", "agriculture",
              visitor="Brazilian President Luiz Inácio Lula da Silva", visitor_short="Lula",
              host_country="Kenya", city="Nairobi", talks="agriculture and climate finance"),
            S("rutte", "nato", "warsaw", "poland", "defence",
              visitor="NATO Secretary General Mark Rutte", visitor_short="Rutte",
              host_country="Poland", city="Warsaw", talks="defence readiness"),
            S("georgieva", "imf", "cairo", "egypt",
              visitor="IMF Managing Director Kristalina Georgieva", visitor_short="Georgieva",
              host_country="Egypt", city="Cairo", talks="economic reforms"),
            S("zelensky", "tokyo", "japan", "ukraine", "diplomacy",
              visitor="Ukrainian President Volodymyr Zelensky", visitor_short="Zelensky",
              host_country="Japan", city="Tokyo", talks="reconstruction support"),
            S("modi", "brasilia", "brazil", "india", "trade",
              visitor="Indian Prime Minister Narendra Modi", visitor_short="Modi",
              host_country="Brazil", city="Brasília", talks="trade and energy"),
        ),
        headlines=(
            "{visitor_short} in {city} for talks on {talks}",
            "{visitor_short} visit puts {talks} in focus in {host_country}",
            "{host_country} hosts talks on {talks} during {visitor_short} visit",
            "Talks in {city} expected to produce agreements on {talks}, officials say",
            "{visitor_short} arrives in {city} for a {days}-day visit focused on {talks} and "
            "closer cooperation with {host_country}",
        ),
        standfirsts=(
            "Officials on both sides said the visit would focus on practical cooperation "
            "rather than new headline commitments.",
            "The programme includes meetings with government ministers and business "
            "representatives.",
            "A joint statement is expected at the end of the visit, according to officials.",
        ),
        ledes=(
            "{visitor} arrived in {city} for talks on {talks}, according to officials from "
            "both sides.",
            "{visitor} began a {days}-day visit to {host_country}, with {talks} expected to "
            "dominate the agenda.",
        ),
        details=(
            "The schedule includes meetings with ministers and a round table with business "
            "leaders, officials said.",
            "Officials said several memorandums covering {talks} were being prepared for "
            "signature.",
            "Diplomats said preparatory talks had been held over the previous {weeks} weeks.",
            "Security was increased in central {city} for the duration of the visit.",
            "Trade between the two sides has grown steadily in recent years, according to "
            "official statistics.",
        ),
        quotes=(
            ("The visit reflects a relationship that is broad and practical.",
             "a foreign ministry spokesperson in {city}"),
            ("Both sides want results they can point to, so expect modest but concrete "
             "outcomes.", "{analyst}"),
            ("These visits set the tone for the work officials do for the rest of the year.",
             "a senior diplomat involved in the preparations"),
        ),
        closers=(
            "Officials said follow-up meetings at ministerial level would take place later "
            "in the year.",
            "A joint statement is due to be published at the end of the visit.",
        ),
        subjects=("diplomacy",),
    ),
    # -------------------------------------------------------------- Business
    Beat(
        key="rates",
        section="business",
        weight=4,
        scenes=(
            S("fed", "washington", "united_states", bank="Federal Reserve", bank_short="Fed",
              city="Washington", economy="the US economy", currency="dollar"),
            S("ecb", "frankfurt", "lagarde", "eurozone", bank="European Central Bank",
              bank_short="ECB", city="Frankfurt", economy="the euro area", currency="euro",
              note="ECB President Christine Lagarde is due to explain the decision at a news "
              "conference."),
            S("boj", "tokyo", "japan", bank="Bank of Japan", bank_short="BoJ", city="Tokyo",
              economy="Japan's economy", currency="yen"),
            S("rbi", "mumbai", "india", bank="Reserve Bank of India", bank_short="RBI",
              city="Mumbai", economy="India's economy", currency="rupee"),
            S("boe", "london", "united_kingdom", bank="Bank of England", bank_short="BoE",
              city="London", economy="the UK economy", currency="pound"),
            S("bcb", "brasilia", "brazil", bank="Central Bank of Brazil",
              bank_short="Brazil's central bank", city="Brasília", economy="Brazil's economy",
              currency="real"),
            S("cbk", "nairobi", "kenya", bank="Central Bank of Kenya",
              bank_short="Kenya's central bank", city="Nairobi", economy="Kenya's economy",
              currency="shilling"),
        ),
        headlines=(
            "{bank_short} holds rates steady as inflation eases",
            "{bank_short} keeps policy unchanged and signals patience on next move",
            "{bank_short} leaves rates on hold; {currency} little changed",
            "Markets expect {bank_short} to stay on hold after inflation slows",
            "{bank_short} holds rates and says it will keep watching wages, energy prices and "
            "the outlook for {economy}",
            "{bank} policymakers vote to keep borrowing costs unchanged",
        ),
        standfirsts=(
            "Policymakers said they wanted more evidence that inflation was settling before "
            "changing course.",
            "The decision was widely expected by economists and had little immediate effect "
            "on markets.",
            "The bank's statement pointed to slower price growth but flagged uncertainty over "
            "the months ahead.",
        ),
        ledes=(
            "The {bank} left its main interest rate unchanged, saying inflation in {economy} "
            "was easing but had not yet returned sustainably to target.",
            "The {bank} kept borrowing costs on hold, in a decision that economists had "
            "widely expected.",
        ),
        details=(
            "Annual inflation slowed to {pct} percent in the latest official figures, from "
            "{pct2} percent the month before.",
            "The {currency} was little changed after the announcement, and government bond "
            "yields moved only slightly.",
            "Policymakers said future decisions would depend on incoming data, repeating "
            "language from earlier statements.",
            "The bank's staff forecasts see growth of about {growth} percent this year.",
            "Economists surveyed before the meeting had almost unanimously expected no change.",
        ),
        quotes=(
            ("The bank is in no hurry, and today's statement made that clear.", "{analyst}"),
            ("Inflation is moving in the right direction, but policymakers want to be sure "
             "before they act.", "{analyst}"),
            ("We see the next move later rather than sooner, depending on how prices behave.",
             "{analyst}"),
        ),
        closers=(
            "The bank will publish the minutes of the meeting in about {weeks} weeks.",
            "The next policy meeting is scheduled in about six weeks.",
        ),
        subjects=("interest_rates", "inflation"),
    ),
    Beat(
        key="outlook",
        section="business",
        weight=3,
        scenes=(
            S("imf", "washington", "georgieva", "global_economy",
              org="International Monetary Fund", org_short="IMF", city="Washington",
              scope="the global economy", report="its latest World Economic Outlook"),
            S("worldbank", "washington", "south_asia", "development", org="World Bank",
              org_short="World Bank", city="Washington", scope="South Asia",
              report="a regional economic update"),
            S("oecd", "paris", "global_economy", org="OECD", org_short="OECD", city="Paris",
              scope="advanced economies", report="its interim economic outlook"),
            S("adb", "manila", "development", org="Asian Development Bank", org_short="ADB",
              city="Manila", scope="developing Asia", report="its regional outlook"),
            S("afdb", "abidjan", "africa", "development", org="African Development Bank",
              org_short="AfDB", city="Abidjan", scope="Africa",
              report="its annual economic outlook"),
            S("ec", "brussels", "eu", "eurozone", org="European Commission",
              org_short="European Commission", city="Brussels", scope="the European Union",
              report="its economic forecast"),
        ),
        headlines=(
            "{org_short} forecasts {growth}% growth for {scope}",
            "{org_short} trims outlook for {scope}, citing trade uncertainty",
            "{org_short} sees steady but modest growth in {scope}",
            "{org_short} says {scope} is proving more resilient than expected, but warns "
            "that risks remain tilted to the downside",
            "Debt and trade tensions weigh on outlook for {scope}, {org_short} says",
        ),
        standfirsts=(
            "The forecast is little changed from the previous estimate, with inflation "
            "expected to keep easing.",
            "Economists at the {org_short} pointed to trade policy and high debt levels as the "
            "main risks.",
            "The report urges governments to rebuild budget buffers while growth holds up.",
        ),
        ledes=(
            "The {org} expects {scope} to grow by {growth} percent this year, according to "
            "{report}, published in {city}.",
            "{scope_cap} will see modest growth this year, the {org} said in {report}, "
            "pointing to steady consumer spending.",
        ),
        details=(
            "Inflation is expected to slow to about {pct} percent on average, the report said, "
            "though at different speeds across countries.",
            "The report highlights high public debt as a constraint on governments' ability "
            "to respond to future shocks.",
            "Investment in infrastructure and skills could lift growth over the medium term, "
            "the authors wrote.",
            "The forecasts assume commodity prices broadly in line with futures markets at the "
            "time of writing.",
            "Private consumption is expected to remain the main driver of growth, supported by "
            "rising real wages.",
        ),
        quotes=(
            ("The headline number is steady, but the risks underneath it have not gone away.",
             "{analyst}"),
            ("Forecasts like this are a reminder that policy choices still matter a great deal.",
             "{analyst}"),
            ("Governments should use this period of stability to prepare for the next downturn.",
             "a senior {org_short} official briefing reporters"),
        ),
        closers=(
            "The next full update of the forecasts is due in about six months.",
            "Finance ministers are expected to discuss the findings at meetings in {city}.",
        ),
        subjects=("economic_growth",),
    ),
    Beat(
        key="markets",
        section="business",
        weight=3,
        scenes=(
            S("oil", "opec", "london", city="London", asset="Brent crude",
              driver="supply decisions by OPEC+ producers"),
            S("tokyo", "japan", "stock_markets", city="Tokyo", asset="the Nikkei 225",
              driver="a weaker yen and solid corporate earnings"),
            S("frankfurt", "eurozone", "stock_markets", city="Frankfurt",
              asset="the STOXX 600 index", driver="expectations of steady interest rates"),
            S("gold", "london", "commodities", city="London", asset="spot gold",
              driver="demand from central banks"),
            S("coffee", "sao_paulo", "brazil", "commodities", city="São Paulo",
              asset="the arabica coffee contract",
              driver="the weather outlook in Brazil's growing regions"),
            S("mumbai", "india", "stock_markets", city="Mumbai", asset="the Nifty 50 index",
              driver="steady inflows from domestic investors"),
        ),
        headlines=(
            "Gains for {asset} as traders weigh {driver}",
            "{asset_cap} slips as investors take profits after recent run",
            "{asset_cap} ends the session {pct}% higher",
            "Markets: {asset} steadies as focus turns to {driver}",
            "{asset_cap} posts its biggest daily move in weeks as traders react to {driver} "
            "and a busy economic calendar",
        ),
        standfirsts=(
            "Trading volumes were around average, and analysts said the moves reflected "
            "positioning rather than new information.",
            "Traders said attention was turning to economic data due later in the week.",
            "Analysts said {driver} remained the main influence on prices.",
        ),
        ledes=(
            "{asset_cap} moved in a narrow range for much of the session in {city}, as "
            "investors weighed {driver}.",
            "Prices for {asset} were volatile in {city} trading, with traders focused on {driver}.",
        ),
        details=(
            "Trading volumes were roughly in line with the 30-day average, according to "
            "exchange data.",
            "Analysts said the market had already priced in much of the recent news.",
            "Currency moves were modest, with the dollar little changed against major peers.",
            "Several brokers raised their short-term price targets, citing {driver}.",
            "Over the past month, {asset} has gained about {pct2} percent, according to market "
            "data.",
        ),
        quotes=(
            ("It was a session of positioning more than conviction.", "{analyst}"),
            ("The fundamentals haven't changed much; sentiment has.", "{analyst}"),
            ("Until the data gives a clearer signal, expect choppy trading.", "{analyst}"),
        ),
        closers=(
            "Market participants will look to inflation figures due later in the week for "
            "further direction.",
            "Analysts expect trading to remain cautious ahead of central bank meetings.",
        ),
    ),
    Beat(
        key="companies",
        section="business",
        weight=3,
        # Company news uses fictional companies only: invented results must never be
        # mistaken for a real listed company's.
        scenes=(
            S("stuttgart", "germany", "electric_vehicles", company="Tessaly Motors",
              sector="electric vehicle", city="Stuttgart", project="a new battery plant"),
            S("rotterdam", "netherlands", "shipping", company="Corvane Logistics",
              sector="shipping", city="Rotterdam",
              project="a fleet of lower-emission container ships"),
            S("nairobi", "kenya", "agriculture", company="Brightmoor Foods",
              sector="food processing", city="Nairobi", project="a regional distribution hub"),
            S("madrid", "spain", "renewable_energy", company="Aldmere Energy",
              sector="renewable energy", city="Madrid", project="a solar and storage project"),
            S("osaka", "japan", "manufacturing", company="Kaito Precision",
              sector="industrial robotics", city="Osaka", project="a new factory line"),
            S("bengaluru", "india", "pharmaceuticals", company="Vireo Pharma",
              sector="pharmaceuticals", city="Bengaluru", project="a research centre"),
        ),
        headlines=(
            "{company} posts {pct}% rise in quarterly revenue",
            "{company} to invest in {project} near {city}",
            "{company} shares rise after upbeat outlook",
            "{company} plans {project}, creating up to {k} jobs over the next few years, "
            "company says",
            "{company} cautious on demand as costs in {sector} sector rise",
        ),
        standfirsts=(
            "The company said demand had held up better than expected, helped by new contracts.",
            "Executives said the investment would be funded from existing cash and borrowing.",
            "Analysts said the results were broadly in line with expectations.",
        ),
        ledes=(
            "{company}, the {city}-based {sector} group, reported a {pct} percent rise in "
            "quarterly revenue and kept its full-year guidance unchanged.",
            "{company} said it would invest in {project}, a move it said would strengthen its "
            "position in the {sector} market.",
        ),
        details=(
            "Operating margins improved slightly, the company said, as it cut logistics costs.",
            "The project is expected to employ about {k} people once fully operational.",
            "Shares in the company rose {pct2} percent in early trading.",
            "The company said it expected to complete the first phase within {months} months.",
            "Management said it remained cautious about the second half of the year, citing "
            "higher input costs.",
        ),
        quotes=(
            ("We have a clear plan and the balance sheet to deliver it.", "{executive}"),
            ("The results show the business is heading in the right direction.", "{executive}"),
            ("Investors will want to see the margin improvement sustained.", "{analyst}"),
        ),
        closers=(
            "The company will publish its next results in about three months.",
            "The company said it would give more detail at an investor day later in the year.",
        ),
    ),
    # ------------------------------------------------------------ Technology
    Beat(
        key="tech_rules",
        section="technology",
        weight=3,
        scenes=(
            S("ec", "brussels", "eu", "ai", regulator="the European Commission", city="Brussels",
              rules="the AI Act", jurisdiction="the EU"),
            S("tokyo", "japan", "ai", regulator="Japan's digital agency", city="Tokyo",
              rules="new guidelines on generative AI", jurisdiction="Japan"),
            S("new_delhi", "india", "data_privacy", regulator="India's IT ministry",
              city="New Delhi", rules="rules for online platforms", jurisdiction="India"),
            S("brasilia", "brazil", "data_privacy", "ai",
              regulator="Brazil's data protection authority", city="Brasília",
              rules="data protection rules for AI training", jurisdiction="Brazil"),
            S("ofcom", "london", "united_kingdom", "online_safety", regulator="Ofcom",
              city="London", rules="online safety codes", jurisdiction="Britain"),
            S("nairobi", "kenya", "data_privacy", "fintech",
              regulator="Kenya's data protection commissioner", city="Nairobi",
              rules="guidance on mobile lending apps", jurisdiction="Kenya"),
        ),
        headlines=(
            "{regulator_cap} publishes guidance on {rules}",
            "Tech companies in {jurisdiction} given {months} months to comply with {rules}",
            "What {rules} will mean for developers, according to {regulator}",
            "{regulator_cap} opens consultation on {rules}",
            "Industry groups ask {regulator} for more time as {rules} move closer to taking "
            "effect in {jurisdiction}",
        ),
        standfirsts=(
            "The guidance sets out how companies should document their systems and handle "
            "complaints from users.",
            "Officials say the aim is legal certainty for companies and protection for users.",
            "Start-ups have asked for simpler procedures, while consumer groups want stronger "
            "enforcement.",
        ),
        ledes=(
            "{regulator_cap} published detailed guidance on {rules}, setting out what "
            "companies operating in {jurisdiction} will need to do to comply.",
            "Technology companies in {jurisdiction} will have {months} months to adapt to "
            "{rules}, {regulator} said in {city}.",
        ),
        details=(
            "The document runs to {n} pages and includes worked examples for smaller firms.",
            "Companies that fail to comply could face fines, although officials said the "
            "first phase would focus on guidance rather than penalties.",
            "A consultation on the technical details will remain open for {weeks} weeks.",
            "Industry associations said they welcomed the clarity but asked for more time to "
            "adapt their systems.",
            "Consumer groups said the rules were a step forward but that enforcement would be "
            "the real test.",
        ),
        quotes=(
            ("Clear rules help responsible companies, and they help users trust the services "
             "they rely on.", "a spokesperson for {regulator}"),
            ("Most firms can comply, but the smallest ones will need practical help.", "{analyst}"),
            ("The direction is right; the timetable is ambitious.", "{expert}"),
        ),
        closers=(
            "{regulator_cap} said it would publish a list of frequently asked questions "
            "in the coming weeks.",
            "A review of how the rules are working is planned after the first year.",
        ),
    ),
    Beat(
        key="chips",
        section="technology",
        weight=3,
        # Fictional chipmakers in real industrial towns: plausible, and nobody's share price.
        scenes=(
            S("dresden", "germany", "eu", company="Halvard Semiconductor", city="Dresden",
              country="Germany"),
            S("kumamoto", "japan", company="Ondine Microsystems", city="Kumamoto", country="Japan"),
            S("bengaluru", "india", company="Sarnath Chips", city="Bengaluru", country="India"),
            S("phoenix", "united_states", company="Halvard Semiconductor", city="Phoenix",
              country="the United States"),
            S("singapore", "supply_chains", company="Ondine Microsystems", city="Singapore",
              country="Singapore"),
        ),
        headlines=(
            "{company} starts production at new plant in {city}",
            "{company} expands chip packaging capacity in {country}",
            "Chipmaker {company} to hire {k} engineers for {city} site",
            "{company} says demand for chips used in AI data centres and cars will keep its "
            "{city} factory busy",
            "Government support helps {company} speed up {city} expansion",
        ),
        standfirsts=(
            "The company says the plant will make chips for cars, industrial equipment and "
            "data centres.",
            "Officials say the project will strengthen local supply chains for electronics.",
            "Executives said the investment was planned years ago and would be completed in "
            "phases.",
        ),
        ledes=(
            "{company} said it had begun production at its new facility in {city}, part of a "
            "wider push to expand chipmaking capacity in {country}.",
            "{company} will expand its operations in {city}, the company said, citing steady "
            "demand from car makers and data-centre operators.",
        ),
        details=(
            "The site is expected to reach full output within {months} months, the company said.",
            "Public subsidies cover part of the cost, under programmes designed to make supply "
            "chains more resilient.",
            "Local officials said the project would create about {k} jobs, including "
            "positions at suppliers.",
            "The company plans to train technicians in partnership with local colleges.",
            "Industry analysts said the new capacity would ease shortages of older chip types "
            "used in cars.",
        ),
        quotes=(
            ("Customers want supply they can count on, close to where they build their "
             "products.", "{executive}"),
            ("This is a long-term bet, and the company is pacing it carefully.", "{analyst}"),
        ),
        closers=(
            "The company will report its quarterly results next month.",
            "Construction of a second phase depends on customer orders, the company said.",
        ),
        subjects=("semiconductors", "manufacturing"),
    ),
    Beat(
        key="networks",
        section="technology",
        weight=3,
        scenes=(
            S("itu", "geneva", body="International Telecommunication Union", short="ITU",
              city="Geneva", theme="connecting people who are still offline"),
            S("enisa", "athens", "eu", "cybersecurity", body="EU cybersecurity agency ENISA",
              short="ENISA", city="Athens", theme="ransomware attacks on hospitals"),
            S("lisbon", "portugal", "undersea_cables",
              body="Portugal's communications regulator", short="Portugal's regulator",
              city="Lisbon", theme="protecting undersea internet cables"),
            S("nairobi", "kenya", body="Kenya's communications authority",
              short="Kenya's regulator", city="Nairobi",
              theme="expanding mobile broadband in rural areas"),
            S("tokyo", "japan", body="Japan's communications ministry",
              short="Japan's communications ministry", city="Tokyo",
              theme="research into next-generation mobile networks"),
            S("brasilia", "brazil", "amazon", body="Brazil's telecoms regulator",
              short="Brazil's regulator", city="Brasília",
              theme="satellite broadband in the Amazon"),
        ),
        headlines=(
            "{short} sets out priorities for {theme}",
            "Report from {short} highlights progress and gaps in {theme}",
            "{short} calls for closer cooperation on {theme}",
            "Operators and officials meet in {city} to discuss {theme}, with funding and "
            "security high on the list",
            "New plan on {theme} published in {city}",
        ),
        standfirsts=(
            "The plan sets targets and asks operators and governments to share more data.",
            "Officials say progress has been real but uneven, and that funding remains the "
            "main obstacle.",
            "Industry groups welcomed the report and said they were ready to invest if rules "
            "were stable.",
        ),
        ledes=(
            "The {body} set out its priorities for {theme}, in a report presented in {city}.",
            "Officials and network operators met in {city} to discuss {theme}, at a meeting "
            "convened by the {body}.",
        ),
        details=(
            "The report estimates that about {k} communities in the areas it covers still "
            "lack a reliable connection.",
            "It recommends shared infrastructure and simpler permits for new masts and "
            "ground stations.",
            "Security of networks and supply chains is a recurring theme of the document.",
            "Operators said investment decisions depended on predictable spectrum pricing.",
            "A working group will report back within {months} months.",
        ),
        quotes=(
            ("Connectivity is now basic infrastructure, as essential as roads and water.",
             "a spokesperson for the {short}"),
            ("The technology is ready; the business case in remote areas is the hard part.",
             "{analyst}"),
            ("Resilience has to be designed in from the start.", "{expert}"),
        ),
        closers=(
            "The full report is available on the {short} website.",
            "A follow-up meeting is planned later in the year.",
        ),
        subjects=("telecoms",),
    ),
    # --------------------------------------------------------------- Science
    Beat(
        key="space",
        section="science",
        weight=3,
        scenes=(
            S("nasa", "washington", "moon", agency="NASA", short="NASA", city="Washington",
              mission="a lunar science payload"),
            S("esa", "paris", "earth_observation", agency="European Space Agency", short="ESA",
              city="Paris", mission="an Earth-observation satellite"),
            S("jaxa", "tokyo", "japan", agency="Japan Aerospace Exploration Agency",
              short="JAXA", city="Tokyo", mission="an asteroid sample study"),
            S("isro", "bengaluru", "india", agency="Indian Space Research Organisation",
              short="ISRO", city="Bengaluru", mission="a weather satellite"),
            S("nasa", "cape_canaveral", "iss", agency="NASA", short="NASA",
              city="Cape Canaveral", mission="a space station resupply flight"),
            S("esa", "darmstadt", "mars", agency="European Space Agency", short="ESA",
              city="Darmstadt", mission="a Mars orbiter's extended mission"),
        ),
        headlines=(
            "{short} prepares {mission} for launch",
            "{short} completes key tests on {mission}",
            "Scientists welcome first data from {mission}",
            "{short} delays {mission} by {weeks} weeks to allow further checks",
            "Engineers in {city} say {mission} is on track after a series of tests on its "
            "instruments and systems",
        ),
        standfirsts=(
            "Mission managers said all major systems had performed as expected.",
            "The data will help scientists answer long-standing questions, researchers said.",
            "The agency said the schedule change was a precaution and did not affect the "
            "mission's goals.",
        ),
        ledes=(
            "The {agency} said work on {mission} had reached an important milestone, with "
            "engineers in {city} completing a series of tests.",
            "Scientists at the {agency} said {mission} was progressing as planned, after a "
            "review of its systems.",
        ),
        details=(
            "The tests simulated the vibration and temperature extremes of launch and flight.",
            "Researchers from {n} institutions are involved in analysing the data.",
            "The mission's budget is shared with international partners, the agency said.",
            "Engineers will spend the next {weeks} weeks reviewing the results before the next "
            "phase.",
            "First scientific results are expected to be published within {months} months.",
        ),
        quotes=(
            ("Every test we pass takes a little risk out of the mission.", "{scientist}"),
            ("The first data already look promising, and there is much more to come.",
             "{scientist}"),
            ("This is careful, step-by-step work, and the team has done it well.", "{expert}"),
        ),
        closers=(
            "The agency said it would share further updates as the mission progressed.",
            "Data from the mission will be made publicly available to researchers.",
        ),
        subjects=("space",),
    ),
    Beat(
        key="climate_science",
        section="science",
        weight=3,
        scenes=(
            S("wmo", "geneva", body="World Meteorological Organization", short="WMO",
              city="Geneva", finding="global temperatures"),
            S("unfccc", "bonn", body="UN climate secretariat", short="UN climate officials",
              city="Bonn", finding="national emissions plans"),
            S("copernicus", "bonn", "eu", body="Copernicus Climate Change Service",
              short="Copernicus", city="Bonn", finding="sea surface temperatures"),
            S("ipcc", "geneva", "sea_level", body="Intergovernmental Panel on Climate Change",
              short="IPCC", city="Geneva", finding="sea-level rise"),
            S("inpe", "amazon", "brazil", "deforestation",
              body="National Institute for Space Research", short="INPE",
              city="São José dos Campos", finding="deforestation in the Amazon"),
        ),
        headlines=(
            "{short} publishes new data on {finding}",
            "Scientists in {city} present latest findings on {finding}",
            "Report on {finding} urges faster action",
            "{short} data on {finding} show a mixed picture, with some regions improving and "
            "others getting worse",
            "New assessment of {finding} released by {short}",
        ),
        standfirsts=(
            "Scientists say the long-term trend is clear even when individual years vary.",
            "The report is based on data from thousands of stations, satellites and ocean buoys.",
            "Researchers say better monitoring has made estimates more reliable.",
        ),
        ledes=(
            "The {body} published its latest assessment of {finding}, drawing on data "
            "collected by monitoring networks around the world.",
            "Scientists presented new findings on {finding} in {city}, saying the data "
            "confirmed trends seen in earlier reports.",
        ),
        details=(
            "The analysis covers {n} years of records and was reviewed by independent experts.",
            "Regional differences are large, the report said, and some areas show improvement.",
            "Uncertainty ranges have narrowed compared with earlier estimates, the authors said.",
            "The findings will feed into negotiations at the next UN climate conference.",
            "The report estimates that the measured change is about {pct} percent larger than "
            "a decade ago.",
        ),
        quotes=(
            ("The numbers tell a consistent story, and they tell it with more confidence "
             "every year.", "{scientist}"),
            ("Good data is the foundation for every decision that follows.", "{expert}"),
        ),
        closers=(
            "The full data set is available online for researchers.",
            "An updated assessment is due next year.",
        ),
        subjects=("climate",),
    ),
    Beat(
        key="research",
        section="science",
        weight=3,
        scenes=(
            S("cern", "geneva", "physics", lab="CERN", city="Geneva", field="particle physics",
              advance="a more precise measurement of a fundamental particle's mass"),
            S("iter", "france", "fusion", lab="ITER", city="Saint-Paul-lez-Durance",
              field="fusion energy", advance="the installation of a key reactor component"),
            S("max_planck", "munich", "materials", lab="the Max Planck Society", city="Munich",
              field="materials science", advance="a cheaper way to make battery electrodes"),
            S("nmk", "nairobi", "kenya", "palaeontology", lab="the National Museums of Kenya",
              city="Nairobi", field="palaeontology", advance="a detailed study of fossil teeth"),
            S("embrapa", "brasilia", "brazil", "agriculture", lab="Embrapa", city="Brasília",
              field="crop science", advance="a drought-tolerant bean variety"),
            S("riken", "tokyo", "japan", "supercomputing", lab="RIKEN", city="Tokyo",
              field="computing", advance="a high-resolution simulation of ocean currents"),
        ),
        headlines=(
            "Researchers at {lab} report {advance}",
            "Study from {city} points to progress in {field}",
            "Scientists say {advance} could help future work in {field}, although more "
            "research is needed",
            "{lab} team describes {advance}",
            "Peer-reviewed study details {advance}",
        ),
        standfirsts=(
            "The researchers say the result needs to be confirmed by independent groups.",
            "The work was published in a peer-reviewed journal after several years of study.",
            "Scientists not involved in the work called it a careful and useful contribution.",
        ),
        ledes=(
            "Researchers working with {lab} have reported {advance}, in work they say could "
            "help guide the next stage of research in {field}.",
            "A team linked to {lab} in {city} described {advance}, in a study published this week.",
        ),
        details=(
            "The study involved {n} researchers from institutions in several countries.",
            "The team said their method could be reproduced by other laboratories.",
            "Funding came from public research agencies and international partners.",
            "The authors cautioned that further work would be needed before any practical use.",
            "The results improve on earlier estimates by about {pct} percent, the authors said.",
        ),
        quotes=(
            ("It's a small step, but it's a solid one, and that's how this field moves.",
             "{scientist}"),
            ("The method is the real contribution; others can build on it.", "{expert}"),
        ),
        closers=(
            "The researchers plan follow-up experiments over the next {months} months.",
            "The data and code have been published alongside the paper.",
        ),
    ),
    # ---------------------------------------------------------------- Health
    Beat(
        key="who",
        section="health",
        weight=3,
        scenes=(
            S("who", "geneva", "tedros", "measles", "vaccines", org="WHO",
              org_long="World Health Organization", city="Geneva",
              issue="measles vaccination coverage",
              note="WHO Director-General Tedros Adhanom Ghebreyesus opened the meeting."),
            S("who", "geneva", "amr", org="WHO", org_long="World Health Organization",
              city="Geneva", issue="antimicrobial resistance"),
            S("africa_cdc", "addis_ababa", "cholera", org="Africa CDC",
              org_long="Africa Centres for Disease Control and Prevention", city="Addis Ababa",
              issue="cholera preparedness"),
            S("who", "new_delhi", "india", "air_pollution", org="WHO",
              org_long="World Health Organization", city="New Delhi",
              issue="air pollution and health"),
            S("paho", "washington", "dengue", org="PAHO",
              org_long="Pan American Health Organization", city="Washington",
              issue="dengue prevention"),
            S("who", "cairo", "maternal_health", org="WHO", org_long="World Health Organization",
              city="Cairo", issue="maternal health services"),
        ),
        headlines=(
            "{org} issues new guidance on {issue}",
            "{org} urges countries to step up work on {issue}",
            "Health officials meet in {city} to review progress on {issue}",
            "{org} report on {issue} finds uneven progress across regions and calls for more "
            "sustained funding",
            "Experts convened by {org} set out priorities for {issue}",
        ),
        standfirsts=(
            "The guidance is aimed at health ministries and is based on a review of the latest "
            "evidence.",
            "Officials say progress is possible with steady funding and better data.",
            "The report finds large differences between and within countries.",
        ),
        ledes=(
            "The {org_long} published new guidance on {issue}, urging health ministries to "
            "strengthen surveillance and prevention.",
            "Health officials gathered in {city} to review progress on {issue}, at a meeting "
            "organised by the {org_long}.",
        ),
        details=(
            "The guidance draws on {n} studies published over the past decade.",
            "Countries are asked to report progress annually using a common set of indicators.",
            "Community health workers are central to the recommendations, the report said.",
            "Funding gaps remain the main obstacle in low-income countries, officials said.",
            "Coverage rose by about {pct} percent over the period covered by the report.",
        ),
        quotes=(
            ("The tools exist. What we need is steady investment and good data.",
             "a spokesperson for the {org}"),
            ("Guidance only matters if clinics can act on it, so implementation is everything.",
             "{expert}"),
            ("We have seen what works, and it is not complicated, but it has to be sustained.",
             "{doctor}"),
        ),
        closers=(
            "The {org} said it would support countries in adapting the guidance to local "
            "conditions.",
            "A progress review is planned in two years.",
        ),
        subjects=("public_health",),
    ),
    Beat(
        key="vaccination",
        section="health",
        weight=3,
        scenes=(
            S("gavi", "nairobi", "kenya", "malaria", programme="malaria vaccination",
              country="Kenya", city="Nairobi"),
            S("new_delhi", "india", "hpv", programme="HPV vaccination", country="India",
              city="New Delhi"),
            S("islamabad", "pakistan", "polio", programme="polio vaccination",
              country="Pakistan", city="Islamabad"),
            S("gavi", "abuja", "nigeria", "malaria", programme="malaria vaccination",
              country="Nigeria", city="Abuja"),
            S("brasilia", "brazil", "measles", programme="measles and rubella vaccination",
              country="Brazil", city="Brasília"),
        ),
        headlines=(
            "{country} expands {programme} to more districts",
            "Health workers begin door-to-door {programme} campaign in {country}",
            "{country} aims to reach {k} children in new {programme} drive",
            "{programme_cap} campaign in {country} reaches more children than planned in its "
            "first weeks, officials say",
            "Health ministry in {city} reports steady uptake of {programme}",
        ),
        standfirsts=(
            "Health officials say the campaign focuses on districts where coverage has lagged.",
            "The programme is supported by international partners and national health budgets.",
            "Parents have been asked to bring children's health cards to vaccination points.",
        ),
        ledes=(
            "{country} has expanded {programme} to {n} more districts, the health ministry "
            "said in {city}.",
            "Health workers in {country} began a campaign of {programme}, aiming to reach "
            "children in areas where coverage has fallen behind.",
        ),
        details=(
            "The ministry said {k} doses had been distributed to regional stores.",
            "Community leaders and teachers are helping to spread information about the campaign.",
            "Mobile teams will visit remote villages that are far from health facilities.",
            "Cold-chain equipment has been upgraded in several districts to keep vaccines at "
            "the right temperature.",
            "Coverage in targeted districts rose by about {pct} percent in the first phase.",
        ),
        quotes=(
            ("Our aim is simple: no child should miss out because of where they live.",
             "a health ministry spokesperson"),
            ("Trust is built locally, by nurses and community health workers people know.",
             "{doctor}"),
        ),
        closers=(
            "The campaign will run for {weeks} weeks, officials said.",
            "Results will be reviewed with partners at the end of the campaign.",
        ),
        subjects=("vaccines",),
    ),
    Beat(
        key="health_systems",
        section="health",
        weight=2,
        scenes=(
            S("tokyo", "japan", "ageing", country="Japan", city="Tokyo",
              challenge="caring for an ageing population"),
            S("nhs", "london", "united_kingdom", country="Britain", city="London",
              challenge="hospital waiting lists"),
            S("berlin", "germany", "health_workforce", country="Germany", city="Berlin",
              challenge="nursing shortages"),
            S("johannesburg", "south_africa", "hiv", country="South Africa", city="Johannesburg",
              challenge="access to HIV treatment"),
            S("mexico_city", "mexico", "diabetes", country="Mexico", city="Mexico City",
              challenge="diabetes prevention"),
            S("toronto", "canada", "mental_health", country="Canada", city="Toronto",
              challenge="mental health services for young people"),
        ),
        headlines=(
            "{country} sets out plan to tackle {challenge}",
            "Doctors in {city} call for more resources for {challenge}",
            "New figures highlight pressure from {challenge} in {country}",
            "Health officials in {country} say a new approach to {challenge} is beginning to "
            "show results in some regions",
            "Hospitals in {city} trial new approach to {challenge}",
        ),
        standfirsts=(
            "Officials say the plan combines extra staff, digital tools and prevention.",
            "Professional bodies welcomed the plan but said funding had to be sustained.",
            "The figures show improvement in some areas and growing pressure in others.",
        ),
        ledes=(
            "Health authorities in {country} set out a plan to address {challenge}, saying "
            "the first measures would start within {months} months.",
            "Doctors and nurses in {city} called for more resources to deal with "
            "{challenge}, as new official figures showed continued pressure.",
        ),
        details=(
            "The plan includes training places for about {k} additional health workers.",
            "Pilot projects in {n} clinics will test new ways of organising care.",
            "Patient groups said they wanted to be involved in designing the changes.",
            "Officials said digital appointment systems had already reduced some delays.",
            "Spending in this area is set to rise by {pct} percent next year, according to "
            "budget documents.",
        ),
        quotes=(
            ("Patients notice when the system works together, and they notice when it doesn't.",
             "{doctor}"),
            ("The plan is a good start, but it needs to be funded beyond a single budget cycle.",
             "{expert}"),
        ),
        closers=(
            "Progress will be reported to parliament every six months.",
            "Health officials said they would publish monthly figures on the plan's progress.",
        ),
        subjects=("public_health",),
    ),
    # ----------------------------------------------------------------- Sport
    Beat(
        key="governance",
        section="sport",
        weight=3,
        scenes=(
            S("fifa", "zurich", "football", body="FIFA", city="Zurich",
              matter="the international match calendar"),
            S("uefa", "nyon", "football", body="UEFA", city="Nyon",
              matter="financial sustainability rules for clubs"),
            S("caf", "cairo", "football", body="CAF", city="Cairo", matter="stadium standards"),
            S("fifa", "rabat", "morocco", "world_cup", body="FIFA", city="Rabat",
              matter="preparations for the 2030 World Cup"),
            S("conmebol", "asuncion", "football", body="CONMEBOL", city="Asunción",
              matter="the format of continental club competitions"),
            S("ioc", "lausanne", "olympics", body="IOC", city="Lausanne", matter="athlete welfare"),
            S("icc", "dubai", "cricket", body="ICC", city="Dubai",
              matter="the future tours programme"),
            S("world_athletics", "monaco", "athletics", body="World Athletics", city="Monaco",
              matter="competition rules"),
        ),
        headlines=(
            "{body} council meets in {city} to discuss {matter}",
            "{body} sets out changes to {matter}",
            "Clubs and federations react to {body} plans on {matter}",
            "{body} says decision on {matter} will follow consultation with member "
            "associations over the coming months",
            "Working group on {matter} reports to {body}",
        ),
        standfirsts=(
            "Officials said the proposals would be refined after feedback from members.",
            "Player and athlete representatives asked to be closely involved in the next steps.",
            "A final decision is expected at the organisation's next full meeting.",
        ),
        ledes=(
            "{body} discussed {matter} at a meeting in {city}, with officials saying that "
            "proposals would be sent to members for comment.",
            "Officials at {body} set out changes to {matter}, saying they wanted to balance "
            "competition, finances and the welfare of athletes.",
        ),
        details=(
            "The proposals were drawn up by a working group of {n} members.",
            "Member associations have {weeks} weeks to send written comments.",
            "Player representatives said workload and recovery time should be central to "
            "any decision.",
            "Broadcasters and sponsors were briefed on the proposals, officials said.",
            "The changes would apply from the start of the next competition cycle.",
        ),
        quotes=(
            ("We want a calendar and a set of rules that work for everyone in the game.",
             "a spokesperson for {body}"),
            ("The consultation is real, and members will shape the final text.",
             "an official involved in the talks"),
            ("Athletes need a voice in these decisions, not just a briefing afterwards.",
             "{expert}"),
        ),
        closers=(
            "A final decision is expected later in the year.",
            "{body} said it would publish the outcome of the consultation.",
        ),
    ),
    Beat(
        key="road_races",
        section="sport",
        weight=2,
        scenes=(
            S("berlin", "germany", city="Berlin", race="the city marathon"),
            S("tokyo", "japan", city="Tokyo", race="the city marathon"),
            S("nairobi", "kenya", city="Nairobi", race="an international road race"),
            S("lisbon", "portugal", city="Lisbon", race="the half marathon"),
            S("mexico_city", "mexico", city="Mexico City", race="the city marathon"),
        ),
        headlines=(
            "{winner} wins {race} in {city}",
            "{winner} takes {race} title in {city} in {race_time}",
            "Fast conditions in {city} as {winner} claims {race} victory",
            "{winner} pulls clear in the final kilometres to win {race} in {city} ahead of "
            "{runner_up}",
        ),
        standfirsts=(
            "Cool, calm conditions helped a large field to fast times.",
            "The race drew thousands of amateur runners alongside the elite field.",
            "Organisers said participation had reached a record for the event.",
        ),
        ledes=(
            "{winner} won {race} in {city} in {race_time}, pulling away from {runner_up} in "
            "the closing stages.",
            "{winner} claimed victory in {race} in {city}, finishing in {race_time} ahead of "
            "{runner_up}.",
        ),
        details=(
            "{runner_up} finished second, {gap} seconds behind.",
            "About {k} runners started the race, according to organisers.",
            "The leading group stayed together until the {km}th kilometre.",
            "Temperatures at the start were around {temp} degrees Celsius.",
            "Organisers said medical teams treated a small number of runners for minor problems.",
        ),
        quotes=(
            ("I felt strong at the end, so I decided to go.", "{winner}"),
            ("The pace was honest from the start, and I am happy with the result.", "{runner_up}"),
        ),
        closers=(
            "The race is part of a series of international road events.",
            "Organisers said registration for next year's race would open soon.",
        ),
        subjects=("athletics",),
    ),
    Beat(
        key="tennis",
        section="sport",
        weight=2,
        scenes=(
            S("madrid", "spain", city="Madrid", event="the clay-court tournament"),
            S("tokyo", "japan", city="Tokyo", event="the indoor hard-court event"),
            S("rome", "italy", city="Rome", event="the clay-court tournament"),
            S("toronto", "canada", city="Toronto", event="the hard-court tournament"),
            S("brisbane", "australia", city="Brisbane", event="the season-opening tournament"),
        ),
        headlines=(
            "{winner} beats {runner_up} to reach the {round} in {city}",
            "{winner} advances in {city} after straight-sets win",
            "Seed {runner_up} knocked out in {city} by {winner}",
            "{winner} saves match point and comes from a set down to beat {runner_up} at "
            "{event} in {city}",
        ),
        standfirsts=(
            "The match lasted just over two hours in front of a full crowd.",
            "{winner} will face another seeded player in the next round.",
            "Windy conditions made serving difficult for both players.",
        ),
        ledes=(
            "{winner} beat {runner_up} {score} to reach the {round} of {event} in {city}.",
            "{winner} reached the {round} in {city} with a {score} win over {runner_up}.",
        ),
        details=(
            "{winner} won {n2} break points over the course of the match.",
            "The match lasted {minutes} minutes.",
            "{runner_up} had won their previous meeting, earlier in the season.",
            "Rain delayed the start of play by about an hour.",
        ),
        quotes=(
            ("I tried to stay aggressive and trust my game.", "{winner}"),
            ("Credit to my opponent; the big points went the other way.", "{runner_up}"),
        ),
        closers=(
            "The tournament continues with the remaining matches of the round.",
            "The final is scheduled for the weekend.",
        ),
        subjects=("tennis",),
    ),
    # --------------------------------------------------------------- Culture
    Beat(
        key="museums",
        section="culture",
        weight=3,
        scenes=(
            S("british_museum", "london", institution="the British Museum", city="London",
              show="an exhibition on ancient trade routes"),
            S("louvre", "paris", institution="the Louvre", city="Paris",
              show="a display of newly restored paintings"),
            S("rijksmuseum", "amsterdam", institution="the Rijksmuseum", city="Amsterdam",
              show="an exhibition of Dutch maritime maps"),
            S("nmk", "nairobi", "kenya", "photography",
              institution="the Nairobi National Museum", city="Nairobi",
              show="a show of contemporary East African photography"),
            S("tokyo_national_museum", "tokyo", institution="the Tokyo National Museum",
              city="Tokyo", show="an exhibition of Edo-period textiles"),
            S("museu_nacional", "rio", "brazil", institution="the National Museum of Brazil",
              city="Rio de Janeiro", show="the reopening of restored galleries"),
        ),
        headlines=(
            "{institution_cap} opens {show}",
            "Visitors queue in {city} for {show}",
            "Curators at {institution} spent {years} years preparing {show}",
            "{institution_cap} says {show} brings together objects that have rarely been "
            "displayed side by side",
            "Loans from {n} collections for {show} in {city}",
        ),
        standfirsts=(
            "The exhibition brings together loans from collections in several countries.",
            "Curators say the show is designed for families as well as specialists.",
            "Some of the objects have never been shown to the public before.",
        ),
        ledes=(
            "{institution_cap} in {city} opened {show}, bringing together about {n3} "
            "objects from its own collection and from partner institutions.",
            "{show_cap} opened at {institution} in {city}, the result of {years} years of "
            "research and conservation work.",
        ),
        details=(
            "The exhibition runs for {months} months and is accompanied by a catalogue.",
            "Conservators worked on several pieces before they could travel.",
            "Audio guides are available in {n2} languages, the museum said.",
            "Admission is free for visitors under 18.",
            "The museum said advance bookings had been strong.",
        ),
        quotes=(
            ("We wanted people to see how connected the world already was, centuries ago.",
             "{curator}"),
            ("Conservation takes time, and this show is the reward for that patience.",
             "{curator}"),
        ),
        closers=(
            "The exhibition will travel to a partner museum after it closes.",
            "A programme of talks and family workshops accompanies the exhibition.",
        ),
        subjects=("museums", "heritage"),
    ),
    Beat(
        key="film",
        section="culture",
        weight=3,
        scenes=(
            S("berlinale", "berlin", festival="the Berlin International Film Festival",
              city="Berlin"),
            S("venice_film_festival", "venice", festival="the Venice Film Festival", city="Venice"),
            S("tiff", "toronto", festival="the Toronto International Film Festival",
              city="Toronto"),
            S("cannes_festival", "cannes", festival="the Cannes Film Festival", city="Cannes"),
            S("biff", "busan", "south_korea", festival="the Busan International Film Festival",
              city="Busan"),
        ),
        headlines=(
            "'{film}' premieres in {city} to warm applause",
            "Director {director} brings '{film}' to {city}",
            "Festival in {city} unveils programme with {n} films in competition",
            "'{film}', a quiet drama about family and migration, is among the early favourites "
            "at {festival}",
            "Critics in {city} praise debut feature '{film}'",
        ),
        standfirsts=(
            "The film follows three generations of a family over a single summer.",
            "The director said the story grew out of conversations with relatives.",
            "The festival's programme this year leans towards first and second features.",
        ),
        ledes=(
            "'{film}', the new feature by director {director}, premiered at {festival} in "
            "{city}, where it was received warmly by audiences.",
            "{festival_cap} in {city} screened '{film}', one of {n} films in this year's "
            "main competition.",
        ),
        details=(
            "The film was shot over {weeks} weeks with a largely non-professional cast.",
            "Distribution rights have been sold in several countries, according to the producers.",
            "The festival's jury will announce its awards at the closing ceremony.",
            "This year's selection includes films from {n2} countries.",
            "The screening was followed by a question-and-answer session with the cast.",
        ),
        quotes=(
            ("I wanted to make a film about the small moments that hold a family together.",
             "{director}"),
            ("It's a patient, humane film that trusts its audience.", "{critic}"),
        ),
        closers=(
            "The festival continues until the end of the week.",
            "The film is scheduled for cinema release later in the year.",
        ),
        subjects=("film",),
    ),
    Beat(
        key="festivals",
        section="culture",
        weight=2,
        scenes=(
            S("frankfurt_book_fair", "frankfurt", "books", event="the Frankfurt Book Fair",
              city="Frankfurt"),
            S("jaipur", "india", "books", event="the literature festival in Jaipur", city="Jaipur"),
            S("edinburgh", "united_kingdom", "theatre", event="the Edinburgh festivals",
              city="Edinburgh"),
            S("salzburg_festival", "salzburg", "austria", "music", event="the Salzburg Festival",
              city="Salzburg"),
            S("unesco", "paris", "heritage", event="a UNESCO meeting on living heritage",
              city="Paris"),
        ),
        headlines=(
            "Organisers of {event} announce this year's programme",
            "Ticket demand strong for {event}, organisers say",
            "Writers, artists and performers head to {city} for {event}",
            "{event_cap} puts the spotlight on young artists and new work from across the world",
        ),
        standfirsts=(
            "Organisers say the programme includes more first-time participants than ever.",
            "A series of free events is designed to bring in new audiences.",
            "The programme mixes established names with emerging artists.",
        ),
        ledes=(
            "Organisers of {event} in {city} published a programme of about {n3} events, "
            "with new work from {n2} countries.",
            "{event_cap} opened in {city}, with organisers reporting strong early demand for "
            "tickets.",
        ),
        details=(
            "About {k} visitors are expected over the course of the event.",
            "A new programme for schools will bring students to several sessions.",
            "Some events will be streamed online for audiences abroad.",
            "Organisers said accessibility improvements had been made at the main venues.",
        ),
        quotes=(
            ("We want this to feel open to everyone, not just people who come every year.",
             "{festival_director}"),
            ("The range of voices this year is remarkable.", "{critic}"),
        ),
        closers=(
            "The full programme is available on the organisers' website.",
            "Organisers will publish attendance figures after the event closes.",
        ),
    ),
)
# fmt: on

# Lines added when an article is updated some minutes after publication.
UPDATE_PARAGRAPHS = (
    "In a statement issued later, officials said further details would be published within days.",
    "A spokesperson later confirmed the timetable and said no further changes were planned.",
    "Later, organisers said the schedule had been extended to allow more time for questions.",
)

# ---------------------------------------------------------------------------
# The plan: articles in memory
# ---------------------------------------------------------------------------


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


@dataclass
class DemoSummary:
    """What a load did, for the command's output and for tests."""

    articles: int = 0
    created: int = 0
    per_section: dict[str, int] = field(default_factory=dict)
    sources: int = 0
    authors: int = 0
    topics: int = 0
    lead_ids: list[int] = field(default_factory=list)
    corrected_ids: list[int] = field(default_factory=list)
    updated_ids: list[int] = field(default_factory=list)
    shifted_by: timedelta | None = None
    seconds: float = 0.0


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


def demo_articles() -> QuerySet[Article]:
    """Articles the loader wrote: copy from the fictional agencies or by the demo staff."""
    return Article.objects.filter(
        Q(source__slug__in=AGENCY_SLUGS) | Q(authors__slug__in=[w.slug for w in STAFF])
    ).distinct()


def demo_exists() -> bool:
    return Source.objects.filter(slug__in=AGENCY_SLUGS).exists() and demo_articles().exists()


def _say(stdout: TextIO | None, message: str) -> None:
    if stdout is not None:
        stdout.write(message + ("" if message.endswith("\n") else "\n"))


def _ensure_structure() -> tuple[dict[str, Section], dict[str, Source], dict[str, Author]]:
    sections = {}
    for position, (name, slug, description) in enumerate(SECTIONS, start=1):
        sections[slug], _ = Section.objects.update_or_create(
            slug=slug,
            defaults={"name": name, "description": description, "position": position * 10},
        )
    sources = {}
    newsroom = {**NEWSROOM_SOURCE, "kind": Source.Kind.NEWSROOM}
    for spec in (newsroom, *({**a, "kind": Source.Kind.AGENCY} for a in AGENCIES)):
        # Names are unique too: adopt a source the desk already created under another slug.
        source = Source.objects.filter(Q(slug=spec["slug"]) | Q(name=spec["name"])).first()
        # The demo agencies deliver nothing: a new one starts disabled so no poller tries it.
        is_agency = spec["kind"] == Source.Kind.AGENCY
        source = source or Source(slug=spec["slug"], enabled=not is_agency)
        source.name, source.kind, source.credit = spec["name"], spec["kind"], spec["credit"]
        source.save()
        sources[spec["slug"]] = source
    authors = {}
    for writer in STAFF:
        authors[writer.slug], _ = Author.objects.update_or_create(
            slug=writer.slug,
            defaults={"name": writer.name, "role": writer.role, "bio": writer.bio},
        )
    return sections, sources, authors


def shift_demo(*, now: datetime | None = None) -> timedelta | None:
    """Move the demo day forward so its newest article is `NEWEST_AGE` old again.

    Nothing moves while the newest article is younger than `STALE_AFTER`. Returns the
    delta applied, or None.
    """
    now = now or timezone.now()
    ids = list(demo_articles().values_list("id", flat=True))
    newest = (
        Article.objects.filter(id__in=ids, published_at__isnull=False)
        .order_by("-published_at")
        .values_list("published_at", flat=True)
        .first()
    )
    if newest is None or now - newest < STALE_AFTER:
        return None
    delta = now - NEWEST_AGE - newest
    with transaction.atomic():
        articles = Article.objects.filter(id__in=ids)
        # created_at and revision times record when the loader really ran, so they stay.
        articles.update(published_at=F("published_at") + delta, updated_at=F("updated_at") + delta)
        # A date can't take a sub-day delta portably; the dateline is the day of publication.
        articles.update(dateline_date=TruncDate("published_at"))
        CorrectionNote.objects.filter(article_id__in=ids).update(noted_at=F("noted_at") + delta)
        # Lists and caches built on publication times must be rebuilt, as after any change.
        for article_id, section_id in articles.values_list("id", "section_id"):
            events.announce_change(
                article_id=article_id, what={events.UPDATED}, section_ids={section_id}
            )
    return delta


def reset_demo(*, stdout: TextIO | None = None) -> int:
    """Delete the demo articles and the demo topics nothing else uses; keep the structure."""
    with transaction.atomic():
        ids = list(demo_articles().values_list("id", flat=True))
        Article.objects.filter(id__in=ids).delete()
        orphans = Topic.objects.filter(
            slug__in=[find_topic_slug(key) for key in TOPICS], article_links__isnull=True
        )
        orphans.delete()
    _say(stdout, f"Deleted {len(ids)} demo articles.")
    return len(ids)


def find_topic_slug(key: str) -> str:
    """The slug `find_or_create_topic` gives a demo topic."""
    return slugify(TOPICS[key][0]) or "topic"


def _summarise(summary: DemoSummary) -> DemoSummary:
    articles = demo_articles()
    summary.articles = articles.count()
    summary.per_section = dict(
        Counter(
            Article.objects.filter(id__in=articles.values("id")).values_list(
                "section__slug", flat=True
            )
        )
    )
    summary.sources = Source.objects.filter(
        slug__in=[NEWSROOM_SOURCE["slug"], *AGENCY_SLUGS]
    ).count()
    summary.authors = Author.objects.filter(slug__in=[w.slug for w in STAFF]).count()
    summary.topics = (
        Topic.objects.filter(article_links__article__in=articles.values("id")).distinct().count()
    )
    if not summary.lead_ids:
        summary.lead_ids = sorted(articles.filter(is_lead=True).values_list("id", flat=True))
    if not summary.corrected_ids:
        summary.corrected_ids = sorted(
            articles.filter(corrections__isnull=False).values_list("id", flat=True)
        )
    if not summary.updated_ids:
        summary.updated_ids = sorted(
            articles.filter(revisions__reason="update").values_list("id", flat=True)
        )
    return summary


def load_demo(
    *, count: int = DEFAULT_COUNT, now: datetime | None = None, stdout: TextIO | None = None
) -> DemoSummary:
    """Write the demo content, or, if it is already there, only bring its times up to date.

    Safe to run again and again: existing demo content is never duplicated.
    """
    started = time.monotonic()
    now = now or timezone.now()
    summary = DemoSummary()
    if demo_exists():
        summary.shifted_by = shift_demo(now=now)
        if summary.shifted_by is None:
            _say(stdout, "Demo content already loaded and fresh; nothing to do.")
        else:
            _say(stdout, f"Demo content already loaded; moved it forward by {summary.shifted_by}.")
        summary.seconds = time.monotonic() - started
        return _summarise(summary)

    plans = plan_demo(count=count, now=now)
    topics: dict[str, Topic] = {}
    with transaction.atomic():
        sections, sources, authors = _ensure_structure()
        # Oldest first, so ids grow with publication time as they would in a real newsroom.
        for plan in reversed(plans):
            article = create_article(
                headline=plan.headline,
                section=sections[plan.section],
                body=plan.published_body or plan.body,
                standfirst=plan.standfirst,
                # The wire sends "By ..." (demo_wire); an article keeps the names alone.
                byline=byline_names(plan.byline),
                authors=[authors[slug] for slug in plan.authors],
                dateline_place=plan.city,
                dateline_date=_local_date(plan.published_at),
                credit=plan.credit,
                source=sources[plan.source],
                is_lead=plan.is_lead,
            )
            publish_article(article=article, at=plan.published_at)
            for key, _score in plan.topics:
                if key not in topics:
                    name, kind, description = TOPICS[key]
                    topics[key] = find_or_create_topic(
                        name=name, kind=kind, description=description
                    )
            assign_topics(article=article, topics=[(topics[k], s) for k, s in plan.topics])
            if plan.update:
                update_article(article=article, changes=plan.update, at=plan.updated_at)
                summary.updated_ids.append(article.pk)
            if plan.published_body is not None:
                correct_article(
                    article=article,
                    note=plan.correction_note,
                    changes={"body": plan.body},
                    at=plan.corrected_at,
                )
                summary.corrected_ids.append(article.pk)
            if plan.is_lead:
                summary.lead_ids.append(article.pk)
            summary.created += 1
    summary.seconds = time.monotonic() - started
    _summarise(summary)
    _say(
        stdout,
        f"Created {summary.created} demo articles in {summary.seconds:.1f}s "
        f"({summary.topics} topics, {summary.authors} authors, {summary.sources} sources).",
    )
    return summary


def _local_date(moment: datetime) -> date:
    return timezone.localtime(moment).date()
