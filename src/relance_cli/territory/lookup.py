"""A territory from what a user types: a code (INSEE, SIREN) or a name, without regard to
case, accents, hyphens or apostrophes. An ambiguous name lists its candidates; an unknown
one offers the closest names. Every failure is a usage error (exit 2)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from relance_cli.core.places import Territory
from relance_cli.core.vocabulary import Scale
from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.territory.geography import Commune, Geography, load
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
    departements = geography.departements
    if DEPARTEMENT_CODE.match(given):
        code = given.upper().zfill(2)
        if code not in departements:
            raise _unknown(Scale.departement, given, [])
        found = departements[code]
    else:
        key = name_key(given)
        matches = [d for d in departements.values() if d.key == key]
        if not matches:
            names = {d.key: f"{d.name} ({d.code})" for d in departements.values()}
            raise _unknown(Scale.departement, given, _closest(key, names))
        found = matches[0]
    return Territory(
        Scale.departement, found.code, found.name, found.population, frozenset({found.code})
    )


def _region(geography: Geography, given: str) -> Territory:
    regions = geography.regions
    if REGION_CODE.match(given):
        code = given.zfill(2)
        if code not in regions:
            raise _unknown(Scale.region, given, [])
        found = regions[code]
    else:
        key = name_key(given)
        matches = [r for r in regions.values() if r.key == key]
        if not matches:
            names = {r.key: f"{r.name} ({r.code})" for r in regions.values()}
            raise _unknown(Scale.region, given, _closest(key, names))
        found = matches[0]
    return Territory(
        Scale.region, found.code, found.name, found.population, frozenset(found.departements)
    )
