"""`import aides-territoires --fetch` against loopback servers that model the live API:
the token exchanged at `/api/connexion/` for a JWT sent as a bearer token, pagination by
`next`, and the ways a server can misbehave (or attack)."""

from __future__ import annotations

import gzip
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from helpers import POLL_INTERVAL, Run

from relance_cli.errors import CatalogError, UsageError
from relance_cli.importers import client

TOKEN = "user-token-123"


def aid(number: int) -> dict[str, Any]:
    """The smallest aid the import keeps: an id, a name, an audience."""
    return {"id": number, "name": f"Aide {number}", "targeted_audiences": ["Communes"]}


class Api(BaseHTTPRequestHandler):
    """One page per `?page=N`; `behaviour` (set per test) bends the rules."""

    behaviour: dict[str, Any]
    seen: list[tuple[str, str, dict[str, str]]]
    base: str

    def do_POST(self) -> None:
        self.seen.append(("POST", self.path, dict(self.headers)))
        if self.path != "/api/connexion/":
            self.answer(404, {})
        elif self.headers.get("X-AUTH-TOKEN") != TOKEN:
            self.answer(401, {"message": "bad token"})
        else:
            self.behaviour["logins"] = self.behaviour.get("logins", 0) + 1
            self.answer(200, {"token": f"jwt-{self.behaviour['logins']}"})

    def do_GET(self) -> None:
        self.seen.append(("GET", self.path, dict(self.headers)))
        b = self.behaviour
        expected = f"Bearer jwt-{b.get('logins', 0)}"
        if self.headers.get("Authorization") != expected or "X-AUTH-TOKEN" in self.headers:
            self.answer(401, {"message": "JWT Token not found"})
            return
        if b.get("expire_once") and b.get("logins") == 1:
            self.answer(401, {"message": "Expired JWT Token"})
            return
        failures = b.get("fail", [])
        if failures:
            status, retry_after = failures.pop(0)
            self.answer(status, {}, {"Retry-After": retry_after} if retry_after else {})
            return
        _, found, number = self.path.rpartition("page=")
        page = int(number) if found else 1
        pages = b.get("pages", 2)
        following = b.get("next", {}).get(page)
        if following is None and page < pages:
            following = f"{self.base}/api/aids/?page={page + 1}"
        document = {
            "count": pages * 2,
            "next": following,
            "previous": None,
            "results": [aid(page * 10), aid(page * 10 + 1)],
        }
        if b.get("dribble"):
            self.dribble(json.dumps(document).encode())
        elif b.get("bomb"):
            self.bomb()
        elif b.get("body") is not None:
            self.raw(200, b["body"])
        else:
            self.answer(200, document)

    def answer(self, status: int, document: object, headers: dict[str, str] | None = None) -> None:
        self.raw(status, json.dumps(document).encode(), headers)

    def raw(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def dribble(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        for byte in body:
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.05)

    def bomb(self) -> None:
        """A small gzip body that inflates to 100 MB of spaces."""
        body = gzip.compress(b"[" + b" " * 100_000_000 + b"]", compresslevel=9)
        self.send_response(200)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def start(behaviour: dict[str, Any]) -> tuple[ThreadingHTTPServer, str, list[Any]]:
    seen: list[Any] = []
    handler = type("Handler", (Api,), {"behaviour": behaviour, "seen": seen})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.base = f"http://127.0.0.1:{httpd.server_address[1]}"
    threading.Thread(target=httpd.serve_forever, args=(POLL_INTERVAL,), daemon=True).start()
    return httpd, handler.base, seen


@pytest.fixture
def api() -> Iterator[tuple[dict[str, Any], str, list[Any]]]:
    behaviour: dict[str, Any] = {}
    httpd, base, seen = start(behaviour)
    yield behaviour, base, seen
    httpd.shutdown()
    httpd.server_close()


def walk(base: str, **options: Any) -> list[tuple[str, list[Any]]]:
    options.setdefault("sleep", lambda _: None)
    return list(client.pages(f"{base}/api/aids/?page=1", TOKEN, **options))


def test_the_token_is_exchanged_for_a_jwt_and_pages_are_followed(api: Any) -> None:
    _, base, seen = api
    pages = walk(base)
    assert [len(results) for _, results in pages] == [2, 2]
    assert seen[0][:2] == ("POST", "/api/connexion/")
    assert seen[0][2]["X-AUTH-TOKEN"] == TOKEN
    for method, _path, headers in seen[1:]:
        assert method == "GET"
        assert headers["Authorization"] == "Bearer jwt-1"
        assert "X-AUTH-TOKEN" not in headers  # the user's token goes to the connexion only


def test_an_expired_jwt_is_renewed_once(api: Any) -> None:
    behaviour, base, seen = api
    behaviour["expire_once"] = True
    assert len(walk(base)) == 2
    assert behaviour["logins"] == 2
    assert [m for m, _, _ in seen].count("POST") == 2


def test_a_refused_token_says_so(api: Any, relance: Run, tmp_path: Path) -> None:
    _, base, _ = api
    result = relance(
        "import", "aides-territoires", "--fetch", "--api-url", f"{base}/api/aids/",
        "-o", str(tmp_path / "out.toml"), env={"RELANCE_AT_TOKEN": "wrong"},
    )  # fmt: skip
    assert result.exit_code == 1
    assert "jeton refusé (401)" in result.stderr
    assert not (tmp_path / "out.toml").exists()


def test_next_to_another_host_stops_before_sending_anything(api: Any) -> None:
    """The attack of issue 12: a page whose `next` points elsewhere got the token."""
    behaviour, base, _ = api
    other: dict[str, Any] = {}
    httpd, elsewhere, seen_elsewhere = start(other)
    try:
        behaviour["next"] = {1: f"{elsewhere}/api/aids/?page=2"}
        with pytest.raises(CatalogError, match="mène hors de l'API"):
            walk(base)
        assert seen_elsewhere == []
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_redirects_elsewhere_are_refused() -> None:
    other: dict[str, Any] = {}
    httpd, elsewhere, seen_elsewhere = start(other)

    class Redirect(Api):
        def do_GET(self) -> None:
            self.send_response(302)
            self.send_header("Location", f"{elsewhere}/api/aids/?page=1")
            self.send_header("Content-Length", "0")
            self.end_headers()

    redirecting = ThreadingHTTPServer(
        ("127.0.0.1", 0), type("R", (Redirect,), {"behaviour": {}, "seen": []})
    )
    threading.Thread(target=redirecting.serve_forever, args=(POLL_INTERVAL,), daemon=True).start()
    port = redirecting.server_address[1]
    try:
        with pytest.raises(CatalogError, match="redirection vers une autre adresse"):
            list(client.pages(f"http://127.0.0.1:{port}/api/aids/", TOKEN, sleep=lambda _: None))
        assert seen_elsewhere == []
    finally:
        for server in (httpd, redirecting):
            server.shutdown()
            server.server_close()


def test_a_next_loop_stops_at_the_first_repeated_page(api: Any) -> None:
    behaviour, base, seen = api
    behaviour["pages"] = 5
    behaviour["next"] = {2: f"{base}/api/aids/?page=1"}
    assert len(walk(base)) == 2
    assert len([m for m, _, _ in seen if m == "GET"]) == 2


def test_a_dribbling_server_is_cut_off_at_the_page_deadline(api: Any) -> None:
    behaviour, base, _ = api
    behaviour["dribble"] = True
    started = time.monotonic()
    with pytest.raises(CatalogError, match="trop lente"):
        walk(base, page_deadline=1.0)
    assert time.monotonic() - started < 5


def test_the_whole_import_has_a_deadline(api: Any) -> None:
    behaviour, base, _ = api
    behaviour["pages"] = 1000
    now = [0.0]

    def clock() -> float:
        now[0] += 1.0  # each look at the clock: a second goes by
        return now[0]

    with pytest.raises(CatalogError, match="trop lente"):
        walk(base, deadline=20.0, clock=clock)


def test_a_decompression_bomb_is_stopped_at_64_mb(
    api: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    behaviour, base, _ = api
    behaviour["bomb"] = True
    monkeypatch.setattr(client, "MAX_PAGE_BYTES", 8 * 1024 * 1024)
    with pytest.raises(CatalogError, match="réponse de plus de"):
        walk(base)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "trop profondément imbriqué"),
        (b'{"results": [], "count": ' + b"9" * 5000 + b"}", "pas du JSON"),
        (b"\xff\xfe not json", "pas du JSON"),
        (b"[1, 2]", "pas une page de résultats"),
        (b'{"count": 1}', "sans liste « results »"),
    ],
)
def test_bodies_that_cannot_be_pages(api: Any, body: bytes, message: str) -> None:
    behaviour, base, _ = api
    behaviour["body"] = body
    with pytest.raises(CatalogError, match=message):
        walk(base)


