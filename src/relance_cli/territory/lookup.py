"""A territory from what a user types: a code (INSEE, SIREN, postal), or a name as people
write it, without regard to case, accents, hyphens or apostrophes: « St-Denis »,
« Saint-Denis (93) », « Communauté de communes des Coëvrons », « Coëvrons », « PACA ».
An ambiguous name lists its candidates; an unknown one offers the closest names. Every
failure is a `territory.problems.TerritoryProblem`, which its reader words."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TypeVar

from relance_cli.core.places import Territory
from relance_cli.core.vocabulary import Scale
from relance_cli.territory.geography import (
    Commune,
    Departement,
    Epci,
    Geography,
    Region,
    load,
)
from relance_cli.territory.names import (
    ARRONDISSEMENTS,
    REGION_ALIASES,
    epci_alias,
    epci_core,
    epci_kinds,
    qualified,
    spelled_out,
)
from relance_cli.territory.problems import (
    AmbiguousTerritory,
    SharedPostcode,
    UnknownTerritory,
)
from relance_cli.text import name_key

COMMUNE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$", re.IGNORECASE)
SIREN = re.compile(r"^[0-9]{9}$")
DEPARTEMENT_CODE = re.compile(r"^([0-9]{2,3}|2[AB])$", re.IGNORECASE)
REGION_CODE = re.compile(r"^[0-9]{2,3}$")


def find(scale: Scale, text: str) -> Territory:
    """The territory of that scale that `text` names; a `TerritoryProblem` otherwise."""
    geography = load()
    given = text.strip()
    if scale is Scale.commune:
        return _commune(geography, given)
    if scale is Scale.epci:
        return _epci(geography, given)
    if scale is Scale.departement:
        return _departement(geography, given)
    return _region(geography, given)


def _unknown(scale: Scale, given: str, close: Iterable[str]) -> UnknownTerritory:
    return UnknownTerritory(scale, given, list(close))


def _ambiguous(scale: Scale, given: str, candidates: list[str]) -> AmbiguousTerritory:
    return AmbiguousTerritory(scale, given, candidates)


def _closest(key: str, names: dict[str, str], cutoff: float = 0.75) -> list[str]:
    """Up to three names whose keys are close to `key` (names: key -> shown name)."""
    return [names[k] for k in difflib.get_close_matches(key, list(names), n=3, cutoff=cutoff)]


def commune_territory(commune: Commune) -> Territory:
    return Territory(
        Scale.commune,
        commune.code,
        commune.name,
        commune.population,
        frozenset({commune.departement}),
        epci=commune.epci,
    )


def _commune(geography: Geography, given: str) -> Territory:
    if COMMUNE_CODE.match(given):
        return commune_territory(_commune_by_code(geography, given))
    key = name_key(given)
    named = geography.communes_named(key)  # some official names hold a parenthesis
    if not named:
        name, qualifier = qualified(given)
        key = name_key(name)
        named = geography.communes_named(key) or geography.communes_named(spelled_out(key))
        if named and qualifier:
            named = [c for c in named if _in_place(geography, c, qualifier)]
    if len(named) == 1:
        return commune_territory(named[0])
    if named:
        raise _ambiguous(Scale.commune, given, _communes_shown(geography, named))
    keys = geography.commune_keys()
    close = dict.fromkeys(difflib.get_close_matches(spelled_out(key), keys, n=6, cutoff=0.75))
    candidates = [c for k in list(close)[:3] for c in geography.communes_named(k)]
    raise _unknown(Scale.commune, given, _communes_shown(geography, candidates, names=True)[:6])


def _communes_shown(
    geography: Geography, communes: list[Commune], names: bool = False
) -> list[str]:
    """Each commune once, with its département, which tells homonyms apart."""
    departements = geography.departements
    return [
        f"{c.name} ({c.code}, {departements[c.departement].name})"
        if names
        else f"{c.code} ({departements[c.departement].name})"
        for c in communes
    ]


def _in_place(geography: Geography, commune: Commune, qualifier: str) -> bool:
    """Whether « Nom (93) », « Nom 93 », « Nom (Seine-Saint-Denis) » or « Nom (93200) »
    fits this commune."""
    code = qualifier.upper().zfill(2)
    if code == commune.departement or qualifier in commune.postcodes:
        return True
    departement = geography.departements.get(commune.departement)
    return departement is not None and departement.key == name_key(qualifier)


def _commune_by_code(geography: Geography, given: str) -> Commune:
    """An INSEE code; else a municipal arrondissement's (Paris, Lyon, Marseille: their
    commune); else a postal code, which may serve several communes."""
    found = geography.commune(given)
    if found is not None:
        return found
    city = ARRONDISSEMENTS.get(given.upper()[:3])
    if city is not None and given.upper() in city[1]:
        found = geography.commune(city[0])
        assert found is not None
        return found
    served = geography.communes_with_postcode(given)
    if len(served) == 1:
        return served[0]
    if served:
        raise SharedPostcode(given, [f"{c.name} ({c.code})" for c in served])
    raise _unknown(Scale.commune, given, [])


def _epci(geography: Geography, given: str) -> Territory:
    epcis = geography.epcis
    key = name_key(given)
    if SIREN.match(given):
        found = [epcis[given]] if given in epcis else []
    else:
        found = _epcis_named(epcis, key)
    if len(found) > 1:
        homonyms = len({e.name for e in found}) == 1
        candidates = [
            f"{'' if homonyms else e.name + ' : '}{e.siren} ({', '.join(e.departements)})"
            for e in found
        ]
        raise _ambiguous(Scale.epci, given, candidates)
    if not found:
        names = {e.key: f"{e.name} ({e.siren})" for e in epcis.values()}
        names |= {epci_core(e.key): f"{e.name} ({e.siren})" for e in epcis.values()}
        # EPCI names are long, and people write part of them: a looser cutoff.
        close = [] if SIREN.match(given) else _closest(epci_core(key) or key, names, 0.6)
        raise _unknown(Scale.epci, given, list(dict.fromkeys(close)))
    epci = found[0]
    return Territory(
        Scale.epci,
        epci.siren,
        epci.name,
        epci.population,
        frozenset(epci.departements),
        communes=frozenset(geography.members(epci.siren)),
    )


def _epcis_named(epcis: dict[str, Epci], key: str) -> list[Epci]:
    """By the official short name (« CC des Coëvrons »), the long one (« Communauté de
    communes des Coëvrons »), the name alone (« Coëvrons »), or a usual name (« Grand
    Lyon »); a kind given (CC, CA, CU, métropole) must be the EPCI's."""
    exact = [e for e in epcis.values() if e.key == key]
    if exact:
        return exact
    alias = epci_alias(key)
    if alias is not None and alias in epcis:
        return [epcis[alias]]
    core, kinds = epci_core(key), epci_kinds(key)
    if not core:
        return []
    return [
        e for e in epcis.values() if epci_core(e.key) == core and (not kinds or e.kind in kinds)
    ]


