"""Aides-territoires categories as relance project kinds (`--type`).

Each category belongs to a theme. The Django API (2021) writes "Thème|Catégorie"; today's
Symfony API writes "Thème / Catégorie", where themes and some categories contain " / "
themselves ("Urbanisme / logement / aménagement / Espaces verts", "Eau et milieux
aquatiques / Cours d'eau / canaux / plans d'eau"). Both give the same kind, named after the
category (`economie-circulaire`), with the theme kept in its label for display.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from relance_cli.limits import IDENTIFIER_MAX
from relance_cli.text import fold

# The themes of Aides-territoires (the same in both generations), to split "Thème /
# Catégorie" where the category itself holds a " / ". A theme not listed here is taken to
# end at the last " / ".
THEMES = (
    "Culture et identité collective / patrimoine / sports",
    "Développement économique / production et consommation",
    "Eau et milieux aquatiques",
    "Énergies / Déchets",
    "Fonctions support",
    "Mobilité / transports",
    "Nature / environnement",
    "Solidarités / lien social",
    "Urbanisme / logement / aménagement",
)
_THEME_PREFIXES = sorted((fold(theme) + " / " for theme in THEMES), key=len, reverse=True)
ID_MAX = IDENTIFIER_MAX  # the catalog's identifier limit


@dataclass(frozen=True)
class AidCategory:
    theme: str
    name: str
    # Two spellings of one category ("Economie circulaire", "Économie circulaire") are
    # one category.
    key: tuple[str, str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", (fold(self.theme), fold(self.name)))

    @property
    def label(self) -> str:
        """ "Thème › Catégorie", as relance shows a kind."""
        return f"{self.theme} › {self.name}" if self.theme else self.name


@lru_cache(maxsize=4096)  # an import repeats the same few hundred categories
def parse_category(text: str) -> AidCategory | None:
    """The theme and category of "Thème|Catégorie" or "Thème / Catégorie"; None when no
    category name is left (e.g. "|")."""
    if "|" in text:
        theme, _bar, name = text.partition("|")
    else:
        folded = fold(text)
        prefix = next((p for p in _THEME_PREFIXES if folded.startswith(p)), None)
        if prefix is not None:
            theme, name = _split_at(text, len(prefix.removesuffix(" / ")))
        else:
            theme, _slash, name = text.rpartition(" / ")
    theme, name = " ".join(theme.split()), " ".join(name.split())
    if not name:
        return None
    return AidCategory(theme, name)


def _split_at(text: str, length: int) -> tuple[str, str]:
    """Split after the theme, `length` characters long once folded (folding keeps the
    length of the French themes); if the text says otherwise, at its last " / "."""
    if text[length : length + 3] == " / ":
        return text[:length], text[length + 3 :]
    theme, _slash, name = text.rpartition(" / ")
    return theme, name


@lru_cache(maxsize=4096)
def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "x"


def _bounded(identifier: str) -> str:
    """An identifier within the catalog's limit; a long one keeps its start and a short
    hash of the whole, so two long names never end up alike."""
    if len(identifier) <= ID_MAX:
        return identifier
    digest = hashlib.sha1(identifier.encode()).hexdigest()[:8]
    return identifier[: ID_MAX - 9].rstrip("-") + "-" + digest


def kind_ids(categories: Iterable[AidCategory]) -> dict[tuple[str, str], str]:
    """A kind id for each category: its name as a slug; where different categories (under
    different themes) give the same slug, each of them is qualified by its theme, and any
    remaining tie is numbered in sorted order. The same categories always get the same
    ids, whatever the order they come in."""
    by_slug: dict[str, set[tuple[str, str]]] = defaultdict(set)
    names: dict[tuple[str, str], AidCategory] = {}
    for category in categories:
        names.setdefault(category.key, category)
        by_slug[_bounded(slug(category.name))].add(category.key)
    ids: dict[tuple[str, str], str] = {}
    taken: set[str] = {plain for plain, keys in by_slug.items() if len(keys) == 1}
    for plain, keys in sorted(by_slug.items()):
        if len(keys) == 1:
            ids[next(iter(keys))] = plain
            continue
        for key in sorted(keys):
            category = names[key]
            candidate = _bounded(slug(f"{category.name} {category.theme}"))
            number = 1
            unique = candidate
            while unique in taken:
                number += 1
                unique = _bounded(f"{candidate}-{number}")
            taken.add(unique)
            ids[key] = unique
    return ids
