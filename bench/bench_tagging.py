"""Measure the tagger against the labelled set: quality, speed and memory, beside baselines.

    .venv/bin/python bench/bench_tagging.py [--set bench/tagging/articles.jsonl] [--passes 3]
        [--errors]

Systems, all on the same articles:
- tagger: dateline.core.tagging.Tagger (alias index and spaCy on the whole text).
- recogniser alone: spaCy on the whole text; each PERSON/ORG/GPE/LOC name is looked up in the
  alias index (so "Kiev" counts as kyiv), unknown names become slugs of their text.
- spaCy baseline: every PERSON/ORG/GPE/LOC name as a topic, slug of its text (what a naive
  portal shows).

Quality is micro precision/recall/F1 over (article, topic slug) pairs. "entities" leaves subject
topics out of gold and output (the baselines cannot produce subjects); "all" is the tagger
against the full gold. Speed is articles per second in one process on one core (BLAS threads
pinned to one), tagging articles one at a time as ingest does.

Then, on real news (the shared `gum-news` dev set, read in place, never copied): entity
mention overlap precision, recall and F1 (head match, then also typed; see
bench/tagging/mentions.py) of the tagger and of spaCy's small model alone on the same
texts, with both systems' speed and the tagger's memory.
"""

from __future__ import annotations

import os

# One core: set before numpy/thinc load so their thread pools stay at one thread.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.tagging import mentions  # noqa: E402
from dateline.core.tagging import Tagger, slugify  # noqa: E402
from dateline.core.tagging.ner import LABEL_KINDS, SPACY_MODELS, SpacyRecogniser  # noqa: E402

BASELINE_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC"})


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def full_text(article: dict) -> str:
    return f"{article['headline']}\n{article.get('standfirst', '')}\n{article.get('body', '')}"


def prf(gold: list[set[str]], found: list[set[str]]) -> tuple[float, float, float]:
    tp = sum(len(g & f) for g, f in zip(gold, found, strict=True))
    n_found = sum(len(f) for f in found)
    n_gold = sum(len(g) for g in gold)
    p = tp / n_found if n_found else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def baseline_slugs(doc) -> set[str]:  # noqa: ANN001 - spaCy Doc
    out = set()
    for ent in doc.ents:
        if ent.label_ in BASELINE_LABELS:
            text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            out.add(slugify(text))
    return out


def recogniser_slugs(doc, tagger: Tagger) -> set[str]:  # noqa: ANN001 - spaCy Doc
    out = set()
    for ent in doc.ents:
        if ent.label_ not in BASELINE_LABELS:
            continue
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        kind = LABEL_KINDS[ent.label_]
        targets = tagger.index.lookup(text)
        agreeing = [t for t in targets if t.kind == kind] or list(targets)
        strong = [t for t in agreeing if not t.weak] or agreeing
        if strong:
            entry = max(
                (tagger.knowledge.get(t.slug) for t in strong),
                key=lambda e: e.priority if e else -1,
            )
            out.add(entry.slug if entry else slugify(text))
        else:
            out.add(slugify(text))
    return out


def rate(fn, articles: list[dict], passes: int) -> float:  # noqa: ANN001
    """Articles per second, best of ``passes`` runs (the machine may be shared)."""
    fn(articles[0])  # warm caches
    best = float("inf")
    for _ in range(passes):
        start = time.perf_counter()
        for article in articles:
            fn(article)
        best = min(best, time.perf_counter() - start)
    return len(articles) / best