def _departement(geography: Geography, given: str) -> Territory:
    code = given.upper().zfill(2)
    found = _by_code_or_name(Scale.departement, geography.departements, given, code)
    return Territory(
        Scale.departement, found.code, found.name, found.population, frozenset({found.code})
    )


def _region(geography: Geography, given: str) -> Territory:
    regions, key = geography.regions, name_key(given)
    usual = REGION_ALIASES.get(key)
    if (
        usual is None
        and not REGION_CODE.match(given)
        and all(r.key != key for r in regions.values())
    ):
        names = {r.key: f"{r.name} ({r.code})" for r in regions.values()}
        names |= {alias: f"{regions[c].name} ({c})" for alias, c in REGION_ALIASES.items()}
        raise _unknown(Scale.region, given, list(dict.fromkeys(_closest(key, names))))
    code = usual or given.zfill(2)
    found = _by_code_or_name(Scale.region, geography.regions, usual or given, code)
    return Territory(
        Scale.region, found.code, found.name, found.population, frozenset(found.departements)
    )


Area = TypeVar("Area", Departement, Region)
CODE_SHAPES = {Scale.departement: DEPARTEMENT_CODE, Scale.region: REGION_CODE}


def _by_code_or_name(scale: Scale, areas: dict[str, Area], given: str, code: str) -> Area:
    """A département or a région: by its code (`code`: `given` padded) when `given` is
    shaped like one, else by its folded name, unique at these scales."""
    if CODE_SHAPES[scale].match(given):
        if code not in areas:
            raise _unknown(scale, given, [])
        return areas[code]
    key = name_key(given)
    matches = [area for area in areas.values() if area.key == key]
    if not matches:
        names = {area.key: f"{area.name} ({area.code})" for area in areas.values()}
        raise _unknown(scale, given, _closest(key, names))
    return matches[0]
