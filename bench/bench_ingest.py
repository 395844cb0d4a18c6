"""End-to-end ingest speed beside feedparser's raw parse, and wire-to-web latency.

`python bench/bench_ingest.py` (or `make bench`) generates a set of synthetic RSS feeds
(10,000 items by default, INGEST_BENCH_N changes it; briefs, standard stories and long
ones mixed, about 340 words an item; INGEST_BENCH_BRIEFS=1 makes them all briefs of about
110 words), times feedparser alone on them, then ingests them (parse, sanitize, store, tag
with the alias index, publish) into a fresh SQLite and PostgreSQL database, and prints
items/s with the ratio to the raw parse timed in the same process just before and after.
The raw parse is feedparser's default (its own sanitizer and link resolver on); ingest runs
feedparser with both off and sanitizes with nh3 and resolves links itself, once.
A second run (INGEST_BENCH_TAGGED_N items) then drains the worker's queues stage by stage,
in one process as one worker would: the search index, story grouping, and the name
recogniser's pass for the desk; each row is the cumulative rate up to that stage. Then it
times wire-to-web: from the fetch that sees a new item to its article answering 200 and
showing in Recent Stories.
"""

from __future__ import annotations

import json
import os
import random
import sys
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import (  # noqa: E402
    databases,
    fresh_postgres,
    percentile,
    run_child,
    table,
)

ITEMS = int(os.environ.get("INGEST_BENCH_N", "10000"))
# Tagging and story grouping run at tens of items a second: a smaller set says the rate.
TAGGED_ITEMS = int(os.environ.get("INGEST_BENCH_TAGGED_N", str(min(ITEMS, 2000))))
PER_FEED = 100
LATENCY_TRIALS = int(os.environ.get("INGEST_BENCH_LATENCY_TRIALS", "40"))

PLACES = ["Lisbon", "Nairobi", "Osaka", "Quito", "Tallinn", "Lagos", "Perth", "Bergen", "Cusco"]
SUBJECTS = [
    "port workers",
    "city council",
    "rail operator",
    "water utility",
    "school board",
    "farmers' union",
    "energy regulator",
    "museum trustees",
    "hospital trust",
]
ACTIONS = [
    "approved a new budget",
    "announced a strike ballot",
    "opened an inquiry",
    "delayed a decision",
    "signed a five-year contract",
    "reported record demand",
]
# Details that make each item its own story: without them, items of the same place, body
# and action would be near-duplicates of each other, and ingest would rightly hold them.
WHO = [
    "a spokeswoman",
    "the chair",
    "a union delegate",
    "two councillors",
    "the treasurer",
    "residents",
    "a local engineer",
    "the mayor's office",
    "shop owners",
    "a lawyer",
]
WHAT = [
    "the plan",
    "the vote",
    "the timetable",
    "the costs",
    "the audit",
    "the tender",
    "the road works",
    "the ferry link",
    "the night buses",
    "the new depot",
]
HOW = [
    "would be reviewed",
    "was postponed",
    "had been agreed",
    "faced objections",
    "needed more money",
    "was ahead of schedule",
    "drew a large crowd",
    "was unclear",
]


# How long wire copy runs, in paragraphs of detail: agencies send briefs and updates of a
# few lines as well as full stories of 300-700 words; INGEST_BENCH_BRIEFS=1 makes every item
# a brief (about 110 words), where the fixed cost per item weighs most.
BRIEFS_ONLY = os.environ.get("INGEST_BENCH_BRIEFS", "") not in ("", "0")
LENGTHS = [(3, 0.3), (12, 0.45), (24, 0.25)]  # (detail paragraphs, share of items)


def _detail_paragraphs(rng: random.Random) -> int:
    if BRIEFS_ONLY:
        return 3
    (paragraphs,) = rng.choices([p for p, _ in LENGTHS], weights=[w for _, w in LENGTHS])
    return paragraphs + rng.randint(-2, 2) if paragraphs > 3 else paragraphs


SYLLABLES = [
    "ka", "lo", "mi", "ra", "ten", "sol", "vi", "dar", "nu", "pel", "gor",
    "shi", "ban", "tu", "mer", "ol", "zen", "fa", "quo", "ri", "vel", "dun",
]  # fmt: skip
ITEMS_PER_EVENT = 2


def _made_up_name(rng: random.Random) -> str:
    first = "".join(rng.choice(SYLLABLES) for _ in range(2)).capitalize()
    last = "".join(rng.choice(SYLLABLES) for _ in range(3)).capitalize()
    return f"{first} {last}"