def tagger_mentions(tagger: Tagger, documents: list[dict]) -> list[list[dict]]:
    """The tagger's entity mentions on each document's text exactly as given: the first
    line as headline, the rest as body (the tagger joins them with one more line break,
    which the offsets after the headline give back)."""
    parts = [d["text"].partition("\n") for d in documents]
    results = tagger.tag_many([{"headline": head, "body": rest} for head, _, rest in parts])
    found = []
    for (head, _, _), result in zip(parts, results, strict=True):
        cut = len(head) + 1

        def back(offset: int, cut: int = cut) -> int:
            return offset - 1 if offset > cut else offset

        found.append(
            [
                {"start": back(e.start), "end": back(e.end), "type": mentions.KIND_TYPES[e.kind]}
                for e in result.entities
                if e.kind in mentions.KIND_TYPES
            ]
        )
    return found


def spacy_mentions(nlp, documents: list[dict]) -> list[list[dict]]:  # noqa: ANN001
    return [
        [
            {"start": e.start_char, "end": e.end_char, "type": mentions.LABEL_TYPES[e.label_]}
            for e in doc.ents
            if e.label_ in mentions.LABEL_TYPES
        ]
        for doc in nlp.pipe(d["text"] for d in documents)
    ]


def gum_news(tagger: Tagger, passes: int) -> None:
    """Entity mentions on gum-news (real Wikinews articles, read in place), beside spaCy's
    small model alone (its whole default pipeline) on the same texts."""
    root = mentions.devsets_dir()
    if root is None:
        print("gum-news: dev sets not found (set DATELINE_DEVSETS_DIR); skipped")
        return
    import spacy

    documents = mentions.load_gum_news(root)
    held_out = [i for i, d in enumerate(documents) if d["split"] in ("dev", "test")]
    tagged = tagger_mentions(tagger, documents)
    tagger_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    nlp = next(spacy.load(name) for name in SPACY_MODELS if spacy.util.is_package(name))
    alone = spacy_mentions(nlp, documents)

    def timed(fn) -> float:  # noqa: ANN001
        best = float("inf")
        for _ in range(passes):
            started = time.perf_counter()
            fn(documents)
            best = min(best, time.perf_counter() - started)
        return len(documents) / best

    tagger_rate = timed(lambda docs: tagger_mentions(tagger, docs))
    spacy_rate = timed(lambda docs: spacy_mentions(nlp, docs))
    chars = sum(len(d["text"]) for d in documents) / len(documents)
    print(f"gum-news: {len(documents)} documents, mean {chars:.0f} characters; "
          f"mentions without `time`, micro-averaged; kinds as GUM types "
          f"(person, organisation->organization, place, event)")  # fmt: skip
    print(f"{'system, documents, matching':<44}{'precision':>10}{'recall':>10}{'F1':>10}")
    for label, found in (("tagger", tagged), ("spaCy small alone", alone)):
        for subset, ids in (("all 24", range(len(documents))), ("dev+test 4", held_out)):
            for matching, kwargs in (("head", {}), ("head+typed", {"typed": True})):
                pairs = [(documents[i]["mentions"], found[i]) for i in ids]
                p, r, f1 = mentions.score(pairs, **kwargs)
                name = f"{label}, {subset}, {matching}"
                print(f"{name:<44}{p:>10.3f}{r:>10.3f}{f1:>10.3f}")
    ratio = tagger_rate / spacy_rate
    print(f"speed on the whole texts (1 core): tagger {tagger_rate:.1f} documents/s, spaCy "
          f"small alone {spacy_rate:.1f} documents/s, ratio {ratio:.2f}x")  # fmt: skip
    print(f"peak RSS with the tagger alone (before spaCy's full pipeline loads): "
          f"{tagger_peak:.0f} MB")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", default=str(ROOT / "bench" / "tagging" / "articles.jsonl"))
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--errors", action="store_true", help="list each article's misses")
    args = parser.parse_args()

    articles = load(Path(args.set))
    started = time.perf_counter()
    tagger = Tagger(recogniser="spacy")
    build_seconds = time.perf_counter() - started
    assert isinstance(tagger.recogniser, SpacyRecogniser)
    nlp = tagger.recogniser._nlp
    subjects = {e.slug for e in tagger.knowledge if e.kind == "subject"}

    gold_all = [set(a["gold"]) for a in articles]
    gold_ent = [g - subjects for g in gold_all]
    results = [
        tagger.tag(
            headline=a["headline"],
            standfirst=a.get("standfirst", ""),
            body=a.get("body", ""),
            language=a.get("language", "en"),
            agency_subjects=a.get("agency_subjects", ()),
            section=a.get("section"),
        )
        for a in articles
    ]
    found_all = [set(r.slugs) for r in results]
    found_ent = [f - subjects for f in found_all]
    docs = [nlp(full_text(a)) for a in articles]
    found_rec = [recogniser_slugs(d, tagger) for d in docs]
    found_base = [baseline_slugs(d) for d in docs]

    suggested_gold = sum(len(a.get("gold_suggested", [])) for a in articles)
    suggested_hit = sum(
        len(
            {n.lower() for n in a.get("gold_suggested", [])} & {s.name.lower() for s in r.suggested}
        )
        for a, r in zip(articles, results, strict=True)
    )
    suggested_total = sum(len(r.suggested) for r in results)
    leaked = sum(
        1
        for a, r in zip(articles, results, strict=True)
        for name in a.get("gold_suggested", [])
        if slugify(name) in r.slugs
    )

    def tagger_one(a: dict) -> None:
        tagger.tag(
            headline=a["headline"],
            standfirst=a.get("standfirst", ""),
            body=a.get("body", ""),
            language=a.get("language", "en"),
            agency_subjects=a.get("agency_subjects", ()),
            section=a.get("section"),
        )

    def baseline_one(a: dict) -> None:
        baseline_slugs(nlp(full_text(a)))

    tagger_rate = rate(tagger_one, articles, args.passes)
    baseline_rate = rate(baseline_one, articles, args.passes)
    # Again in the other order, so drift in machine load does not favour either side.
    baseline_rate = max(baseline_rate, rate(baseline_one, articles, args.passes))
    tagger_rate = max(tagger_rate, rate(tagger_one, articles, args.passes))
    chars = sum(len(full_text(a)) for a in articles) / len(articles)

    print(f"evaluation set: {len(articles)} articles ({args.set}), mean {chars:.0f} characters")
    print(f"knowledge: {len(tagger.knowledge)} topics, {len(tagger.index)} index keys; "
          f"tagger built in {build_seconds:.2f} s")  # fmt: skip
    print()
    print(f"{'system':<34}{'precision':>10}{'recall':>10}{'F1':>10}")
    rows = [
        ("tagger, all topics (with subjects)", prf(gold_all, found_all)),
        ("tagger, entities", prf(gold_ent, found_ent)),
        ("recogniser alone, entities", prf(gold_ent, found_rec)),
        ("spaCy baseline, entities", prf(gold_ent, found_base)),
    ]
    for label, (p, r, f1) in rows:
        print(f"{label:<34}{p:>10.3f}{r:>10.3f}{f1:>10.3f}")
    print()
    print(
        f"suggestions: {suggested_hit}/{suggested_gold} unknown gold names suggested, "
        f"{suggested_total} suggestions in all, {leaked} unknown names leaked into topics"
    )
    print()
    print(f"speed (1 core): tagger {tagger_rate:.1f} articles/s, spaCy baseline "
          f"{baseline_rate:.1f} articles/s, ratio {tagger_rate / baseline_rate:.2f}x")  # fmt: skip
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process (tagger + baseline share one spaCy pipeline): {peak:.0f} MB")

    print()
    gum_news(tagger, args.passes)

    if args.errors:
        print()
        for a, g, f in zip(articles, gold_all, found_all, strict=True):
            missing, extra = g - f, f - g
            if missing or extra:
                print(f"{a['id']} {a['headline'][:60]!r}: missing {sorted(missing)} "
                      f"extra {sorted(extra)}")  # fmt: skip


if __name__ == "__main__":
    main()
