"""Issue 25, `--fetch`: one deadline per request (headers included), memory bounded over
all pages, and URLs read one way only (IPv6 kept bracketed, odd hosts refused, relative
`next` links resolved then checked). Servers run on loopback (127.0.0.1 and ::1)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers import Run
from test_client import TOKEN, Api, start, walk

from relance_cli.errors import CatalogError
from relance_cli.importers import client


@pytest.fixture
def api() -> Iterator[tuple[dict[str, Any], str, list[Any]]]:
    behaviour: dict[str, Any] = {}
    httpd, base, seen = start(behaviour)
    yield behaviour, base, seen
    httpd.shutdown()
    httpd.server_close()


def serve(server: ThreadingHTTPServer) -> None:
    threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
    ).start()


def fetch(relance: Run, url: str, out: Path) -> Any:
    return relance(
        "import", "aides-territoires", "--fetch", "--api-url", url, "-o", str(out),
        env={"RELANCE_AT_TOKEN": TOKEN},
    )  # fmt: skip


# --- D4: one deadline per request, headers included --------------------------------------------


BYTE_GAP = 0.25  # 70 bytes of head: 17.5 s to send it whole


class SlowHeaders(BaseHTTPRequestHandler):
    """Answers every request with its status line and headers, one byte every BYTE_GAP
    seconds: each byte well within the read timeout, the whole far beyond the deadline."""

    def do_POST(self) -> None:
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n"
        try:
            for byte in head:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(BYTE_GAP)
        except OSError:
            return  # relance hung up, as it should

    def log_message(self, *args: object) -> None:
        pass


def test_headers_sent_byte_by_byte_are_cut_off_at_the_deadline() -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowHeaders)
    serve(server)
    url = f"http://127.0.0.1:{server.server_address[1]}/api/aids/"
    started = time.monotonic()
    try:
        with pytest.raises(CatalogError, match="l'API est trop lente"):
            list(client.pages(url, TOKEN, timeout=10, page_deadline=1.0, sleep=lambda _: None))
    finally:
        server.shutdown()
        server.server_close()
    assert time.monotonic() - started < 4  # each byte came well within the 10 s timeout


# --- D5: memory bounded over all pages ---------------------------------------------------------


def test_the_total_of_all_pages_is_capped(api: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    behaviour, base, seen = api
    behaviour["pages"] = 50
    monkeypatch.setattr(client, "MAX_IMPORT_BYTES", 1_000)
    with pytest.raises(CatalogError, match=r"dépassent 0 Mio en tout ; arrêt"):
        walk(base)
    assert 3 <= len([m for m, _, _ in seen if m == "GET"]) < 10


# --- D6, D7, D17: URLs read one way only -------------------------------------------------------


def test_an_ipv6_api_url_keeps_its_brackets(relance: Run, tmp_path: Path) -> None:
    class V6(ThreadingHTTPServer):
        address_family = socket.AF_INET6

    behaviour: dict[str, Any] = {}
    seen: list[Any] = []
    server = V6(("::1", 0), type("H", (Api,), {"behaviour": behaviour, "seen": seen}))
    port = server.server_address[1]
    Api.base = ""  # pages link to each other relatively, below
    behaviour["next"] = {1: "/api/aids/?page=2"}  # relative: resolved, then checked
    serve(server)
    try:
        result = fetch(relance, f"http://[::1]:{port}/api/aids/?page=1", tmp_path / "o.toml")
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 0, result.output
    assert [(m, p) for m, p, _ in seen] == [
        ("POST", "/api/connexion/"),
        ("GET", "/api/aids/?page=1"),
        ("GET", "/api/aids/?page=2"),
    ]
    assert "4 aide(s) lue(s), 4 écrite(s)" in result.stdout


@pytest.mark.parametrize(
    "url",
    [
        "http://☃.example/api/aids/",
        "http://xn--n3h.example/api/aids/",
        "http://a..b/api/aids/",
        "http://xn--/api/aids/",
        f"http://{'a' * 64}.example/api/aids/",
        f"http://{'a.' * 130}fr/api/aids/",
        "http://127.0.0.2:1\\@127.0.0.1:2/api/aids/",
        "http://user:secret@127.0.0.1:2/api/aids/",
        "http://[fe80::1%25eth0]/api/aids/",
        "http://[127.0.0.1]/api/aids/",
        "http://127.0.0.1:99999/api/aids/",
        "http://-bad-.example/",
    ],
)
def test_odd_api_urls_are_usage_errors_before_any_request(
    relance: Run, tmp_path: Path, url: str
) -> None:
    result = fetch(relance, url, tmp_path / "o.toml")
    assert result.exit_code == 2, result.output
    assert "--api-url : « " in result.stderr and "n'est pas une adresse" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "following",
    [
        "http://☃.example/api/aids/?page=2",
        "http://a..b/",
        "http://xn--/",
        "//127.0.0.2/api/aids/?page=2",
        "http://127.0.0.2:1\\@127.0.0.1/api/aids/?page=2",
        "ftp:/api/aids/",
        ["not", "a", "url"],
    ],
)
def test_a_next_link_that_is_invalid_or_elsewhere_ends_in_1(
    api: Any, relance: Run, tmp_path: Path, following: object
) -> None:
    behaviour, base, seen = api
    behaviour["next"] = {1: following}
    result = fetch(relance, f"{base}/api/aids/?page=1", tmp_path / "o.toml")
    assert result.exit_code == 1, result.output
    assert "mène hors de l'API" in result.stderr
    assert [p for _, p, _ in seen] == ["/api/connexion/", "/api/aids/?page=1"]


def test_a_relative_next_link_is_followed(api: Any) -> None:
    behaviour, base, _ = api
    behaviour["pages"] = 3
    behaviour["next"] = {1: "?page=2", 2: "/api/aids/?page=3"}
    assert [url for url, _ in walk(base)] == [
        f"{base}/api/aids/?page=1",
        f"{base}/api/aids/?page=2",
        f"{base}/api/aids/?page=3",
    ]
