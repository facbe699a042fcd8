"""An imported aid's perimeter placed on the official geography: its scale and, where the
geography knows the name, the code and the départements it lies in. Water basins, PETR,
SCOT, GAL and other ad hoc perimeters, and names the geography does not hold, stay
"other" (the perimeter rule then says « à vérifier »)."""

from __future__ import annotations

from functools import cache
from typing import Any

from relance_cli.core.vocabulary import Scale
from relance_cli.territory.geography import load
from relance_cli.text import name_key

# Aides-territoires' scale slugs (importers.perimeters.SCALES) to relance's.
SCALES = {
    "commune": Scale.commune,
    "epci": Scale.epci,
    "departement": Scale.departement,
    "region": Scale.region,
    "overseas": Scale.overseas,
    "mainland": Scale.mainland,
    "country": Scale.france,
    "continent": Scale.europe,
    "basin": Scale.other,
    "adhoc": Scale.other,
}


@cache
def area(name: str, scale: str | None, postcodes: tuple[str, ...] = ()) -> dict[str, Any]:
    """The `area` table of a scheme, TOML-ready."""
    ours = SCALES.get(scale or "")
    if (ours is None or scale == "adhoc") and "," in name:
        listed = _listed(name)
        if listed is not None:
            return listed
    if ours is None:  # a name without its scale: a région or a département, perhaps
        return _by_name(name)
    if ours in (Scale.other, Scale.europe, Scale.mainland, Scale.overseas):
        return {"scale": ours.value}
    if ours is Scale.france:
        return {"scale": ours.value if name_key(name) == "france" else Scale.other.value}
    return _placed(ours, name, postcodes)


def _listed(name: str) -> dict[str, Any] | None:
    """« Aveyron, Hérault, Lot, Lozere, Tarn, Tarn-et-Garonne », « Corse, Guadeloupe,
    Guyane… »: a list of whole régions and départements, placed when every one is known
    (as the union of their départements, with no code of its own); else None."""
    departements: list[str] = []
    regions_only = True
    for part in name.split(","):
        found = _by_name(part.strip())
        if "code" not in found:
            return None
        regions_only = regions_only and found["scale"] == Scale.region.value
        departements.extend(d for d in found["departements"] if d not in departements)
    scale = Scale.region if regions_only else Scale.departement
    return {"scale": scale.value, "departements": sorted(departements)}


def _by_name(name: str) -> dict[str, Any]:
    for scale in (Scale.region, Scale.departement):
        found = _placed(scale, name, ())
        if "code" in found:
            return found
    return {"scale": Scale.other.value}


def _placed(scale: Scale, name: str, postcodes: tuple[str, ...]) -> dict[str, Any]:
    geography = load()
    key = name_key(name)
    placed: dict[str, Any] = {"scale": scale.value}
    if scale is Scale.region:
        regions = [r for r in geography.regions.values() if r.key == key]
        if len(regions) == 1:
            placed |= {"code": regions[0].code, "departements": list(regions[0].departements)}
    elif scale is Scale.departement:
        departements = [d for d in geography.departements.values() if d.key == key]
        if len(departements) == 1:
            placed |= {"code": departements[0].code, "departements": [departements[0].code]}
    elif scale is Scale.epci:
        epcis = [e for e in geography.epcis.values() if e.key == key]
        if len(epcis) == 1:
            placed |= {"code": epcis[0].siren, "departements": list(epcis[0].departements)}
    else:
        communes = geography.communes_named(key)
        if postcodes and len(communes) > 1:
            communes = [c for c in communes if set(postcodes) & set(c.postcodes)]
        if len(communes) == 1:
            placed |= {"code": communes[0].code, "departements": [communes[0].departement]}
    return placed
