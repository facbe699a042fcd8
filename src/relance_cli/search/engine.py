"""A search of the loaded catalogs: the schemes a query finds, scored, each with an
excerpt around what matched."""

from __future__ import annotations

from typing import TYPE_CHECKING

from relance_cli.search import index
from relance_cli.search.documents import document
from relance_cli.search.excerpt import Excerpt, excerpt

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.models import Scheme
    from relance_cli.search.query import Query


class Found:
    """A plain class: a NamedTuple costs a fraction of a millisecond to define."""

    __slots__ = ("excerpt", "scheme", "score")

    def __init__(self, scheme: Scheme, score: float, excerpt: Excerpt | None = None) -> None:
        self.scheme = scheme
        self.score = score  # bm25, higher is better; only comparable within one search
        self.excerpt = excerpt  # worked out by `with_excerpts`, for the rows shown


class Search:
    """One query over the loaded catalogs. It keeps the index words the query stood for,
    so its excerpts mark exactly what the index found."""

    def __init__(self, loaded: LoadedCatalog, query: Query) -> None:
        self.loaded = loaded
        self.query = query
        self._marked: frozenset[str] = frozenset()  # folded index words, once found

    def find(self) -> list[Found]:
        """Every scheme holding all the required terms and none of the excluded, best
        first, from the index named by the bytes the schemes came from (`loaded.names`)."""
        loaded = self.loaded
        schemes = loaded.schemes
        hits, self._marked = index.search(
            loaded.names,
            [scheme.id for scheme in schemes],
            lambda: [document(scheme, loaded.kinds) for scheme in schemes],
            self.query,
        )
        return [Found(schemes[hit.position], hit.score) for hit in hits]

    def with_excerpts(self, found: list[Found]) -> list[Found]:
        """Each result with its excerpt, worked out once for the schemes whose texts are
        the same (an excerpt reads the title and the body only)."""
        made: dict[tuple[str, ...], Excerpt] = {}
        for item in found:
            doc = document(item.scheme, self.loaded.kinds)
            key = (doc.title, *doc.body)
            passage = made.get(key)
            if passage is None:
                passage = made[key] = excerpt(doc, self._marked)
            item.excerpt = passage
        return found
