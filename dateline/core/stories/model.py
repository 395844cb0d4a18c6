"""What the story engine reads and answers (articles in, decisions out), its settings, and
the state it keeps for each open story."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from datasketch import MinHash

from dateline.core.stories.duplicates import DuplicateConfig


@dataclass(frozen=True)
class StoryArticle:
    """One article as the story core sees it. `body` may be plain text or HTML."""

    id: Hashable
    headline: str
    published: datetime
    body: str = ""
    source: str = ""
    topics: tuple[str, ...] = ()
    # The dateline place; when empty, read from a dateline opening the body, else from the
    # place the headline or first sentence names ("... near Valparaiso ...").
    place: str = ""


@dataclass(frozen=True)
class StoryConfig:
    window: timedelta = timedelta(hours=72)
    # An article joins the best open story whose score (the weighted features of
    # `StoryEngine.similarity`) reaches the threshold. The weights began as a logistic fit
    # of same-story pairs and were then searched by bench/stories/tune.py for pairwise F1
    # on generated sets with seeds 1-3 only; seeds 4-6 and the committed set (seed 7) are
    # held out to show they were not tuned to the set they are measured on.
    threshold: float = 1.04
    # The lead paragraphs say what the event is; the rest of the copy adds background
    # that other events share (and costs time).
    body_words: int = 160
    headline_weight: float = 0.41
    body_weight: float = 0.37
    link_weight: float = 0.19
    cover_weight: float = 0.23
    names_weight: float = 0.29
    topics_weight: float = 0.1
    place_weight: float = 0.6
    same_place_words_weight: float = 0.45
    # The bench's sets never file an event's copy under two datelines, so they do not
    # decide this one; kept small so that a follow-up from the capital can still join.
    other_place_weight: float = 0.3
    # When either side has no place (no dateline, and none named where `infer_place` looks),
    # the place is unknown, not different, and the names take its part: the names feature
    # (-1 to 1) counts again with this weight, and the words count again as with the same
    # dateline when the names agree. Set by a grid on seeds 1-3 without datelines and with
    # `infer_place` off (so that every article takes this path); tune.py kept them. Real
    # copy without datelines (the ecbplus-stories dev set) then asked for more weight on
    # the names there, as far as the generated sets without datelines held their figure.
    unplaced_weight: float = 1.2
    unplaced_words_weight: float = 1.4
    gap_weight: float = 0.46
    # Copy without a dateline (and no `place` given) takes the place its headline or first
    # sentence names ("... struck near Valparaiso ..."), so that the place still tells
    # events of one kind apart.
    infer_place: bool = True
    # Names are read this far into the copy (at least as far as the words).
    names_words: int = 160
    # The years the copy names count as names: two events of one kind are often years apart.
    years: bool = True
    # How many of the article's rarest words look up candidate stories.
    probe_terms: int = 16
    # At most this many open stories are scored for one article (those sharing the most
    # rare words with it).
    max_candidates: int = 24
    duplicates: DuplicateConfig = field(default_factory=DuplicateConfig)


@dataclass(frozen=True)
class Decision:
    """Where an article belongs: an open story, or a new one (`story is None`)."""

    story: Hashable | None
    score: float = 0.0
    duplicate_of: Hashable | None = None


@dataclass(frozen=True)
class Assignment:
    article: Hashable
    story: Hashable
    new: bool
    score: float
    duplicate_of: Hashable | None = None


@dataclass
class Features:
    id: Hashable
    published: datetime
    source: str
    headline: Counter[str]
    body: Counter[str]
    names: frozenset[str]
    topics: frozenset[str]
    place: str
    shingles: set[str]
    # What happened, without who and where: the headline and lead less the names and the
    # dateline place. Events of one kind share it; the names tell them apart.
    content: Counter[str] = field(default_factory=Counter)
    # The shingles' MinHash, computed once for finding the original and adding the copy.
    signature: MinHash | None = None
    # The content vector's norm under the IDF of `norm_epoch` (members are compared with
    # every new article; their norms are kept until IDF moves).
    norm: float = 0.0
    norm_epoch: int = -1

    @property
    def vocabulary(self) -> set[str]:
        return set(self.headline) | set(self.body)


@dataclass(frozen=True)
class _Weighed:
    """An article's vectors under the IDF of one moment (see `StoryEngine._weigh`)."""

    features: Features
    headline: tuple[tuple[str, int, float], ...]  # (term, tf, idf squared)
    headline_norm: float
    body: tuple[tuple[str, int, float], ...]
    body_norm: float
    content: tuple[tuple[str, int, float], ...]
    mass: tuple[tuple[str, float], ...]  # (term, tf * idf) of the content
    mass_total: float
    names: tuple[tuple[str, float, bool], ...]  # (name, idf, known to the window)
    names_total: float


class _Story:
    def __init__(self, key: Hashable, sequence: int) -> None:
        self.key = key
        self.sequence = sequence
        self.members: dict[Hashable, Features] = {}
        self.headline: Counter[str] = Counter()
        self.body: Counter[str] = Counter()
        self.content: Counter[str] = Counter()
        self.names: Counter[str] = Counter()
        self.topics: Counter[str] = Counter()
        self.places: Counter[str] = Counter()
        self.first_seen: datetime | None = None
        self.last_seen: datetime | None = None
        self.version = 0
        self.norms: tuple[int, int, float, float] | None = None
        # Per content word, the members that use it and how often: a new article is
        # compared with every member (`link`), reading only those that share each word.
        self.content_users: dict[str, dict[Hashable, int]] = {}

    def include(self, features: Features) -> None:
        self.members[features.id] = features
        self.headline.update(features.headline)
        self.body.update(features.body)
        self.content.update(features.content)
        for term, tf in features.content.items():
            self.content_users.setdefault(term, {})[features.id] = tf
        self.names.update(features.names)
        self.topics.update(features.topics)
        if features.place:
            self.places[features.place] += 1
        self._widen(features.published)

    def exclude(self, features: Features) -> None:
        del self.members[features.id]
        self.headline.subtract(features.headline)
        self.body.subtract(features.body)
        self.content.subtract(features.content)
        for term in features.content:
            users = self.content_users[term]
            del users[features.id]
            if not users:
                del self.content_users[term]
        self.names.subtract(features.names)
        self.topics.subtract(features.topics)
        if features.place:
            self.places[features.place] -= 1
        for counter in (
            self.headline,
            self.body,
            self.content,
            self.names,
            self.topics,
            self.places,
        ):
            for key in [k for k, v in counter.items() if v <= 0]:
                del counter[key]
        times = [member.published for member in self.members.values()]
        self.first_seen = min(times, default=None)
        self.last_seen = max(times, default=None)
        self.version += 1

    def _widen(self, moment: datetime) -> None:
        self.first_seen = moment if self.first_seen is None else min(self.first_seen, moment)
        self.last_seen = moment if self.last_seen is None else max(self.last_seen, moment)
        self.version += 1
