"""Page speed with wrk on loopback: nginx on a plain file beside dateline's paths.

`python bench/bench_speed.py` (or `make bench`) loads the demo into a fresh SQLite database,
starts the production stack (`scripts/serve-prod`: nginx on rendered files in front of
gunicorn) and a plain nginx on a copy of the same article bytes, then measures with wrk:
(a) nginx serving the plain file against (b) the production stack, interleaved over
SPEED_BENCH_AB_ROUNDS rounds (the median b/a and its spread), (c) the application path with
the page cache (gunicorn directly), and the home page. Then (d) the uncached render (a query
string bypasses the page cache and the files; the rest of the middleware runs as usual)
against the naive Django page of the same bytes (bench/naive.py), both through the same
gunicorn with the same query string, interleaved over several rounds (naive, d, d, naive,
...): the median of the rounds' d/naive and its spread, since the machine is shared.
Then the files one publication purges (against the files that show Recent Stories, which
a page with its fragments baked in would lose), and a mixed run: readers at full rate on
the home page and the lead articles through nginx while agency copy is ingested and an
editor updates those same leads every second, with a checker that every update is visible
at once through nginx, on the article page and on the home page. Ports are chosen free at
run time; the memory figure is that of this run's own gunicorn workers.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from statistics import median

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import table  # noqa: E402

BIN = ROOT / ".venv" / "bin"


def free_ports(count: int) -> list[int]:
    """Ports nothing listens on now (held open together, so that they differ)."""
    probes = [socket.socket() for _ in range(count)]
    try:
        for probe in probes:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in probes]
    finally:
        for probe in probes:
            probe.close()


PORT, APP_PORT, PLAIN_PORT, WIRE_PORT = free_ports(4)
DURATION = os.environ.get("SPEED_BENCH_SECONDS", "5")
MIXED_SECONDS = int(os.environ.get("SPEED_BENCH_MIXED_SECONDS", "60"))
# d and naive alternate in short runs: the other users of a shared machine change its load
# within seconds, and a short pair is more likely to see the same load on both sides.
ROUNDS = int(os.environ.get("SPEED_BENCH_ROUNDS", "15"))
AB_ROUNDS = int(os.environ.get("SPEED_BENCH_AB_ROUNDS", "5"))
ROUND_SECONDS = os.environ.get("SPEED_BENCH_ROUND_SECONDS", "2")
CPU_ROUNDS = 7
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def wrk(
    url: str,
    seconds: str = DURATION,
    connections: int = 32,
    script: str = "",
    env: dict | None = None,
) -> dict:
    extra = ["-s", script] if script else []
    out = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1])
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99[2]]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    statuses = sorted(set(re.findall(r"^status (\d+)$", out, flags=re.MULTILINE)))
    return {
        "statuses": statuses,
        "rate": rate,
        "p99": float(p99[1]) * scale,
        "errors": int(errors[1]) if errors else 0,
        "socket": socket_errors[1] if socket_errors else "",
    }


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def get_with_headers(url: str) -> tuple[bytes, dict]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), dict(response.headers)


UNCACHED = "?uncached=1"


def comparable_article(base: str, app: str) -> tuple[str, str]:
    """An article of the home page whose uncached render and naive page give the same bytes
    (the naive page has no story box), and its id."""
    home = get(base + "/").decode()
    for path in dict.fromkeys(re.findall(r'href="(/article/\d+/[^"]+)"', home)):
        article_id = path.split("/")[2]
        uncached, headers = get_with_headers(app + path + UNCACHED)
        # The uncached path: rendered by the view (the page cache marks what it serves).
        if "X-Dateline-Cache" in headers:
            raise SystemExit(f"{path}{UNCACHED} came from the page cache")
        if uncached == get(f"{app}/naive/{article_id}/{UNCACHED}"):
            return path, article_id
    raise SystemExit("no article of the home page renders the same as the naive page")


CPU_SCRIPT = """
import json, sys, time
import django
django.setup()
from django.test import Client
d_url, naive_url, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
client = Client(HTTP_HOST="127.0.0.1")
assert client.get(d_url).content == client.get(naive_url).content
result = []
for n in range(rounds):
    times = {}
    for name, url in (("naive", naive_url), ("d", d_url))[:: 1 if n % 2 == 0 else -1]:
        started = time.process_time()
        for _ in range(200):
            client.get(url)
        times[name] = (time.process_time() - started) / 200
    result.append(times)
