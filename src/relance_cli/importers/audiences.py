"""Who may apply, from the audience labels of Aides-territoires, both API generations.

The labels are those the API sends in `targeted_audiences`: the Django API of 2021–2023
(`src/aids/constants.py` of MTES-MCT/aides-territoires: plural labels, "EPCI à fiscalité
propre" until February 2022, then "Intercommunalités / Pays") and today's Symfony API
(organization types of MTES-MCT/aides-territoires-symfony: singular labels, "Etablissement
public dont services de l'Etat" since March 2024), and the slugs of both, which older pages
and filters use. Labels are compared without regard to case, accents, plural "s",
apostrophes, quotes or other punctuation, so "Collectivité d’outre-mer à statut
particulier" is "Collectivités d'outre-mer à statuts particuliers".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from relance_cli.core.vocabulary import Applicant, Category
from relance_cli.text import fold


@dataclass(frozen=True)
class Audience:
    """What a label means for relance: the category that may apply and the applicant types
    it names (all those of the category for a generic label such as "Groupements de
    collectivités"). No category: someone relance does not advise (a private person, a
    farmer), named by `show` but never judged."""

    category: Category | None
    applicant: Applicant | None = None

    @property
    def applicants(self) -> tuple[Applicant, ...]:
        if self.applicant is not None:
            return (self.applicant,)
        return tuple(a for a in Applicant if a.category is self.category)


COMMUNE = Audience(Category.collectivite, Applicant.commune)
DEPARTEMENT = Audience(Category.collectivite, Applicant.departement)
REGION = Audience(Category.collectivite, Applicant.region)
# Corse, Guyane, Martinique, Mayotte, Polynésie…: told apart, so that a mainland
# applicant's refusal stays a refusal.
OVERSEAS = Audience(Category.collectivite, Applicant.outre_mer)
EPCI = Audience(Category.groupement, Applicant.epci)
SYNDICAT = Audience(Category.groupement, Applicant.syndicat)
GROUPEMENT = Audience(Category.groupement)
PUBLIC_BODY = Audience(Category.etablissement_public, Applicant.etablissement_public)
ASSOCIATION = Audience(Category.partenaire, Applicant.association)
COMPANY = Audience(Category.partenaire, Applicant.entreprise)  # private or publique locale
RESEARCH = Audience(Category.partenaire, Applicant.recherche)
NOT_SERVED = Audience(None)

LABELS: dict[str, Audience] = {
    # Django API, 2021-06 to 2023 (plural labels)
    "Communes": COMMUNE,
    "EPCI à fiscalité propre": EPCI,
    "Intercommunalités / Pays": EPCI,
    "Départements": DEPARTEMENT,
    "Régions": REGION,
    "Collectivités d'outre-mer à statuts particuliers": OVERSEAS,
    "Associations": ASSOCIATION,
    "Particuliers": NOT_SERVED,
    "Agriculteurs": NOT_SERVED,
    "Entreprises privées": COMPANY,
    "Entreprises publiques locales (Sem, Spl, SemOp)": COMPANY,
    "Entreprises publiques locales (sociétés d'économie mixte, publiques locales et "
    "locales d'aménagement)": COMPANY,  # its wording in January 2021
    "Établissements publics (écoles, bibliothèques…) / Services de l'État": PUBLIC_BODY,
    "Recherche": RESEARCH,
    # Symfony API, 2023-12 on (singular labels)
    "Commune": COMMUNE,
    "Intercommunalité / Pays": EPCI,
    "Département": DEPARTEMENT,
    "Région": REGION,
    "Collectivité d’outre-mer à statut particulier": OVERSEAS,
    "Établissement public": PUBLIC_BODY,  # until the rename of 2024-03-22
    "Etablissement public dont services de l'Etat": PUBLIC_BODY,
    "Entreprise publique locale (Sem, Spl, SemOp)": COMPANY,
    "Association": ASSOCIATION,
    "Entreprise privée": COMPANY,
    "Particulier": NOT_SERVED,
    "Agriculteur": NOT_SERVED,
    # slugs (Django's with "_", Symfony's with "-": both fold alike)
    "commune": COMMUNE,
    "epci": EPCI,
    "department": DEPARTEMENT,
    "departement": DEPARTEMENT,
    "region": REGION,
    "special": OVERSEAS,
    "public_org": PUBLIC_BODY,
    "public_cies": COMPANY,
    "association": ASSOCIATION,
    "private_sector": COMPANY,
    "private_person": NOT_SERVED,
    "farmer": NOT_SERVED,
    "researcher": RESEARCH,
    # words relance's own catalogs and earlier imports use
    "Intercommunalités": EPCI,
    "Syndicats": SYNDICAT,
    "Syndicats mixtes": SYNDICAT,
    "Groupements de collectivités": GROUPEMENT,
    "Collectivités d'outre-mer": OVERSEAS,
    "Entreprises publiques locales": COMPANY,
}


def audience_key(label: str) -> str:
    """The label's words, folded: case, accents, punctuation (straight or curly
    apostrophes, quotes, slashes, parentheses) and each word's plural "s" ignored."""
    words = re.findall(r"[a-z0-9]+", fold(label))
    return " ".join(w.removesuffix("s") if len(w) > 3 else w for w in words)


AUDIENCES: dict[str, Audience] = {audience_key(label): aud for label, aud in LABELS.items()}


@lru_cache(maxsize=1024)  # an import repeats the same dozen labels
def recognise(label: str) -> Audience | None:
    """What the label means, or None when relance does not know it."""
    return AUDIENCES.get(audience_key(label))
