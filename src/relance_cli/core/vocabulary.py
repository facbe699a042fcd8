"""The words of the rules: who may apply and what a scheme may leave out of its base.

Plain enums, without Pydantic, so the command line can offer their values at start-up;
the models, the importers and the outputs all take them from here. With them, what the
models and the core both need at run time (`earliest`), so that the core runs on the
compiled records without importing the models.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum
from typing import Protocol

from relance_cli.i18n import N_


class Category(StrEnum):
    """Who may apply, in the source's words: a collectivité, a groupement, a partner."""

    collectivite = "collectivite"
    groupement = "groupement"
    partenaire = "partenaire"
    # Public establishments (libraries, schools…) and State services: Aides-territoires'
    # « Établissements publics (écoles, bibliothèques…) / Services de l'État ».
    etablissement_public = "etablissement-public"

    @property
    def label(self) -> str:
        """Short plural for tables ("collectivités"), to be translated where shown."""
        return _CATEGORY_LABELS[self]


class Applicant(StrEnum):
    """Who applies, as the command line says it (finer than a category)."""

    commune = "commune"
    departement = "departement"
    region = "region"
    epci = "epci"
    syndicat = "syndicat"
    partenaire = "partenaire"  # any partner: the shipped catalog's « leurs partenaires »
    etablissement_public = "etablissement-public"
    # Partners an import tells apart (Aides-territoires' audiences).
    association = "association"
    entreprise = "entreprise"
    recherche = "recherche"
    # A collectivité d'outre-mer à statut particulier (Corse, Guyane, Martinique, Mayotte,
    # Polynésie…): only an overseas or Corsican territory can be one.
    outre_mer = "collectivite-outre-mer"

    @property
    def category(self) -> Category:
        return _CATEGORY_OF[self]

    @property
    def label(self) -> str:
        """Short plural for tables ("communes"), to be translated where shown."""
        return _APPLICANT_LABELS[self]


class CostCategory(StrEnum):
    """Cost categories a scheme may exclude from its base ("hors personnel et matériel")."""

    personnel = "personnel"
    materiel = "materiel"

    @property
    def label(self) -> str:
        return _COST_LABELS[self]


_CATEGORY_LABELS = {
    Category.collectivite: N_("collectivités"),
    Category.groupement: N_("groupements"),
    Category.partenaire: N_("partenaires"),
    Category.etablissement_public: N_("établissements publics"),
}
_CATEGORY_OF = {
    Applicant.commune: Category.collectivite,
    Applicant.departement: Category.collectivite,
    Applicant.region: Category.collectivite,
    Applicant.epci: Category.groupement,
    Applicant.syndicat: Category.groupement,
    Applicant.partenaire: Category.partenaire,
    Applicant.etablissement_public: Category.etablissement_public,
    Applicant.association: Category.partenaire,
    Applicant.entreprise: Category.partenaire,
    Applicant.recherche: Category.partenaire,
    Applicant.outre_mer: Category.collectivite,
}
_APPLICANT_LABELS = {
    Applicant.commune: N_("communes"),
    Applicant.departement: N_("départements"),
    Applicant.region: N_("régions"),
    Applicant.epci: N_("EPCI"),
    Applicant.syndicat: N_("syndicats"),
    Applicant.partenaire: N_("partenaires"),
    Applicant.etablissement_public: N_("établissements publics"),
    Applicant.association: N_("associations"),
    Applicant.entreprise: N_("entreprises"),
    Applicant.recherche: N_("organismes de recherche"),
    Applicant.outre_mer: N_("collectivités d'outre-mer à statut particulier"),
}
_COST_LABELS = {CostCategory.personnel: N_("personnel"), CostCategory.materiel: N_("matériel")}


class Scale(StrEnum):
    """How large an area is: a scheme's perimeter, or the user's territory."""

    europe = "europe"
    france = "france"
    mainland = "france-metropolitaine"
    overseas = "outre-mer"
    region = "region"
    departement = "departement"
    epci = "epci"
    commune = "commune"
    other = "autre"  # a water basin, a PETR, a SCOT, a GAL, an ad hoc grouping…

    @property
    def national(self) -> bool:
        """Covers every French territory."""
        return self in (Scale.europe, Scale.france)

    @property
    def label(self) -> str:
        return _SCALE_LABELS[self]


_SCALE_LABELS = {
    Scale.europe: N_("Europe"),
    Scale.france: N_("France"),
    Scale.mainland: N_("France métropolitaine"),
    Scale.overseas: N_("outre-mer"),
    Scale.region: N_("région"),
    Scale.departement: N_("département"),
    Scale.epci: N_("EPCI"),
    Scale.commune: N_("commune"),
    Scale.other: N_("autre périmètre"),
}


class Verdict(StrEnum):
    """What the rules say of a scheme for a profile (« éligible », « à vérifier »…)."""

    eligible = "eligible"
    possible = "possible"
    ineligible = "ineligible"


class Dated(Protocol):
    """A source as the models and the compiled records both hold it."""

    @property
    def date(self) -> dt.date | None: ...


def earliest(sources: Iterable[Dated]) -> dt.date | None:
    """The date a fact became known by default: that of its earliest dated source."""
    return min((ref.date for ref in sources if ref.date is not None), default=None)
