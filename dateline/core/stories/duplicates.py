"""Near-duplicate copy: the same story lightly edited, or the same agency copy re-sent.

MinHash signatures of word shingles go into an LSH index (datasketch), which finds
candidates in time independent of the archive; each candidate is then verified by the
exact Jaccard similarity of the shingle sets, so that two different stories that share a
lead sentence are never taken for copies of each other.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from itertools import count

from datasketch import MinHash, MinHashLSH

from dateline.core.stories.text import shingles


@dataclass(frozen=True)
class DuplicateConfig:
    num_perm: int = 64
    shingle_size: int = 4
    # LSH finds pairs above roughly this estimated Jaccard; kept low for recall, since
    # every candidate is checked exactly afterwards.
    candidate_threshold: float = 0.5
    # The verified Jaccard of shingles from which copy counts as the same copy. A re-sent
    # or retouched copy scores 0.8-1.0; a rewrite with a new lead (a development) < 0.7.
    threshold: float = 0.7
    # Copy this short cannot be told apart from a shared lead sentence.
    min_shingles: int = 12


@dataclass(frozen=True)
class DuplicateMatch:
    original: Hashable
    similarity: float


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


class NearDuplicateIndex:
    """The originals seen in the window, to find which one a new copy repeats."""

    def __init__(self, config: DuplicateConfig | None = None) -> None:
        self.config = config or DuplicateConfig()
        self._lsh = MinHashLSH(
            threshold=self.config.candidate_threshold, num_perm=self.config.num_perm
        )
        # One seeded permutation set for every signature: building it is the slow part.
        seed = MinHash(num_perm=self.config.num_perm, seed=1)
        self._permutations = seed.permutations
        self._scheme = seed.scheme
        self._shingles: dict[Hashable, set[str]] = {}
        self._order: dict[Hashable, int] = {}
        self._sequence = count()

    def __len__(self) -> int:
        return len(self._shingles)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._shingles

    def shingles_of(self, text: str) -> set[str]:
        return shingles(text, self.config.shingle_size)

    def signature_of(self, grams: set[str]) -> MinHash:
        """The MinHash of a copy's shingles; a caller that finds and then adds the same
        copy computes it once and passes it to both."""
        signature = MinHash(
            num_perm=self.config.num_perm, permutations=self._permutations, scheme=self._scheme
        )
        signature.update_batch([gram.encode() for gram in sorted(grams)])
        return signature

    def find(
        self,
        text: str | set[str],
        *,
        exclude: Hashable | None = None,
        signature: MinHash | None = None,
    ) -> DuplicateMatch | None:
        """The original this copy repeats (the most similar, then the earliest), or None."""
        grams = self.shingles_of(text) if isinstance(text, str) else text
        if len(grams) < self.config.min_shingles or not self._shingles:
            return None
        best: DuplicateMatch | None = None
        candidates = self._lsh.query(signature or self.signature_of(grams))
        for key in sorted(candidates, key=lambda k: self._order[k]):
            if key == exclude:
                continue
            similarity = jaccard(grams, self._shingles[key])
            if similarity >= self.config.threshold and (
                best is None or similarity > best.similarity
            ):
                best = DuplicateMatch(original=key, similarity=similarity)
        return best

    def add(self, key: Hashable, text: str | set[str], *, signature: MinHash | None = None) -> None:
        """Remember an original (copies of copies point at the first one, never here)."""
        grams = self.shingles_of(text) if isinstance(text, str) else text
        if key in self._shingles or len(grams) < self.config.min_shingles:
            return
        self._lsh.insert(key, signature or self.signature_of(grams))
        self._shingles[key] = grams
        self._order[key] = next(self._sequence)

    def remove(self, key: Hashable) -> None:
        if key in self._shingles:
            self._lsh.remove(key)
            del self._shingles[key]
            del self._order[key]
