"""Territories as a new user writes them (issue 22): abbreviations and homonyms, a
département after a name, postal codes, arrondissements municipaux, EPCI by their long
and usual names, régions by their short names, and an applicant larger than its
territory refused."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import Run


def territory(run_json: Any, *args: str) -> dict[str, Any]:
    found: dict[str, Any] = run_json("match", *args)["profile"]["territory"]
    return found


@pytest.mark.parametrize(
    ("option", "given", "code"),
    [
        ("--commune", "Saint-Denis (93)", "93066"),
        ("--commune", "Saint-Denis 93", "93066"),
        ("--commune", "St-Denis (974)", "97411"),
        ("--commune", "Saint-Denis (La Réunion)", "97411"),
        ("--commune", "Saint-Denis (93210)", "93066"),
        ("--commune", "33000", "33063"),  # a postal code: Bordeaux
        ("--commune", "75108", "75056"),  # arrondissements municipaux: Paris, Lyon, Marseille
        ("--commune", "69383", "69123"),
        ("--commune", "13205", "13055"),
        ("--commune", "53097", "53097"),  # an INSEE code first
        ("--epci", "Communauté de communes des Coëvrons", "200033298"),
        ("--epci", "CC des Coëvrons", "200033298"),
        ("--epci", "Coëvrons", "200033298"),
        ("--epci", "communaute de communes des coevrons", "200033298"),
        ("--epci", "Métropole de Lyon", "200046977"),
        ("--epci", "Grand Lyon", "200046977"),
        ("--region", "PACA", "93"),
        ("--region", "Région Sud", "93"),
        ("--region", "AURA", "84"),
        ("--region", "IDF", "11"),
    ],
)
def test_names_as_people_write_them(run_json: Any, option: str, given: str, code: str) -> None:
    assert territory(run_json, option, given)["code"] == code


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--commune", "St-Denis"], "« St-Denis » désigne 4 territoires : 11339 (Aude), "
         "30247 (Gard), 93066 (Seine-Saint-Denis), 97411 (La Réunion) ; donnez le code"),
        (["--commune", "53600"], "le code postal 53600 dessert 6 communes : "
         "Assé-le-Bérenger (53010), Évron (53097), "),
        (["--commune", "Saint-Denys"], "vouliez-vous dire : Saint-Denis (11339, Aude), "
         "Saint-Denis (30247, Gard), Saint-Denis (93066, Seine-Saint-Denis)"),
        (["--commune", "Saint-Denis (99)"], "« Saint-Denis (99) » inconnu"),
        (["--commune", "75121"], "« 75121 » inconnu"),
        (["--epci", "Coevron"], "vouliez-vous dire : CC des Coëvrons (200033298)"),
        (["--epci", "Communauté urbaine des Coëvrons"], "vouliez-vous dire : CC des Coëvrons"),
        (["--region", "PACAA"], "vouliez-vous dire"),
        (["--epci", "Communauté de communes"], "« Communauté de communes » inconnu"),
        (["--commune", "53097", "--applicant", "departement"],
         "--applicant departement : le territoire donné, Évron (commune), est plus petit que "
         "le candidat ; donnez le territoire du candidat (--departement) ou un autre candidat"),
        (["--epci", "Coëvrons", "--applicant", "region"], "plus petit que le candidat"),
        (["--commune", "Lyon", "--applicant", "epci"], "(--epci)"),
    ],
)  # fmt: skip
def test_what_cannot_be_told_is_a_usage_error(relance: Run, args: list[str], message: str) -> None:
    result = relance("match", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_smaller_applicant_in_a_larger_territory_is_a_usual_question(run_json: Any) -> None:
    payload = run_json("match", "--departement", "53", "--applicant", "commune", "--all")
    assert payload["profile"]["applicant"] == "commune"
    assert payload["profile"]["territory"]["code"] == "53"
