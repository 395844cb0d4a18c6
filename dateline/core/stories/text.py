"""Words, shingles, names and places of news copy, as the story core compares them.

Plain Python: the same functions serve the Django adapter, the CLI and the benchmark.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from dateline.core.text import html_to_text

# Function words carry no sign of which event an article is about.
_STOPWORDS_TEXT = """
a about above after again against all also am an and any are as at be because been
before being below between both but by can could did do does doing down during each
few for from further had has have having he her here hers herself him himself his
how i if in into is it its itself just me more most my no nor not now of off on once
only or other our ours out over own same she should so some such than that the their
theirs them then there these they this those through to too under until up very was
we were what when where which while who whom why will with would you your yours said
says say told according mr mrs ms one two new last first after week year years day
days monday tuesday wednesday thursday friday saturday sunday people officials
official
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
# A dateline opening agency copy: "GENEVA (Meridian Press) —" or "NAIROBI, Kenya —".
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z .'\-]{2,40}?)(?:,\s*[A-Z][\w .]{1,30})?\s*(?:\([^)]{1,60}\))?\s*[—–-]{1,2}\s"
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_CAPITALISED = re.compile(r"^[A-Z][a-z]")


# Copy tokenised for research or by some feeds ("did n't", "Chile 's", "`` quoted ''",
# "Calif . ,") is put back as publishers write it, so that no word, name or shingle depends
# on how the copy was tokenised: two reports of one event must not differ by punctuation style.
_PTB_QUOTES = re.compile(r"``\s*|\s*''")
_PTB_CLITIC = re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m|’s)(?=\W|$)", re.IGNORECASE)
_PTB_CLOSING = re.compile(r"\s+([.,;:!?%)\]}])")
_PTB_OPENING = re.compile(r"([(\[{$])\s+")
_PTB_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]"}
_PTB_BRACKET = re.compile("|".join(map(re.escape, _PTB_BRACKETS)))


def normalise(text: str) -> str:
    """Copy with tokeniser spacing undone: quotes, clitics and punctuation back in place."""
    if "-" in text and "B-" in text:
        text = _PTB_BRACKET.sub(lambda match: _PTB_BRACKETS[match.group()], text)
    if "``" in text or "''" in text:
        text = _PTB_QUOTES.sub('"', text)
    text = _PTB_CLITIC.sub(r"\1", text)
    text = _PTB_CLOSING.sub(r"\1", text)
    return _PTB_OPENING.sub(r"\1", text)


def fold(word: str) -> str:
    """Lower case without accents, so that "Zürich" and "Zurich" count as one word."""
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stem(word: str) -> str:
    # A light plural/verb-ending fold: "talks"/"talk", "flooded"/"flood". Precision matters
    # less here than in search: a wrong fold only blurs two words of one article.
    if len(word) > 5 and word.endswith("ing"):
        return word[:-3]
    if len(word) > 4 and word.endswith("ed"):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def plain_text(text_or_html: str) -> str:
    """Plain text of copy that may be HTML (bodies are sanitized HTML in the newsroom)."""
    if "<" in text_or_html and ">" in text_or_html:
        return html_to_text(text_or_html)
    return " ".join(text_or_html.split())


def words(text: str) -> list[str]:
    """Every word folded, in order (for shingles: order and stopwords matter)."""
    # Folding the whole text once costs a fraction of folding word by word.
    return _WORD.findall(fold(text))


def _term(word: str) -> str:
    # "Chile's" and "Chile" are one name; the possessive would otherwise stem to "chile'".
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    return _stem(word)


def terms(text: str) -> Counter[str]:
    """Content words, folded and lightly stemmed, with their counts (for TF-IDF)."""
    return Counter(
        _term(word) for word in words(text) if word not in STOPWORDS and not word.isdigit()
    )


def shingles(text: str, size: int = 4) -> set[str]:
    """Word `size`-grams: two copies of one story share most; two stories share few."""
    tokens = words(text)
    if len(tokens) < size:
        return {" ".join(tokens)} if tokens else set()
    return set(map(" ".join, zip(*(tokens[i:] for i in range(size)), strict=False)))


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def years(text: str) -> set[str]:
    """The years the copy names ("in 2009"): two events of one kind are often years apart."""
    return set(_YEAR.findall(text))


def is_title_case(headline: str) -> bool:
    """A headline with Every Word Capitalised: then its capitals say nothing about names."""
    long_words = [word for word in _WORD.findall(headline) if len(word) >= 4]
    if len(long_words) < 3:
        return False
    return sum(1 for word in long_words if word[0].isupper()) / len(long_words) >= 0.7


def headline_names(headline: str, lead_names: set[str]) -> set[str]:
    """The headline's names; of a title-case headline only those the lead names too."""
    found = names(headline)
    return found & lead_names if is_title_case(headline) else found


def names(text: str) -> set[str]:
    """Capitalised words inside sentences: people, places and bodies the copy names, folded
    like `terms` so that a name and its word in the copy are one key."""
    found: set[str] = set()
    for sentence in _SENTENCE.split(text):
        tokens = _WORD.findall(sentence)
        for position, word in enumerate(tokens):
            if not _CAPITALISED.match(word) or (folded := fold(word)) in STOPWORDS:
                continue
            # The first word of a sentence is capitalised whatever it is; it counts as a
            # name only when the next word is one too ("Nordvik Energy said", "Amara
            # Okonjo announced"), which a sentence-opening common word rarely is.
            if position == 0 and not (len(tokens) > 1 and _CAPITALISED.match(tokens[1])):
                continue
            found.add(_term(folded))
    return found


# "in Valparaiso", "near Da Nang", "outside Porto": where copy without a dateline says the
# event is. Only the headline and the first sentence are read: later sentences wander off to
# the capital, the company's seat or the last similar event.
_LOCATIVE = re.compile(r"\b(?:in|near|outside|at)\s+([A-Z][^\W_]+(?:[ -][A-Z][^\W_]+)?)")


def place_named(headline: str, lead: str) -> str:
    """The place copy without a dateline names first ("... struck near Valparaiso ..."),
    folded and stemmed word by word like `names` (so that each word is a name key), or ""."""
    first = _SENTENCE.split(lead.strip(), 1)[0] if lead.strip() else ""
    for text in (first, headline):
        for match in _LOCATIVE.finditer(text):
            found = [_term(fold(word)) for word in re.split(r"[ -]", match.group(1))]
            if not any(word in STOPWORDS for word in found):
                return " ".join(found)
    return ""


def split_dateline(text: str) -> tuple[str, str]:
    """The place of a dateline opening the copy ("GENEVA (Agency) — ..."), folded, and the
    copy after it. The agency's name in the dateline says nothing about the event."""
    match = _DATELINE.match(text)
    if not match:
        return "", text
    return fold(match.group(1).strip()), text[match.end() :]