print(json.dumps(result))
"""


def cpu_per_request(env: dict, d_path: str, naive_path: str) -> list[dict]:
    """CPU seconds per request of each page, in one process through the whole middleware
    (Django's test client), interleaved: steadier than wrk on a shared machine, as other
    processes' load hardly moves a process's own CPU time."""
    out = subprocess.run(
        [BIN / "python", "-c", CPU_SCRIPT, d_path, naive_path, str(CPU_ROUNDS)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def interleaved(
    first_url: str,
    second_url: str,
    *,
    names: tuple[str, str] = ("d", "naive"),
    rounds: int = ROUNDS,
    seconds: str = ROUND_SECONDS,
) -> list[tuple[dict, dict]]:
    """(first, second) per round, the order swapped every round so neither always goes
    first: on a shared machine, load that comes and goes then falls on both alike."""
    wrk(first_url, seconds="1")  # warm both up: compiled templates, prepared queries, caches
    wrk(second_url, seconds="1")
    measured = []
    for n in range(rounds):
        if n % 2:
            first = wrk(first_url, seconds)
            second = wrk(second_url, seconds)
        else:
            second = wrk(second_url, seconds)
            first = wrk(first_url, seconds)
        ratio = first["rate"] / second["rate"]
        print(
            f"  round {n + 1}: {names[0]} {first['rate']:.0f}/s, {names[1]} "
            f"{second['rate']:.0f}/s, {names[0]}/{names[1]} {ratio:.2f}",
            flush=True,
        )
        measured.append((first, second))
    return measured


def median_round(measured: list[tuple[dict, dict]]) -> tuple[tuple[dict, dict], list[float]]:
    """The round whose ratio is the median, and every round's ratio, sorted."""
    ratios = sorted(first["rate"] / second["rate"] for first, second in measured)
    middle = min(measured, key=lambda r: abs(r[0]["rate"] / r[1]["rate"] - median(ratios)))
    return middle, ratios


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(url)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer")


def plain_nginx(folder: Path) -> subprocess.Popen:
    conf = folder / "plain.conf"
    conf.write_text(
        f"""worker_processes auto; pid {folder}/plain.pid; error_log {folder}/plain.err;
events {{ worker_connections 4096; }}
http {{ include /etc/nginx/mime.types; access_log off; sendfile on; tcp_nopush on;
  keepalive_requests 100000; open_file_cache max=100;
  client_body_temp_path {folder}/b; proxy_temp_path {folder}/p; fastcgi_temp_path {folder}/f;
  uwsgi_temp_path {folder}/u; scgi_temp_path {folder}/s;
  server {{ listen 127.0.0.1:{PLAIN_PORT} reuseport; root {folder}/plain; }} }}
"""
    )
    return subprocess.Popen(["nginx", "-c", str(conf), "-p", str(folder), "-g", "daemon off;"])


def worker_memory_mb(session: int) -> list[float]:
    """RSS of this run's gunicorn workers: the gunicorn processes of the stack's session
    whose parent is a gunicorn process (the arbiter's parent is serve-prod)."""
    rows = []
    for line in subprocess.run(
        ["ps", "-eo", "pid=,ppid=,sid=,rss=,args="], capture_output=True, text=True
    ).stdout.splitlines():
        pid, ppid, sid, rss, args = line.split(None, 4)
        if int(sid) == session and "gunicorn" in args:
            rows.append((int(pid), int(ppid), int(rss)))
    gunicorns = {pid for pid, _, _ in rows}
    return sorted(rss / 1024 for _, ppid, rss in rows if ppid in gunicorns)


def main() -> None:
    if not Path(WRK).exists() or not shutil.which("nginx"):
        raise SystemExit("bench_speed needs wrk and nginx: apt-get install wrk nginx-light")
    var = Path(tempfile.mkdtemp(prefix="dateline-speed-"))
    var.chmod(0o755)  # nginx workers (www-data) read the rendered files
    env = {
        **os.environ,
        "DATELINE_VAR_DIR": str(var),
        "DATABASE_URL": f"sqlite:///{var}/speed.sqlite3",
        "DJANGO_SETTINGS_MODULE": "bench.naive_settings",
        "PORT": str(PORT),
        "APP_PORT": str(APP_PORT),
        "SERVE_PROD_WORKER": "false",
        "DATELINE_RECOGNISER": "none",
        "PYTHONPATH": str(ROOT),
    }
    env.pop("REDIS_URL", None)
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
        subprocess.run(
            [BIN / "dateline", *command], env=env, cwd=ROOT, check=True, capture_output=True
        )
    stack = subprocess.Popen(
        [ROOT / "scripts" / "serve-prod"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    plain = None
    try:
        base, app = f"http://127.0.0.1:{PORT}", f"http://127.0.0.1:{APP_PORT}"
        wait_for(base + "/")
        article, article_id = comparable_article(base, app)
        get(base + article)  # rendered once; from now on nginx serves the file
        page = get(base + article)
        (var / "plain").mkdir()
        (var / "plain" / "page.html").write_bytes(page)
        plain = plain_nginx(var)
        wait_for(f"http://127.0.0.1:{PLAIN_PORT}/page.html")
        print(
            f"Article page {article}: {len(page) / 1024:.1f} KB; wrk -t2 -c32 -d{DURATION}s",
            flush=True,
        )
        print(f"(b) against (a), {AB_ROUNDS} interleaved rounds of {DURATION} s:", flush=True)
        (results_b, results_a), ab_ratios = median_round(
            interleaved(
                base + article,
                f"http://127.0.0.1:{PLAIN_PORT}/page.html",
                names=("b", "a"),
                rounds=AB_ROUNDS,
                seconds=DURATION,
            )
        )
        results = {
            "a": results_a,
            "b": results_b,
            "c": wrk(app + article),
            "home-b": wrk(base + "/"),
            "home-c": wrk(app + "/"),
        }
        print(
            f"(d) against the naive page, {ROUNDS} interleaved rounds of {ROUND_SECONDS} s "
            f"(gunicorn on :{APP_PORT}, the same bytes, both with {UNCACHED}):",
            flush=True,
        )
        (results["d"], results["naive"]), ratios = median_round(
            interleaved(app + article + UNCACHED, f"{app}/naive/{article_id}/{UNCACHED}")
        )
        labels = {
            "a": "(a) nginx, plain file (the median round)",
            "b": "(b) production stack (nginx, rendered file; the median round)",
            "c": "(c) application path, page cache",
            "d": "(d) uncached render (the median round)",
            "naive": "naive Django page, same bytes (the median round)",
            "home-b": "home page, production stack",
            "home-c": "home page, application path",
        }
        rows = [["path", "requests/s", "p99 ms", "errors"]]
        for key, label in labels.items():
            r = results[key]
            rows.append([label, f"{r['rate']:.0f}", f"{r['p99']:.1f}", str(r["errors"])])
        print(table(rows))
        cpu = cpu_per_request(env, article + UNCACHED, f"/naive/{article_id}/{UNCACHED}")
        cpu_ratios = sorted(r["naive"] / r["d"] for r in cpu)
        print(
            "CPU per request in one process (test client, 200 requests a round): "
            + ", ".join(f"d {r['d'] * 1000:.2f} ms / naive {r['naive'] * 1000:.2f} ms" for r in cpu)
        )
        print(
            f"naive CPU / d CPU = {median(cpu_ratios):.2f} median "
            f"(spread {cpu_ratios[0]:.2f}-{cpu_ratios[-1]:.2f})"
        )
        a, c = results["a"]["rate"], results["c"]["rate"]
        print(
            f"\nb/a = {median(ab_ratios):.2f} median of {AB_ROUNDS} rounds "
            f"(spread {ab_ratios[0]:.2f}-{ab_ratios[-1]:.2f}; goal >= 0.8)   c/a = {c / a:.2f}   "
            f"d/naive = {median(ratios):.2f} median of {ROUNDS} rounds "
            f"(spread {ratios[0]:.2f}-{ratios[-1]:.2f}; goal >= 1.0)"
        )
        memory = worker_memory_mb(stack.pid)
        print(f"web worker memory: {', '.join(f'{m:.0f} MB' for m in memory)} (goal < 150 MB each)")
        leads = lead_articles(base)
        purged_per_publication(base, env, var / "rendered", leads)
        if MIXED_SECONDS > 0:  # SPEED_BENCH_MIXED_SECONDS=0 measures the paths only
            mixed(base, env, leads)
            memory = worker_memory_mb(stack.pid)
            print(
                f"web worker memory after the mixed run: {', '.join(f'{m:.0f} MB' for m in memory)}"
                " (goal < 150 MB each)"
            )
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        if plain:
            plain.terminate()
        subprocess.run(
            ["nginx", "-c", f"{var}/nginx/nginx.conf", "-p", f"{var}/nginx", "-s", "quit"],
            capture_output=True,
        )


MIXED_CONNECTIONS = int(os.environ.get("SPEED_BENCH_MIXED_CONNECTIONS", "64"))

EDITOR_SCRIPT = """
import sys, django
django.setup()
from dateline.newsroom.models import Article, Section
from dateline.newsroom.services import create_article, publish_article, update_article
for line in sys.stdin:
    command, value = line.split()
    if command == "publish":
        article = create_article(headline="Ferry Routes Reopen " + value,
                                 section=Section.objects.order_by("position").first())
        publish_article(article=article)
    else:
        article = Article.objects.get(pk=int(command))
        update_article(article=article, changes={"standfirst": "Checked " + value})
    print(article.pk, flush=True)
"""


def editor_process(env: dict) -> subprocess.Popen:
    """An editor in a process of its own: each line in is one save through the services."""
    return subprocess.Popen(
        [BIN / "python", "-c", EDITOR_SCRIPT],
        env=env,
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def edit(editor: subprocess.Popen, line: str) -> str:
    editor.stdin.write(line + "\n")
    editor.stdin.flush()
    return editor.stdout.readline().strip()


def lead_articles(base: str) -> list[str]:
    """The home page's lead articles (their standfirst shows on the home page too)."""
    home = get(base + "/").decode()
    return list(dict.fromkeys(re.findall(r'<h2><a href="(/article/\d+/[^"]+)"', home)))


def rendered_files(folder: Path) -> set[Path]:
    return {
        path
        for path in folder.rglob("index.*")
        if ".tags" not in path.parts and not path.name.endswith(".gz")
    }


def purged_per_publication(base: str, env: dict, folder: Path, leads: list[str]) -> None:
    """Render the fronts and every article they link to through nginx, publish one new
    article, and count the files its purge removed; beside it, the files that show Recent
    Stories (every one of them goes when the fragment is baked into the pages)."""
    home = get(base + "/").decode()
    paths = {"/", *leads, *re.findall(r'href="(/(?:article|section)/[^"]+)"', home)}
    for path in sorted(paths):
        get(base + path)
    before = rendered_files(folder)
    showing_recent = [
        path
        for path in before
        if b'include virtual="/fragments/recent-stories/"' in path.read_bytes()
    ]
    editor = editor_process(env)
    try:
        edit(editor, "publish purge-count")
    finally:
        editor.terminate()
    purged = before - rendered_files(folder)
    articles = [path for path in purged if path.relative_to(folder).parts[0] == "article"]
    names = ", ".join(sorted(str(path.relative_to(folder).parent) for path in purged))
    print(
        f"\nfiles purged per publication: {len(purged)} of {len(before)} rendered "
        f"({len(articles)} article pages: {names}); baseline, Recent Stories baked into "
        f"the pages: {len(purged | set(showing_recent))} (these and every page showing it)",
        flush=True,
    )


def mixed(base: str, env: dict, leads: list[str]) -> None:
    """Readers at full rate on the home page and the leads while copy is ingested and an
    editor updates those leads: each update must show at once on both pages."""
    print(
        f"\nMixed run, {MIXED_SECONDS} s: wrk -c{MIXED_CONNECTIONS} on the home page and its "
        f"{len(leads)} lead articles through nginx, the demo wire delivering, an editor "
        "updating a lead's standfirst every second, a checker reading each update back "
        "on the article page and the home page",
        flush=True,
    )
    # The editor's process purges before its save returns: a read after that showing the
    # old page is stale. A read that waits long for the new one is slow, not stale.
    stale, late, checked, lags = [], [], 0, []
    stop = threading.Event()

    def shows(url: str, text: bytes, lead: str) -> bool:
        page = get(base + url)
        if url == "/" and f'<h2><a href="{lead}"'.encode() not in page:
            return True  # no longer a lead (the wire brought newer copy): not on this page
        return text in page

    def editor() -> None:
        nonlocal checked
        process = editor_process(env)
        n = 0
        while not stop.is_set():
            n += 1
            lead = leads[n % len(leads)]
            mark = f"edit-{n}"
            edit(process, f"{lead.split('/')[2]} {mark}")
            started = time.monotonic()
            waiting, first = [lead, "/"], True
            while waiting:
                waiting = [
                    url for url in waiting if not shows(url, f"Checked {mark}".encode(), lead)
                ]
                if first:
                    stale.extend(waiting)
                    first = False
                if not waiting:
                    lags.append(time.monotonic() - started)
                    if lags[-1] > 1.0:
                        late.append(lead)
                elif time.monotonic() - started > 1.0:
                    late.extend(waiting)
                    break
                else:
                    time.sleep(0.01)
            checked += 1
            stop.wait(1)
        process.terminate()

    wire = subprocess.Popen(
        [BIN / "dateline", "demo_wire", "--interval", "0.6", "--port", str(WIRE_PORT)],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = subprocess.Popen(
        [BIN / "dateline", "worker"],
        env={**env, "DJANGO_SETTINGS_MODULE": "config.settings.local"},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    thread = threading.Thread(target=editor, daemon=True)
    thread.start()
    try:
        readers = wrk(
            base + "/",
            seconds=str(MIXED_SECONDS),
            connections=MIXED_CONNECTIONS,
            script=str(ROOT / "bench" / "paths.lua"),
            env={**os.environ, "BENCH_PATHS": " ".join(["/", *leads])},
        )
    finally:
        stop.set()
        thread.join(timeout=10)
        wire.terminate()
        worker.terminate()
    print(
        table(
            [
                [
                    "readers requests/s",
                    "p99 ms",
                    "non-2xx",
                    "socket errors",
                    "updates checked",
                    "stale reads",
                    "not shown within 1 s",
                    "update visible p95",
                ],
                [
                    f"{readers['rate']:.0f}",
                    f"{readers['p99']:.1f}",
                    f"{readers['errors']} {' '.join(readers['statuses'])}".strip(),
                    readers["socket"] or "none",
                    str(checked),
                    f"{len(stale)} (goal 0)",
                    str(len(late)),
                    f"{sorted(lags)[int(0.95 * (len(lags) - 1))] * 1000:.0f} ms" if lags else "-",
                ],
            ]
        )
    )


if __name__ == "__main__":
    main()
