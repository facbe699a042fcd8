"""Rules over time: sessions with rules of their own, and the catalog's own verdict cases
(`relance test`), through the command line as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    Run,
    catalog_file,
    follows_output_schema,
    plain,
    scheme,
    shipped_data,
    write_catalog,
)

EPCI_DATA = ("match", "--applicant", "epci", "--population", "350000", "--type", "donnees",
             "--budget", "100000")  # fmt: skip

SMALL = """\
[catalog]
name = "Essai"

[kinds]
numerique = "Numérique"

[[scheme]]
id = "aide"
title = "Aide"
kinds = ["numerique"]

[scheme.eligibility]
applicants = ["collectivite", "groupement"]
min_population = 1000

[scheme.funding]
rate = 0.5

[[scheme.steps]]
name = "Dépôt"
start = 2026-01-01
end = 2026-12-31
accepts_applications = true
"""


def validates(payload: Any, shape: str) -> None:
    follows_output_schema(payload, shape)


# --- the issue's own example ------------------------------------------------------------------


def test_a_350000_epci_data_project_is_eligible_at_75_in_the_second_session(
    run_json: Any,
) -> None:
    autumn = run_json(*EPCI_DATA, "--as-of", "2021-10-15")
    (result,) = autumn["results"]
    assert result["verdict"] == "eligible"
    assert result["session"] == {
        "name": "2e appel à projets", "start": "2021-10-08", "end": "2021-11-22",
        "announced": "2021-09-21",
    }  # fmt: skip
    assert result["estimate"] == {"eligible_base": 100000, "rate": 0.75, "amount": 75000}
    spring = run_json(*EPCI_DATA, "--as-of", "2021-05-01", "--all")
    result = next(r for r in spring["results"] if r["id"] == "donnees")
    assert result["verdict"] == "ineligible"
    assert result["session"]["name"] == "1ère session"
    population = next(r for r in result["reasons"] if r["rule"] == "population")
    assert population["text"].startswith("population concernée 350 000 < environ 500 000 habitants")
    validates(autumn, "match")


def test_the_canonical_answer_in_each_session(relance: Run, run_json: Any) -> None:
    first = run_json("match", "--population", "600000", "--type", "dematerialisation",
                     "--budget", "100000", "--as-of", "2021-05-01")  # fmt: skip
    second = run_json("match", "--population", "600000", "--type", "dematerialisation",
                      "--budget", "100000", "--as-of", "2021-10-15")  # fmt: skip
    assert [r["estimate"]["rate"] for r in first["results"]] == [0.5]
    assert [r["estimate"]["rate"] for r in second["results"]] == [0.75]
    table = plain(relance("match", "--population", "600000", "--type", "dematerialisation",
                          "--as-of", "2021-10-15").stdout)  # fmt: skip
    assert "règles : 2e appel à projets" in table
    assert "population concernée 600 000 ≥ 300 000 habitants" in " ".join(table.split())


def test_between_sessions_the_next_one_judges(run_json: Any) -> None:
    """The open session, else the next to open, else the last one: among the sessions
    announced by then (the second was announced on 21 September 2021)."""
    for day, session in (
        ("2021-02-22", "1ère session"),
        ("2021-05-28", "1ère session"),
        ("2021-05-29", "1ère session"),
        ("2021-09-20", "1ère session"),
        ("2021-09-21", "2e appel à projets"),
        ("2026-11-29", "2e appel à projets"),
    ):
        payload = run_json(*EPCI_DATA, "--as-of", day, "--all")
        result = next(r for r in payload["results"] if r["id"] == "donnees")
        assert result["session"]["name"] == session, day


def test_show_explains_every_session(relance: Run, run_json: Any) -> None:
    args = (
        "show", "donnees", "--population", "350000", "--as-of", "2021-05-01", "--hindsight",
        "--explain",
    )  # fmt: skip
    out = plain(relance(*args).stdout)
    assert "Éligibilité pour ce profil (1ère session) : non éligible" in out
    assert "Session par session" in out
    assert "1ère session, du 25 janvier 2021 au 28 mai 2021 : non éligible" in out
    assert "2e appel à projets, du 8 octobre 2021 au 22 novembre 2021 : éligible" in out
    assert "✓ population concernée 350 000 ≥ 300 000 habitants" in out
    payload = run_json(*args)
    assert [(s["session"]["name"], s["verdict"]) for s in payload["sessions"]] == [
        ("1ère session", "ineligible"),
        ("2e appel à projets", "eligible"),
    ]
    validates(payload, "show")
    # Without --explain, only the session that matters.
    assert "Session par session" not in plain(relance(*args[:-1]).stdout)


def test_show_gives_the_rules_of_the_session_in_force(relance: Run) -> None:
    spring = plain(relance("show", "cooperation", "--as-of", "2021-05-01").stdout)
    autumn = plain(relance("show", "cooperation", "--as-of", "2021-10-15").stdout)
    assert "50 % hors personnel et matériel" in spring
    assert "environ 500 000 habitants concernés" in spring
    assert "75 % hors personnel et matériel" in autumn
    assert "300 000 habitants concernés" in autumn
    assert "Session           2e appel à projets, du 8 octobre 2021 au 22 novembre 2021" in autumn


def test_list_and_csv_follow_the_session(relance: Run) -> None:
    spring = relance("list", "--as-of", "2021-05-01", "--format", "csv").stdout
    autumn = relance("list", "--as-of", "2021-10-15", "--format", "csv").stdout
    assert spring.count(",0.5,") >= 3 and autumn.count(",0.75,") == 3
    match = relance(*EPCI_DATA, "--as-of", "2021-10-15", "--format", "csv").stdout
    header, row = match.lstrip("\ufeff").splitlines()
    assert header.endswith(",session") and row.endswith(",2e appel à projets")


def test_show_lists_every_source_whole(relance: Run) -> None:
    out = relance("show", "dematerialisation", env={"COLUMNS": "60"}).stdout
    lines = out.splitlines()
    sources = lines[lines.index("Sources") + 1 :]
    addresses = [line.strip() for line in sources if line.startswith("  https://")]
    assert addresses[0] == (
        "https://auvergnerhonealpes-livre-lecture.org/articles/bibliotheques-et-collectivites-"
        "focus-sur-les-aides-numeriques-du-plan-de-relance"
    )  # whole on one line, even on a narrow terminal
    assert any("[2e appel à projets]" in line for line in sources)
    assert "https://www.banquedesterritoires.fr/transformation-numerique-des-collectivites-375-" \
           "millions-deuros-attribues-sur-88" in addresses  # fmt: skip


def test_a_field_no_source_gives_is_shown_as_not_given(relance: Run, run_json: Any) -> None:
    out = plain(relance("show", "guichets-prefets").stdout)
    assert "taux non précisé" in out
    payload = run_json("show", "api-franceconnect")
    assert payload["funding"]["rate"] is None
    assert payload["steps"][0]["start"] is None


# --- the catalog format -------------------------------------------------------------------------


def test_session_rules_are_checked_by_validate(relance: Run, tmp_path: Path) -> None:
    text = (
        SMALL
        + """