def synthetic_feed(feed_number: int, count: int, start: datetime) -> bytes:
    """An RSS 2.0 feed of our own made-up local news: events of two items each (the first
    report and a follow-up), each event with its own spokesperson, as a wire files them."""
    rng = random.Random(feed_number)
    items = []
    for n in range(count):
        event = random.Random((feed_number * PER_FEED + n) // ITEMS_PER_EVENT)
        place, subject, action = event.choice(PLACES), event.choice(SUBJECTS), event.choice(ACTIONS)
        spokesperson = _made_up_name(event)
        paragraphs = "".join(
            f"<p>The {subject} in {place} {action} on {d}, {spokesperson} said in a statement.</p>"
            for d in ("Monday", "Tuesday", "Wednesday", "Thursday")[: 2 + n % 3]
        ) + "".join(
            f"<p>{rng.choice(WHO).capitalize()} said {rng.choice(WHAT)} {rng.choice(HOW)} "
            f"after {rng.randint(2, 900)} people wrote in by {rng.choice(WHAT)[4:]} "
            f"number {rng.randint(10, 9999)}. {rng.choice(WHO).capitalize()} added that "
            f"{rng.choice(WHAT)} {rng.choice(HOW)}.</p>"
            if detail >= 3
            else f"<p>{rng.choice(WHO).capitalize()} said {rng.choice(WHAT)} {rng.choice(HOW)} "
            f"after {rng.randint(2, 900)} people wrote in by {rng.choice(WHAT)[4:]} "
            f"number {rng.randint(10, 9999)}.</p>"
            for detail in range(_detail_paragraphs(rng))
        )
        published = format_datetime(start + timedelta(seconds=feed_number * PER_FEED + n))
        items.append(
            f'<item><guid isPermaLink="false">bench:{feed_number}:{n}</guid>'
            f"<title>{escape(f'{place} {subject} {action} ({feed_number}-{n})')}</title>"
            f"<description>{escape(paragraphs)}</description>"
            f"<pubDate>{published}</pubDate><category>Local</category></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        "<title>Bench wire</title><link>https://bench.example/</link><description>b</description>"
        + "".join(items)
        + "</channel></rss>"
    ).encode()


def feeds(total: int) -> list[bytes]:
    start = datetime(2026, 11, 29, tzinfo=UTC)
    return [
        synthetic_feed(f, min(PER_FEED, total - f * PER_FEED), start)
        for f in range((total + PER_FEED - 1) // PER_FEED)
    ]


def raw_parse_rate(all_feeds: list[bytes]) -> float:
    import feedparser

    started = time.perf_counter()
    count = sum(len(feedparser.parse(feed).entries) for feed in all_feeds)
    return count / (time.perf_counter() - started)


# The worker's queues in the order the stages are timed (ingest itself tags the copy with
# the alias index): the search index, then the stories, then the recogniser's names for
# the desk (the lowest priority in production too). Each stage drains its queues.
STAGES = [
    ("indexed", ["tagging", "search"]),
    ("stories", ["stories", "search"]),
    ("names", ["*"]),
]


def drain_task_queue(queue_names: list[str]) -> None:
    """Run the worker's queued tasks on these queues until none is left."""
    from dateline.ingest.worker import task_worker

    task_worker(interval=0, batch=True, queue_names=queue_names).run()


def child_ingest(total: int, *, with_tasks: bool = False) -> dict:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from dateline.ingest.services import ingest_bytes
    from dateline.newsroom.models import Article, Section
    from dateline.stories.engine import rebuild_story_engine
    from dateline.topics.tagging import current_tagger
    from dateline.wires.models import Source

    Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    source = Source.objects.create(name="Bench Wire", slug="bench-wire", format="rss")
    all_feeds = feeds(total)
    # A running worker has its tagger and story window loaded already (building the tagger
    # takes a few seconds, once per process).
    current_tagger()
    rebuild_story_engine()
    # The baseline is timed in this process just before and after, on the same feeds: the
    # machine is shared and its load drifts over a run.
    raw_before = raw_parse_rate(all_feeds)
    started = time.perf_counter()
    ingested = 0
    for number, feed in enumerate(all_feeds):
        report = ingest_bytes(source=source, content=feed, origin=f"bench-{number}.xml")
        ingested += report.ingested
    stages = {"published": time.perf_counter() - started}
    if with_tasks:
        for stage, queues in STAGES:
            drain_task_queue(queues)
            stages[stage] = time.perf_counter() - started
        from dateline.newsroom.selectors import visible_articles
        from dateline.search.models import SearchDocument
        from dateline.stories.models import StoryMember
        from dateline.topics.models import ArticleTopic

        tagged = ArticleTopic.objects.values("article").distinct().count()
        assert tagged > total * 0.9, f"only {tagged} of {total} articles were tagged"
        placed = StoryMember.objects.count()
        assert placed > total * 0.9, f"only {placed} of {total} articles are in stories"
        visible = visible_articles().count()
        indexed = SearchDocument.objects.count()
        assert indexed == visible, f"{indexed} of {visible} visible articles are indexed"
    raw_after = raw_parse_rate(all_feeds)
    assert Article.objects.count() == ingested == total, (ingested, total)
    return {
        "items": ingested,
        "words": sum(len(a.body.split()) for a in Article.objects.only("body")) / total,
        "rates": {stage: ingested / seconds for stage, seconds in stages.items()},
        "raw": (raw_before + raw_after) / 2,
    }


class OneItemFeed(BaseHTTPRequestHandler):
    body = b""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def child_latency(trials: int) -> dict:
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils.html import escape as html_escape

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from dateline.ingest.services import poll_source
    from dateline.newsroom.models import Article, Section
    from dateline.wires.models import Source

    Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), OneItemFeed)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    source = Source.objects.create(
        name="Latency Wire",
        slug="latency-wire",
        format="rss",
        location=f"http://127.0.0.1:{httpd.server_address[1]}/feed",
        allow_private_network=True,
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.get("/")  # warm the menu and templates, as a running site would be
    latencies = []
    for trial in range(trials):
        OneItemFeed.body = synthetic_feed(10_000 + trial, 1, datetime.now(UTC))
        started = time.perf_counter()
        poll_source(source=source)
        article = Article.objects.order_by("-id").only("id", "slug", "headline").first()
        while True:
            page = client.get(article.get_absolute_url())
            home = client.get("/")
            recent = home.content.decode().split('id="recent-stories-title"', 1)[1]
            if page.status_code == 200 and html_escape(article.headline) in recent:
                break
            if time.perf_counter() - started > 10:
                raise SystemExit("article never showed")
        latencies.append(time.perf_counter() - started)
    httpd.shutdown()
    return {"p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95)}


def main() -> None:
    if "--child" in sys.argv:
        what = sys.argv[sys.argv.index("--child") + 1]
        if what == "latency":
            result = child_latency(LATENCY_TRIALS)
        else:
            tagged = what == "ingest-tagged"
            result = child_ingest(TAGGED_ITEMS if tagged else ITEMS, with_tasks=tagged)
        print(json.dumps(result))
        return
    print(f"Ingest: {ITEMS} synthetic RSS items in {len(feeds(ITEMS))} feeds", flush=True)
    rows = [["database", "stage (cumulative)", "end-to-end items/s", "feedparser raw items/s",
             "ratio", "goal"]]  # fmt: skip
    latency_rows = [["database", "wire-to-web p50", "p95", "goal p95"]]
    script = str(Path(__file__).resolve())
    words = None
    for label, url in databases("ingest"):
        result = run_child(script, url, "ingest")
        words = result["words"]
        rows.append(
            [
                label,
                f"on the site: parse, sanitize, store, tag, publish, purge pages ({ITEMS} items)",
                f"{result['rates']['published']:.0f}",
                f"{result['raw']:.0f}",
                f"{result['rates']['published'] / result['raw']:.2f}x",
                ">= 0.25x",
            ]
        )
        tagged_url = (
            fresh_postgres("dateline_bench_ingest_tagged")
            if label == "PostgreSQL"
            else url.replace("bench.sqlite3", "tagged.sqlite3")
        )
        tagged = run_child(script, tagged_url, "ingest-tagged")
        for stage, what, goal in (
            ("published", f"on the site, as above ({TAGGED_ITEMS} items)", ">= 0.25x"),
            ("indexed", "+ search index (the worker's queue drained)", ""),
            ("stories", "+ story grouping", ""),
            ("names", "+ names recognised for the desk (lowest priority)", ""),
        ):
            rows.append(
                [
                    label,
                    what,
                    f"{tagged['rates'][stage]:.0f}",
                    f"{tagged['raw']:.0f}",
                    f"{tagged['rates'][stage] / tagged['raw']:.2f}x",
                    goal,
                ]
            )
        # A fresh database for the latency part, so that it starts as a new site would.
        if label == "PostgreSQL":
            latency_url = fresh_postgres("dateline_bench_latency")
        else:
            latency_url = url.replace("bench.sqlite3", "latency.sqlite3")
        latency = run_child(script, latency_url, "latency")
        latency_rows.append(
            [
                label,
                f"{latency['p50'] * 1000:.0f} ms",
                f"{latency['p95'] * 1000:.0f} ms",
                "< 1000 ms",
            ]
        )
    print(f"{words:.0f} words per item on average")
    print(
        "feedparser raw: feedparser.parse with its defaults; ingest's parse turns its "
        "sanitizer off and sanitizes with nh3 instead"
    )
    print(table(rows))
    print()
    print(f"Wire-to-web latency over {LATENCY_TRIALS} new items (fetch to 200 + Recent Stories)")
    print(table(latency_rows))


if __name__ == "__main__":
    main()
