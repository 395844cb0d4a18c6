"""Words and subject cues: how the tagger splits copy into words and finds the subject cue
words a text holds."""

from __future__ import annotations

import re

from .data.subjects import SUBJECT_CUES

_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_BIGRAM_CUE_STARTS = frozenset(
    cue.split(" ", 1)[0] for cues in SUBJECT_CUES.values() for cue in cues if " " in cue
)
# Every ASCII character that can be neither in a word nor join two (apostrophe, hyphen).
_ASCII_BREAKS = str.maketrans(
    {chr(c): " " for c in range(128) if not chr(c).isalpha() and chr(c) not in "'-"}
)


def word_set(text: str) -> set[str]:
    """The distinct words of `text` as `_WORD` finds them, quicker for ASCII copy.

    Runs of letters are split out with str methods; only the few pieces holding an
    apostrophe or a hyphen go through the expression (regular expressions over a whole
    body were a third of the quick tagging pass).
    """
    if not text.isascii():
        return set(_WORD.findall(text))
    pieces = set(text.translate(_ASCII_BREAKS).split())
    words = {piece for piece in pieces if piece.isalpha()}
    for piece in pieces - words:
        words.update(_WORD.findall(piece))
    return words


# Cue -> the subjects listing it (as often as each lists it): a text is matched against
# the few cues it holds, not every subject's list against the text.
_SUBJECTS_OF_CUE: dict[str, list[str]] = {}
for _code, _cues in SUBJECT_CUES.items():
    for _cue in _cues:
        _SUBJECTS_OF_CUE.setdefault(_cue, []).append(_code)
_WORD_CUES = frozenset(cue for cue in _SUBJECTS_OF_CUE if " " not in cue)
_PAIR_CUES = frozenset(cue for cue in _SUBJECTS_OF_CUE if " " in cue)
