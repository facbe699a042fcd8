"""Reading the Aides-territoires API page by page, politely.

One request at a time, a timeout on each, a few retries with a growing pause on network
errors, 429 and 5xx (honouring Retry-After up to a limit), the token sent as a bearer
token, and `next` links followed only while they stay on http(s).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from relance_cli import __version__
from relance_cli.errors import CatalogError
from relance_cli.i18n import _

RETRIED = {429, 500, 502, 503, 504}
ATTEMPTS = 4
MAX_PAGES = 2_000
MAX_PAUSE = 10.0


def pages(
    url: str,
    token: str,
    *,
    timeout: float = 30.0,
    pause: float = 0.5,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[int, int | None], None] | None = None,
) -> Iterator[tuple[str, list[Any]]]:
    """Each page's URL and aids; `progress(aids so far, total)` after each page."""
    headers = {
        "Authorization": f"Bearer {token}",
        "Accept": "application/json",
        "User-Agent": f"relance/{__version__}",
    }
    seen = 0
    with httpx.Client(headers=headers, timeout=timeout, follow_redirects=True) as client:
        for _page in range(MAX_PAGES):
            document = _get(client, url, pause, sleep)
            results = document.get("results")
            if not isinstance(results, list):
                raise CatalogError(_("{url}: réponse sans liste « results »").format(url=url))
            seen += len(results)
            if progress is not None:
                count = document.get("count")
                progress(seen, count if isinstance(count, int) else None)
            yield url, results
            following = document.get("next")
            if not isinstance(following, str) or not following.startswith(("http://", "https://")):
                return
            url = following
    raise CatalogError(_("{url}: plus de {pages} pages, arrêt").format(url=url, pages=MAX_PAGES))


def _get(
    client: httpx.Client, url: str, pause: float, sleep: Callable[[float], None]
) -> dict[str, Any]:
    for attempt in range(ATTEMPTS):
        last = attempt == ATTEMPTS - 1
        try:
            response = client.get(url)
        except httpx.HTTPError as error:
            if last:
                text = _("{url}: l'API ne répond pas ({error}) après {attempts} essais")
                values = {"url": url, "error": type(error).__name__, "attempts": ATTEMPTS}
                raise CatalogError(text.format(**values)) from None
            sleep(pause * 2**attempt)
            continue
        if response.status_code in RETRIED and not last:
            sleep(_wait(response, pause * 2**attempt))
            continue
        if response.status_code in (401, 403):
            text = _("{url}: accès refusé ({status}) : vérifiez RELANCE_AT_TOKEN")
            raise CatalogError(text.format(url=url, status=response.status_code))
        if response.status_code != 200:
            text = _("{url}: l'API a répondu {status}")
            raise CatalogError(text.format(url=url, status=response.status_code))
        try:
            document = response.json()
        except ValueError:
            raise CatalogError(_("{url}: la réponse n'est pas du JSON").format(url=url)) from None
        if not isinstance(document, dict):
            raise CatalogError(
                _("{url}: la réponse n'est pas une page de résultats").format(url=url)
            )
        return document
    raise AssertionError("unreachable")  # pragma: no cover


def _wait(response: httpx.Response, default: float) -> float:
    try:
        return min(MAX_PAUSE, max(0.0, float(response.headers.get("Retry-After", default))))
    except ValueError:
        return default