[[scheme.steps]]
name = "Bilan"
start = 2027-01-01

[scheme.steps.funding]
rate = 0.9

[[scheme.steps]]
name = "Session 2"
start = 2027-02-01
accepts_applications = true

[scheme.steps.funding]
rate_low = 0.6

[scheme.steps.eligibility]
applicants = []
"""
    )
    result = relance("validate", str(write_catalog(tmp_path, text)))
    assert result.exit_code == 1
    out = result.stdout
    assert (
        ':29: scheme "aide": steps[2].funding: étape « Bilan » : seule une étape de dépôt '
        "(accepts_applications = true) peut avoir ses propres règles" in out
    )
    # 0.6 from the session, 0.5 from the scheme: the merged range is out of order
    assert ':38: scheme "aide": steps[3].funding.rate_low: le taux bas ne doit pas dépasser' in out
    assert ':41: scheme "aide": steps[3].eligibility.applicants: au moins un candidat' in out


def test_the_catalog_schema_covers_sessions_sources_and_cases(relance: Run) -> None:
    schema = json.loads(relance("schema").stdout)
    step = schema["$defs"]["Step"]["properties"]
    assert {"eligibility", "funding", "note", "sources"} <= set(step)
    assert "sources" in schema["$defs"]["Scheme"]["properties"]
    assert "test" in schema["properties"]
    case = schema["$defs"]["Case"]["properties"]
    assert {"as_of", "expect", "estimates", "commune"} <= set(case)


# --- relance test -------------------------------------------------------------------------------


def test_the_shipped_cases_pass(relance: Run) -> None:
    result = relance("test")
    assert result.exit_code == 0, result.output
    assert result.stdout == "29 cas réussis (57 vérifications)\n"
    payload = json.loads(relance("test", "--format", "json").stdout)
    assert payload == {"passed": True, "cases": 29, "checks": 57, "failures": []}
    validates(payload, "test")


def test_a_changed_rule_fails_naming_the_case_and_the_rule(relance: Run, tmp_path: Path) -> None:
    changed = shipped_data()
    scheme(changed, "dematerialisation")["steps"][1]["eligibility"]["min_population"] = 400000
    path = catalog_file(tmp_path, changed)
    result = relance("test", str(path))
    assert result.exit_code == 1
    out = plain(result.stdout)
    assert f"✗ Le jour de l'annonce du seuil de 300 000 : la 2e session, à venir, juge le " \
           f"profil ({path})" in out  # fmt: skip
    assert "  dematerialisation (2e appel à projets) : attendu éligible, obtenu non éligible" in out
    assert "    ✗ population concernée 350 000 < 400 000 habitants" in out
    assert out.rstrip().endswith("\n2 en échec sur 57 vérifications (29 cas)")
    payload = json.loads(relance("test", str(path), "--format", "json").stdout)
    validates(payload, "test")
    assert payload["passed"] is False
    miss = payload["failures"][0]
    assert (miss["scheme"], miss["session"], miss["expected"], miss["verdict"]) == (
        "dematerialisation", "2e appel à projets", "eligible", "ineligible",
    )  # fmt: skip
    assert miss["reasons"] == [{
        "rule": "population", "outcome": "fail", "code": "population_below_departement",
        "params": {"population": 350000, "min_population": 400000, "approximate": False},
        "text": "population concernée 350 000 < 400 000 habitants (un projet couvrant tout un "
                "département serait éligible)",
    }]  # fmt: skip


def test_a_changed_rate_fails_on_the_estimate(relance: Run, tmp_path: Path) -> None:
    changed = shipped_data()
    scheme(changed, "dematerialisation")["steps"][1]["funding"]["rate"] = 0.7  # its 2e session
    result = relance("test", str(catalog_file(tmp_path, changed)))
    assert result.exit_code == 1
    out = plain(result.stdout)
    assert (
        "  dematerialisation (2e appel à projets) : estimation attendue 60 000 €, obtenue 56 000 €"
        in out
    )
    assert "1 en échec sur 57 vérifications (29 cas)" in out


def test_cases_with_a_territory_use_its_official_population(relance: Run, tmp_path: Path) -> None:
    case = """