def test_retries_honour_a_sane_retry_after_only(api: Any) -> None:
    behaviour, base, _ = api
    behaviour["fail"] = [(429, "nan"), (503, "-5"), (503, "2")]
    pauses: list[float] = []
    assert len(walk(base, sleep=pauses.append, pause=0.5)) == 2
    assert pauses == [0.5, 1.0, 2.0]  # nan and -5: the default growing pause


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, 1.5), ("3", 3.0), ("nan", 1.5), ("-1", 1.5), ("inf", 1.5), ("1e9", 10.0),
     ("Wed, 21 Oct 2015 07:28:00 GMT", 1.5)],
)  # fmt: skip
def test_retry_after(header: str | None, expected: float) -> None:
    assert client.retry_after(header, 1.5) == expected


def test_next_with_a_control_character_stops(api: Any) -> None:
    behaviour, base, _ = api
    behaviour["next"] = {1: f"{base}/api/aids/?page=2\x1b[2J"}
    with pytest.raises(CatalogError, match=r"\\x1b\[2J"):
        walk(base)


def test_a_dead_server_is_given_up(tmp_path: Path) -> None:
    pauses: list[float] = []
    with pytest.raises(CatalogError, match="ne répond pas"):
        list(client.pages("http://127.0.0.1:9/api/", TOKEN, timeout=1, sleep=pauses.append))
    assert pauses == [0.5, 1.0, 2.0]


