"""A territory from what a user types: a code (INSEE, SIREN) or a name, without regard to
case, accents, hyphens or apostrophes. An ambiguous name lists its candidates; an unknown
one offers the closest names. Every failure is a usage error (exit 2)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TypeVar

from relance_cli.core.places import Territory
from relance_cli.core.vocabulary import Scale
from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.territory.geography import Commune, Departement, Geography, Region, load
from relance_cli.text import name_key, printable

COMMUNE_CODE = re.compile(r"^[0-9][0-9AB][0-9]{3}$", re.IGNORECASE)
SIREN = re.compile(r"^[0-9]{9}$")
DEPARTEMENT_CODE = re.compile(r"^([0-9]{2,3}|2[AB])$", re.IGNORECASE)
REGION_CODE = re.compile(r"^[0-9]{2,3}$")

OPTIONS = {
    Scale.commune: "--commune",
    Scale.epci: "--epci",
    Scale.departement: "--departement",
    Scale.region: "--region",
}


def find(scale: Scale, text: str) -> Territory:
    """The territory of that scale that `text` names."""
    geography = load()
    given = text.strip()
    if scale is Scale.commune:
        return _commune(geography, given)
    if scale is Scale.epci:
        return _epci(geography, given)
    if scale is Scale.departement:
        return _departement(geography, given)
    return _region(geography, given)


def _unknown(scale: Scale, given: str, close: Iterable[str]) -> UsageError:
    suggestions = list(close)
    option = OPTIONS[scale]
    if suggestions:
        text = _("{option} : « {given} » inconnu ; vouliez-vous dire : {names} ?")
        return UsageError(
            text.format(option=option, given=printable(given), names=", ".join(suggestions))
        )
    text = _("{option} : « {given} » inconnu (ni un code ni un nom de la géographie officielle)")
    return UsageError(text.format(option=option, given=printable(given)))


def _ambiguous(scale: Scale, given: str, candidates: list[str]) -> UsageError:
    text = _("{option} : « {given} » désigne {count} territoires : {candidates} ; donnez le code")
    return UsageError(
        text.format(
            option=OPTIONS[scale],
            given=printable(given),
            count=len(candidates),
            candidates=", ".join(candidates),
        )
    )


def _closest(key: str, names: dict[str, str]) -> list[str]:
    """Up to three names whose keys are close to `key` (names: key -> shown name)."""
    return [names[k] for k in difflib.get_close_matches(key, list(names), n=3, cutoff=0.75)]


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
        found = geography.commune(given)
        if found is None:
            raise _unknown(Scale.commune, given, [])
        return commune_territory(found)
    key = name_key(given)
    named = geography.communes_named(key)
    if len(named) == 1:
        return commune_territory(named[0])
    if named:
        departements = geography.departements
        raise _ambiguous(
            Scale.commune,
            given,
            [f"{c.code} ({departements[c.departement].name})" for c in named],
        )
    keys = geography.commune_keys()
    close = difflib.get_close_matches(key, keys, n=3, cutoff=0.75)
    shown = [f"{c.name} ({c.code})" for k in close for c in geography.communes_named(k)[:1]]
    raise _unknown(Scale.commune, given, shown)


def _epci(geography: Geography, given: str) -> Territory:
    epcis = geography.epcis
    if SIREN.match(given):
        found = [epcis[given]] if given in epcis else []
    else:
        key = name_key(given)
        found = [e for e in epcis.values() if e.key == key]
    if len(found) > 1:
        candidates = [f"{e.siren} ({', '.join(e.departements)})" for e in found]
        raise _ambiguous(Scale.epci, given, candidates)
    if not found:
        names = {e.key: f"{e.name} ({e.siren})" for e in epcis.values()}
        raise _unknown(Scale.epci, given, [] if SIREN.match(given) else _closest(key, names))
    epci = found[0]
    return Territory(
        Scale.epci,
        epci.siren,
        epci.name,
        epci.population,
        frozenset(epci.departements),
        communes=frozenset(geography.members(epci.siren)),
    )


def _departement(geography: Geography, given: str) -> Territory:
    code = given.upper().zfill(2)
    found = _by_code_or_name(Scale.departement, geography.departements, given, code)
    return Territory(
        Scale.departement, found.code, found.name, found.population, frozenset({found.code})
    )


def _region(geography: Geography, given: str) -> Territory:
    found = _by_code_or_name(Scale.region, geography.regions, given, given.zfill(2))
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
