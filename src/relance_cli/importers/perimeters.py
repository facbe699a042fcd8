"""Where an aid applies: its Aides-territoires perimeter as a name and a scale.

The Django API writes the perimeter as one string, the name followed by its scale for the
scales up to the région ("Nouvelle-Aquitaine (Région)", "CC des Coëvrons (EPCI)",
"Loire-Bretagne (Bassin hydrographique)", "Paris (Commune – 75001, 75002)") and the bare
name above it ("France", "Europe", "Outre-mer", and ad-hoc perimeters named as their
authors typed them, some with a parenthesis of their own: "Est Ensemble (EPT)"). Today's
Symfony API sends the bare name, and since June 2024 the scale apart in `perimeter_scale`.
"""

from __future__ import annotations

import re
from typing import Any

from relance_cli.text import UNSAFE, fold

# Scale slugs, those of Aides-territoires (Django's `Perimeter.SCALES`).
SCALES = (
    "commune",
    "epci",
    "basin",
    "departement",
    "region",
    "overseas",
    "mainland",
    "adhoc",
    "country",
    "continent",
)

# The scale words of both generations, folded: Django's suffixes and Symfony's
# `perimeter_scale` ('Commune' and 'EPCI' until May 2024, lowercase since).
_SCALE_WORDS = {
    "commune": "commune",
    "epci": "epci",
    "bassin hydrographique": "basin",
    "departement": "departement",
    "region": "region",
    "outre-mer": "overseas",
    "metropole": "mainland",
    "ad-hoc": "adhoc",
    "adhoc": "adhoc",
    "pays": "country",
    "continent": "continent",
}
# The scales Django names in a suffix: every other suffix belongs to the name.
_SUFFIXED = {"commune", "epci", "basin", "departement", "region"}
# Perimeters above the région that Django writes by their bare name.
_BARE_NAMES = {
    "france": "country",
    "europe": "continent",
    "outre-mer": "overseas",
    "france metropolitaine": "mainland",
    "metropole": "mainland",
}
_SUFFIX = re.compile(r"^(?P<name>.*\S)\s+\((?P<scale>[^()]*)\)$")


def perimeter_of(aid: dict[str, Any]) -> tuple[str, str | None] | None:
    """The perimeter's name and scale (one of SCALES, None when the page does not say),
    or None when the aid has no perimeter."""
    value = aid.get("perimeter")
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    text = " ".join(UNSAFE.sub(" ", value).split())
    if not text:
        return None
    if "perimeter_scale" in aid:  # Symfony, June 2024 on: the bare name and its scale
        scale = aid["perimeter_scale"]
        return text, _SCALE_WORDS.get(fold(scale)) if isinstance(scale, str) else None
    suffixed = _SUFFIX.match(text)
    if suffixed:
        word = fold(suffixed["scale"])
        if word.startswith("commune "):  # "Commune – 75001, 75002"
            word = "commune"
        scale = _SCALE_WORDS.get(word)
        if scale in _SUFFIXED:
            return suffixed["name"], scale
    known = _BARE_NAMES.get(fold(text))
    if known:
        return text, known
    # Django names every scale up to the région in a suffix: a bare name is ad hoc. A
    # Symfony page of before June 2024 says nothing more than the name.
    return text, None if "project_references" in aid else "adhoc"


_POSTCODES = re.compile(r"\(commune\s*[–-]\s*(?P<codes>[0-9 ,]+)\)$", re.IGNORECASE)


def postcodes_of(aid: dict[str, Any]) -> tuple[str, ...]:
    """The postal codes Django writes after a commune's name ("Saint-Denis (Commune –
    93200, 93210)"), which tell communes of the same name apart."""
    value = aid.get("perimeter")
    if isinstance(value, dict):
        value = value.get("name")
    found = _POSTCODES.search(value) if isinstance(value, str) else None
    return tuple(code.strip() for code in found["codes"].split(",")) if found else ()
