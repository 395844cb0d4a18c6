"""Word lists for junk control. All entries are folded (lower case, no accents)."""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Never a topic, whatever a title-case headline or a recogniser says ("From", "The").
FUNCTION_WORDS: frozenset[str] = _words(
    """
    a about above after again against all also although am an and any are as at be
    because been before being below between both but by can could did do does during
    each either for from further had has have having he her here hers him his how
    however i if in into is it its just may me might more most must my no nor not now of
    off on once only or other our out over own same she should since so some such than
    that the their them then there these they this those though through to too under
    until up upon us very was we were what when where which while who whom why will with
    within without would yet you your says said say amid despite toward towards via per
    new old
    """
)

# Capitalised nouns that look like names in copy and headlines but name nothing by themselves
# (the observed portal tagged "Progress", "Alliance", "Government"). Part of a known name they
# still match ("Government of Pakistan" is a longer alias), on their own never.
GENERIC_WORDS: frozenset[str] = _words(
    """
    alliance government progress ministry minister ministers president prime secretary
    state states nation nations country countries people party parties army military
    forces force police court council committee commission parliament assembly house
    office department agency authority authorities union federation republic kingdom
    empire region province city capital town village north south east west northern
    southern eastern western central world international national global federal
    official officials leader leaders talks deal deals summit meeting security defence
    defense peace war crisis report news press statement group company bank market
    markets economy budget plan policy law bill election elections campaign vote team
    club league cup final season match monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december today yesterday tomorrow week month year breaking update exclusive analysis
    opinion live video photos watch latest official guarantee guarantees bilateral
    allies ally working source sources spokesman spokeswoman spokesperson chief general
    governor mayor king queen prince emperor pope sheikh emir ambassador envoy
    delegation border borders west east mr mrs ms dr sir lord lady councillor councilman
    councilwoman member members lawmaker lawmakers mp mps
    """
)

# Words that may stand right before or after a name without making it part of a longer name:
# "President Biden", "Kyiv Mayor Vitali Klitschko", "Texas Governor". See tagger._embedded.
TITLE_WORDS: frozenset[str] = _words(
    """
    president vice prime minister ministers secretary chancellor premier governor mayor
    king queen prince princess crown emperor pope sheikh emir ayatollah general field
    marshal admiral colonel commander chief spokesman spokeswoman ambassador envoy
    senator representative rep sen gov speaker leader deputy foreign defence defense
    interior finance treasury justice home health trade economy state officials official
    authorities forces troops army police government ministry parliament capital city
    region province state-run state-owned north south east west northern southern
    eastern western central greater upper lower mr mrs ms dr sir lord lady dame former
    acting interim then new old councillor council member coach striker captain
    organiser aid worker
    """
)

# Phrases that contain a known name but are about something else; the index consumes them.
STOP_PHRASES: tuple[str, ...] = (
    "Peking duck", "Brussels sprouts", "French fries", "Turkish delight", "Panama hat",
    "Panama hats", "Danish pastry", "Swiss cheese", "Russian roulette", "Chinese whispers",
    "Dutch courage", "Spanish flu", "Jersey cow", "Washington Post", "Paris Hilton",
    "Boston Marathon", "Texas Instruments", "China Daily", "Indian Ocean", "Indian Premier League",
)  # fmt: skip
