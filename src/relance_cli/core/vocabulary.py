"""The words of the rules: who may apply and what a scheme may leave out of its base.

Plain enums, without Pydantic, so the command line can offer their values at start-up;
the models, the importers and the outputs all take them from here.
"""

from __future__ import annotations

from enum import StrEnum

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
    partenaire = "partenaire"
    etablissement_public = "etablissement-public"

    @property
    def category(self) -> Category:
        return _CATEGORY_OF[self]


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
}
_COST_LABELS = {CostCategory.personnel: N_("personnel"), CostCategory.materiel: N_("matériel")}
