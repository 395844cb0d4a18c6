"""Scoring of entity mentions against gold mentions, as the dev sets' README describes it.

Gold and predicted mentions are dicts with `start`, `end` (character offsets, end exclusive)
and `type`; gold ones may carry `head_start`/`head_end`. Alignment is one-to-one and greedy:
candidate pairs overlap, larger overlap first, then smaller boundary distance. With `head`,
a prediction must also contain the gold head word; with `typed`, the types must agree.
Micro-averaged over documents.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent

# Our kinds and spaCy's labels on GUM's types.
KIND_TYPES = {
    "person": "person",
    "organisation": "organization",
    "place": "place",
    "event": "event",
}
LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
}
# GUM counts weekday and month names as mentions; neither system emits dates as topics.
DROPPED_TYPES = frozenset({"time"})


def devsets_dir() -> Path | None:
    """The shared dev sets, read in place (`DATELINE_DEVSETS_DIR`, else ../shared/devsets)."""
    configured = os.environ.get("DATELINE_DEVSETS_DIR")
    path = Path(configured) if configured else ROOT.parent / "shared" / "devsets"
    return path if path.is_dir() else None


def load_gum_news(root: Path) -> list[dict]:
    """Each document with its gold mentions (`mentions`), in file order."""
    folder = root / "gum-news"
    docs = [json.loads(line) for line in (folder / "docs.jsonl").open(encoding="utf-8")]
    gold = {
        row["id"]: row["mentions"]
        for row in map(json.loads, (folder / "mentions.jsonl").open(encoding="utf-8"))
    }
    return [{**doc, "mentions": gold[doc["id"]]} for doc in docs]


def align(
    gold: Sequence[dict], predicted: Sequence[dict], *, head: bool = True, typed: bool = False
) -> list[tuple[int, int]]:
    """The aligned (gold index, predicted index) pairs."""
    candidates = []
    for g_index, g in enumerate(gold):
        for p_index, p in enumerate(predicted):
            if not (p["start"] < g["end"] and g["start"] < p["end"]):
                continue
            holds_head = "head_start" not in g or (
                p["start"] <= g["head_start"] and g["head_end"] <= p["end"]
            )
            if head and not holds_head:
                continue
            if typed and p.get("type") != g.get("type"):
                continue
            overlap = min(p["end"], g["end"]) - max(p["start"], g["start"])
            distance = abs(p["start"] - g["start"]) + abs(p["end"] - g["end"])
            candidates.append((-overlap, distance, g_index, p_index))
    candidates.sort()
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, _, g_index, p_index in candidates:
        if g_index in used_gold or p_index in used_predicted:
            continue
        used_gold.add(g_index)
        used_predicted.add(p_index)
        pairs.append((g_index, p_index))
    return pairs


def score(
    documents: Iterable[tuple[Sequence[dict], Sequence[dict]]],
    *,
    head: bool = True,
    typed: bool = False,
) -> tuple[float, float, float]:
    """Micro precision, recall and F1 over (gold, predicted) mention lists of documents."""
    hits = n_gold = n_predicted = 0
    for gold, predicted in documents:
        gold = [g for g in gold if g.get("type") not in DROPPED_TYPES]
        predicted = [p for p in predicted if p.get("type") not in DROPPED_TYPES]
        hits += len(align(gold, predicted, head=head, typed=typed))
        n_gold += len(gold)
        n_predicted += len(predicted)
    precision = hits / n_predicted if n_predicted else 0.0
    recall = hits / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
