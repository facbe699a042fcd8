"""The project types of the loaded catalogs: how many schemes each has, and which one a
user means when they type its id or its label, as they remember it."""

from __future__ import annotations

import difflib
from collections import Counter
from typing import TYPE_CHECKING, NamedTuple

from relance_cli.text import name_key

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog

SEPARATOR = "›"  # Aides-territoires' labels: "Thème › Catégorie"


class KindCount(NamedTuple):
    id: str
    label: str
    schemes: int


def counts(loaded: LoadedCatalog) -> list[KindCount]:
    """Every declared type, in the catalogs' order, with its number of schemes (0 too)."""
    used = Counter(kind for scheme in loaded.schemes for kind in scheme.kinds)
    return [KindCount(kind, label, used[kind]) for kind, label in loaded.kinds.items()]


def _names(kind: str, label: str) -> list[str]:
    """What a user may type for a type: its id, its label, the last part of the label."""
    return [name_key(kind), name_key(label), name_key(label.rpartition(SEPARATOR)[2])]


def resolve(value: str, kinds: dict[str, str]) -> str | None:
    """The id whose id, label or label's last part is `value`, case, accents, hyphens and
    apostrophes aside."""
    wanted = name_key(value)
    for kind, label in kinds.items():
        if wanted in _names(kind, label):
            return kind
    return None


def closest(value: str, kinds: dict[str, str], count: int = 3) -> list[str]:
    """The ids nearest to `value`, by their id or their labels: a type whose name holds
    the value first, then by likeness."""
    wanted = name_key(value)
    scored = []
    for kind, label in kinds.items():
        names = _names(kind, label)
        likeness = max(difflib.SequenceMatcher(None, wanted, name).ratio() for name in names)
        holds = any(wanted and wanted in name for name in names)
        scored.append((holds, likeness, kind))
    scored.sort(key=lambda item: (not item[0], -item[1]))
    return [kind for holds, likeness, kind in scored[:count] if holds or likeness >= 0.6]
