"""Where a project is and where a scheme applies, and how the two relate.

The user's territory comes from the official geography (`territory`); a scheme's area from
its perimeter (an import's). Both are described by the départements they lie in, which is
enough to tell "inside", "outside" or "partly" for every pair of scales, with the exact
links (a commune's EPCI, an EPCI's communes) where a département is too coarse.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple, Protocol

from relance_cli.core.vocabulary import Applicant, Scale


class Perimeter(Protocol):
    """Where a scheme applies: a catalog's `Area` (model or compiled record) or `Where`."""

    @property
    def scale(self) -> Scale: ...
    @property
    def code(self) -> str | None: ...
    @property
    def departements(self) -> Sequence[str]: ...


class Where(NamedTuple):
    """A perimeter the core makes itself (a perimeter written as text only)."""

    scale: Scale
    code: str | None = None
    departements: tuple[str, ...] = ()


class Territory(NamedTuple):
    """The user's commune, EPCI, département or région, with its official population."""

    scale: Scale
    code: str
    name: str
    population: int | None
    departements: frozenset[str]
    epci: str | None = None  # a commune's EPCI à fiscalité propre
    communes: frozenset[str] = frozenset()  # an EPCI's communes

    @property
    def overseas(self) -> bool:
        return all(code.startswith(("97", "98")) for code in self.departements)


class Fit(StrEnum):
    inside = "inside"  # the area covers the whole territory
    partly = "partly"  # the area covers only a part of it
    outside = "outside"
    unknown = "unknown"  # relance cannot place the area


def fit(area: Perimeter, territory: Territory) -> Fit:
    """Does a scheme's area cover the user's territory?"""
    scale = area.scale
    if scale.national:
        return Fit.inside
    if scale in (Scale.mainland, Scale.overseas):
        overseas = territory.overseas
        return Fit.inside if overseas == (scale is Scale.overseas) else Fit.outside
    if scale is Scale.other or (area.code is None and not area.departements):
        return Fit.unknown
    # No code but départements: a list of whole départements or régions (an import's
    # « Aveyron, Hérault, Lot… »), compared by départements below.
    if scale is territory.scale and area.code == territory.code:
        return Fit.inside
    if territory.scale is Scale.commune and scale is Scale.epci:
        return Fit.inside if territory.epci == area.code else Fit.outside
    if territory.scale in (Scale.commune, Scale.epci) and scale in (Scale.commune, Scale.epci):
        inside = territory.scale is Scale.epci and area.code in territory.communes
        return Fit.partly if inside else Fit.outside
    ours, theirs = territory.departements, frozenset(area.departements)
    if not theirs:
        return Fit.unknown
    if not ours & theirs:
        return Fit.outside
    if scale in (Scale.region, Scale.departement) and ours <= theirs:
        return Fit.inside
    return Fit.partly


# How large an applicant collectivité or groupement is, and a territory.
_SIZE = {Scale.commune: 0, Scale.epci: 1, Scale.departement: 2, Scale.region: 3}
_APPLICANT_SIZE = {
    Applicant.commune: 0,
    Applicant.epci: 1,
    Applicant.departement: 2,
    Applicant.region: 3,
}


def too_large_for(applicant: Applicant, territory: Territory) -> bool:
    """Whether the applicant is larger than the project's territory: a département does
    not carry a project of one commune as a département would (the rules that admit
    « un département entier » would otherwise pass it). A smaller applicant within a
    larger territory (a commune of the département) is a usual question."""
    size = _APPLICANT_SIZE.get(applicant)
    return size is not None and size > _SIZE.get(territory.scale, 3)