@pytest.mark.parametrize(
    "url", ["ftp://example.org/api/", "http://[::1", "not a url", "https://", "http://a b/",
            "https://example.org/\x1b]0;x\x07"],
)  # fmt: skip
def test_bad_api_urls_are_usage_errors(relance: Run, tmp_path: Path, url: str) -> None:
    with pytest.raises(UsageError):
        client.origin(url)
    result = relance(
        "import", "aides-territoires", "--fetch", "--api-url", url, "-o", str(tmp_path / "o.toml"),
        env={"RELANCE_AT_TOKEN": TOKEN},
    )  # fmt: skip
    assert result.exit_code == 2, result.output
    assert "--api-url" in result.stderr and "\x1b" not in result.stderr


@pytest.mark.parametrize("token", ["jéton", "a\x1bb", "tab\there"])
def test_tokens_that_cannot_go_in_a_header(relance: Run, tmp_path: Path, token: str) -> None:
    result = relance(
        "import", "aides-territoires", "--fetch", "-o", str(tmp_path / "o.toml"),
        env={"RELANCE_AT_TOKEN": token},
    )  # fmt: skip
    assert result.exit_code == 2
    assert "RELANCE_AT_TOKEN : jeton invalide" in result.stderr


def test_fetch_through_the_cli_writes_the_catalog_and_reports_progress(
    api: Any, relance: Run, tmp_path: Path
) -> None:
    _, base, _ = api
    out = tmp_path / "aides.toml"
    result = relance(
        "import", "aides-territoires", "--fetch", "--api-url", f"{base}/api/aids/", "-o", str(out),
        env={"RELANCE_AT_TOKEN": TOKEN},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "4 aide(s) lue(s), 4 écrite(s)" in result.stdout
    assert relance("validate", str(out)).exit_code == 0
    progress: list[tuple[int, int | None]] = []
    walk(base, progress=lambda done, total: progress.append((done, total)))
    assert progress == [(2, 4), (4, 4)]
