"""The chaos soak (`make soak`): the pipeline under load and kill -9, then every input counted.

For SOAK_SECONDS (600 by default) on the stack DATABASE_URL and REDIS_URL name (a fresh
SQLite file when DATABASE_URL is unset):

- the demo wire delivers at a high rate: Meridian Press files into a drop folder and
  Continental's RSS feed and Lakeside's linked pages over HTTP, all polled by the workers;
  Northwind's files go into a folder that two `dateline ingest` processes read over and
  over at the same time (the worker leaves that source alone);
- SOAK_WORKERS workers (2) and gunicorn with SOAK_WEB web processes (2) run;
- readers load the site (wrk when installed, else a pool of Python readers) and count 5xx;
- an editor logs in to the desk and saves an article every second over HTTP;
- at random moments a worker or an ingest is killed with kill -9 (and started again).

Then it stops the chaos, drains the queue and accounts for every story the wire sent:
an article (published, held or killed as sent), a duplicate, or quarantined with a code;
any other is lost. Every live article must be tagged, in a story and indexed, its page
must show its current copy (and the home page the newest), and no task left waiting,
running or failed (a stale page counts as stuck). The last line is the summary.
"""

from __future__ import annotations

import http.cookiejar
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECONDS = float(os.environ.get("SOAK_SECONDS", "600"))
WORKERS = int(os.environ.get("SOAK_WORKERS", "2"))
WEB = int(os.environ.get("SOAK_WEB", "2"))
TICK = float(os.environ.get("SOAK_TICK", "0.5"))  # seconds between wire deliveries
LEASE = "10"  # a killed worker's task comes back sooner than the default

