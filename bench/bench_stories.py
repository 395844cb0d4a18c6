"""Measure story grouping against the labelled set, beside a baseline, in the same run.

    .venv/bin/python bench/bench_stories.py [--set bench/stories/articles.jsonl] [--passes 3]

Systems, on the same articles in time order:
- engine: dateline.core.stories.StoryEngine (near-duplicates by MinHash LSH, then TF-IDF of
  headline and lead, names, dateline place and time gap against the open stories).
- baseline: TF-IDF cosine of headlines alone with one global threshold; each article joins
  the story of its most similar earlier headline above it. Shown at the usual 0.5 and at the
  threshold that suits this set best (an oracle, which the engine is not given).

Figures: pairwise precision, recall and F1 over same-story pairs, B-cubed precision, recall
and F1, articles/s on one core, and the engine's peak size (open stories, articles held).
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter, defaultdict  # noqa: E402
from datetime import datetime  # noqa: E402
from itertools import combinations  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dateline.core.stories import StoryArticle, StoryEngine  # noqa: E402
from dateline.core.stories.text import terms  # noqa: E402


def load(path: Path) -> tuple[list[StoryArticle], dict[str, str]]:
    articles, gold = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles.append(
            StoryArticle(
                id=row["id"],
                headline=row["headline"],
                body=row["body"],
                published=datetime.fromisoformat(row["published"]),
                source=row.get("source", ""),
            )
        )
        gold[row["id"]] = row["story"]
    return articles, gold


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    ids = sorted(gold)
    same_gold = {(a, b) for a, b in combinations(ids, 2) if gold[a] == gold[b]}
    same_predicted = {(a, b) for a, b in combinations(ids, 2) if predicted[a] == predicted[b]}
    hits = len(same_gold & same_predicted)
    precision = hits / len(same_predicted) if same_predicted else 1.0
    recall = hits / len(same_gold) if same_gold else 1.0
    return precision, recall, _f1(precision, recall)


def bcubed(predicted: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    by_predicted, by_gold = defaultdict(set), defaultdict(set)
    for item in gold:
        by_predicted[predicted[item]].add(item)
        by_gold[gold[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        cluster, truth = by_predicted[predicted[item]], by_gold[gold[item]]
        shared = len(cluster & truth)
        precision += shared / len(cluster)
        recall += shared / len(truth)
    precision, recall = precision / len(gold), recall / len(gold)
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def run_engine(articles: list[StoryArticle]) -> tuple[dict[str, str], float, tuple[int, int]]:
    engine = StoryEngine()
    predicted: dict[str, str] = {}
    peak = (0, 0)
    started = time.perf_counter()
    for article in articles:
        predicted[article.id] = engine.assign(article).story
        peak = max(peak, (len(engine), engine.articles))
    return predicted, time.perf_counter() - started, peak


def run_baseline(articles: list[StoryArticle], threshold: float) -> tuple[dict[str, str], float]:
    """Headline TF-IDF (IDF over the headlines seen so far) and nearest earlier headline."""
    predicted: dict[str, str] = {}
    seen: list[tuple[str, Counter[str]]] = []
    df: Counter[str] = Counter()
    started = time.perf_counter()
    for article in articles:
        vector = terms(article.headline)
        df.update(set(vector))
        total = len(seen) + 1

        def weight(term: str, total: int = total) -> float:
            return math.log((total + 1) / (df[term] + 1)) + 1

        norm = math.sqrt(sum((tf * weight(t)) ** 2 for t, tf in vector.items())) or 1.0
        best, best_score = None, threshold
        for other_id, other in seen:
            dot = sum(tf * other[t] * weight(t) ** 2 for t, tf in vector.items() if t in other)
            if not dot:
                continue
            other_norm = math.sqrt(sum((tf * weight(t)) ** 2 for t, tf in other.items()))
            score = dot / (norm * other_norm)
            if score >= best_score:
                best, best_score = other_id, score
        predicted[article.id] = predicted[best] if best else article.id
        seen.append((article.id, vector))
    return predicted, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", type=Path, default=ROOT / "bench/stories/articles.jsonl")
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    articles, gold = load(args.set)
    print(f"{len(articles)} articles, {len(set(gold.values()))} gold stories ({args.set.name})")

    timings = []
    for _ in range(args.passes):
        predicted, seconds, peak = run_engine(articles)
        timings.append(seconds)
    rows = [("engine", predicted, min(timings))]
    baseline, seconds = run_baseline(articles, 0.5)
    rows.append(("baseline headlines, t=0.50", baseline, seconds))
    best = max(
        ((t / 20, *run_baseline(articles, t / 20)) for t in range(4, 19)),
        key=lambda row: pairwise(row[1], gold)[2],
    )
    rows.append((f"baseline headlines, best t={best[0]:.2f}", best[1], best[2]))

    print(
        f"{'system':34} {'pair P':>7} {'pair R':>7} {'pair F1':>7} "
        f"{'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'stories':>7} {'art/s':>8}"
    )
    for name, result, seconds in rows:
        p, r, f = pairwise(result, gold)
        bp, br, bf = bcubed(result, gold)
        print(
            f"{name:34} {p:7.3f} {r:7.3f} {f:7.3f} {bp:6.3f} {br:6.3f} {bf:6.3f} "
            f"{len(set(result.values())):7d} {len(articles) / seconds:8.0f}"
        )
    print(f"engine peak: {peak[0]} open stories, {peak[1]} articles held (window 72 h)")


if __name__ == "__main__":
    main()
