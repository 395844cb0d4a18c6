"""Small judgements on spans of copy: a mention as the tagger weighs it, names trimmed to
their words, junk, datelines and places after a locative."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cues import _WORD
from .index import AliasIndex, AliasMatch, fold_key
from .ner import Entity
from .words import FUNCTION_WORDS, GENERIC_WORDS, TITLE_WORDS

_LOCATIVE = frozenset({"in", "at", "from", "near", "to", "outside", "across", "around", "into"})
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'.-]*)[ \t]+$")
_COMMA_PLACE_AFTER = re.compile(r"^,[ \t]+([A-Z][\w.'-]*(?:[ \t][A-Z][\w.'-]*)?)")


@dataclass(slots=True)
class _Mention:
    match: AliasMatch
    zone: str
    ner_kind: str | None = None
    embedded: bool = False
    chosen: str | None = None
    weight: float = 0.0
    notes: list[str] = field(default_factory=list)


def _is_free_name_word(word: str, start: int, covered: list[tuple[int, int]]) -> bool:
    """A capitalised neighbour that makes a match part of a longer name: no title,
    function or generic word, and not inside a name already matched."""
    folded = fold_key(word)
    return (
        folded not in TITLE_WORDS
        and folded not in FUNCTION_WORDS
        and folded not in GENERIC_WORDS
        and not any(s <= start < e for s, e in covered)
    )


# Title words that begin more names than they precede ("New Zealand", "Old Trafford").
_PLACE_NAME_STARTS = frozenset({"new", "old"})


def _is_demonym(m: _Mention) -> bool:
    """A place's adjective or people ("Afghan", "Australians"): evidence, not a name."""
    return any(t.slug == m.chosen and t.weak and t.kind == "place" for t in m.match.targets)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the whitespace at either end, so that its text is the name exactly."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trim_entity(ent: Entity, text: str) -> Entity | None:
    """Drop a leading "the" and possessive tail; None for function words and generic nouns."""
    start, end = ent.start, ent.end
    # A name never runs over a line break: past one the recogniser took in the next line.
    line_break = text.find("\n", start, end)
    if line_break != -1:
        end = line_break
    start, end = _strip_span(text, start, end)
    surface = text[start:end]
    lowered = surface.lower()
    if lowered.startswith("the "):
        start += 4
    if text[start:end].endswith(("'s", "’s")):
        end -= 2
    # spaCy often keeps a title in the name ("Councillor Miriam Okafor"); the name is the rest.
    while True:
        word = _WORD.match(text, start, end)
        if not word or word.end() >= end:
            break
        folded = fold_key(word.group())
        if folded not in TITLE_WORDS or folded in _PLACE_NAME_STARTS:
            break  # "New Zealand", "Home Office": a generic first word is part of the name
        rest = word.end()
        while rest < end and text[rest] in " \t.":
            rest += 1
        if rest >= end or not text[rest].isupper() or _is_junk(text[rest:end].strip()):
            break  # "Home Office", "the State": what follows the word is no name alone
        start = rest
    start, end = _strip_span(text, start, end)
    surface = text[start:end]
    if not surface or _is_junk(surface):
        return None
    return Entity(start, end, surface, ent.kind, ent.label)


def _is_junk(surface: str) -> bool:
    words = [fold_key(w) for w in _WORD.findall(surface)]
    if not words:
        return True
    if all(w in FUNCTION_WORDS or w in GENERIC_WORDS for w in words):
        return True
    return not any(c.isupper() for c in surface if c.isalpha()) and surface.isascii()


def _is_dateline(text: str, match: AliasMatch, body_start: int) -> bool:
    if match.start < body_start or text[body_start : match.start].strip():
        return False
    if match.text.isupper() and len(match.text) > 3:
        return True
    return text[match.end : match.end + 2] in (" (", ", ")


def _locative(text: str, match: AliasMatch, index: AliasIndex) -> bool:
    """ "in Austin", "Austin, Texas": the copy treats the name as a place."""
    before = _WORD_BEFORE.search(text, max(0, match.start - 30), match.start)
    if before and before.group(1).lower() in _LOCATIVE:
        return True
    after = _COMMA_PLACE_AFTER.match(text[match.end : match.end + 40])
    if after:
        return any(t.kind == "place" for t in index.lookup(after.group(1)))
    return False


def _is_title_case(headline: str) -> bool:
    words = [w for w in _WORD.findall(headline) if len(w) >= 4]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.7


def _lead_end(text: str, body_start: int, lead_chars: int) -> int:
    """Where the recogniser stops: a paragraph or sentence end near ``lead_chars`` into the body."""
    limit = body_start + lead_chars
    if limit >= len(text):
        return len(text)
    cut = max(text.rfind("\n", body_start, limit), text.rfind(". ", body_start, limit))
    if cut <= body_start + lead_chars // 3:
        space = text.find(" ", limit)
        return len(text) if space == -1 else space
    return cut + 1
