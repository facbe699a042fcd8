"""The profile a project is judged by, built one way for the command line and for the
catalogs' `[[test]]` cases: what was said, completed by the territory named."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from relance_cli.core.places import Territory
from relance_cli.core.vocabulary import Applicant


class Profile(NamedTuple):
    """What the user told us about the project; None means "not said". The population is
    the one given with --population, else the territory's official one."""

    applicant: Applicant | None = None
    population: int | None = None
    kinds: tuple[str, ...] = ()
    territory: Territory | None = None
    official_population: bool = False  # the population is the territory's
    kind_labels: tuple[tuple[str, str], ...] = ()  # (id, label) of the catalogs' types

    def kind_names(self, kinds: Iterable[str]) -> str:
        """Project types as people read them in a sentence: « Données », not `donnees`."""
        labels = dict(self.kind_labels)
        return ", ".join(f"« {labels[k]} »" if k in labels else k for k in kinds)

    @property
    def population_source(self) -> str | None:
        """Where the population comes from: "option" (--population), "territory" (its
        official population) or None."""
        if self.population is None:
            return None
        return "territory" if self.official_population else "option"


def profile(
    *,
    applicant: Applicant | None = None,
    population: int | None = None,
    kinds: Iterable[str] = (),
    territory: Territory | None = None,
    kind_labels: dict[str, str] | None = None,
) -> Profile:
    """The profile: what was said, completed by the territory when one is named (its
    applicant type, and its official population unless a population was given)."""
    if applicant is None and territory is not None:
        applicant = Applicant(territory.scale.value)
    official = population is None and territory is not None and territory.population is not None
    if official and territory is not None:
        population = territory.population
    return Profile(
        applicant=applicant,
        population=population,
        kinds=tuple(kinds),
        territory=territory,
        official_population=official,
        kind_labels=tuple((kind_labels or {}).items()),
    )
