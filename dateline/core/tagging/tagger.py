"""The tagger: from an article's text to ranked topics, entity mentions and suggestions.

Offsets in every result point into ``headline + "\\n" + standfirst + "\\n" + body``, the text
the ``dateline tag`` command documents. The body is plain text (the caller strips markup).

How it decides, in order:

1. The alias index finds every known name in the whole text (cheap, one pass).
2. The recogniser (spaCy) reads the whole text, a batch of articles at a time: long agency
   copy names most of its people and bodies after the lead. It tells us the kind of
   ambiguous names ("Austin" the person) and finds the names the knowledge lacks.
3. Linking: a name must agree in kind with its topic; a surname alone links to a person only
   when the article names the person in full or by title; a name shared by several places goes
   to the one the article's other places point to; weak forms (demonyms, "Labour", "Senate")
   count only with their topic or its country present.
4. Junk control: generic words never index; capitalised words inside longer unknown names
   ("Paris" in "Paris Hilton") are not mentions; a single title-case headline word must be
   confirmed by the rest of the article; an editor block list.
5. Salience: weighted mentions (headline, standfirst, lead, body), a threshold and a cap.
6. Subjects from agency IPTC codes, else the section, else cue words.
7. Names the recogniser finds more than once and the knowledge lacks become suggestions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from .cues import (
    _BIGRAM_CUE_STARTS,
    _PAIR_CUES,
    _SUBJECTS_OF_CUE,
    _WORD,
    _WORD_CUES,
    word_set,
)
from .data.subjects import SECTION_SUBJECTS, SUBJECT_CUES
from .index import AliasIndex, AliasTarget, fold_key
from .knowledge import Knowledge, TopicEntry, slugify
from .ner import Entity, Recogniser, get_recogniser
from .results import EntityMention, SuggestedTopic, TaggedTopic, TaggingResult
from .spans import (
    _is_dateline,
    _is_demonym,
    _is_free_name_word,
    _is_junk,
    _is_title_case,
    _lead_end,
    _locative,
    _Mention,
    _trim_entity,
)
from .words import FUNCTION_WORDS, GENERIC_WORDS, TITLE_WORDS

MAX_TOPICS = 8
THRESHOLD = 0.4
# raw weight at which the score reaches 0.5; see _score
HALF_SCORE_WEIGHT = 2.5
# The first paragraph (up to this much of the body) weighs as the lead.
LEAD_CHARS = 160
# The recogniser reads the whole text unless a tagger is given a bound (`lead_chars`).
RECOGNISER_CHARS: int | None = None
MAX_SUBJECTS = 2
SUBJECT_MIN_CUES = 3
SUGGEST_MIN_COUNT = 2

ZONE_WEIGHTS = {"headline": 3.0, "standfirst": 2.0, "lead": 1.5, "body": 1.0}
KIND_WEIGHTS = {"person": 1.25, "organisation": 1.0, "place": 0.9, "event": 1.0, "subject": 1.0}
WEAK_WEIGHT = 0.75  # a licensed weak form ("Austin" after "Lloyd Austin")
DEMONYM_WEIGHT = 0.5  # "Ukrainian" with no mention of Ukraine itself
DATELINE_WEIGHT = 0.1

_CAP_WORD_BEFORE = re.compile(r"([A-Z][\w'-]*)[ \t]$")
_CAP_WORD_AFTER = re.compile(r"^[ \t]([A-Z][\w'-]*)")


def _score(raw: float) -> float:
    """Saturating salience: more mentions always help, with diminishing returns, below 1."""
    return raw / (raw + HALF_SCORE_WEIGHT)


class Tagger:
    """Holds the knowledge, its alias index and the recogniser; build once, tag many.

    ``entries`` defaults to the seed (:func:`seed.seed_entries`). The Django side passes seed
    and database topics together; a later entry with the same slug wins. ``recogniser`` is a
    name ("spacy", "none") or an object implementing :class:`ner.Recogniser`. ``blocked``
    holds slugs or names the desk never wants as topics or suggestions.
    """

    def __init__(
        self,
        entries: Iterable[TopicEntry] | None = None,
        *,
        recogniser: str | Recogniser = "spacy",
        blocked: Iterable[str] = (),
        max_topics: int = MAX_TOPICS,
        threshold: float = THRESHOLD,
        lead_chars: int | None = RECOGNISER_CHARS,
    ) -> None:
        if entries is None:
            from .seed import seed_entries

            entries = seed_entries()
        self.knowledge = Knowledge(entries)
        self.index = AliasIndex(self.knowledge.taggable())
        self.recogniser = get_recogniser(recogniser)
        self.blocked = frozenset(fold_key(b) for b in blocked)
        self.max_topics = max_topics
        self.threshold = threshold
        self.lead_chars = lead_chars
        # "Georgia" the country is the likely reading where Tbilisi is mentioned: topics that
        # name another topic as their context point back at it.
        self._context_of: dict[str, set[str]] = defaultdict(set)
        for entry in self.knowledge:
            for ctx in entry.context:
                self._context_of[entry.slug].add(ctx)
                self._context_of[ctx].add(entry.slug)

    # -- public ---------------------------------------------------------------------------

    def tag(
        self,
        *,
        headline: str,
        standfirst: str = "",
        body: str = "",
        language: str = "en",
        agency_subjects: Sequence[str] = (),
        section: str | None = None,
        blocked: Iterable[str] = (),
        entities: Sequence[Entity] | None = None,
    ) -> TaggingResult:
        """Tag one article. ``entities`` lets a batch caller pass recogniser output it computed
        (see :meth:`tag_many`); offsets must then be into the combined text."""
        text = f"{headline}\n{standfirst}\n{body}"
        standfirst_start = len(headline) + 1
        body_start = standfirst_start + len(standfirst) + 1
        if entities is None:
            entities = self._recognise(self._recognised_part(text, body_start), language)
        return self._tag_text(
            text,
            standfirst_start=standfirst_start,
            body_start=body_start,
            entities=entities,
            agency_subjects=agency_subjects,
            section=section,
            blocked=self.blocked | {fold_key(b) for b in blocked},
            title_case=_is_title_case(headline),
        )

    def tag_many(
        self, articles: Iterable[dict[str, Any]], *, recognise: bool = True
    ) -> list[TaggingResult]:
        """Tag several articles (dicts with the :meth:`tag` keywords), batching the recogniser.

        ``recognise=False`` leaves the recogniser out: the alias index alone, at ten times the
        speed, and no suggestions (see ``topics.services`` for how the two passes are used).
        """
        articles = list(articles)
        leads = []
        for a in articles:
            text = f"{a.get('headline', '')}\n{a.get('standfirst', '')}\n{a.get('body', '')}"
            body_start = len(a.get("headline", "")) + len(a.get("standfirst", "")) + 2
            leads.append(self._recognised_part(text, body_start))
        english = [
            recognise and str(a.get("language", "en")).lower().startswith("en") for a in articles
        ]
        found = self.recogniser.entities_many(
            [t for t, en in zip(leads, english, strict=True) if en]
        )
        batches = iter(found)
        results = []
        for article, en in zip(articles, english, strict=True):
            kwargs = {
                k: article[k]
                for k in ("headline", "standfirst", "body", "language", "agency_subjects",
                          "section", "blocked")
                if k in article
            }  # fmt: skip
            kwargs.setdefault("headline", "")
            results.append(self.tag(**kwargs, entities=next(batches) if en else []))
        return results

    # -- steps ----------------------------------------------------------------------------

    def _recognised_part(self, text: str, body_start: int) -> str:
        if self.lead_chars is None:
            return text
        return text[: _lead_end(text, body_start, self.lead_chars)]

    def _recognise(self, lead: str, language: str) -> list[Entity]:
        # The small English pipeline mislabels other languages; the alias index still works.
        if not language.lower().startswith("en"):
            return []
        return self.recogniser.entities(lead)

    def _tag_text(
        self,
        text: str,
        *,
        standfirst_start: int,
        body_start: int,
        entities: Sequence[Entity],
        agency_subjects: Sequence[str],
        section: str | None,
        blocked: frozenset[str],
        title_case: bool,
    ) -> TaggingResult:
        first_para_end = text.find("\n", body_start)
        if first_para_end == -1 or first_para_end - body_start > 2 * LEAD_CHARS:
            first_para_end = body_start + LEAD_CHARS

        def zone(pos: int) -> str:
            if pos < standfirst_start:
                return "headline"
            if pos < body_start:
                return "standfirst"
            return "lead" if pos < first_para_end else "body"

        mentions = [_Mention(m, zone(m.start)) for m in self.index.find(text)]
        covered = [(m.match.start, m.match.end) for m in mentions]
        unknown_entities, known_entities = self._attach_entities(mentions, entities, text)
        person_words = self._person_words(mentions, entities, text, title_case)

        for m in mentions:
            if m.zone == "headline" and title_case:
                continue  # in a title-case headline every word is capitalised: no signal
            if self._embedded(m, text, covered):
                m.embedded = True

        present = self._present(mentions, blocked)
        for m in mentions:
            self._link(m, text, present, person_words, blocked)
            if m.chosen and _is_dateline(text, m.match, body_start):
                # "WASHINGTON (Agency) -" is where the copy was filed, not what it is about.
                m.weight *= DATELINE_WEIGHT

        topics = self._rank(mentions, title_case)
        topics += self._subjects(text, agency_subjects, section, blocked, len(topics))
        suggested = self._suggest(unknown_entities, text, blocked)

        entity_mentions = self._entity_mentions(mentions, unknown_entities, known_entities)
        entity_mentions.sort(key=lambda e: (e.start, e.end))
        return TaggingResult(text, tuple(topics), tuple(entity_mentions), tuple(suggested))

    def _entity_mentions(
        self, mentions: list[_Mention], unknown: list[Entity], known: list[Entity]
    ) -> list[EntityMention]:
        """Every name found, once: each name the recogniser marked (linked to the topic of
        the known name it is, or holds when the kinds agree: "Andy Warhol Foundation"
        stays unlinked around "Andy Warhol"), and the linked names of the index that the
        recogniser did not mark. Unlinked index matches and demonyms ("Afghan") are
        evidence for topics, not names, and are left out."""
        out = [EntityMention(e.text, e.kind, e.start, e.end, None, "recogniser") for e in unknown]
        linked = [m for m in mentions if m.chosen]
        for ent in known:
            inside = [m for m in linked if ent.start <= m.match.start and m.match.end <= ent.end]
            topic = None
            if len(inside) == 1:
                entry = self.knowledge.get(inside[0].chosen)
                exact = (inside[0].match.start, inside[0].match.end) == (ent.start, ent.end)
                if exact or entry.kind == ent.kind:
                    topic = entry.slug
            out.append(EntityMention(ent.text, ent.kind, ent.start, ent.end, topic, "recogniser"))
        marked = [(e.start, e.end) for e in known]
        for m in linked:
            if _is_demonym(m) or any(
                start < m.match.end and m.match.start < end for start, end in marked
            ):
                continue
            entry = self.knowledge.get(m.chosen)
            out.append(
                EntityMention(
                    m.match.text, entry.kind, m.match.start, m.match.end, m.chosen, "index"
                )
            )
        return out

    def _attach_entities(
        self, mentions: list[_Mention], entities: Sequence[Entity], text: str
    ) -> tuple[list[Entity], list[Entity]]:
        """Give matches the recogniser's kind; return the recogniser's names no match
        covers, and those that cover one (trimmed, offsets into `text`)."""
        unknown = []
        known = []
        for ent in entities:
            ent = _trim_entity(ent, text)
            if ent is None:
                continue
            overlapping = [
                m for m in mentions if m.match.start < ent.end and ent.start < m.match.end
            ]
            if not overlapping:
                unknown.append(ent)
                continue
            known.append(ent)
            for m in overlapping:
                inside = ent.start <= m.match.start and m.match.end <= ent.end
                if inside and (ent.start, ent.end) != (m.match.start, m.match.end):
                    rest = text[ent.start : m.match.start] + " " + text[m.match.end : ent.end]
                    rest_words = [fold_key(w) for w in _WORD.findall(rest)]
                    rest_known = all(
                        w in TITLE_WORDS or w in FUNCTION_WORDS or w in GENERIC_WORDS
                        for w in rest_words
                    )
                    others = [o for o in overlapping if o is not m]
                    kinds = {t.kind for t in m.match.targets}
                    if not rest_known and not others and ent.kind not in kinds:
                        # "Paris" in "Paris Hilton", "Texas" in "University of Texas".
                        m.embedded = True
                        m.notes.append(f"inside {ent.label} {ent.text!r}")
                        continue
                m.ner_kind = ent.kind
        return unknown, known

    def _person_words(
        self,
        mentions: list[_Mention],
        entities: Sequence[Entity],
        text: str,
        title_case: bool,
    ) -> set[str]:
        """Last names of people the article names, known or not ("Hamilton" of Lewis Hamilton)."""
        words = set()
        for ent in entities:
            if ent.kind == "person" and " " in ent.text.strip():
                words.add(fold_key(ent.text.split()[-1]))
        for m in mentions:
            for t in m.match.targets:
                if t.kind == "person" and not t.weak:
                    entry = self.knowledge.get(t.slug)
                    if entry and " " in entry.name:
                        words.add(fold_key(entry.name.split()[-1]))
        return words

    def _embedded(self, m: _Mention, text: str, covered: list[tuple[int, int]]) -> bool:
        """Whether a match is only part of a longer capitalised name the index does not know."""
        if m.embedded:
            return True
        targets = m.match.targets
        if all(t.kind == "person" for t in targets) or all(t.mode == "acronym" for t in targets):
            return False
        start, end = m.match.start, m.match.end
        before = _CAP_WORD_BEFORE.search(text, max(0, start - 40), start)
        if before and _is_free_name_word(before.group(1), before.start(1), covered):
            m.notes.append(f"after {before.group(1)!r}")
            return True
        after = _CAP_WORD_AFTER.search(text[end : end + 40])
        if after and _is_free_name_word(after.group(1), end + after.start(1), covered):
            m.notes.append(f"before {after.group(1)!r}")
            return True
        return False

    def _present(self, mentions: list[_Mention], blocked: frozenset[str]) -> dict[str, int]:
        """Topics the article names unambiguously with a strong form, with counts."""
        present: dict[str, int] = defaultdict(int)
        for m in mentions:
            if m.embedded:
                continue
            strong = {t.slug for t in m.match.targets if not t.weak}
            if len(strong) == 1:
                slug = next(iter(strong))
                entry = self.knowledge.get(slug)
                if entry and entry.slug not in blocked:
                    present[entry.slug] += 1
        return present

    def _context_bonus(self, slug: str, present: dict[str, int]) -> int:
        # One step further than direct neighbours: "US Senate" (context: United States) makes
        # the US state of Georgia the reading, as "United States" itself would.
        near = set(present)
        for p in present:
            entry = self.knowledge.get(p)
            if entry is not None:
                near.update(entry.context)
        return 50 if any(c in near for c in self._context_of.get(slug, ())) else 0

    def _link(
        self,
        m: _Mention,
        text: str,
        present: dict[str, int],
        person_words: set[str],
        blocked: frozenset[str],
    ) -> None:
        if m.embedded or fold_key(m.match.text) in blocked:
            return
        targets: list[tuple[AliasTarget, TopicEntry]] = []
        for t in m.match.targets:
            entry = self.knowledge.get(t.slug)
            if entry is None or entry.status == "blocked" or entry.slug in blocked:
                continue
            targets.append((t, entry))
        if not targets:
            return
        if m.ner_kind:
            agreeing = [(t, e) for t, e in targets if e.kind == m.ner_kind]
            if agreeing:
                targets = agreeing
            elif m.ner_kind == "person" and fold_key(m.match.text) in person_words:
                return  # the surname of somebody the article names ("Hamilton" of Lewis Hamilton)
        strong = [(t, e) for t, e in targets if not t.weak]
        weak = [(t, e) for t, e in targets if t.weak]

        licensed = []
        for t, e in weak:
            if e.slug in present or e.kind != "person" and any(c in present for c in e.context):
                licensed.append((t, e))
        weak_people = [(t, e) for t, e in weak if e.kind == "person"]
        licensed_people = [(t, e) for t, e in licensed if e.kind == "person"]

        if licensed_people and not any(e.slug in present for _, e in strong):
            # "Austin" after "Defense Secretary Lloyd Austin": the person, not the city.
            best = max(licensed_people, key=lambda te: present.get(te[1].slug, 0))
            m.chosen, m.weight = best[1].slug, WEAK_WEIGHT
            return
        surface = fold_key(m.match.text)
        if strong:
            places = [(t, e) for t, e in strong if e.kind == "place"]
            # A place that is also somebody's surname: only with a locative cue or the
            # recogniser's word ("in Austin", "Austin, Texas"); otherwise nothing.
            if (
                places
                and (weak_people or surface in person_words)
                and len(strong) == len(places)
                and m.ner_kind != "place"
                and not _locative(text, m.match, self.index)
            ):
                m.notes.append("surname-like place without place context")
                return
            if len(strong) == 1:
                m.chosen, m.weight = strong[0][1].slug, 1.0
                return
            best = max(
                strong,
                key=lambda te: (
                    (100 if te[1].slug in present else 0)
                    + self._context_bonus(te[1].slug, present)
                    + te[1].priority
                ),
            )
            m.chosen, m.weight = best[1].slug, 1.0
            return
        if licensed:
            best = max(licensed, key=lambda te: (present.get(te[1].slug, 0), te[1].priority))
            m.chosen, m.weight = best[1].slug, WEAK_WEIGHT
            return
        demonyms = [(t, e) for t, e in weak if e.kind == "place"]
        if demonyms:
            m.chosen, m.weight = demonyms[0][1].slug, DEMONYM_WEIGHT

    def _rank(self, mentions: list[_Mention], title_case: bool) -> list[TaggedTopic]:
        weights: dict[str, float] = defaultdict(float)
        spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
        zones: dict[str, set[str]] = defaultdict(set)
        headline_words: dict[str, bool] = {}
        for m in mentions:
            if not m.chosen:
                continue
            weights[m.chosen] += ZONE_WEIGHTS[m.zone] * m.weight
            spans[m.chosen].append((m.match.start, m.match.end))
            zones[m.chosen].add(m.zone)
            if m.zone == "headline":
                single = " " not in m.match.text.strip() and any(
                    t.mode != "acronym" for t in m.match.targets
                )
                headline_words[m.chosen] = headline_words.get(m.chosen, True) and single
        ranked = []
        for slug, raw in weights.items():
            entry = self.knowledge.get(slug)
            if entry is None or entry.status != "active":
                continue  # suggested topics are counted for the desk, never returned
            if zones[slug] == {"headline"} and title_case and headline_words.get(slug):
                continue  # one capitalised word in a title-case headline, nowhere else
            score = _score(raw * KIND_WEIGHTS.get(entry.kind, 1.0))
            if score >= self.threshold:
                ranked.append(TaggedTopic(entry, score, tuple(spans[slug])))
        ranked.sort(key=lambda t: (-t.score, t.mentions[0][0]))
        return ranked[: self.max_topics]

    def _subjects(
        self,
        text: str,
        agency_subjects: Sequence[str],
        section: str | None,
        blocked: frozenset[str],
        taken: int,
    ) -> list[TaggedTopic]:
        room = min(MAX_SUBJECTS, max(0, self.max_topics - taken))
        if not room:
            return []
        found: list[TaggedTopic] = []

        def add(entry: TopicEntry | None, score: float, source: str) -> None:
            if entry is None or entry.status != "active" or entry.slug in blocked:
                return
            if any(t.slug == entry.slug for t in found) or len(found) >= room:
                return
            found.append(TaggedTopic(entry, score, (), source))

        for code in agency_subjects:
            add(self._subject_for_code(code), 0.9, "agency")
        if found:
            return found
        if section:
            code = SECTION_SUBJECTS.get(slugify(section))
            if code:
                add(self.knowledge.by_external_id("iptc", code), 0.8, "section")
                return found
        lowered = text.lower()
        tokens = word_set(lowered)
        bigrams: set[str] = set()
        if tokens & _BIGRAM_CUE_STARTS:
            words = _WORD.findall(lowered)
            # Only pairs that can be a cue: a long text has hundreds of pairs, the cues few.
            bigrams = {
                f"{a} {b}"
                for a, b in zip(words, words[1:], strict=False)
                if a in _BIGRAM_CUE_STARTS
            }
        hits_of = dict.fromkeys(SUBJECT_CUES, 0)
        for cue in (tokens & _WORD_CUES) | (bigrams & _PAIR_CUES):
            for code in _SUBJECTS_OF_CUE[cue]:
                hits_of[code] += 1
        counts = sorted(((hits, code) for code, hits in hits_of.items()), reverse=True)
        best_hits, best_code = counts[0]
        runner_up = counts[1][0] if len(counts) > 1 else 0
        if best_hits >= SUBJECT_MIN_CUES and best_hits > runner_up:
            score = min(0.75, 0.4 + 0.05 * best_hits)
            add(self.knowledge.by_external_id("iptc", best_code), score, "cues")
        return found

    def _subject_for_code(self, code: str) -> TopicEntry | None:
        raw = code.strip()
        digits = re.sub(r"\D", "", raw.rsplit("/", 1)[-1].rsplit(":", 1)[-1])
        if len(digits) != 8:
            return None
        is_subject_code = raw.lower().startswith(("subj:", "subject:")) or "subjectcode" in raw
        if not is_subject_code:
            entry = self.knowledge.by_external_id("iptc", f"medtop:{digits}")
            if entry is not None:
                return entry
        # Old IPTC Subject Codes share the top-level numbering with Media Topics (01-17).
        # Media Topics below the top level (20xxxxxx) need the IPTC hierarchy we do not hold.
        if is_subject_code or digits.endswith("000000"):
            return self.knowledge.by_external_id("iptc", f"medtop:{digits[:2]}000000")
        return None

    def _suggest(
        self, unknown: list[Entity], text: str, blocked: frozenset[str]
    ) -> list[SuggestedTopic]:
        seen: dict[str, Entity] = {}
        for ent in unknown:
            key = fold_key(ent.text)
            if key in blocked or slugify(ent.text) in blocked or _is_junk(ent.text):
                continue
            seen.setdefault(key, ent)
        out = []
        for ent in seen.values():
            pattern = re.compile(r"(?<!\w)" + re.escape(ent.text) + r"(?!\w)")
            spans = tuple((mo.start(), mo.end()) for mo in pattern.finditer(text))
            count = len(spans)
            if ent.kind == "person" and " " in ent.text:
                # Copy names a person in full once, then by surname: count both.
                surname = ent.text.split()[-1]
                tail = re.compile(r"(?<!\w)" + re.escape(surname) + r"(?!\w)")
                count = max(count, len(tail.findall(text)))
            if count >= SUGGEST_MIN_COUNT:
                out.append(SuggestedTopic(ent.text, ent.kind, slugify(ent.text), count, spans))
        out.sort(key=lambda s: -s.count)
        return out
