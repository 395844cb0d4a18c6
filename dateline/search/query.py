"""What readers type into the search box, parsed once for every backend.

The syntax is the one readers know from web search engines: words (all must match),
"exact phrases", `-word` or `-"a phrase"` to leave out, and `OR` (in capitals) between
alternatives. Nothing the reader types reaches a database as syntax: the parse keeps only
runs of letters and digits, and each backend renders them in its own quoted form. Plain
Python, no Django, so that hostile input can be table-tested without a database.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_QUERY_LENGTH = 200
MAX_TERMS = 12

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
# Control (Cc), format (Cf), surrogate (Cs) and private-use (Co) characters: never words,
# sometimes attacks, and the private-use ones are our highlight markers. One regex, because a
# per-character category test costs more than the rest of indexing an article.
_INVISIBLE = re.compile(
    "[\x00-\x1f\x7f-\x9f"  # Cc
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f"  # Cf
    "\ud800-\udfff"  # Cs
    "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"  # Co
)


@dataclass(frozen=True)
class Term:
    """One word, or several that must appear together and in order (a phrase)."""

    words: tuple[str, ...]

    @property
    def is_phrase(self) -> bool:
        return len(self.words) > 1

    @property
    def text(self) -> str:
        return " ".join(self.words)

    def display(self) -> str:
        return f'"{self.text}"' if self.is_phrase else self.text


@dataclass(frozen=True)
class ParsedQuery:
    """Every group must match; within a group any one term will do; no excluded term may."""

    raw: str
    groups: tuple[tuple[Term, ...], ...] = ()
    excluded: tuple[Term, ...] = ()
    notices: tuple[str, ...] = field(default=())

    @property
    def is_searchable(self) -> bool:
        return bool(self.groups)

    @property
    def has_alternatives(self) -> bool:
        return any(len(group) > 1 for group in self.groups)

    @property
    def text(self) -> str:
        """The query as understood, written back in the reader's syntax."""
        parts = [" OR ".join(term.display() for term in group) for group in self.groups]
        parts += [f"-{term.display()}" for term in self.excluded]
        return " ".join(parts)

    @property
    def positive_words(self) -> tuple[str, ...]:
        return tuple(word for group in self.groups for term in group for word in term.words)

    @property
    def headline_phrase(self) -> tuple[str, ...] | None:
        """The words an exact headline match must contain in order (none with OR)."""
        if not self.groups or self.has_alternatives:
            return None
        return tuple(fold(word) for word in self.positive_words)

    def to_fts5(self, *, column: str | None = None) -> str:
        """An SQLite FTS5 MATCH expression; every term is a quoted string, so inert.

        With `column`, the positive terms must match in that column.
        """

        def quoted(term: Term) -> str:
            # _WORD leaves no double quote in a word, so nothing needs escaping.
            return '"' + " ".join(term.words) + '"'

        def group_expression(group: tuple[Term, ...]) -> str:
            if len(group) == 1:
                return quoted(group[0])
            return "(" + " OR ".join(quoted(term) for term in group) + ")"

        positive = " AND ".join(group_expression(group) for group in self.groups)
        expression = f"({positive})"
        if column:
            # The positive terms in that column imply them in the row; FTS5 evaluates the
            # shorter expression in half the time.
            expression = f"({{{column}}} : ({positive}))"
        if self.excluded:
            expression += " NOT (" + " OR ".join(quoted(term) for term in self.excluded) + ")"
        return expression


def fold(text: str) -> str:
    """Lower case without accents, for comparing words the way the index does."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_text(text: str) -> str:
    """Normalised text without control or private-use characters (our highlight markers)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _INVISIBLE.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def words_of(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


def parse_query(raw: str | None) -> ParsedQuery:
    """Parse what the reader typed; never raises, whatever the input."""
    raw = raw or ""
    notices: list[str] = []
    text = clean_text(raw)
    if len(text) > MAX_QUERY_LENGTH:
        text = text[:MAX_QUERY_LENGTH]
        notices.append(f"Your search was cut to its first {MAX_QUERY_LENGTH} characters.")

    # (term, excluded, joined to the previous term by OR)
    items: list[tuple[Term, bool, bool]] = []
    pending_or = False
    position = 0
    length = len(text)
    while position < length:
        char = text[position]
        if char.isspace():
            position += 1
            continue
        excluded = False
        if char == "-" and position + 1 < length and not text[position + 1].isspace():
            excluded = True
            position += 1
            char = text[position]
        if char == '"':
            end = text.find('"', position + 1)
            if end == -1:
                # An unmatched quote: the phrase runs to the end, as web search engines do.
                notices.append("A quotation mark had no partner; the phrase runs to the end.")
                end = length
            chunk, is_operator = text[position + 1 : end], False
            position = end + 1
        else:
            end = position
            while end < length and not text[end].isspace() and text[end] != '"':
                end += 1
            chunk = text[position:end]
            is_operator = chunk == "OR" and not excluded
            position = end
        if is_operator:
            pending_or = bool(items) and not items[-1][1]
            continue
        words = words_of(chunk)
        if not words:
            pending_or = False
            continue
        items.append((Term(words), excluded, pending_or and not excluded))
        pending_or = False

    if len(items) > MAX_TERMS:
        items = items[:MAX_TERMS]
        notices.append(f"Only the first {MAX_TERMS} words and phrases were used.")

    groups: list[list[Term]] = []
    excluded_terms: list[Term] = []
    for term, excluded, joined in items:
        if excluded:
            if term not in excluded_terms:
                excluded_terms.append(term)
        elif joined and groups:
            if term not in groups[-1]:
                groups[-1].append(term)
        elif [term] not in groups:
            groups.append([term])

    if not groups:
        if excluded_terms:
            notices.append("Add a word to look for, as well as the words to leave out.")
        elif text:
            notices.append("Type a word or two to search for.")
    return ParsedQuery(
        raw=raw,
        groups=tuple(tuple(group) for group in groups),
        excluded=tuple(excluded_terms),
        notices=tuple(notices),
    )
