"""Online grouping of articles into stories, in the manner of Miranda et al. (2018).

"Multilingual Clustering of Streaming News" (EMNLP 2018): each new article is compared
with the stories active in a time window through several similarity features (TF-IDF of
the headline and of the body against the story's centroids, names, topics, the dateline
place, the time gap), combined linearly; it joins the best story above a threshold or
starts a new one. Stories quiet for longer than the window close and leave memory, so
memory is bounded by the window, not the archive. IDF is counted online over the window.

The dateline place is strong evidence, but publishers' feeds often open without one: then the
place the headline or first sentence names stands in for it, and when none is found the place
counts as unknown (neither agreement nor disagreement) and the names carry its part.

Near-duplicates (see `duplicates`) are found first: a copy joins its original's story and
is reported as a copy. The desk's corrections are constraints: a split pair is never put
back together, and merged stories stay merged (the engine never splits a story).

Everything is deterministic: the same articles in the same order give the same stories.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from datetime import datetime
from itertools import count

from datasketch import MinHash

from dateline.core.stories import text
from dateline.core.stories.duplicates import (
    DuplicateMatch,
    NearDuplicateIndex,
)
from dateline.core.stories.model import (
    Assignment,
    Decision,
    Features,
    StoryArticle,
    StoryConfig,
    _Story,
    _Weighed,
)


class StoryEngine:
    """The open stories of the window and the originals that copies are matched against."""

    def __init__(self, config: StoryConfig | None = None) -> None:
        self.config = config or StoryConfig()
        self.duplicates = NearDuplicateIndex(self.config.duplicates)
        self._stories: dict[Hashable, _Story] = {}
        self._story_of: dict[Hashable, Hashable] = {}
        self._postings: dict[str, set[Hashable]] = {}
        self._df: Counter[str] = Counter()
        self._documents = 0
        self._apart: dict[Hashable, set[Hashable]] = {}
        self._sequence = count()
        self._clock: datetime | None = None
        self._closed_until: datetime | None = None
        self._idf_epoch = 0
        self._epoch_documents = 0
        # Features computed ahead of `add` (by `decide`, `likely_originals`), by article id.
        self._prepared: dict[Hashable, tuple[StoryArticle, Features]] = {}

    # -- reading -----------------------------------------------------------------------

    def __len__(self) -> int:
        """How many stories are open."""
        return len(self._stories)

    def story_of(self, article_id: Hashable) -> Hashable | None:
        return self._story_of.get(article_id)

    def members(self, story: Hashable) -> list[Hashable]:
        found = self._stories.get(story)
        return list(found.members) if found else []

    def open_stories(self) -> list[Hashable]:
        return [story.key for story in sorted(self._stories.values(), key=_by_sequence)]

    @property
    def articles(self) -> int:
        return len(self._story_of)

    # -- features ----------------------------------------------------------------------

    def features(self, article: StoryArticle) -> Features:
        """The article's words, names and shingles (computed once between decide and add)."""
        prepared = self._prepared.get(article.id)
        if prepared is not None and prepared[0] is article:
            return prepared[1]
        copy = text.normalise(text.plain_text(article.body))
        title = text.normalise(article.headline)
        place, after_dateline = text.split_dateline(copy)
        words = after_dateline.split()
        lead = " ".join(words[: self.config.body_words])
        headline = text.terms(title)
        body = text.terms(lead)
        named = (
            lead
            if self.config.names_words <= self.config.body_words
            else (" ".join(words[: self.config.names_words]))
        )
        lead_names = text.names(named)
        found = lead_names | text.headline_names(title, lead_names)
        if self.config.years:
            found |= text.years(f"{title} {lead}")
        names = frozenset(found)
        place = text.fold(article.place.strip()) or place
        if not place and self.config.infer_place:
            place = text.place_named(title, after_dateline)
        who = names | {place}
        content = Counter(
            {term: count for term, count in (headline + body).items() if term not in who}
        )
        features = Features(
            id=article.id,
            published=article.published,
            source=article.source,
            headline=headline,
            body=body,
            names=names,
            topics=frozenset(article.topics),
            place=place,
            shingles=self.duplicates.shingles_of(after_dateline or title),
            content=content,
        )
        if len(self._prepared) >= 1024:
            self._prepared.clear()  # articles decided and never added
        self._prepared[article.id] = (article, features)
        return features

    def _idf(self, term: str) -> float:
        return math.log((self._documents + 1) / (self._df.get(term, 0) + 1)) + 1.0

    def _norm(self, vector: Counter[str]) -> float:
        return math.sqrt(sum((tf * self._idf(term)) ** 2 for term, tf in vector.items()))

    def _story_norms(self, story: _Story) -> tuple[float, float]:
        # Centroid norms depend on IDF; recomputing them for every comparison would cost
        # the whole centroid each time, so they are kept until the story or IDF moves.
        cached = story.norms
        if cached and cached[0] == story.version and cached[1] == self._idf_epoch:
            return cached[2], cached[3]
        headline, body = self._norm(story.headline), self._norm(story.body)
        story.norms = (story.version, self._idf_epoch, headline, body)
        return headline, body

    def _content_norm(self, features: Features) -> float:
        if features.norm_epoch != self._idf_epoch:
            features.norm = self._norm(features.content)
            features.norm_epoch = self._idf_epoch
        return features.norm

    def _weigh(self, features: Features) -> _Weighed:
        """The article's side of every comparison in one decision.

        IDF does not move while an article is decided, so each of its words is weighed
        once here rather than once per story and member compared. The sums below add the
        same products in the same order as the plain formulas, so that no score moves by
        even a rounding step.
        """
        idf: dict[str, float] = {}
        for term in (*features.headline, *features.body, *features.content, *features.names):
            if term not in idf:
                idf[term] = self._idf(term)

        def squared(vector: Counter[str]) -> tuple[tuple[str, int, float], ...]:
            return tuple((term, tf, idf[term] ** 2) for term, tf in vector.items())

        def norm(vector: Counter[str]) -> float:
            return math.sqrt(sum((tf * idf[term]) ** 2 for term, tf in vector.items()))

        mass = {term: tf * idf[term] for term, tf in features.content.items()}
        names = {name: idf[name] for name in features.names}
        return _Weighed(
            features=features,
            headline=squared(features.headline),
            headline_norm=norm(features.headline),
            body=squared(features.body),
            body_norm=norm(features.body),
            content=squared(features.content),
            mass=tuple(mass.items()),
            mass_total=sum(mass.values()),
            names=tuple((name, weight, name in self._postings) for name, weight in names.items()),
            names_total=sum(names.values()),
        )

    @staticmethod
    def _cosine(
        weighed: tuple[tuple[str, int, float], ...],
        norm: float,
        centroid: Counter[str],
        c_norm: float,
    ) -> float:
        if not norm or not c_norm:
            return 0.0
        dot = sum(tf * centroid[t] * idf2 for t, tf, idf2 in weighed if t in centroid)
        return dot / (norm * c_norm)

    def _link(self, weighed: _Weighed, story: _Story) -> float:
        """The best cosine of the article's content with one member's."""
        own_norm = self._content_norm(weighed.features)
        if not own_norm:
            return 0.0
        epoch = self._idf_epoch
        norms: dict[Hashable, float] = {}
        for key, member in story.members.items():
            # Every member's norm is brought to this epoch now, as comparing with each in
            # turn did: a norm is kept from the moment it is first needed in an epoch, so
            # computing it only when a member shares a word would give it a later IDF.
            norms[key] = member.norm if member.norm_epoch == epoch else self._content_norm(member)
        # Each member's products are gathered in the article's word order and summed by
        # `sum`, as `_cosine` does (its compensated float sum is not a running total), while
        # only the members that use each word are read.
        products: dict[Hashable, list[float]] = {}
        users = story.content_users
        for term, tf, idf2 in weighed.content:
            for key, uses in users.get(term, {}).items():
                if key in products:
                    products[key].append(tf * uses * idf2)
                else:
                    products[key] = [tf * uses * idf2]
        link = 0.0
        for key, shared in products.items():
            if norms[key]:
                link = max(link, sum(shared) / (own_norm * norms[key]))
        return link

    # -- deciding ----------------------------------------------------------------------

    def decide(self, article: StoryArticle) -> Decision:
        """Where the article belongs now; nothing is changed until `add`."""
        if article.id in self._story_of:
            return Decision(story=self._story_of[article.id], score=1.0)
        self._advance(article.published)
        features = self.features(article)
        apart = self._apart.get(article.id, set())
        match = self._find_original(features)
        if match is not None and match.original not in apart:
            story = self._story_of.get(match.original)
            if story is not None and not apart & self._stories[story].members.keys():
                return Decision(story=story, score=match.similarity, duplicate_of=match.original)
        best: Decision = Decision(story=None)
        weighed = None
        for story in self._candidates(features):
            if apart & story.members.keys():
                continue  # the desk split this article from one of the story's members
            weighed = weighed or self._weigh(features)
            score = self._score(features, story, weighed)
            if score >= self.config.threshold and score > best.score:
                best = Decision(story=story.key, score=score)
        return best

    def likely_originals(self, articles: Iterable[StoryArticle]) -> set[Hashable]:
        """The originals that the articles repeat among those the engine holds now: what
        `decide` reports for most copies in a batch (one may also repeat an article of the
        batch decided before it), so that a caller can read them all at once."""
        found = set()
        for article in articles:
            if article.id in self._story_of:
                continue
            match = self._find_original(self.features(article))
            if match is not None:
                found.add(match.original)
        return found

    def _signature(self, features: Features) -> MinHash:
        if features.signature is None:
            features.signature = self.duplicates.signature_of(features.shingles)
        return features.signature

    def _find_original(self, features: Features) -> DuplicateMatch | None:
        if len(features.shingles) < self.duplicates.config.min_shingles or not len(self.duplicates):
            return None  # as `find` answers, without computing the signature
        return self.duplicates.find(
            features.shingles, exclude=features.id, signature=self._signature(features)
        )

    def _candidates(self, features: Features) -> list[_Story]:
        # The rarest words the window already knows: a word no open story has finds none.
        known = [term for term in features.vocabulary | features.names if term in self._postings]
        probes = sorted(known, key=lambda term: (self._df.get(term, 0), term))
        shared: Counter[Hashable] = Counter()
        for term in probes[: self.config.probe_terms]:
            weight = self._idf(term)
            for key in self._postings.get(term, ()):
                shared[key] += weight
        found = [self._stories[key] for key in shared if key in self._stories]
        # Only the stories sharing the most rare words are scored: in a busy window a
        # common place name alone would bring in dozens, and scoring is the costly part.
        found.sort(key=lambda story: (-shared[story.key], _by_sequence(story)))
        return sorted(found[: self.config.max_candidates], key=_by_sequence)

    def similarity(
        self, features: Features, story: _Story, weighed: _Weighed | None = None
    ) -> dict[str, float]:
        """How the article compares with an open story, feature by feature (the names
        are those of the weights in `StoryConfig`). `weighed` is the article's
        `_weigh`, passed when one decision compares it with several stories."""
        if weighed is None or weighed.features is not features:
            weighed = self._weigh(features)
        headline_norm, body_norm = self._story_norms(story)
        headline = self._cosine(
            weighed.headline, weighed.headline_norm, story.headline, headline_norm
        )
        body = self._cosine(weighed.body, weighed.body_norm, story.body, body_norm)
        # What happened, names aside, against the best single member: a follow-up is
        # written in other words than the first reports and resembles one of them more
        # than their mean.
        link = self._link(weighed, story)
        # ...and against all the story's copy: the share of the article's content words
        # (weighted by rarity) the story already has. Unlike a cosine, it is not diluted
        # as a story grows and gathers every way of telling the event.
        cover = 0.0
        if features.content:
            known = sum(weight for term, weight in weighed.mass if term in story.content)
            cover = known / weighed.mass_total
        # Of the article's names, the share (weighted by rarity) the story already knows,
        # from -1 to 1. Names the story has never mentioned (another company, another
        # town) speak against the match: events of one kind are written in the same words,
        # and their names tell them apart.
        names = 0.0
        if features.names:
            known = sum(weight for name, weight, _ in weighed.names if name in story.names)
            elsewhere = sum(
                weight
                for name, weight, in_window in weighed.names
                if name not in story.names and in_window
            )
            names = (known - elsewhere) / weighed.names_total
        topics = (
            len(features.topics & story.topics.keys()) / len(features.topics)
            if features.topics
            else 0.0
        )
        # The place: the same dateline, or copy that names the other side's dateline place
        # (a follow-up filed from the capital about the quake town; copy without a
        # dateline). Two datelines that differ, neither named by the other, count against.
        place = 0.0
        named = story.places.keys() & features.names or (
            features.place and all(word in story.names for word in features.place.split())
        )
        if features.place in story.places or named:
            place = 1.0
        elif features.place and story.places:
            place = -1.0
        gap = 0.0
        if story.last_seen is not None:
            hours = abs((features.published - story.last_seen).total_seconds()) / 3600
            gap = min(hours / (self.config.window.total_seconds() / 3600), 1.0)
        return {
            "headline": headline,
            "body": body,
            "link": link,
            "cover": cover,
            "names": names,
            "topics": topics,
            "place": place,
            "gap": gap,
        }

    def _score(self, features: Features, story: _Story, weighed: _Weighed) -> float:
        config = self.config
        x = self.similarity(features, story, weighed)
        score = (
            config.headline_weight * x["headline"]
            + config.body_weight * x["body"]
            + config.link_weight * x["link"]
            + config.cover_weight * x["cover"]
            + config.names_weight * x["names"]
            + config.topics_weight * x["topics"]
            - config.gap_weight * x["gap"]
        )
        if x["place"] > 0:
            # The same dateline is strong evidence, but a strike and a flood in one town on
            # one day share it too: what makes it one event is the same dateline *and* the
            # same words, so the words count again when the place agrees.
            score += config.place_weight + config.same_place_words_weight * (
                x["headline"] + x["link"] + x["cover"]
            )
        elif x["place"] < 0:
            score -= config.other_place_weight
        elif not features.place or not story.places:
            # Unknown, not different: without this the threshold, set where the dateline
            # usually agrees, is out of reach for copy without one.
            names = x["names"]
            score += config.unplaced_weight * names + config.unplaced_words_weight * max(
                names, 0.0
            ) * (x["headline"] + x["link"] + x["cover"])
        return score

    # -- changing ----------------------------------------------------------------------

    def add(
        self, article: StoryArticle, story: Hashable, *, duplicate_of: Hashable | None = None
    ) -> None:
        """Record that the article belongs to `story` (opened if new); a member already
        known is replaced by this version of its copy."""
        features = self.features(article)
        self._prepared.pop(article.id, None)
        self._advance(article.published)
        if article.id in self._story_of:
            self._withdraw(article.id)
        target = self._stories.get(story)
        if target is None:
            target = self._stories[story] = _Story(story, next(self._sequence))
        target.include(features)
        self._story_of[article.id] = story
        vocabulary = features.vocabulary
        self._documents += 1
        self._df.update(vocabulary)
        for term in vocabulary | features.names:
            self._postings.setdefault(term, set()).add(story)
        if duplicate_of is None:
            # The signature `decide` computed, if it did; `add` computes it otherwise.
            self.duplicates.add(article.id, features.shingles, signature=features.signature)
        features.signature = None  # the index keeps its own; members need none
        self._touch_idf()

    def assign(self, article: StoryArticle) -> Assignment:
        """Decide and add at once; a new story takes the id of the article that starts it."""
        decision = self.decide(article)
        story = decision.story if decision.story is not None else article.id
        self.add(article, story, duplicate_of=decision.duplicate_of)
        return Assignment(
            article=article.id,
            story=story,
            new=decision.story is None,
            score=decision.score,
            duplicate_of=decision.duplicate_of,
        )

    def remove(self, article_id: Hashable) -> None:
        """Forget an article (killed, or left the window)."""
        if article_id in self._story_of:
            self._withdraw(article_id)
        self.duplicates.remove(article_id)

    def _withdraw(self, article_id: Hashable) -> Features:
        story = self._stories[self._story_of.pop(article_id)]
        features = story.members[article_id]
        story.exclude(features)
        vocabulary = features.vocabulary
        self._documents -= 1
        self._df.subtract(vocabulary)
        for term in vocabulary | features.names:
            if self._df.get(term, 0) <= 0:
                self._df.pop(term, None)
            if term not in story.headline and term not in story.body and term not in story.names:
                postings = self._postings.get(term)
                if postings is not None:
                    postings.discard(story.key)
                    if not postings:
                        del self._postings[term]
        if not story.members:
            del self._stories[story.key]
        self._touch_idf()
        return features

    def keep_apart(self, first: Hashable, second: Hashable) -> None:
        """The desk's word that two articles are about different events."""
        self._apart.setdefault(first, set()).add(second)
        self._apart.setdefault(second, set()).add(first)

    def allow_together(self, first: Hashable, second: Hashable) -> None:
        self._apart.get(first, set()).discard(second)
        self._apart.get(second, set()).discard(first)

    def move(self, article_id: Hashable, story: Hashable) -> None:
        """The desk moved an article to another (or a new) story; it stays apart from the
        members of the story it left."""
        old = self._story_of.get(article_id)
        if old is None or old == story:
            return
        left = [member for member in self._stories[old].members if member != article_id]
        features = self._withdraw(article_id)
        self._include(features, story)
        for member in left:
            self.keep_apart(article_id, member)

    def merge(self, keep: Hashable, other: Hashable) -> None:
        """The desk merged two stories: every member of `other` joins `keep`."""
        if keep == other or other not in self._stories:
            return
        for member in list(self._stories[other].members):
            self._include(self._withdraw(member), keep)
        for member in self.members(keep):
            for partner in self.members(keep):
                self.allow_together(member, partner)

    def _include(self, features: Features, story: Hashable) -> None:
        target = self._stories.get(story)
        if target is None:
            target = self._stories[story] = _Story(story, next(self._sequence))
        target.include(features)
        self._story_of[features.id] = story
        self._documents += 1
        self._df.update(features.vocabulary)
        for term in features.vocabulary | features.names:
            self._postings.setdefault(term, set()).add(story)
        self._touch_idf()

    # -- time --------------------------------------------------------------------------

    def _advance(self, moment: datetime) -> None:
        if self._clock is None or moment > self._clock:
            self._clock = moment
        # Closing is a sweep over the open stories, so it runs every few hours of stream
        # time rather than for every article.
        step = self.config.window / 24
        if self._closed_until is None or self._clock - self._closed_until >= step:
            self.close_quiet(self._clock)

    def close_quiet(self, now: datetime) -> list[Hashable]:
        """Close the stories quiet for longer than the window; returns their keys."""
        self._closed_until = now
        horizon = now - self.config.window
        closed = [
            story.key
            for story in sorted(self._stories.values(), key=_by_sequence)
            if story.last_seen is not None and story.last_seen < horizon
        ]
        for key in closed:
            for member in list(self._stories[key].members):
                self.remove(member)
                self._apart.pop(member, None)
        return closed

    def _touch_idf(self) -> None:
        # IDF moves with every article; centroid norms are recomputed when the number of
        # articles has moved by a tenth, which changes no decision in practice.
        if abs(self._documents - self._epoch_documents) > max(10, self._epoch_documents // 10):
            self._idf_epoch += 1
            self._epoch_documents = self._documents

    # -- rebuilding --------------------------------------------------------------------

    @classmethod
    def rebuild(
        cls,
        members: Iterable[tuple[StoryArticle, Hashable, Hashable | None]],
        *,
        apart: Iterable[tuple[Hashable, Hashable]] = (),
        config: StoryConfig | None = None,
    ) -> StoryEngine:
        """An engine holding stories as they were decided: `(article, story, duplicate_of)`
        in time order, with the desk's split pairs. Nothing is decided again."""
        engine = cls(config)
        for article, story, duplicate_of in members:
            engine.add(article, story, duplicate_of=duplicate_of)
        for first, second in apart:
            engine.keep_apart(first, second)
        return engine


def _by_sequence(story: _Story) -> int:
    return story.sequence
