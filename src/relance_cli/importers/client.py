"""Reading the Aides-territoires API page by page, politely and warily.

Politely: one request at a time, a timeout on each, a few retries with a growing pause on
network errors, 429 and 5xx (honouring a sane Retry-After up to a limit).

Warily: the user's token is exchanged for a short-lived JWT at the API's own connexion
route, as the API defines it (MTES-MCT/aides-territoires-symfony: `POST /api/connexion/`
with `X-AUTH-TOKEN`, answered `{"token": JWT}`), and the JWT is sent as a bearer token,
renewed once on 401. Nothing is ever sent to another scheme, host or port than the first
URL's: `next` links and redirects elsewhere stop the import. Each request has one deadline
covering connect, headers and body, and so has the whole import (a server dribbling one
byte a second is cut off, in its headers too), a page may not exceed 64 MiB once
decompressed nor all pages 256 MiB together (the memory an import takes stays bounded;
a catalog relance reads holds at most 32 MiB), a `next` that repeats a page ends the
walk, and every page must be JSON that Python can hold.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx

from relance_cli import __version__, limits
from relance_cli.errors import CatalogError, InputProblem, UsageError
from relance_cli.i18n import _
from relance_cli.importers.deadline import Deadline, transport
from relance_cli.text import UNSAFE, printable

RETRIED = {429, 500, 502, 503, 504}
ATTEMPTS = 4
MAX_PAGES = 2_000
MAX_PAUSE = 10.0
MAX_PAGE_BYTES = limits.MAX_READ_BYTES
PAGE_DEADLINE = 120.0
IMPORT_DEADLINE = 1_800.0
CONNEXION = "/api/connexion/"
MAX_URL = limits.LABEL_MAX  # a longer address could not be saved in a catalog
MAX_IMPORT_BYTES = 256 * 1024 * 1024  # every page's body, summed: memory stays bounded
LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
MIB = 1024 * 1024

Clock = Callable[[], float]


class BadAddress(InputProblem):
    """An API address that is not a plain http(s) URL; the command line says which
    option gave it."""

    def __init__(self, url: object) -> None:
        self.url = str(url)
        super().__init__(_("adresse de l'API"))

    def words(self, subject: str) -> str:
        text = _("{option} : « {url} » n'est pas une adresse http:// ou https:// valide")
        return text.format(option=subject, url=printable(self.url)[:300])


def origin(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL, or `BadAddress` for anything else."""
    try:
        return _origin(url)
    except ValueError:
        raise BadAddress(url) from None


def _origin(url: object) -> tuple[str, str, int]:
    """The one reading of a URL: the standard library's, then checked to be what httpx
    will connect to. Refused (ValueError): anything but http(s), userinfo (`user@`),
    backslashes (browsers read them as `/`, the standard library does not), spaces and
    control characters, IDNA hosts (`☃.example` or `xn--n3h.example`), empty or
    over-long labels. IPv6 addresses keep their brackets."""
    if not isinstance(url, str) or len(url) > MAX_URL or not url.isascii():
        raise ValueError(url)
    if UNSAFE.search(url) or "\\" in url or any(c.isspace() for c in url):
        raise ValueError(url)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or "@" in parts.netloc:
        raise ValueError(url)
    host = _host(parts.netloc, parts.hostname or "")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        seen = httpx.URL(url)
    except Exception as error:  # httpx.InvalidURL is not a ValueError
        raise ValueError(url) from error
    if (seen.scheme, _host(seen.netloc.decode("ascii"), seen.host), seen.port or port) != (
        parts.scheme,
        host,
        port,
    ):
        raise ValueError(url)  # pragma: no cover - the two readings agree on what is accepted
    return parts.scheme, host, port


def _host(netloc: str, host: str) -> str:
    import ipaddress

    if "%" in host:
        raise ValueError(host)  # percent-escapes, or an IPv6 zone (%eth0)
    if netloc.startswith("["):
        return ipaddress.IPv6Address(host).compressed
    with contextlib.suppress(ValueError):
        return str(ipaddress.IPv4Address(host))
    labels = host.removesuffix(".").split(".")
    if len(host) > 253 or not all(LABEL.match(label) for label in labels):
        raise ValueError(host)
    if any(label.startswith("xn--") for label in labels):
        raise ValueError(host)  # IDNA, in Unicode or in Punycode: never the API's host
    return host


