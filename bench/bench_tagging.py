"""Measure the tagger against the labelled set: quality, speed and memory, beside baselines.

    .venv/bin/python bench/bench_tagging.py [--set bench/tagging/articles.jsonl] [--passes 3]
        [--errors]

Systems, all on the same articles:
- tagger: dateline.core.tagging.Tagger (alias index on the whole text, spaCy on the lead).
- recogniser alone: spaCy on the whole text; each PERSON/ORG/GPE/LOC name is looked up in the
  alias index (so "Kiev" counts as kyiv), unknown names become slugs of their text.
- spaCy baseline: every PERSON/ORG/GPE/LOC name as a topic, slug of its text (what a naive
  portal shows).

Quality is micro precision/recall/F1 over (article, topic slug) pairs. "entities" leaves subject
topics out of gold and output (the baselines cannot produce subjects); "all" is the tagger
against the full gold. Speed is articles per second in one process on one core (BLAS threads
pinned to one), tagging articles one at a time as ingest does.
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

from dateline.core.tagging import Tagger, slugify  # noqa: E402
from dateline.core.tagging.ner import LABEL_KINDS, SpacyRecogniser  # noqa: E402

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

    if args.errors:
        print()
        for a, g, f in zip(articles, gold_all, found_all, strict=True):
            missing, extra = g - f, f - g
            if missing or extra:
                print(f"{a['id']} {a['headline'][:60]!r}: missing {sorted(missing)} "
                      f"extra {sorted(extra)}")  # fmt: skip


if __name__ == "__main__":
    main()
