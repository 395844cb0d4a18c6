"""Search latency over a synthetic archive, beside a naive `icontains` search.

`python bench/bench_search.py` generates an archive of synthetic articles (SEARCH_BENCH_N,
200,000 by default; 1,000,000 is the issue's full size) into a fresh SQLite and PostgreSQL
database (COPY / executemany, ids chosen up front), builds the search index with the same
code as `dateline reindex` (timed, and its size measured), then runs a fixed mix of 1,000
queries through `search_articles` (what the search page and the API call) and reports
p50/p95 per kind and overall. In the same run the same queries go through a naive
`icontains` search over the first SEARCH_BENCH_NAIVE_N articles (10,000), which is what a
site without an index does (every fifth query of the mix, SEARCH_BENCH_NAIVE_EVERY, to keep
the run to minutes).

SEARCH_BENCH_DATABASES=postgresql (or sqlite) runs on one database only.
SEARCH_BENCH_REUSE=1 keeps the archive (PostgreSQL database `dateline_bench_search_<N>`,
SQLite file in the temporary folder) and measures it again on the next run instead of
building it anew; pending migrations are applied to it first. The build figures printed
are then those of the run that built it.
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    POSTGRES_URL,
    fresh_postgres,
    percentile,
    postgres_available,
    run_child,
    table,
)

ARTICLES = int(os.environ.get("SEARCH_BENCH_N", "200000"))
DATABASES = os.environ.get("SEARCH_BENCH_DATABASES", "sqlite,postgresql")
REUSE = os.environ.get("SEARCH_BENCH_REUSE", "") not in ("", "0")
NAIVE_ARTICLES = int(os.environ.get("SEARCH_BENCH_NAIVE_N", "10000"))
QUERIES = int(os.environ.get("SEARCH_BENCH_QUERIES", "1000"))
# The naive search takes the same mix, every fifth query: it reads every article for each
# query, and the whole mix would take most of the run.
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


def generate_archive(total: int) -> tuple[list, list[str]]:
    """Write `total` synthetic published articles with two topics each, oldest first.

    Rows go in by COPY on PostgreSQL and by executemany in one transaction on SQLite, with
    ids we choose: the ORM's bulk_create prepares every field of every row in Python, far
    slower at this size. No services run: the index is built afterwards, timed, by `rebuild_index`.
    Returns the sections and the phrases (two body words of every 97th article) the query
    mix draws on.
    """
    from django.core.management.color import no_style
    from django.db import connection, transaction

    from dateline.newsroom.models import Article, Section
    from dateline.topics.models import ArticleTopic, Topic
    from dateline.wires.models import Source

    words, cumulative = vocabulary()
    rng = random.Random(42)

    def text(count: int) -> list[str]:
        return rng.choices(words, cum_weights=cumulative, k=count)

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
    topic_ids = [topic.pk for topic in topics]

    # Every column of a published article; the loop below replaces the ones that vary.
    template = Article(section=sections[0], status=Article.Status.PUBLISHED)
    fields = Article._meta.concrete_fields
    columns = [field.column for field in fields]
    defaults = [
        field.get_db_prep_save(field.pre_save(template, True), connection) for field in fields
    ]
    varying = ("id", "headline", "slug", "standfirst", "body", "byline", "dateline_place",
               "section_id", "source_id", "language", "published_at", "created_at")  # fmt: skip
    slots = [columns.index(column) for column in varying]
    link_columns = ["id", "article_id", "topic_id", "score", "position"]
    adapt = connection.ops.adapt_datetimefield_value if connection.vendor == "sqlite" else None

    newest = datetime.now(UTC) - timedelta(hours=1)
    # Three years of copy, oldest first, as an archive fills.
    step = timedelta(days=3 * 365) / max(total, 1)
    phrases: list[str] = []
    batch = 10_000
    link_id = 0
    for first in range(0, total, batch):
        rows, links = [], []
        for n in range(first, min(first + batch, total)):
            headline = text(8)
            body_words = text(140)
            if n % 97 == 0:
                phrases.append(" ".join(body_words[40:42]))
            paragraphs = "".join(
                "<p>" + " ".join(body_words[i : i + 35]).capitalize() + ".</p>"
                for i in range(0, 140, 35)
            )
            published_at = newest - step * (total - n)
            if adapt:
                published_at = adapt(published_at)
            row = list(defaults)
            values = (
                n + 1,
                " ".join(headline).capitalize(),
                f"article-{n}",
                " ".join(text(20)).capitalize() + ".",
                paragraphs,
                f"By {rng.choice(words).title()} {rng.choice(words).title()}",
                rng.choice(PLACES),
                sections[n % len(sections)].pk,
                sources[n % len(sources)].pk,
                "fr" if n % 20 == 0 else "en",
                published_at,
                published_at,
            )
            for slot, value in zip(slots, values, strict=True):
                row[slot] = value
            rows.append(row)
            for position, topic_id in enumerate(rng.sample(topic_ids, 2)):
                link_id += 1
                links.append((link_id, n + 1, topic_id, 1.0, position))
        with transaction.atomic():
            _bulk_insert(connection, Article._meta.db_table, columns, rows)
            _bulk_insert(connection, ArticleTopic._meta.db_table, link_columns, links)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Article, ArticleTopic]):
            cursor.execute(sql)
        # Planner statistics, as a live database has from autovacuum or `PRAGMA optimize`.
        cursor.execute("ANALYZE")
    return sections, phrases


def _bulk_insert(connection, table: str, columns: list[str], rows: list) -> None:
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        connection.ensure_connection()
        with (
            connection.connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({placeholders})", rows)


def query_mix(sections: list, phrases: list[str]) -> list[tuple[str, str, dict]]:
    """A fixed mix of queries: words from the same vocabulary, by frequency band."""
    words, _ = vocabulary()
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
    return mix


BUILD_TABLE = "bench_search_build"


def _stored_build(connection, total: int) -> dict | None:
    """What an earlier run built in this database (SEARCH_BENCH_REUSE), if it finished."""
    with connection.cursor() as cursor:
        if BUILD_TABLE not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT info FROM {BUILD_TABLE}")
        row = cursor.fetchone()
    info = json.loads(row[0]) if row else None
    return info if info and info.get("articles") == total else None


def _store_build(connection, info: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {BUILD_TABLE} (info text)")
        cursor.execute(f"DELETE FROM {BUILD_TABLE}")
        cursor.execute(f"INSERT INTO {BUILD_TABLE} (info) VALUES (%s)", [json.dumps(info)])


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

    build = _stored_build(connection, total)
    if build:
        sections = list(Section.objects.order_by("position"))
        phrases = build["phrases"]
        build["reused"] = True
    else:
        started = time.perf_counter()
        sections, phrases = generate_archive(total)
        generate_seconds = time.perf_counter() - started
        database_size = _database_size(connection)
        report = rebuild_index(batch_size=2_000)
        index_bytes = report.size_bytes
        if index_bytes < 0:
            index_bytes = _database_size(connection) - database_size
        build = {
            "articles": total,
            "generate_seconds": generate_seconds,
            "build_seconds": report.seconds,
            "index_bytes": index_bytes,
            "phrases": phrases,
        }
        _store_build(connection, build)
        build["reused"] = False

    if connection.vendor == "postgresql":
        # A live site's autovacuum has long since analyzed the archive and marked its pages
        # all-visible (which index-only scans need); a server run without it, as CI's is,
        # would otherwise be measured on tables it has never looked at.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) newsroom_article, topics_articletopic")
    mix = query_mix(sections, phrases)
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
        "generate_seconds": build["generate_seconds"],
        "build_seconds": build["build_seconds"],
        "index_bytes": build["index_bytes"],
        "reused": build["reused"],
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


def bench_databases() -> list[tuple[str, str]]:
    """(label, DATABASE_URL) for the databases asked for; kept ones with SEARCH_BENCH_REUSE."""
    wanted = {name.strip().lower() for name in DATABASES.split(",")}
    result = []
    if "sqlite" in wanted:
        if REUSE:
            folder = Path(tempfile.gettempdir()) / "dateline-search-bench"
            folder.mkdir(exist_ok=True)
        else:
            folder = Path(tempfile.mkdtemp(prefix="dateline-search-"))
        result.append(("SQLite", f"sqlite:///{folder}/bench-{ARTICLES}.sqlite3"))
    if "postgresql" in wanted:
        if not postgres_available():
            print("  (PostgreSQL not reachable: SQLite only)")
        else:
            name = f"dateline_bench_search_{ARTICLES}"
            result.append(
                ("PostgreSQL", POSTGRES_URL + name if REUSE and _postgres_exists(name)
                 else fresh_postgres(name))
            )  # fmt: skip
    return result


def _postgres_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(POSTGRES_URL + "postgres", autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return found is not None


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
    for label, url in bench_databases():
        started = time.perf_counter()
        result = run_child(script, url)
        reused = " (archive and index kept from an earlier run)" if result["reused"] else ""
        print(f"  {label}: done in {time.perf_counter() - started:.0f} s{reused}", flush=True)
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
