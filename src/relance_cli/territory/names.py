"""Territories as people write them rather than as the official tables do: « St » for
« Saint », a département after a commune's name, the long and usual names of EPCI, the
short names of régions, and the municipal arrondissements of Paris, Lyon and Marseille.

Each rule here is a fact of the official geography or of its common use, never a guess:
the INSEE codes of the arrondissements municipaux, the abbreviations the regions use
themselves (« Région Sud », « AURA »), and the kinds of EPCI of the DGCL's table."""

from __future__ import annotations

import re

# INSEE codes of the arrondissements municipaux, to their commune's: Paris 75101–75120,
# Lyon 69381–69389, Marseille 13201–13216 (Code officiel géographique).
ARRONDISSEMENTS: dict[str, tuple[str, frozenset[str]]] = {
    "751": ("75056", frozenset(f"751{n:02d}" for n in range(1, 21))),
    "693": ("69123", frozenset(f"6938{n}" for n in range(1, 10))),
    "132": ("13055", frozenset(f"132{n:02d}" for n in range(1, 17))),
}

# Région names in use besides the official ones (keys as `name_key` writes them).
REGION_ALIASES = {
    "paca": "93",
    "region sud": "93",
    "sud": "93",
    "aura": "84",
    "ara": "84",
    "idf": "11",
    "ile de france": "11",
    "bfc": "27",
    "centre": "24",
    "cvl": "24",
    "hdf": "32",
    "nord pas de calais picardie": "32",
    "naq": "75",
    "reunion": "04",
    "pdl": "52",
}

# EPCI kinds (the DGCL's: CC, CA, CU, METRO, MET69) and how their names begin.
_KINDS = (
    ("communaute de communes", ("CC",)),
    ("communaute d agglomeration", ("CA",)),
    ("communaute urbaine", ("CU",)),
    ("metropole", ("METRO", "MET69")),
    ("agglomeration", ("CA",)),
    ("agglo", ("CA",)),
    ("cc", ("CC",)),
    ("ca", ("CA",)),
    ("cu", ("CU",)),
)
_ARTICLE = re.compile(r"^(?:de la |de l |du |des |de |d )")
_ACRONYM = re.compile(r"\s*\([^()]*\)")
# Usual names of EPCI that their official one does not contain.
_EPCI_ALIASES = {"grand lyon": "200046977", "grand lyon la metropole": "200046977"}


def _kind_prefix(key: str) -> tuple[str, tuple[str, ...]]:
    for words, kinds in _KINDS:
        if key == words or key.startswith(words + " "):
            return key[len(words) :].strip(), kinds
    return key, ()


def epci_core(key: str) -> str:
    """An EPCI's name without its kind, article and acronym: « cc des coevrons » and
    « communaute de communes des coevrons » are « coevrons »."""
    rest, _ = _kind_prefix(_ACRONYM.sub("", key).strip())
    return _ARTICLE.sub("", rest).strip()


def epci_kinds(key: str) -> tuple[str, ...]:
    """The kinds of EPCI a name's first words say (none when it says none)."""
    return _kind_prefix(key)[1]


def epci_alias(key: str) -> str | None:
    return _EPCI_ALIASES.get(key)


_QUALIFIED = (
    re.compile(r"^(?P<name>.*\S)\s*\((?P<place>[^()]+)\)$"),
    re.compile(r"^(?P<name>.*\D)\s+(?P<place>[0-9][0-9AB][0-9]{0,3})$", re.IGNORECASE),
)


def qualified(given: str) -> tuple[str, str | None]:
    """« Saint-Denis (93) », « Saint-Denis 93 », « Saint-Denis (La Réunion) » or
    « Saint-Denis (93200) »: the name, and what tells it apart (None if nothing)."""
    for pattern in _QUALIFIED:
        found = pattern.match(given.strip())
        if found:
            return found["name"], found["place"].strip()
    return given, None


_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}


def spelled_out(key: str) -> str:
    """« st denis » as the official name writes it: « saint denis »."""
    return " ".join(_ABBREVIATIONS.get(word, word) for word in key.split())