VAR = Path(tempfile.mkdtemp(prefix="dateline-soak-"))
if not os.environ.get("DATABASE_URL"):
    os.environ["DATABASE_URL"] = f"sqlite:///{VAR}/soak.sqlite3"
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATELINE_VAR_DIR": str(VAR),
        "DATELINE_RECOGNISER": os.environ.get("DATELINE_RECOGNISER", "none"),
        "DATELINE_WORKER_LEASE": LEASE,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
)
sys.path.insert(0, str(ROOT))
DATELINE = [sys.executable, "-m", "dateline"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Counts:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.counter: Counter[str] = Counter()

    def add(self, name: str, n: int = 1) -> None:
        with self.lock:
            self.counter[name] += n


COUNTS = Counts()
STOP = threading.Event()
LOGS = VAR / "logs"


def start(name: str, *args: str) -> subprocess.Popen:
    LOGS.mkdir(exist_ok=True)
    with (LOGS / f"{name}.log").open("ab") as log:
        return subprocess.Popen([*DATELINE, *args], cwd=ROOT, stdout=log, stderr=log)


def reset_database() -> None:
    url = os.environ["DATABASE_URL"]
    if url.startswith("postgres"):
        import psycopg

        base, name = url.rsplit("/", 1)
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    if os.environ.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    subprocess.run([*DATELINE, "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True)
    subprocess.run([*DATELINE, "collectstatic", "--noinput", "-v", "0"], cwd=ROOT, check=True)


# The load


class Workers:
    """The workers, started again when killed; each restart counted."""

    def __init__(self, count: int) -> None:
        self.processes = [start(f"worker{n}", "worker") for n in range(count)]
        self.lock = threading.Lock()

    def kill_one(self, rng: random.Random) -> None:
        with self.lock:
            n = rng.randrange(len(self.processes))
            self.processes[n].kill()
            self.processes[n].wait()
            COUNTS.add("worker_restarts")
            self.processes[n] = start(f"worker{n}", "worker")

    def watch(self) -> None:
        while not STOP.wait(1):
            with self.lock:
                for n, process in enumerate(self.processes):
                    if process.poll() is not None:  # died of itself: counted apart
                        COUNTS.add("worker_exits")
                        self.processes[n] = start(f"worker{n}", "worker")

    def stop(self) -> list[int]:
        codes = []
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                codes.append(process.wait(timeout=60))
            except subprocess.TimeoutExpired:
                process.kill()
                codes.append(process.wait())
        return codes


class Ingests:
    """Two `dateline ingest` processes reading one folder over and over, at once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.current: dict[int, subprocess.Popen] = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.loop, args=(n,)) for n in range(2)]
        for thread in self.threads:
            thread.start()

    def loop(self, n: int) -> None:
        while not STOP.is_set():
            self.once(n)
            STOP.wait(3)

    def once(self, n: int) -> int:
        process = start(f"ingest{n}", "ingest", "--source", "northwind-wire", str(self.folder))
        with self.lock:
            self.current[n] = process
        code = process.wait()
        if code not in (0, -signal.SIGKILL):
            COUNTS.add("ingest_failures")
        return code

    def kill_one(self, rng: random.Random) -> None:
        with self.lock:
            running = [p for p in self.current.values() if p.poll() is None]
        if running:
            rng.choice(running).kill()
            COUNTS.add("ingest_kills")


def wire_loop(wire, folder_for_ingests: Path) -> None:
    while not STOP.is_set():
        wire.tick()
        COUNTS.add("deliveries")
        STOP.wait(TICK)


def chaos_loop(workers: Workers, ingests: Ingests) -> None:
    rng = random.Random(19)
    while not STOP.wait(rng.uniform(4, 12)):
        if rng.random() < 0.5:
            workers.kill_one(rng)
        else:
            ingests.kill_one(rng)


def fetch(opener, url: str, data: dict | None = None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with opener.open(url, data=body, timeout=60) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
        COUNTS.add("reader_connection_errors")
        return 0, str(error)


def count_status(status: int) -> None:
    COUNTS.add("requests")
    if status >= 500:
        COUNTS.add("errors_5xx")


def python_readers(base: str, threads: int = 8) -> list[threading.Thread]:
    paths = ["/", "/section/world/", "/search/?q=bridge", "/feeds/latest.xml", "/healthz"]

    def read() -> None:
        opener = urllib.request.build_opener()
        rng = random.Random()
        while not STOP.is_set():
            status, _ = fetch(opener, base + rng.choice(paths))
            if status:
                count_status(status)

    readers = [threading.Thread(target=read) for _ in range(threads)]
    for reader in readers:
        reader.start()
    return readers


def wrk_readers(base: str) -> subprocess.Popen | None:
    wrk = shutil.which("wrk")
    if not wrk:
        return None
    return subprocess.Popen(
        [wrk, "-t1", "-c4", f"-d{int(SECONDS)}s", "-s", str(ROOT / "bench/non2xx.lua"), base],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def editor_loop(base: str, article_id: int, username: str, password: str) -> None:
    """Log in to the desk and save the article's standfirst every second."""
    from dateline.newsroom.models import Article

    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def csrf(page: str) -> str:
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        return found.group(1) if found else ""

    status, page = fetch(opener, f"{base}/desk/login/")
    count_status(status)
    status, page = fetch(
        opener,
        f"{base}/desk/login/?next=/desk/",
        {"csrfmiddlewaretoken": csrf(page), "username": username, "password": password},
    )
    count_status(status)
    n = 0
    url = f"{base}/desk/newsroom/article/{article_id}/change/"
    while not STOP.wait(1):
        n += 1
        status, page = fetch(opener, url)
        count_status(status)
        if status != 200:
            with (LOGS / "editor.log").open("a") as log:
                log.write(f"open {n}: {status}\n{page[:3000]}\n")
            continue
        article = Article.objects.get(pk=article_id)
        data = {
            "csrfmiddlewaretoken": csrf(page),
            "headline": article.headline,
            "standfirst": f"Harbour works go on, save {n}.",
            "body": article.body,
            "byline": article.byline,
            "dateline_place": article.dateline_place,
            "credit": article.credit,
            "section": article.section_id,
            "source": "",
            "language": article.language,
            "image_url": "",
            "image_caption": "",
            "image_credit": "",
            "image_alt": "",
            "opened_version": article.edit_version,
            "corrections-TOTAL_FORMS": "0",
            "corrections-INITIAL_FORMS": "0",
        }
        status, page = fetch(opener, url, data)
        count_status(status)
        saved = status in (200, 302) and "errornote" not in page
        COUNTS.add("editor_saves" if saved else "editor_refused")
        if not saved:
            with (LOGS / "editor.log").open("a") as log:
                log.write(f"save {n}: {status}\n{page[:3000]}\n")


# The accounting


def drain(*, settle: float = 20.0, most: float = 900.0) -> None:
    """Poll every source once more, then wait until no work but polling waits or runs for
    `settle` seconds (several polls of each source)."""
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from dateline.wires.models import Source

    Source.objects.filter(enabled=True).update(next_poll_at=timezone.now())
    deadline = time.monotonic() + most
    quiet_since = None
    while time.monotonic() < deadline:
        busy = (
            DBTaskResult.objects.filter(status__in=["READY", "RUNNING"])
            .exclude(queue_name="ingest")
            .count()
        )
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= settle:
            return
        time.sleep(1)
    print("  drain: gave up waiting for the queue", flush=True)


def account(wire, port: int) -> dict:
    from django_tasks_db.models import DBTaskResult

    from dateline.ingest.repair import articles_needing_work
    from dateline.newsroom.models import Article
    from dateline.wires.models import QuarantinedInput, Source

    sources = {
        "meridian": "meridian-press",
        "northwind": "northwind-wire",
        "continental": "continental-news-service",
        "lakeside": "lakeside-courier",
    }
    by_slug = {s.slug: s for s in Source.objects.filter(slug__in=sources.values())}
    outcomes: Counter[str] = Counter()
    lost: list[str] = []
    for story in wire.all_sent:
        source = by_slug[sources[story.agency]]
        key = story.uri
        if story.agency == "lakeside":
            key = f"http://127.0.0.1:{port}/lakeside/{story.uri.rsplit(':', 1)[-1]}.html"
        articles = list(Article.objects.filter(source=source, agency_id=key))
        if len(articles) > 1:
            outcomes["duplicated"] += 1
        if articles:
            article = articles[0]
            if article.duplicate_of_id:
                outcomes["duplicate"] += 1
            elif story.uri in wire.killed:
                outcomes["killed" if article.status == "killed" else "kill_missed"] += 1
            else:
                outcomes[article.status] += 1
        else:
            lost.append(f"{story.agency} {key}")
    quarantined = Counter(QuarantinedInput.objects.values_list("code", flat=True))
    # A story that is not an article is lost unless an input was quarantined with a code.
    unexplained = max(0, len(lost) - sum(quarantined.values()))
    needing = articles_needing_work()
    # An article no topic matches has no topics after tagging either: it counts as tagged
    # when a tagging task ran over it.
    tagged_by_task: set[int] = set()
    for args_kwargs in DBTaskResult.objects.filter(
        status="SUCCESSFUL",
        task_path__in=[
            "dateline.topics.tasks.tag_articles_task",
            "dateline.topics.tasks.recognise_names_task",
        ],
    ).values_list("args_kwargs", flat=True):
        tagged_by_task.update(args_kwargs["args"][0])
    no_topic = [pk for pk in needing.untagged if pk in tagged_by_task]
    needing.untagged = [pk for pk in needing.untagged if pk not in tagged_by_task]
    tasks = Counter(
        DBTaskResult.objects.exclude(status="SUCCESSFUL").values_list("status", flat=True)
    )
    return {
        "items": len(wire.all_sent),
        "outcomes": dict(outcomes),
        "quarantined": dict(quarantined),
        "lost": unexplained,
        "lost_examples": lost[:5],
        "duplicated": outcomes["duplicated"] + outcomes["kill_missed"],
        "needing_work": {**needing.as_json(), "tagged_without_topics": len(no_topic)},
        "tasks_left": dict(tasks),
        "stuck": needing.queued + sum(tasks.values()),
        "untagged_examples": list(
            Article.objects.filter(pk__in=needing.untagged[:3]).values_list("headline", "body")
        ),
    }


def stale_pages(base: str) -> list[str]:
    """Pages a reader would get that do not show the copy as it now stands: every live
    article's page must carry its current headline, and the home page the newest one."""
    import html

    from dateline.newsroom.selectors import visible_articles

    opener = urllib.request.build_opener()
    stale = []
    live = list(visible_articles().order_by("-published_at", "-id").only("id", "slug", "headline"))
    for article in live:
        status, page = fetch(opener, base + article.get_absolute_url())
        if status != 200 or html.escape(article.headline, quote=False) not in page:
            stale.append(f"{status} {article.get_absolute_url()}")
    if live:
        status, page = fetch(opener, base + "/")
        if status != 200 or live[0].get_absolute_url() not in page:
            stale.append(f"{status} / without {live[0].get_absolute_url()}")
    return stale


def main() -> None:
    print(f"soak: {SECONDS:.0f} s on {os.environ['DATABASE_URL'].split('@')[-1]}", flush=True)
    print(f"  redis: {os.environ.get('REDIS_URL') or 'none'}; logs in {LOGS}", flush=True)
    LOGS.mkdir(exist_ok=True)
    reset_database()
    import django

    django.setup()
    from django.contrib.auth.models import User

    from dateline.demo.wire import DemoWire
    from dateline.newsroom.models import Article, Section
    from dateline.wires.models import Source

    # Drop folders must lie under the drop root (`DATELINE_DROP_ROOT`, `drop/` in the var dir).
    wire = DemoWire(folder=VAR / "drop" / "wire", port=0)
    wire.serve_feed()
    wire.configure_sources()
    # Northwind's folder is read by the two ingest processes, not by the workers.
    Source.objects.filter(slug="northwind-wire").update(location="")
    # Every story sent, and which were killed (the wire forgets old ones; we do not).
    wire.all_sent, wire.killed = [], set()
    deliver, kill = wire._deliver, wire._kill

    def deliver_and_note(story, now, **kwargs):
        if story.version == 1:
            wire.all_sent.append(story)
        deliver(story, now, **kwargs)

    def kill_and_note(story, now):
        wire.killed.add(story.uri)
        return kill(story, now)

    wire._deliver, wire._kill = deliver_and_note, kill_and_note

    section, _ = Section.objects.get_or_create(slug="world", defaults={"name": "World"})
    password = "soak editor password 19"
    User.objects.filter(username="soak-editor").delete()
    User.objects.create_superuser("soak-editor", "editor@example.invalid", password)
    article = Article.objects.create(
        headline="Harbour Works Go On", body="<p>The desk edits this.</p>", section=section
    )

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    web = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(WEB),
            "--threads",
            "4",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        stdout=(LOGS / "web.log").open("ab"),
        stderr=subprocess.STDOUT,
    )
    time.sleep(3)
    workers = Workers(WORKERS)
    ingests = Ingests(wire.folder / "northwind")
    threads = [
        threading.Thread(target=wire_loop, args=(wire, wire.folder / "northwind")),
        threading.Thread(target=chaos_loop, args=(workers, ingests)),
        threading.Thread(target=workers.watch),
        threading.Thread(target=editor_loop, args=(base, article.pk, "soak-editor", password)),
    ]
    wrk = wrk_readers(base)
    if wrk is None:
        threads += python_readers(base)
    for thread in threads:
        if not thread.is_alive():
            thread.start()

    started = time.monotonic()
    while time.monotonic() - started < SECONDS:
        time.sleep(1)
    STOP.set()
    for thread in [*threads, *ingests.threads]:
        thread.join(timeout=120)
    reader = "python readers"
    if wrk is not None:
        output = wrk.communicate(timeout=120)[0]
        statuses = re.findall(r"^status (\d+)", output, re.MULTILINE)
        COUNTS.add("errors_5xx", sum(1 for s in statuses if int(s) >= 500))
        requests = re.search(r"(\d+) requests in", output)
        COUNTS.add("requests", int(requests.group(1)) if requests else 0)
        reader = "wrk -c4"
    # The last deliveries and any kill-interrupted ingest: one clean pass of each.
    ingests.once(0)
    drain()
    result = account(wire, wire.port)
    stale = stale_pages(base)
    result["stuck"] += len(stale)
    codes = workers.stop()
    web.send_signal(signal.SIGTERM)
    web.wait(timeout=60)
    counts = COUNTS.counter
    print(f"  readers: {reader}, {counts['requests']} requests", flush=True)
    print(
        f"  wire deliveries {counts['deliveries']}, new stories {result['items']}; "
        f"outcomes {result['outcomes']}; quarantined {result['quarantined']}",
        flush=True,
    )
    print(
        f"  editor saves {counts['editor_saves']} (refused {counts['editor_refused']}); "
        f"ingest kills {counts['ingest_kills']}, ingest failures {counts['ingest_failures']}; "
        "workers that exited by themselves "
        f"{counts['worker_exits']}; worker exit codes on SIGTERM {codes}",
        flush=True,
    )
    print(
        f"  left: tasks {result['tasks_left']}, live articles needing work "
        f"{result['needing_work']}; lost examples {result['lost_examples']}; "
        f"untagged examples {result['untagged_examples']}",
        flush=True,
    )
    print(f"  pages not showing the current copy: {len(stale)} {stale[:5]}", flush=True)
    print(
        f"soak: items={result['items']} lost={result['lost']} duplicated={result['duplicated']} "
        f"stuck={result['stuck']} errors_5xx={counts['errors_5xx']} "
        f"worker_restarts={counts['worker_restarts']}",
        flush=True,
    )


if __name__ == "__main__":
    main()
