"""Which addresses a fetch may reach: only globally routable ones unless the source allows
private networks, checked on the very address connected to, at every redirect hop.

The server is real (127.0.0.1); only the name lookup is the test's own, since DNS answers
are what a rebinding attacker controls."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dateline.wires import fetching


class HostEcho(BaseHTTPRequestHandler):
    """Answers with the Host header it was sent; /away redirects to another host name."""

    hits: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        type(self).hits.append(f"{self.headers.get('Host')}{self.path}")
        if self.path == "/away":
            port = self.server.server_address[1]
            self._send(302, b"", {"Location": f"http://second.example:{port}/here"})
            return
        self._send(200, self.headers.get("Host", "").encode(), {})

    def _send(self, status, body, headers):
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def port():
    HostEcho.hits = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostEcho)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


class Rebinder:
    """A name server whose answer changes after the first question (DNS rebinding)."""

    def __init__(self, *answers: str) -> None:
        self.answers = list(answers)
        self.questions: list[str] = []

    def __call__(self, host: str, port: int) -> list[str]:
        self.questions.append(host)
        answer = self.answers[0] if len(self.answers) == 1 else self.answers.pop(0)
        return [answer]


@pytest.mark.parametrize(
    "address",
    [
        "100.64.0.1",  # shared address space (carrier-grade NAT, cloud metadata)
        "100.127.255.254",
        "169.254.169.254",
        "192.0.2.10",
        "198.18.0.1",
        "0.0.0.0",
        "10.1.2.3",
        "[::1]",
        "[::ffff:127.0.0.1]",
        "[fd00::1]",
        "[64:ff9b::7f00:1]",
    ],
)
def test_an_address_that_is_not_global_is_refused(address):
    result = fetching.fetch(f"http://{address}:9/feed", timeout=2)

    assert result.error_code == "http.forbidden-address"


def test_the_fetch_connects_to_the_address_it_checked(port):
    """The name answers 127.0.0.1 once, then an address nobody serves: only one lookup."""
    resolver = Rebinder("127.0.0.1", "192.0.2.77")

    result = fetching.fetch(
        f"http://wire.example:{port}/feed",
        allow_private_network=True,
        resolver=resolver,
        timeout=3,
    )

    assert result.ok, result.error
    assert result.content == f"wire.example:{port}".encode()  # the Host header is the name's
    assert resolver.questions == ["wire.example"]


def test_a_name_that_rebinds_to_loopback_never_reaches_it(port):
    """Checked as a public address, then answering loopback: the fetch goes to the public
    address it checked (unreachable here), never to the server on 127.0.0.1."""
    resolver = Rebinder("1.1.1.1", "127.0.0.1")

    result = fetching.fetch(f"http://wire.example:{port}/feed", resolver=resolver, timeout=1)

    assert not result.ok
    assert HostEcho.hits == []


def test_a_name_with_any_private_address_is_refused(port):
    def both(host: str, port: int) -> list[str]:
        return ["1.1.1.1", "127.0.0.1"]

    result = fetching.fetch(f"http://wire.example:{port}/feed", resolver=both, timeout=1)

    assert result.error_code == "http.forbidden-address"
    assert HostEcho.hits == []


def test_every_redirect_hop_is_resolved_once_and_pinned(port):
    resolver = Rebinder("127.0.0.1", "127.0.0.1", "192.0.2.77")

    result = fetching.fetch(
        f"http://first.example:{port}/away",
        allow_private_network=True,
        resolver=resolver,
        timeout=3,
    )

    assert result.ok, result.error
    assert result.content == f"second.example:{port}".encode()
    assert resolver.questions == ["first.example", "second.example"]