def _netloc(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_token(token: str) -> str:
    """A token goes into an HTTP header: printable ASCII only."""
    if not token or not token.isascii() or not token.isprintable():
        raise UsageError(
            _("RELANCE_AT_TOKEN : jeton invalide (caractères ASCII imprimables attendus)")
        )
    return token


class _Walk:
    """One import: its origin, its JWT, its clocks."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        timeout: float,
        page_deadline: float,
        deadline: float,
        pause: float,
        sleep: Callable[[float], None],
        clock: Clock,
    ) -> None:
        self.origin = origin(url)
        self.token = check_token(token)
        self.jwt: str | None = None
        self.timeout = timeout
        self.page_deadline = page_deadline
        self.pause = pause
        self.sleep = sleep
        self.clock = clock
        self.deadline = deadline
        self.ends = clock() + deadline
        self.request = Deadline()
        self.received = 0  # bytes of every body so far

    def same_origin(self, url: str) -> bool:
        try:
            return _origin(url) == self.origin
        except ValueError:
            return False

    def guard(self, request: httpx.Request) -> None:
        """Every request, redirects included: never to another origin."""
        if not self.same_origin(str(request.url)):
            text = _("{url} : redirection vers une autre adresse que l'API ; arrêt")
            raise CatalogError(text.format(url=printable(str(request.url))))

    def connexion_url(self) -> str:
        scheme, host, port = self.origin
        return f"{scheme}://{_netloc(host, port)}{CONNEXION}"

    def login(self, client: httpx.Client) -> None:
        """Exchange the user's token for a JWT; only the connexion route ever sees it."""
        url = self.connexion_url()
        response = self.send(client, "POST", url, {"X-AUTH-TOKEN": self.token})
        if response.status in (401, 403):
            text = _("{url} : jeton refusé ({status}) ; vérifiez RELANCE_AT_TOKEN")
            raise CatalogError(text.format(url=url, status=response.status))
        document = response.json_object(url)
        jwt = document.get("token")
        if response.status != 200 or not isinstance(jwt, str) or not jwt.isascii() or not jwt:
            text = _("{url} : l'API n'a pas donné de jeton de session ({status})")
            raise CatalogError(text.format(url=url, status=response.status))
        self.jwt = jwt

    def get_page(self, client: httpx.Client, url: str) -> dict[str, Any]:
        if self.jwt is None:
            self.login(client)
        for renewed in (False, True):
            response = self.send(client, "GET", url, {"Authorization": f"Bearer {self.jwt}"})
            if response.status == 401 and not renewed:
                self.login(client)  # the JWT expired: renew it once
                continue
            if response.status in (401, 403):
                text = _("{url}: accès refusé ({status}) : vérifiez RELANCE_AT_TOKEN")
                raise CatalogError(text.format(url=url, status=response.status))
            if response.status != 200:
                text = _("{url}: l'API a répondu {status}")
                raise CatalogError(text.format(url=url, status=response.status))
            return response.json_object(url)
        raise AssertionError("unreachable")  # pragma: no cover

    def send(self, client: httpx.Client, method: str, url: str, headers: dict[str, str]) -> _Answer:
        """One request, retried on network errors, 429 and 5xx; the body is read within
        the page's and the import's deadlines and the size cap."""
        for attempt in range(ATTEMPTS):
            last = attempt == ATTEMPTS - 1
            try:
                answer = self.fetch(client, method, url, headers)
            except httpx.HTTPError as error:
                if last:
                    text = _("{url}: l'API ne répond pas ({error}) après {attempts} essais")
                    values = {"url": url, "error": type(error).__name__, "attempts": ATTEMPTS}
                    raise CatalogError(text.format(**values)) from None
                self.wait(self.pause * 2**attempt)
                continue
            if answer.status in RETRIED and not last:
                self.wait(retry_after(answer.retry_after, self.pause * 2**attempt))
                continue
            return answer
        raise AssertionError("unreachable")  # pragma: no cover

    def fetch(
        self, client: httpx.Client, method: str, url: str, headers: dict[str, str]
    ) -> _Answer:
        started = self.clock()
        ends = min(self.ends, started + self.page_deadline)
        if started >= self.ends:
            raise CatalogError(self.too_slow(url))
        self.request.start(ends - started)
        timeout = httpx.Timeout(max(0.1, min(self.timeout, ends - started)))
        try:
            with client.stream(method, url, headers=headers, timeout=timeout) as response:
                body = self.body(response, url, ends)
                status, retry = response.status_code, response.headers.get("Retry-After")
        except httpx.TimeoutException:
            if self.request.passed():
                raise CatalogError(self.too_slow(url)) from None
            raise
        self.received += len(body)
        if self.received > MAX_IMPORT_BYTES:
            text = _("{url}: les réponses de l'API dépassent {limit} Mio en tout ; arrêt")
            raise CatalogError(text.format(url=url, limit=MAX_IMPORT_BYTES // MIB))
        return _Answer(status, body, retry)

    def body(self, response: httpx.Response, url: str, ends: float) -> bytes:
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_PAGE_BYTES:
                text = _("{url}: réponse de plus de {limit} Mio ; arrêt")
                raise CatalogError(text.format(url=url, limit=MAX_PAGE_BYTES // MIB))
            if self.clock() > ends:
                raise CatalogError(self.too_slow(url))
        return bytes(body)

    def too_slow(self, url: str) -> str:
        text = _("{url}: l'API est trop lente (délai de {page} s par page, {total} s en tout)")
        return text.format(url=url, page=round(self.page_deadline), total=round(self.deadline))

    def wait(self, seconds: float) -> None:
        if self.clock() + seconds >= self.ends:
            raise CatalogError(self.too_slow(self.connexion_url()))
        self.sleep(seconds)


class _Answer:
    def __init__(self, status: int, body: bytes, retry: str | None) -> None:
        self.status = status
        self.body = body
        self.retry_after = retry

    def json_object(self, url: str) -> dict[str, Any]:
        try:
            document = json.loads(self.body)
        except RecursionError:
            raise CatalogError(
                _("{url}: JSON trop profondément imbriqué").format(url=url)
            ) from None
        except ValueError:  # not JSON, not UTF-8, or a number Python will not hold
            raise CatalogError(_("{url}: la réponse n'est pas du JSON").format(url=url)) from None
        if not isinstance(document, dict):
            raise CatalogError(
                _("{url}: la réponse n'est pas une page de résultats").format(url=url)
            )
        return document


def retry_after(header: str | None, default: float) -> float:
    """Seconds to wait: the header's when it is a sane number of seconds, capped; the
    default for anything else (a date, "nan", a negative number, nothing)."""
    try:
        seconds = float(header) if header is not None else default
    except ValueError:
        return default
    if not math.isfinite(seconds) or seconds < 0:
        return default
    return min(MAX_PAUSE, seconds)


def pages(
    url: str,
    token: str,
    *,
    timeout: float = 30.0,
    page_deadline: float = PAGE_DEADLINE,
    deadline: float = IMPORT_DEADLINE,
    pause: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    clock: Clock = time.monotonic,
    progress: Callable[[int, int | None], None] | None = None,
) -> Iterator[tuple[str, list[Any]]]:
    """Each page's URL and aids; `progress(aids so far, total)` after each page."""
    walk = _Walk(
        url,
        token,
        timeout=timeout,
        page_deadline=page_deadline,
        deadline=deadline,
        pause=pause,
        sleep=sleep,
        clock=clock,
    )
    headers = {"Accept": "application/json", "User-Agent": f"relance/{__version__}"}
    seen_urls: set[str] = set()
    seen = 0
    with httpx.Client(
        headers=headers,
        timeout=timeout,
        transport=transport(walk.request),
        follow_redirects=True,
        event_hooks={"request": [walk.guard]},
    ) as client:
        for _page in range(MAX_PAGES):
            seen_urls.add(url)
            document = walk.get_page(client, url)
            results = document.get("results")
            if not isinstance(results, list):
                raise CatalogError(_("{url}: réponse sans liste « results »").format(url=url))
            seen += len(results)
            if progress is not None:
                count = document.get("count")
                progress(seen, count if isinstance(count, int) else None)
            yield url, results
            following = document.get("next")
            if following is None:
                return  # the last page
            url = _next_url(walk, url, following)
            if url in seen_urls:
                return  # a link back to a page already read
    raise CatalogError(_("{url}: plus de {pages} pages, arrêt").format(url=url, pages=MAX_PAGES))


def _next_url(walk: _Walk, current: str, following: object) -> str:
    """The next page: a relative link is resolved against the current page, then it must
    be a valid URL of the API's own origin (an invalid one is the server's fault: 1)."""
    from urllib.parse import urljoin

    resolved = urljoin(current, following) if isinstance(following, str) else following
    if not isinstance(resolved, str) or not walk.same_origin(resolved):
        text = _(
            "{url}: le lien vers la page suivante (« {next} ») mène hors de l'API ; "
            "arrêt, le jeton n'est envoyé qu'à l'API"
        )
        raise CatalogError(text.format(url=current, next=printable(str(following))[:200]))
    return resolved
