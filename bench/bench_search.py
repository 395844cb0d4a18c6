"""Search latency over a synthetic archive, beside a naive `icontains` search.

`python bench/bench_search.py` generates an archive of synthetic articles (SEARCH_BENCH_N,
50,000 by default; 200,000 and 1,000,000 are the issue's sizes) with bulk inserts into a
fresh SQLite and PostgreSQL database, builds the search index with the same code as
`dateline reindex` (timed, and its size measured), then runs a fixed mix of 1,000 queries through
`search_articles` (what the search page and the API call) and reports p50/p95 per kind and
overall. In the same run the same queries go through a naive `icontains` search over the
first SEARCH_BENCH_NAIVE_N articles (10,000), which is what a site without an index does
(every fifth query of the mix, SEARCH_BENCH_NAIVE_EVERY, to keep the run to minutes).
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import databases, percentile, run_child, table  # noqa: E402

# 50,000 by default: generating and indexing 200,000 takes over ten minutes per database on
# a two-core machine; SEARCH_BENCH_N=200000 (or 1000000) for the sizes.
ARTICLES = int(os.environ.get("SEARCH_BENCH_N", "50000"))
NAIVE_ARTICLES = int(os.environ.get("SEARCH_BENCH_NAIVE_N", "10000"))
QUERIES = int(os.environ.get("SEARCH_BENCH_QUERIES", "1000"))
# The naive search takes the same mix, every fifth query: at half a second a query on
# PostgreSQL, all 1,000 would take most of the run.
NAIVE_EVERY = int(os.environ.get("SEARCH_BENCH_NAIVE_EVERY", "5"))
KINDS = ("one word", "two words", "phrase", "filtered", "rare word", "common word")
SECTIONS = ["World", "Business", "Sport", "Science", "Culture", "Politics", "Health", "Tech"]
SOURCES = ["Meridian Press", "Harbour Post", "Northwire", "Desk"]
PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Lagos", "Perth", "Bergen", "Cusco"]
SYLLABLES = ["ka", "lo", "mi", "ra", "ten", "sol", "vi", "dar", "nu", "pel", "gor", "shi",
             "ban", "tu", "mer", "ol", "zen", "fa", "quo", "ri", "vel", "dun", "ax", "por",
             "lin", "se", "ham", "ek", "tor", "wa"]  # fmt: skip
VOCABULARY_SIZE = 20_000
TOPICS = 400


def vocabulary() -> tuple[list[str], list[float]]:
    """Made-up words with Zipf frequencies: a few in nearly every article, most rare."""
    rng = random.Random(7)
    words = sorted({a + b for a in SYLLABLES for b in SYLLABLES})
    words += sorted({a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES})
    rng.shuffle(words)
    words = words[:VOCABULARY_SIZE]
    cumulative = list(accumulate(1.0 / rank for rank in range(1, len(words) + 1)))
    return words, cumulative


def child_generate_and_measure(total: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from django.db.models import Q

    from dateline.newsroom.models import Article, Section
    from dateline.newsroom.selectors import visible_articles
    from dateline.search.backends import get_backend
    from dateline.search.selectors import search_articles
    from dateline.search.services import rebuild_index
    from dateline.topics.models import ArticleTopic, Topic
    from dateline.wires.models import Source

    words, cumulative = vocabulary()
    rng = random.Random(42)

    def text(count: int) -> list[str]:
        return rng.choices(words, cum_weights=cumulative, k=count)

    # The archive: bulk inserts, no services (the index is built afterwards, timed).
    started = time.perf_counter()
    sections = [
        Section.objects.create(name=name, slug=name.lower(), position=n)
        for n, name in enumerate(SECTIONS)
    ]
    sources = [
        Source.objects.create(name=name, slug=name.lower().replace(" ", "-"), credit=name)
        for name in SOURCES
    ]
    topics = Topic.objects.bulk_create(
        Topic(name=f"{w1.title()} {w2.title()}", slug=f"{w1}-{w2}-{n}", kind="subject")
        for n, (w1, w2) in enumerate(zip(words[200:600:2], words[201:601:2], strict=True))
    )[:TOPICS]
    newest = datetime.now(UTC) - timedelta(hours=1)
    # Three years of copy, oldest first, as an archive fills.
    step = timedelta(days=3 * 365) / max(total, 1)
    phrases: list[str] = []
    batch = 5_000
    for first in range(0, total, batch):
        articles = []
        for n in range(first, min(first + batch, total)):
            headline = text(8)
            body_words = text(140)
            if n % 97 == 0:
                phrases.append(" ".join(body_words[40:42]))
            paragraphs = "".join(
                "<p>" + " ".join(body_words[i : i + 35]).capitalize() + ".</p>"
                for i in range(0, 140, 35)
            )
            articles.append(
                Article(
                    headline=" ".join(headline).capitalize(),
                    slug=f"article-{n}",
                    standfirst=" ".join(text(20)).capitalize() + ".",
                    body=paragraphs,
                    byline=f"By {rng.choice(words).title()} {rng.choice(words).title()}",
                    dateline_place=rng.choice(PLACES),
                    section=sections[n % len(sections)],
                    source=sources[n % len(sources)],
                    language="fr" if n % 20 == 0 else "en",
                    status=Article.Status.PUBLISHED,
                    published_at=newest - step * (total - n),
                )
            )
        created = Article.objects.bulk_create(articles, batch_size=1_000)
        ArticleTopic.objects.bulk_create(
            (
                ArticleTopic(article_id=article.pk, topic=topic, position=position)
                for article in created
                for position, topic in enumerate(rng.sample(topics, 2))
            ),
            batch_size=2_000,
        )
    with connection.cursor() as cursor:
        # Planner statistics, as a live database has from autovacuum or `PRAGMA optimize`.
        cursor.execute("ANALYZE")
    generate_seconds = time.perf_counter() - started

    database_size = _database_size(connection)
    report = rebuild_index(batch_size=2_000)
    index_bytes = report.size_bytes
    if index_bytes < 0:
        index_bytes = _database_size(connection) - database_size

    # A fixed mix of queries: words from the same vocabulary, by frequency band.
    qrng = random.Random(2026)
    mid = words[300:3_000]
    rare = words[12_000:VOCABULARY_SIZE]
    mix: list[tuple[str, str, dict]] = []
    for n in range(QUERIES):
        kind = KINDS[n % len(KINDS)]
        if kind == "one word":
            mix.append((kind, qrng.choice(mid), {}))
        elif kind == "two words":
            mix.append((kind, f"{qrng.choice(mid)} {qrng.choice(mid)}", {}))
        elif kind == "phrase":
            mix.append((kind, f'"{qrng.choice(phrases)}"', {}))
        elif kind == "filtered":
            mix.append((kind, qrng.choice(mid), {"section": qrng.choice(sections).slug}))
        elif kind == "rare word":
            mix.append((kind, qrng.choice(rare), {}))
        else:
            mix.append((kind, qrng.choice(words[:20]), {}))

    for _, query, filters in mix[:30]:  # warm caches and connections, as a running site is
        search_articles(query=query, **filters)
    timings: dict[str, list[float]] = {kind: [] for kind in KINDS}
    found = 0
    for kind, query, filters in mix:
        started = time.perf_counter()
        results = search_articles(query=query, **filters)
        timings[kind].append(time.perf_counter() - started)
        found += bool(results.total)

    # The naive search: every word somewhere in headline, standfirst or body.
    subset_last_id = max(
        Article.objects.order_by("pk").values_list("pk", flat=True)[:NAIVE_ARTICLES]
    )
    naive: list[float] = []
    for _, query, filters in mix[::NAIVE_EVERY]:
        condition = Q()
        terms = [query.strip('"')] if query.startswith('"') else query.split()
        for term in terms:
            condition &= (
                Q(headline__icontains=term)
                | Q(standfirst__icontains=term)
                | Q(body__icontains=term)
            )
        started = time.perf_counter()
        queryset = visible_articles().filter(pk__lte=subset_last_id).filter(condition)
        if filters:
            queryset = queryset.filter(section__slug=filters["section"])
        list(queryset.order_by("-published_at", "-id")[:20])
        queryset.count()
        naive.append(time.perf_counter() - started)

    everything = [value for values in timings.values() for value in values]
    return {
        "articles": total,
        "generate_seconds": generate_seconds,
        "build_seconds": report.seconds,
        "index_bytes": index_bytes,
        "engine": get_backend().vendor,
        "found_share": found / len(mix),
        "p50": percentile(everything, 0.5),
        "p95": percentile(everything, 0.95),
        "kinds": {
            kind: {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}
            for kind, values in timings.items()
        },
        "naive_articles": min(total, NAIVE_ARTICLES),
        "naive_p50": percentile(naive, 0.5),
        "naive_p95": percentile(naive, 0.95),
    }


def _database_size(connection) -> int:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            cursor.execute("PRAGMA page_count")
            pages = cursor.fetchone()[0]
            cursor.execute("PRAGMA page_size")
            return pages * cursor.fetchone()[0]
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def main() -> None:
    if "--child" in sys.argv:
        print(json.dumps(child_generate_and_measure(ARTICLES)))
        return
    print(
        f"Search: {ARTICLES:,} synthetic articles, {QUERIES:,} queries "
        f"({', '.join(KINDS)}); naive icontains over the first {NAIVE_ARTICLES:,}",
        flush=True,
    )
    script = str(Path(__file__).resolve())
    results = []
    for label, url in databases("search"):
        started = time.perf_counter()
        result = run_child(script, url)
        print(f"  {label}: done in {time.perf_counter() - started:.0f} s", flush=True)
        results.append((label, result))

    goals = {"SQLite": "< 100 ms at 1M", "PostgreSQL": "< 50 ms at 1M"}
    rows = [["database", "articles", "generate", "index build", "index size", "search p50",
             "search p95", "goal p95", "naive p50", "naive p95", "naive/search p95"]]  # fmt: skip
    for label, r in results:
        rows.append([
            label,
            f"{r['articles']:,}",
            f"{r['generate_seconds']:.0f} s",
            f"{r['build_seconds']:.0f} s",
            f"{r['index_bytes'] / 1_048_576:,.0f} MB",
            ms(r["p50"]),
            ms(r["p95"]),
            goals.get(label, ""),
            ms(r["naive_p50"]) + f" ({r['naive_articles']:,})",
            ms(r["naive_p95"]),
            f"{r['naive_p95'] / r['p95']:.1f}x",
        ])  # fmt: skip
    print(table(rows))
    print()
    kind_rows = [["database", *[f"{kind} p50/p95" for kind in KINDS]]]
    for label, r in results:
        kind_rows.append(
            [label, *[f"{ms(r['kinds'][k]['p50'])} / {ms(r['kinds'][k]['p95'])}" for k in KINDS]]
        )
    print(table(kind_rows))
    print()
    print("Search runs over the whole archive; the naive search over its first "
          f"{NAIVE_ARTICLES:,} articles only (more would take minutes), so the ratio understates "
          "the gain.")  # fmt: skip


if __name__ == "__main__":
    main()
