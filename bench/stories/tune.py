"""Set the story engine's weights on training sets, and show how they hold on others.

    .venv/bin/python bench/stories/tune.py [--train 1,2,3] [--held-out 4,5,6,7] [--rounds 3]
        [--datelines both|with|without]

A coordinate search: each weight in turn is tried at a few values around the current one,
and kept where the mean pairwise F1 over the training sets (drawn by `generate.build` with
those seeds) is highest. By default each seed counts twice, as generated and with its
datelines cut (`bench_stories.without_datelines`): publishers' feeds have none, and weights
searched on datelined copy alone lean on the dateline place. The held-out sets are only
measured, never searched on: seed 7 is the committed articles.jsonl. The result is printed
as a `StoryConfig(...)` to copy into `dateline/core/stories/model.py` by hand.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import fields, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_stories import load_rows, pairwise, without_datelines  # noqa: E402
from bench.stories import generate  # noqa: E402
from dateline.core.stories import StoryConfig, StoryEngine  # noqa: E402

# The weights searched, and the steps tried around the current value.
STEPS = {
    name: (-0.1, -0.05, 0.05, 0.1)
    for name in (
        "threshold",
        "headline_weight",
        "body_weight",
        "link_weight",
        "cover_weight",
        "names_weight",
        "place_weight",
        "same_place_words_weight",
        "other_place_weight",
        "unplaced_weight",
        "unplaced_words_weight",
        "gap_weight",
    )
}


def sets_of(seeds: list[int], datelines: str = "both"):
    sets = []
    for seed in seeds:
        rows = generate.build(seed)
        if datelines in ("both", "with"):
            sets.append(load_rows(rows))
        if datelines in ("both", "without"):
            sets.append(load_rows(without_datelines(rows)))
    return sets


def f1(config: StoryConfig, sets) -> list[float]:
    scores = []
    for articles, gold in sets:
        engine = StoryEngine(config)
        predicted = {article.id: engine.assign(article).story for article in articles}
        scores.append(pairwise(predicted, gold)[2])
    return scores


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", default="1,2,3")
    parser.add_argument("--held-out", default="4,5,6,7")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--datelines", choices=("both", "with", "without"), default="both")
    args = parser.parse_args()
    train = sets_of([int(s) for s in args.train.split(",")], args.datelines)
    held_out_seeds = [int(s) for s in args.held_out.split(",") if s]
    held_out = sets_of(held_out_seeds, args.datelines)

    config = StoryConfig()
    best = mean(f1(config, train))
    print(f"start: train F1 {best:.3f}")
    for round_number in range(args.rounds):
        moved = False
        for name, steps in STEPS.items():
            current = getattr(config, name)
            for step in steps:
                value = round(current + step, 3)
                if value < 0:
                    continue
                candidate = replace(config, **{name: value})
                score = mean(f1(candidate, train))
                # Strictly better only: ties keep the simpler, earlier value.
                if score > best + 1e-6:
                    best, config, moved = score, candidate, True
            print(f"round {round_number + 1} {name}={getattr(config, name)}: train F1 {best:.3f}")
        if not moved:
            break
    searched = [f.name for f in fields(StoryConfig) if f.name in STEPS]
    print("StoryConfig(" + ", ".join(f"{n}={getattr(config, n)!r}" for n in searched) + ")")
    order = {"both": " (each with, then without datelines)"}.get(args.datelines, "")
    print(f"train {args.train}{order}: " + " ".join(f"{v:.3f}" for v in f1(config, train)))
    if held_out:
        scores = f1(config, held_out)
        print(
            f"held out {args.held_out}{order}: "
            + " ".join(f"{v:.3f}" for v in scores)
            + f" (mean {mean(scores):.3f})"
        )


if __name__ == "__main__":
    main()
