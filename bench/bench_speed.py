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
Then a mixed run: readers at full rate while agency copy is ingested and an editor updates
articles, with a checker that every update is visible at once through nginx.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
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
PORT, APP_PORT, PLAIN_PORT = 8140, 8141, 8142
DURATION = os.environ.get("SPEED_BENCH_SECONDS", "5")
MIXED_SECONDS = int(os.environ.get("SPEED_BENCH_MIXED_SECONDS", "60"))
# d and naive alternate in short runs: the other users of a shared machine change its load
# within seconds, and a short pair is more likely to see the same load on both sides.
ROUNDS = int(os.environ.get("SPEED_BENCH_ROUNDS", "15"))
AB_ROUNDS = int(os.environ.get("SPEED_BENCH_AB_ROUNDS", "5"))
ROUND_SECONDS = os.environ.get("SPEED_BENCH_ROUND_SECONDS", "2")
CPU_ROUNDS = 7
WRK = shutil.which("wrk") or "/usr/bin/wrk"


def wrk(url: str, seconds: str = DURATION, connections: int = 32, script: str = "") -> dict:
    extra = ["-s", script] if script else []
    out = subprocess.run(
        [WRK, "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", *extra, url],
        capture_output=True,
        text=True,
        check=True,
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


def worker_memory_mb() -> list[float]:
    sizes = []
    for line in subprocess.run(
        ["ps", "-eo", "rss,args"], capture_output=True, text=True
    ).stdout.splitlines():
        if "gunicorn" in line and "config.wsgi" in line:
            sizes.append(int(line.split()[0]) / 1024)
    return sorted(sizes)[:-1] or sizes  # the largest is the arbiter, which serves nothing


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
        memory = worker_memory_mb()
        print(f"web worker memory: {', '.join(f'{m:.0f} MB' for m in memory)} (goal < 150 MB each)")
        if MIXED_SECONDS > 0:  # SPEED_BENCH_MIXED_SECONDS=0 measures the paths only
            mixed(base, env, article)
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        if plain:
            plain.terminate()
        subprocess.run(
            ["nginx", "-c", f"{var}/nginx/nginx.conf", "-p", f"{var}/nginx", "-s", "quit"],
            capture_output=True,
        )


def mixed(base: str, env: dict, article: str) -> None:
    """Readers at full rate while copy is ingested and an editor updates articles."""
    print(
        f"\nMixed run, {MIXED_SECONDS} s: wrk on the article page and home, the demo wire "
        "delivering, an editor updating, a checker reading each update back",
        flush=True,
    )
    stale, checked, lags = [], 0, []
    stop = threading.Event()

    def editor() -> None:
        nonlocal checked
        script = (
            "import sys, django\n"
            "django.setup()\n"
            "from dateline.newsroom.selectors import visible_articles\n"
            "from dateline.newsroom.services import update_article\n"
            "for line in sys.stdin:\n"
            "    article = visible_articles().order_by('?').first()\n"
            "    mark = line.strip()\n"
            "    update_article(article=article, changes={'standfirst': 'Checked ' + mark})\n"
            "    print(article.get_absolute_url(), mark, flush=True)\n"
        )
        editor_process = subprocess.Popen(
            [BIN / "python", "-c", script],
            env=env,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        n = 0
        while not stop.is_set():
            n += 1
            editor_process.stdin.write(f"edit-{n}\n")
            editor_process.stdin.flush()
            url, mark = editor_process.stdout.readline().split()
            started = time.monotonic()
            while True:
                if f"Checked {mark}".encode() in get(base + url):
                    lags.append(time.monotonic() - started)
                    break
                if time.monotonic() - started > 1.0:
                    stale.append(url)
                    break
                time.sleep(0.02)
            checked += 1
            stop.wait(2)
        editor_process.terminate()

    wire = subprocess.Popen(
        [BIN / "dateline", "demo_wire", "--interval", "0.6", "--port", "8143"],
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
            base + article,
            seconds=str(MIXED_SECONDS),
            connections=16,
            script=str(ROOT / "bench" / "non2xx.lua"),
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
                    "stale after 1 s",
                    "update visible p95",
                ],
                [
                    f"{readers['rate']:.0f}",
                    f"{readers['p99']:.1f}",
                    str(readers["errors"]),
                    readers["socket"] or "none",
                    str(checked),
                    str(len(stale)),
                    f"{sorted(lags)[int(0.95 * (len(lags) - 1))] * 1000:.0f} ms" if lags else "-",
                ],
            ]
        )
    )


if __name__ == "__main__":
    main()
