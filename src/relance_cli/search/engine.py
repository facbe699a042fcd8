"""A search of the loaded catalogs: the schemes a query finds, scored, each with an
excerpt around what matched."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from relance_cli.search import index
from relance_cli.search.documents import document
from relance_cli.search.excerpt import Excerpt, excerpt
from relance_cli.search.query import Query

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.models import Scheme


class Found(NamedTuple):
    scheme: Scheme
    score: float  # bm25, higher is better; only comparable within one search
    excerpt: Excerpt | None  # worked out with `with_excerpts`, for the rows shown


def find(loaded: LoadedCatalog, query: Query) -> list[Found]:
    """Every scheme holding all the required terms and none of the excluded, best first,
    from the index named by the bytes the schemes came from (`loaded.names`)."""
    schemes = loaded.schemes
    ids = [scheme.id for scheme in schemes]
    hits = index.search(
        loaded.names,
        ids,
        lambda: [document(scheme, loaded.kinds) for scheme in schemes],
        query,
    )
    return [Found(schemes[hit.position], hit.score, None) for hit in hits]


def with_excerpts(found: list[Found], kinds: dict[str, str], query: Query) -> list[Found]:
    """Each result with its excerpt, worked out once for the schemes whose texts are the
    same (an excerpt reads the title and the body only)."""
    wanted = query.stems
    made: dict[tuple[str, ...], Excerpt] = {}
    shown = []
    for item in found:
        doc = document(item.scheme, kinds)
        key = (doc.title, *doc.body)
        passage = made.get(key)
        if passage is None:
            passage = made[key] = excerpt(doc, wanted)
        shown.append(item._replace(excerpt=passage))
    return shown
