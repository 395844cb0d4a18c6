"""Fetching sources from a real HTTP server on 127.0.0.1."""

import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from dateline.ingest.services import claim_source, poll_due_sources, poll_source
from dateline.newsroom.models import Article
from dateline.wires import fetching
from dateline.wires.models import Source
from tests.conftest import PINNED_NOW
from tests.factories import SectionFactory, SourceFactory
from tests.wires.copy import newsml_item

FEED_ETAG = '"v1"'


class WireServer(BaseHTTPRequestHandler):
    """A small agency server with the behaviours a fetcher meets in the wild."""

    body = b""
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).hits.append(self.path)
        if self.path == "/feed":
            if self.headers.get("If-None-Match") == FEED_ETAG:
                self.send_response(304)
                self.end_headers()
                return
            self._send(200, self.body, {"ETag": FEED_ETAG, "Content-Type": "application/xml"})
        elif self.path == "/feed-1251":
            self._send(
                200, self.body, {"Content-Type": "application/rss+xml; charset=windows-1251"}
            )
        elif self.path == "/busy":
            self._send(429, b"slow down", {"Retry-After": "120"})
        elif self.path == "/unavailable":
            self._send(503, b"", {"Retry-After": "Sun, 29 Nov 2026 16:00:00 GMT"})
        elif self.path.startswith("/hop/"):
            n = int(self.path.rsplit("/", 1)[1])
            target = "/feed" if n == 0 else f"/hop/{n - 1}"
            self._send(302, b"", {"Location": target})
        elif self.path == "/loop":
            self._send(301, b"", {"Location": "/loop"})
        elif self.path == "/huge":
            self.send_response(200)
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(200):  # 12.5 MB, no Content-Length
                    self.wfile.write(chunk)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/declared-huge":
            self._send(200, b"", {"Content-Length": str(50 * 1024 * 1024)})
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Length", "100")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.05)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif self.path == "/missing":
            self._send(404, b"gone", {})
        else:
            self._send(500, b"oops", {})

    def _send(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)


@pytest.fixture
def server():
    WireServer.hits = []
    WireServer.body = newsml_item(version_created=PINNED_NOW)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), WireServer)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_fetch_returns_the_bytes_and_the_validators(server):
    result = fetching.fetch(f"{server}/feed", allow_private_network=True)

    assert result.ok
    assert result.content == WireServer.body
    assert result.etag == FEED_ETAG


def test_a_conditional_fetch_of_an_unchanged_feed_is_not_modified(server):
    result = fetching.fetch(f"{server}/feed", etag=FEED_ETAG, allow_private_network=True)

    assert result.not_modified
    assert result.content is None


def test_loopback_and_private_addresses_are_refused_unless_allowed(server):
    result = fetching.fetch(f"{server}/feed")

    assert result.error_code == "http.forbidden-address"
    assert "127.0.0.1" in result.error
    assert WireServer.hits == []  # refused before connecting


@pytest.mark.parametrize(
    ("path", "retry_after"),
    [("/busy", 120.0), ("/unavailable", 30 * 60.0)],
)
def test_429_and_503_say_how_long_to_wait(server, path, retry_after, now):
    result = fetching.fetch(f"{server}{path}", allow_private_network=True)

    assert result.error_code == "http.rate-limited"
    assert result.retry_after == pytest.approx(retry_after, abs=2)


def test_redirects_are_followed_up_to_the_cap(server):
    assert fetching.fetch(f"{server}/hop/3", allow_private_network=True).ok
    looped = fetching.fetch(f"{server}/loop", allow_private_network=True)
    assert looped.error_code == "http.too-many-redirects"


@pytest.mark.parametrize("path", ["/huge", "/declared-huge"])
def test_a_body_over_the_size_cap_is_refused(server, path):
    result = fetching.fetch(f"{server}{path}", allow_private_network=True, max_bytes=1024 * 1024)

    assert result.error_code == "http.too-large"
    assert result.content is None


def test_a_server_that_drips_bytes_times_out(server):
    started = time.monotonic()
    result = fetching.fetch(f"{server}/slow", allow_private_network=True, timeout=1.0)

    assert result.error_code == "http.timeout"
    assert time.monotonic() - started < 4


def test_an_error_status_is_named(server):
    result = fetching.fetch(f"{server}/missing", allow_private_network=True)

    assert result.error_code == "http.status"
    assert "404" in result.error


@pytest.fixture
def polled_source(server, db):
    SectionFactory(name="Politics", slug="politics")
    return SourceFactory(
        name="Meridian Press",
        format=Source.Format.NEWSML_G2,
        location=f"{server}/feed",
        allow_private_network=True,
        next_poll_at=timezone.now() - timedelta(seconds=1),
    )


