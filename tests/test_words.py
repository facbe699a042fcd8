"""Words, not ids, in what relance says: applicant types, project types and territories
as French names them (« le Finistère est couvert », « population officielle d'Évron »),
in French and in English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import SHIPPED, Run, plain

from relance_cli.core.vocabulary import Applicant

# Ids that are not words of either language: an unaccented « departement », a hyphenated
# « etablissement-public », the catalog's type ids. An option name (--region) is not a
# sentence and is left out.
RAW_ID = re.compile(
    r"(?<![-\w])(departement|etablissement-public|region|dematerialisation|donnees"
    r"|cooperation|projets-locaux|franceconnect-api)(?![-\w])"
)
ON = ("--as-of", "2021-03-01")
PROFILES = [
    *(("--applicant", a.value, "--population", "400000") for a in Applicant),
    *(("--type", kind) for kind in ("donnees", "projets-locaux", "franceconnect-api")),
    ("--commune", "Évron"),
    ("--departement", "Finistère"),
    ("--region", "Bretagne"),
    ("--epci", "200000172", "--type", "dematerialisation"),
]


def sentences(output: str) -> list[str]:
    """The profile line and every reason of a table with --explain."""
    text = plain(output)
    profile = text.split("\nVerdict", 1)[0].split("\n\n", 1)[0]
    reasons = [line for line in text.splitlines() if re.match(r"\s+[✓✗?] ", line)]
    return [profile, *reasons]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("profile", PROFILES, ids=" ".join)
def test_no_raw_id_inside_a_sentence(relance: Run, profile: tuple[str, ...], lang: str) -> None:
    result = relance("--lang", lang, "match", *profile, "--all", "--explain", *ON)
    assert result.exit_code == 0, result.output
    found = [line for line in sentences(result.stdout) if RAW_ID.search(line)]
    assert found == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_raw_id_in_the_reasons_given_to_scripts(run_json: Run, lang: str) -> None:
    document = run_json("--lang", lang, "match", "--type", "donnees", "--all", *ON)
    texts = [reason["text"] for r in document["results"] for reason in r["reasons"]]
    assert texts
    assert [text for text in texts if RAW_ID.search(text)] == []


@pytest.mark.parametrize(
    ("option", "name", "expected"),
    [
        ("--commune", "Évron", "population officielle d'Évron, INSEE"),
        ("--commune", "Évron", "dispositif national : la commune d'Évron est couverte"),
        ("--commune", "Laval", "dispositif national : la commune de Laval est couverte"),
        ("--region", "Bretagne", "dispositif national : la Bretagne est couverte"),
        ("--region", "Hauts-de-France", "dispositif national : la région Hauts-de-France est"),
        ("--departement", "Finistère", "dispositif national : le Finistère est couvert"),
        ("--departement", "Ain", "dispositif national : l'Ain est couvert"),
        ("--departement", "Landes", "dispositif national : le département des Landes est"),
        ("--departement", "Mayotte", "dispositif national : Mayotte est couverte"),
    ],
)
def test_territories_are_named_as_french_does(
    relance: Run, option: str, name: str, expected: str
) -> None:
    result = relance("match", option, name, "--all", "--explain", *ON)
    assert expected in " ".join(plain(result.stdout).split())


def test_the_profile_names_the_applicant_and_the_project_type(relance: Run) -> None:
    args = ("--applicant", "etablissement-public", "--type", "donnees", *ON)
    out = " ".join(plain(relance("match", *args).stdout).split())
    assert "candidat établissement public" in out
    assert "type « Meilleur usage des données (IA, open data, archivage, tableaux de bord) »" in out


def test_catalog_cases_name_project_types_too(relance: Run, tmp_path: Path) -> None:
    catalog = tmp_path / "c.toml"
    case = (
        '\n[[test]]\nname = "Données attendues par erreur"\nas_of = 2021-03-01\n'
        'population = 600000\ntypes = ["donnees"]\nexpect = { dematerialisation = "eligible" }\n'
    )
    catalog.write_text(SHIPPED.read_text(encoding="utf-8") + case, encoding="utf-8")
    result = relance("test", str(catalog))
    assert result.exit_code == 1
    reasons = [line for line in plain(result.stdout).splitlines() if line.startswith("    ✗")]
    assert reasons
    assert [line for line in reasons if RAW_ID.search(line)] == []
    assert "finance « Dématérialisation ou amélioration" in " ".join(reasons)
