"""The alias index: every name of every topic in one Aho-Corasick automaton.

Matching is case- and accent-insensitive on a folded copy of the text, then checked against the
original: whole words only, proper names must be capitalised in the copy ("Turkey", not
"turkey") and acronyms must be written as acronyms ("US", not "us"). Offsets always point into
the original text.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from .knowledge import TopicEntry, weak_forms
from .words import FUNCTION_WORDS, GENERIC_WORDS, STOP_PHRASES

# Folding beyond case and accents: punctuation variants copy mixes freely, and the Arabic-script
# letters that Arabic, Persian and Urdu keyboards encode differently (ي/ی, ك/ک, alef forms).
_EXTRA_FOLDS = {
    "\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2010": "-", "\u2011": "-",
    "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " ", "\u064a": "\u06cc",
    "\u0649": "\u06cc", "\u0643": "\u06a9", "\u0623": "\u0627", "\u0625": "\u0627",
    "\u0622": "\u0627", "\u0629": "\u0647", "\u06c1": "\u0647",
    "\u0640": "", "\u200c": "", "\u200d": "", "\u200f": "", "\u200e": "",
}  # fmt: skip
_fold_cache: dict[str, str] = {}

# Arabic proclitics written joined to the next word: "و" and, "ب" in/with, "ل" for, "ف" so.
_ARABIC_PROCLITICS = frozenset("وبلف")


def fold_char(char: str) -> str:
    folded = _fold_cache.get(char)
    if folded is None:
        decomposed = unicodedata.normalize("NFKD", char)
        folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
        folded = "".join(_EXTRA_FOLDS.get(c, c) for c in folded)
        _fold_cache[char] = folded
    return folded


def fold(text: str) -> tuple[str, list[int] | None]:
    """Folded text and, for each folded character, the index of its source character.

    ``None`` instead of the list means the mapping is the identity (ASCII input, the common case).
    """
    if text.isascii():
        return text.lower(), None
    pieces: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        folded = fold_char(char)
        if folded:
            pieces.append(folded)
            origin.extend([i] * len(folded))
    return "".join(pieces), origin


def fold_key(text: str) -> str:
    return " ".join(fold(text)[0].split())


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return 0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF


def is_word_char(char: str) -> bool:
    return char.isalnum() and not _is_cjk(char)


@dataclass(frozen=True, slots=True)
class AliasTarget:
    """One topic an alias can mean. ``weak`` forms count only with other evidence."""

    slug: str
    kind: str
    weak: bool
    mode: str  # "acronym" | "proper" | "any": how the copy must write it (see _mode)


@dataclass(frozen=True, slots=True)
class AliasMatch:
    start: int
    end: int
    text: str
    targets: tuple[AliasTarget, ...]


def _mode(alias: str) -> str:
    letters = [c for c in alias if c.isalpha()]
    if not letters or not any(c.isupper() or c.islower() for c in letters):
        return "any"  # Arabic, Cyrillic-less scripts without case: nothing to check
    if all(c.isupper() for c in letters if c.isupper() or c.islower()) and len(letters) <= 6:
        return "acronym"
    if letters[0].islower():
        return "any"  # "al-Qaeda", "von der Leyen": the alias itself starts in lower case
    return "proper"


def _surface_ok(surface: str, mode: str) -> bool:
    if mode == "any":
        return True
    letters = [c for c in surface if c.isalpha()]
    if not letters:
        return False
    if mode == "acronym":
        if all(not c.islower() for c in letters):
            return True
        # House styles write long acronyms as words ("Nato", "Unicef"); two- and three-letter
        # ones ("us", "Who") would be ordinary words.
        return len(letters) >= 4 and letters[0].isupper() and all(c.islower() for c in letters[1:])
    return not letters[0].islower()


class AliasIndex:
    """All names of the given entries, searchable in one pass over a text."""

    def __init__(self, entries: Iterable[TopicEntry]) -> None:
        table: dict[str, dict[tuple[str, bool, str], AliasTarget]] = {}
        for entry in entries:
            if entry.status == "blocked" or entry.kind == "subject":
                continue  # subjects come from codes and sections, not from name matches
            weak = weak_forms(entry)
            forms = [(n, False) for n in entry.names] + [(w, True) for w in weak]
            for form, is_weak in forms:
                key = fold_key(form)
                mode = _mode(form)
                # "WHO" and "US" are function words in lower case; the acronym check keeps
                # "who" and "us" out, so only non-acronym forms are filtered here.
                if len(key) < 2 or (
                    mode != "acronym" and (key in FUNCTION_WORDS or key in GENERIC_WORDS)
                ):
                    continue
                targets = table.setdefault(key, {})
                target_key = (entry.slug, is_weak, mode)
                # A strong form beats the same string listed as weak for the same topic.
                if not is_weak and (entry.slug, True, mode) in targets:
                    del targets[(entry.slug, True, mode)]
                if is_weak and (entry.slug, False, mode) in targets:
                    continue
                targets[target_key] = AliasTarget(entry.slug, entry.kind, is_weak, mode)
        self._table = {key: tuple(targets.values()) for key, targets in table.items()}
        for phrase in STOP_PHRASES:
            # Consumed with no target, so "Peking" in "Peking duck" is not Beijing.
            self._table.setdefault(fold_key(phrase), ())
        automaton = ahocorasick.Automaton()
        for key, targets in self._table.items():
            automaton.add_word(key, (len(key), targets))
        if len(automaton):
            automaton.make_automaton()
        self._automaton = automaton

    def __len__(self) -> int:
        return len(self._table)

    def lookup(self, surface: str) -> tuple[AliasTarget, ...]:
        """Targets of an exact name (folded), with the copy's capitalisation checked."""
        targets = self._table.get(fold_key(surface), ())
        return tuple(t for t in targets if _surface_ok(surface, t.mode))

    def find(self, text: str) -> list[AliasMatch]:
        """Leftmost-longest, non-overlapping alias matches in ``text`` (original offsets)."""
        if not len(self._automaton) or not text:
            return []
        folded, origin = fold(text)
        length = len(text)
        candidates: list[tuple[int, int, tuple[AliasTarget, ...]]] = []
        for end_index, (key_length, targets) in self._automaton.iter(folded):
            f_start = end_index - key_length + 1
            if origin is None:
                start, end = f_start, end_index + 1
            else:
                start, end = origin[f_start], origin[end_index] + 1
                if f_start > 0 and origin[f_start - 1] == start:
                    continue  # the match begins inside an expanded character ("ß" -> "ss")
                if end_index + 1 < len(origin) and origin[end_index + 1] == end - 1:
                    continue
            if start > 0 and is_word_char(text[start - 1]):
                before = text[start - 1]
                if not (
                    before in _ARABIC_PROCLITICS
                    and (start == 1 or not is_word_char(text[start - 2]))
                ):
                    continue
            if end < length and is_word_char(text[end]):
                continue
            surface = text[start:end]
            valid = tuple(t for t in targets if _surface_ok(surface, t.mode))
            if valid or not targets:
                candidates.append((start, end, valid))
        candidates.sort(key=lambda c: (c[0], c[0] - c[1]))
        matches: list[AliasMatch] = []
        last_end = -1
        for start, end, targets in candidates:
            if start >= last_end:
                if targets:  # a stop phrase takes its span and yields nothing
                    matches.append(AliasMatch(start, end, text[start:end], targets))
                last_end = end
        return matches