[[test]]
name = "Une commune de 8 252 habitants"
as_of = 2026-06-01
commune = "Évron"
expect = { aide = "eligible" }

[[test]]
name = "La même, trop petite pour 10 000"
as_of = 2026-06-01
commune = "53097"
population = 999
expect = { aide = "ineligible" }
"""
    result = relance("test", str(write_catalog(tmp_path, SMALL + case)))
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 cas réussis (2 vérifications)\n"


def test_a_case_with_an_unknown_place_is_a_catalog_error(relance: Run, tmp_path: Path) -> None:
    case = '\n[[test]]\nname = "Ailleurs"\nas_of = 2026-06-01\ncommune = "Zzyzx"\n' \
           'expect = { aide = "eligible" }\n'  # fmt: skip
    result = relance("test", str(write_catalog(tmp_path, SMALL + case)))
    assert result.exit_code == 1
    line = (SMALL + case).splitlines().index('commune = "Zzyzx"') + 1  # the case's own line
    assert f"catalog.toml:{line} : cas [[test]] « Ailleurs » : commune : « Zzyzx » inconnu" in (
        result.stderr
    )
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ('expect = { autre = "eligible" }', "test[1].expect.autre: dispositif « autre » inconnu"),
        ('expect = { aide = "oui" }', "test[1].expect.aide:"),
        ('types = ["rien"]\nexpect = { aide = "eligible" }', "test[1].types[1]: type de projet"),
        ("expect = {}", "test[1].expect:"),
    ],
)
def test_validate_checks_the_cases(relance: Run, tmp_path: Path, case: str, message: str) -> None:
    text = SMALL + f'\n[[test]]\nname = "Cas"\nas_of = 2026-06-01\n{case}\n'
    path = write_catalog(tmp_path, text)
    for command in ("validate", "test"):
        result = relance(command, str(path))
        assert result.exit_code == 1
        assert message in result.output, (command, result.output)


def test_a_catalog_without_cases_checks_nothing_and_says_so(relance: Run, tmp_path: Path) -> None:
    result = relance("test", str(write_catalog(tmp_path, SMALL)))
    assert result.exit_code == 1
    assert result.stdout == "Aucun cas [[test]] dans ces catalogues : rien n'a été vérifié.\n"
    payload = json.loads(relance("test", str(tmp_path / "catalog.toml"), "--format", "json").stdout)
    assert payload == {"passed": False, "cases": 0, "checks": 0, "failures": []}


def test_test_reads_the_catalogs_of_catalog_option_too(relance: Run, tmp_path: Path) -> None:
    case = '\n[[test]]\nname = "Assez grand"\nas_of = 2026-06-01\npopulation = 1000\n' \
           'expect = { aide = "eligible" }\n'  # fmt: skip
    path = write_catalog(tmp_path, SMALL + case)
    result = relance("test", "--catalog", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("1 cas réussi (1 vérification)")
