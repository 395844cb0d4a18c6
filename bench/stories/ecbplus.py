"""Story grouping on real copy: the shared `ecbplus-stories` dev set, read in place.

982 real news articles in 43 topics, each topic two different events of the same kind (two
earthquakes, two rehab stays): the hard case of "same event or similar event". The set has
no publication times, so the articles arrive in file order on one day. The engine sees the
headline and body only; the gold story and everything that gives it away stay here.

Beside it, the baseline of the set's README: TF-IDF of headline and body with scikit-learn's
`TfidfVectorizer` defaults (lower case, tokens of two or more word characters, raw counts,
idf = ln((1+N)/(1+df)) + 1, rows L2-normalised, no stop words), cosine, and single-link
grouping at the threshold that maximises pairwise F1 on the set itself (an oracle bound for
the method, which the engine is not given). Written here with numpy.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy

from dateline.core.stories import StoryArticle

_TOKEN = re.compile(r"\b\w\w+\b")
ONE_DAY = datetime(2026, 1, 5, 6, tzinfo=UTC)


def load(root: Path) -> tuple[list[StoryArticle], dict[str, str], dict[str, int]]:
    """The articles in file order (spread over one day), the gold story and topic of each."""
    rows = [
        json.loads(line)
        for line in (root / "ecbplus-stories" / "articles.jsonl").open(encoding="utf-8")
    ]
    step = timedelta(days=1) / len(rows)
    articles = [
        StoryArticle(
            id=row["id"], headline=row["headline"], body=row["body"], published=ONE_DAY + n * step
        )
        for n, row in enumerate(rows)
    ]
    return articles, {r["id"]: r["story"] for r in rows}, {r["id"]: r["topic"] for r in rows}


def hard_errors(predicted: dict[str, str], gold: dict[str, str], topic: dict[str, int]):
    """System pairs joining the two events of one topic, and pairs joining two topics."""
    members: dict[str, list[str]] = {}
    for item, story in predicted.items():
        members.setdefault(story, []).append(item)
    siblings = other_topic = 0
    for items in members.values():
        n = len(items)
        same_topic = sum(c * (c - 1) // 2 for c in Counter(topic[i] for i in items).values())
        same_story = sum(c * (c - 1) // 2 for c in Counter(gold[i] for i in items).values())
        other_topic += n * (n - 1) // 2 - same_topic
        siblings += same_topic - same_story
    return siblings, other_topic


def tfidf_similarities(articles: list[StoryArticle]) -> numpy.ndarray:
    counts = [Counter(_TOKEN.findall(f"{a.headline}\n{a.body}".lower())) for a in articles]
    vocabulary = {term: n for n, term in enumerate(sorted(set().union(*counts)))}
    df = Counter(term for count in counts for term in count)
    total = len(articles)
    matrix = numpy.zeros((total, len(vocabulary)), dtype=numpy.float64)
    for row, count in enumerate(counts):
        for term, tf in count.items():
            matrix[row, vocabulary[term]] = tf * (math.log((1 + total) / (1 + df[term])) + 1)
    norms = numpy.linalg.norm(matrix, axis=1)
    matrix /= numpy.where(norms == 0, 1, norms)[:, None]
    return matrix @ matrix.T


def single_link_at_best_threshold(
    articles: list[StoryArticle], gold: dict[str, str]
) -> tuple[dict[str, str], float]:
    """Single-link stories at the cosine threshold with the best pairwise F1, and that t.

    Edges are added from the most similar pair down (Kruskal's order), keeping the pair
    counts up to date at each merge, so every threshold is scored exactly in one pass.
    """
    ids = [a.id for a in articles]
    similarity = tfidf_similarities(articles)
    upper = numpy.triu_indices(len(ids), k=1)
    values = similarity[upper]
    order = numpy.argsort(-values, kind="stable")
    parent = list(range(len(ids)))
    labels: list[Counter[str]] = [Counter({gold[i]: 1}) for i in ids]
    size = [1] * len(ids)
    gold_pairs = sum(c * (c - 1) // 2 for c in Counter(gold.values()).values())
    hits = together = 0
    best_f1, best_t = 0.0, 1.0

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for position, index in enumerate(order):
        a, b = root(int(upper[0][index])), root(int(upper[1][index]))
        if a != b:
            if size[a] < size[b]:
                a, b = b, a
            hits += sum(labels[a][label] * n for label, n in labels[b].items())
            together += size[a] * size[b]
            labels[a].update(labels[b])
            size[a] += size[b]
            parent[b] = a
        t = float(values[index])
        # A threshold stands for every pair at least as similar: score it once all are in.
        if position + 1 < len(order) and float(values[order[position + 1]]) == t:
            continue
        precision, recall = hits / together if together else 0.0, hits / gold_pairs
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1:
            best_f1, best_t = f1, t
        if recall == 1.0:
            break
    parent = list(range(len(ids)))
    for index in numpy.nonzero(values >= best_t)[0]:
        a, b = root(int(upper[0][index])), root(int(upper[1][index]))
        if a != b:
            parent[b] = a
    return {item: ids[root(n)] for n, item in enumerate(ids)}, best_t
