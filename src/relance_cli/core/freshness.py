"""How fresh a scheme is: when its source first published it and last updated it.

A funding officer who checks every week wants what is new or changed since the last
look; these filters keep a scheme only when its source dates say so. A scheme whose
source gives no such date (the built-in catalog, a hand-written one) is left out by the
filter on that date: nothing says it is recent.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme


def fresh(
    schemes: Iterable[Scheme],
    published_since: date | None = None,
    updated_since: date | None = None,
) -> list[Scheme]:
    """The schemes published on or after `published_since` and updated on or after
    `updated_since` (each bound inclusive; None puts no bound)."""
    kept = []
    for scheme in schemes:
        if published_since is not None and (
            scheme.created is None or scheme.created < published_since
        ):
            continue
        if updated_since is not None and (scheme.updated is None or scheme.updated < updated_since):
            continue
        kept.append(scheme)
    return kept
