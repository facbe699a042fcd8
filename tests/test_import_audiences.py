"""Who may apply, from every audience label of both API generations; a label relance does
not recognise never narrows who may apply."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import Run

from relance_cli.core.vocabulary import Applicant, Category
from relance_cli.importers import aides_territoires as at
from relance_cli.importers.audiences import LABELS, Audience, audience_key, recognise

C, A = Category, Applicant
# Every label the API sends (Django: src/aids/constants.py of MTES-MCT/aides-territoires,
# 2021 and after 2022-02-24; Symfony: organization types of MTES-MCT/aides-territoires-
# symfony, incl. the rename of 2024-03-22), with what relance makes of it.
POLICY: list[tuple[str, Category | None, Applicant | None]] = [
    ("Communes", C.collectivite, A.commune),
    ("EPCI à fiscalité propre", C.groupement, A.epci),
    ("Intercommunalités / Pays", C.groupement, A.epci),
    ("Départements", C.collectivite, A.departement),
    ("Régions", C.collectivite, A.region),
    ("Collectivités d'outre-mer à statuts particuliers", C.collectivite, A.outre_mer),
    ("Associations", C.partenaire, A.association),
    ("Particuliers", None, None),
    ("Agriculteurs", None, None),
    ("Entreprises privées", C.partenaire, A.entreprise),
    ("Entreprises publiques locales (Sem, Spl, SemOp)", C.partenaire, A.entreprise),
    ("Établissements publics (écoles, bibliothèques…) / Services de l'État",
     C.etablissement_public, A.etablissement_public),
    ("Recherche", C.partenaire, A.recherche),
    ("Commune", C.collectivite, A.commune),
    ("Intercommunalité / Pays", C.groupement, A.epci),
    ("Département", C.collectivite, A.departement),
    ("Région", C.collectivite, A.region),
    ("Collectivité d’outre-mer à statut particulier", C.collectivite, A.outre_mer),
    ("Etablissement public dont services de l'Etat", C.etablissement_public,
     A.etablissement_public),
    ("Établissement public", C.etablissement_public, A.etablissement_public),
    ("Entreprise publique locale (Sem, Spl, SemOp)", C.partenaire, A.entreprise),
    ("Association", C.partenaire, A.association),
    ("Entreprise privée", C.partenaire, A.entreprise),
    ("Particulier", None, None),
    ("Agriculteur", None, None),
    # slugs, Django's and Symfony's
    ("commune", C.collectivite, A.commune),
    ("epci", C.groupement, A.epci),
    ("department", C.collectivite, A.departement),
    ("region", C.collectivite, A.region),
    ("special", C.collectivite, A.outre_mer),
    ("public_org", C.etablissement_public, A.etablissement_public),
    ("public-org", C.etablissement_public, A.etablissement_public),
    ("public_cies", C.partenaire, A.entreprise),
    ("public-cies", C.partenaire, A.entreprise),
    ("association", C.partenaire, A.association),
    ("private_sector", C.partenaire, A.entreprise),
    ("private-sector", C.partenaire, A.entreprise),
    ("private_person", None, None),
    ("private-person", None, None),
    ("farmer", None, None),
    ("researcher", C.partenaire, A.recherche),
]  # fmt: skip


@pytest.mark.parametrize(("label", "category", "applicant"), POLICY)
def test_every_label_of_both_generations(
    label: str, category: Category | None, applicant: Applicant | None
) -> None:
    assert recognise(label) == Audience(category, applicant)


@pytest.mark.parametrize(
    ("variant", "label"),
    [
        ("Collectivités d’outre-mer à statuts particuliers",
         "Collectivités d'outre-mer à statuts particuliers"),
        ("Collectivité d‘outre-mer à statut particulier",
         "Collectivités d'outre-mer à statuts particuliers"),
        ("Collectivité dʼoutre-mer à statut particulier",
         "Collectivités d'outre-mer à statuts particuliers"),
        ("«Recherche»", "Recherche"),
        ("« Recherche »", "Recherche"),
        ('"Associations"', "Associations"),
        ("ENTREPRISES PRIVÉES", "Entreprises privées"),
        ("  Etablissements   publics (ecoles, bibliotheques...) / services de l’etat ",
         "Établissements publics (écoles, bibliothèques…) / Services de l'État"),
        ("Epci a fiscalite propre", "EPCI à fiscalité propre"),
    ],
)  # fmt: skip
def test_case_accents_plurals_apostrophes_and_quotes_are_folded(variant: str, label: str) -> None:
    assert audience_key(variant) == audience_key(label)
    assert recognise(variant) == recognise(label) is not None


def test_no_two_labels_fold_alike_with_different_meanings() -> None:
    meaning: dict[str, Audience] = {}
    for label, audience in LABELS.items():
        assert meaning.setdefault(audience_key(label), audience) == audience, label


def test_unknown_labels() -> None:
    assert recognise("Syndicats intercommunaux à vocation unique") is None
    assert recognise("Offices de tourisme") is None


def eligibility(*labels: str) -> tuple[dict[str, Any] | None, at.Report]:
    report = at.Report()
    made = at.to_scheme({"id": 1, "name": "x", "targeted_audiences": list(labels)}, report)
    return (made.scheme["eligibility"] if made else None), report


def test_exact_types_are_always_kept() -> None:
    assert eligibility("EPCI à fiscalité propre", "Entreprises privées")[0] == {
        "applicants": ["groupement", "partenaire"],
        "applicant_types": ["epci", "entreprise"],
    }
    assert eligibility("Communes", "Particuliers")[0] == {  # not served: no narrowing
        "applicants": ["collectivite"],
        "applicant_types": ["commune"],
        "unjudged_audiences": ["Particuliers"],
    }
    assert eligibility("Groupements de collectivités")[0] == {  # every type of the category
        "applicants": ["groupement"],
        "applicant_types": ["epci", "syndicat"],
    }


def test_overseas_collectivities_are_a_type_of_their_own() -> None:
    """Aid 83479 (2021): « Régions, Collectivités d'outre-mer à statuts particuliers »: a
    commune is neither; a département may be one only overseas or in Corsica (see
    test_import_records2)."""
    label = "Collectivités d'outre-mer à statuts particuliers"
    found, report = eligibility("Régions", label)
    assert found == {
        "applicants": ["collectivite"],
        "applicant_types": ["region", "collectivite-outre-mer"],
    }
    assert report.unknown_audiences == {}  # recognised, so not reported


def test_an_unknown_label_never_narrows_and_is_reported_once_per_aid() -> None:
    found, report = eligibility("Communes", "Offices de tourisme", "Offices de tourisme")
    assert found == {
        "applicants": ["collectivite"],
        "applicant_types": ["commune"],
        "other_audiences": ["Offices de tourisme"],
    }
    assert report.unknown_audiences == {"Offices de tourisme": 1}
    alone, _ = eligibility("Syndicats intercommunaux à vocation unique")
    assert alone == {
        "applicants": [],
        "applicant_types": [],
        "other_audiences": ["Syndicats intercommunaux à vocation unique"],
    }


def test_only_unserved_audiences_leave_the_aid_out() -> None:
    found, report = eligibility("Particuliers", "Agriculteurs")
    assert found is None
    assert report.skipped == [
        ("at-1", "aucun public collectivité, groupement, établissement public ou partenaire "
                 "(Particuliers, Agriculteurs)")
    ]  # fmt: skip
    assert report.unknown_audiences == {}
    assert eligibility("Particuliers", "Un public inconnu")[0] == {
        "applicants": [],
        "applicant_types": [],
        "other_audiences": ["Un public inconnu"],
        "unjudged_audiences": ["Particuliers"],
    }


def test_through_match_an_unknown_audience_is_to_check_never_refused(
    relance: Run, tmp_path: Path
) -> None:
    page = tmp_path / "page.json"
    aids = [
        {"id": 1, "name": "Pour les syndicats", "targeted_audiences": ["SIVU"]},
        {"id": 2, "name": "Communes et offices", "targeted_audiences": ["Communes", "Offices"]},
        {"id": 3, "name": "Communes seules", "targeted_audiences": ["Communes"]},
        {"id": 4, "name": "Bibliothèques", "targeted_audiences": [
            "Établissements publics (écoles, bibliothèques…) / Services de l'État"]},
    ]  # fmt: skip
    page.write_text(json.dumps({"results": aids}), encoding="utf-8")
    out = tmp_path / "aides.toml"
    imported = relance("import", "aides-territoires", str(page), "-o", str(out))
    text = "publics non reconnus (gardés ; un refus devient « à vérifier ») : SIVU (1), Offices (1)"
    assert text in imported.stdout
    verdicts = {}
    for applicant in ("epci", "commune", "departement", "etablissement-public"):
        matched = relance("match", "--catalog", str(out), "--applicant", applicant, "--all",
                          "--format", "json")  # fmt: skip
        for result in json.loads(matched.stdout)["results"]:
            verdicts[result["id"], applicant] = result["verdict"]
    assert verdicts["at-1", "epci"] == "possible"
    assert verdicts["at-2", "epci"] == "possible"
    assert verdicts["at-2", "commune"] == "eligible"
    assert verdicts["at-2", "departement"] == "possible"
    assert verdicts["at-3", "epci"] == "ineligible"
    assert verdicts["at-4", "etablissement-public"] == "eligible"
    assert verdicts["at-4", "commune"] == "ineligible"