@pytest.mark.django_db
def test_polling_ingests_new_copy_then_asks_conditionally(polled_source):
    poll_source(source=polled_source)
    polled_source.refresh_from_db()
    poll_source(source=polled_source)

    assert Article.objects.filter(is_lead=False).count() == 1
    assert polled_source.etag == FEED_ETAG
    assert polled_source.failure_count == 0
    assert WireServer.hits == ["/feed", "/feed"]


@pytest.mark.django_db
def test_a_failing_source_backs_off_and_honours_retry_after(polled_source, server):
    polled_source.location = f"{server}/busy"
    polled_source.save()
    before = timezone.now()

    poll_source(source=polled_source)

    polled_source.refresh_from_db()
    assert polled_source.failure_count == 1
    assert polled_source.last_error.startswith("http.rate-limited")
    assert polled_source.next_poll_at >= before + timedelta(seconds=119)


@pytest.mark.django_db
def test_a_source_is_polled_once_per_turn_even_with_two_workers(polled_source):
    now = timezone.now()
    first_worker = Source.objects.get(pk=polled_source.pk)
    second_worker = Source.objects.get(pk=polled_source.pk)

    assert claim_source(first_worker, now)
    assert not claim_source(second_worker, now)


@pytest.mark.django_db
def test_the_scheduler_polls_only_due_sources(polled_source, server):
    SourceFactory(
        name="Later Wire",
        location=f"{server}/feed",
        allow_private_network=True,
        next_poll_at=timezone.now() + timedelta(hours=1),
    )

    report = poll_due_sources()

    assert report.ingested == 1
    assert WireServer.hits == ["/feed"]


ARTICLE_PAGE = b"""<html><head><title>Harbour | Publisher</title>
<meta property="og:title" content="Harbour Cranes Return to Work After Storm">
<meta property="og:description" content="Port officials said all berths reopened.">
<meta name="author" content="Test Writer"></head>
<body><nav>Home | World | Sport</nav><article><h1>Harbour Cranes Return to Work After Storm</h1>
<p>The port authority said on Sunday that all twelve container cranes were back in service
after engineers checked them for damage.</p>
<p>Shipping lines had diverted four vessels to other ports during the storm, which brought
gusts of more than 100 kilometres an hour.</p>
<p>Officials expect the backlog of containers to clear by Wednesday.</p>
<script>alert("x")</script></article><footer>Contact us</footer></body></html>"""


class PublisherServer(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).hits.append(self.path)
        port = self.server.server_address[1]
        if self.path == "/links.xml":
            body = (
                '<?xml version="1.0"?><rss version="2.0"><channel><title>P</title>'
                "<link>http://127.0.0.1/</link><description>d</description>"
                f"<item><title>Cranes</title><link>http://127.0.0.1:{port}/harbour</link></item>"
                f"<item><title>Gone</title><link>http://127.0.0.1:{port}/missing</link></item>"
                "</channel></rss>"
            ).encode()
        elif self.path == "/harbour":
            body = ARTICLE_PAGE
        else:
            self.send_response(404)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.mark.django_db
def test_a_publisher_that_gives_only_links_has_its_article_pages_extracted():
    SectionFactory(name="World", slug="world")
    PublisherServer.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), PublisherServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        source = SourceFactory(
            name="Harbour Gazette",
            format=Source.Format.HTML,
            location=f"http://127.0.0.1:{httpd.server_address[1]}/links.xml",
            allow_private_network=True,
        )
        first = poll_source(source=source)
        source.refresh_from_db()
        second = poll_source(source=source)
    finally:
        httpd.shutdown()
        httpd.server_close()

    article = Article.objects.get()
    assert first.ingested == 1
    assert article.headline == "Harbour Cranes Return to Work After Storm"
    assert article.standfirst == "Port officials said all berths reopened."
    assert article.byline == "Test Writer"
    assert "twelve container cranes" in article.body
    assert "Contact us" not in article.body
    assert "alert" not in article.body
    assert first.rejected[0]["code"] == "http.status"  # the missing page, tried next time
    assert second.unchanged == 1  # the page already stored is not fetched again
    assert PublisherServer.hits.count("/harbour") == 1


@pytest.mark.django_db
def test_a_polled_feed_is_decoded_with_the_charset_of_the_http_answer(server, now):
    from tests.core.parsing.test_content_type import FEED

    WireServer.body = FEED
    SectionFactory(name="World", slug="world")
    source = SourceFactory(
        name="Black Sea Wire",
        format=Source.Format.RSS,
        location=f"{server}/feed-1251",
        allow_private_network=True,
        next_poll_at=timezone.now() - timedelta(seconds=1),
    )

    poll_source(source=source)

    assert Article.objects.get(source=source).headline == "Порт Одессы принял первые суда"
