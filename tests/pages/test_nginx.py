"""nginx in front of the rendered files (deploy/nginx.conf.template), run for real.

A purge returns only once the files are gone or replaced, so nginx must never answer
from a file it opened before: no descriptor cache on rendered pages. The files keep their
fragments as SSI includes for nginx to fill in, and go out with the app's headers.
"""

from __future__ import annotations

import gzip
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from dateline.pages import store

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
TEMPLATE = DEPLOY / "nginx.conf.template"
SECURITY_HEADERS = (
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "X-Frame-Options",
)


def blocks(text: str) -> dict[str, str]:
    """Each `location` block of the template by its name, with what it holds."""
    found = {}
    for match in re.finditer(r"location\s+([^{]+?)\s*\{", text):
        depth, end = 1, match.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        found[match[1]] = text[match.end() : end]
    return found


def outside_locations(text: str) -> str:
    for body in blocks(text).values():
        text = text.replace(body, "")
    return text


def directives(text: str) -> str:
    return "\n".join(line.split("#")[0] for line in text.splitlines())


def test_rendered_pages_are_never_served_from_a_descriptor_cache():
    template = directives(TEMPLATE.read_text(encoding="utf-8"))
    locations = blocks(template)

    assert "open_file_cache" not in outside_locations(template)
    for name, body in locations.items():
        if name != "/static/":
            assert "open_file_cache" not in body, name
    assert "ssi on;" in locations["/"]
    assert "security_headers.conf" in locations["/"]
    assert "charset utf-8;" in outside_locations(template)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def nginx():
    """nginx with the deployed configuration on a free port, serving a rendered folder of
    its own (readable by nginx's workers); the app's port has nothing behind it."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        pytest.skip("No nginx (apt-get install nginx-light)")
    folder = Path(tempfile.mkdtemp(prefix="dateline-nginx-"))
    folder.chmod(0o755)
    for name in ("rendered", "static", "run"):
        (folder / name).mkdir()
        (folder / name).chmod(0o755)
    port = free_port()
    values = {
        "RUN_DIR": folder / "run",
        "PORT": port,
        "APP_PORT": free_port(),
        "RENDERED": folder / "rendered",
        "STATIC": folder / "static",
        "CONF_DIR": DEPLOY,
        "LOAD_BROTLI": "",
        "BROTLI_STATIC": "",
    }
    conf = TEMPLATE.read_text(encoding="utf-8")
    for name, value in values.items():
        conf = conf.replace(f"@{name}@", str(value))
    (folder / "run" / "nginx.conf").write_text(conf, encoding="utf-8")
    process = subprocess.Popen(
        [binary, "-c", str(folder / "run" / "nginx.conf"), "-p", str(folder / "run")]
        + ["-g", "daemon off;"],
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"nginx did not start: {process.stderr.read()!r}") from None
            time.sleep(0.05)
    try:
        yield base, folder / "rendered"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def read(url: str, **headers: str) -> tuple[int, bytes, dict]:
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers), timeout=10
        ) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def test_a_replaced_or_purged_file_is_never_served_again(nginx):
    base, rendered = nginx
    page = rendered / "article" / "7" / "harbour" / "index.html"
    page.parent.mkdir(parents=True)
    for folder in (page.parent, page.parent.parent, page.parent.parent.parent):
        folder.chmod(0o755)

    for version in range(60):
        store.write_atomically(page, f"<p>version {version}</p>".encode())
        assert read(base + "/article/7/harbour/")[1] == f"<p>version {version}</p>".encode()
    store.remove_file(page)
    status, body, _ = read(base + "/article/7/harbour/")
    # With the file gone nginx asks the app (nothing listens here): never the old page.
    assert status == 502
    assert b"version" not in body


@pytest.mark.django_db
def test_nginx_fills_in_the_fragments_and_sends_the_apps_headers(nginx, client, settings, now):
    from tests.factories import ArticleFactory, SectionFactory

    base, rendered = nginx
    settings.DATELINE_RENDERED_DIR = rendered
    world = SectionFactory(name="World", slug="world")
    article = ArticleFactory(published=True, headline="Harbour Reopens", section=world)
    url = article.get_absolute_url()
    for path in (url, "/fragments/recent-stories/", "/fragments/section/world/latest/"):
        assert client.get(path).status_code == 200
    for path in rendered.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)

    status, body, headers = read(base + url)
    app = client.get(url)

    assert status == 200
    assert b"<!--#" not in body
    assert body == app.content  # the same page, whoever fills in the fragments
    # Compressed as it goes out, the fragments (which have .gz files) included as text.
    _, compressed, gzipped = read(base + url, **{"Accept-Encoding": "gzip"})
    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(compressed) == app.content
    assert headers["Content-Type"] == "text/html; charset=utf-8" == app["Content-Type"]
    for name in SECURITY_HEADERS:
        assert (
            headers[name]
            == {
                "X-Content-Type-Options": "nosniff",
                "Referrer-Policy": settings.SECURE_REFERRER_POLICY,
                "Cross-Origin-Opener-Policy": settings.SECURE_CROSS_ORIGIN_OPENER_POLICY,
                "X-Frame-Options": settings.X_FRAME_OPTIONS,
            }[name]
        )
        if app.has_header(name):
            assert headers[name] == app[name]

    # A publication replaces the fragment's file: the article's file stays as it is.
    fragment = store.file_for("/fragments/recent-stories/", "text/html")
    store.write_atomically(fragment, b"<p>Ferry Routes Reopen</p>")
    assert b"<p>Ferry Routes Reopen</p>" in read(base + url)[1]
