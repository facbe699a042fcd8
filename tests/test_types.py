"""`relance types`, and `--type` by id or label: a user finds a project type without
knowing its id by heart."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from helpers import Run

from relance_cli.cli import app

SHIPPED_TYPES = {
    "mutualisation", "dematerialisation", "donnees", "cooperation", "projets-locaux",
    "franceconnect-api", "investigation",
}  # fmt: skip


def test_types_lists_the_shipped_types_with_labels_and_counts(run_json: Any) -> None:
    found = {t["id"]: t for t in run_json("types")["types"]}
    assert set(found) == SHIPPED_TYPES
    assert found["donnees"]["label"].startswith("Meilleur usage des données")
    assert all(t["schemes"] >= 1 for t in found.values())


def test_types_as_a_table_and_as_csv(relance: Run) -> None:
    table = relance("types")
    assert table.exit_code == 0
    assert "projets-locaux" in table.stdout and "Projet numérique local" in table.stdout
    sheet = relance("types", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(sheet.stdout.lstrip("\ufeff"))))
    assert {r["id"] for r in rows} == SHIPPED_TYPES
    assert {r["schemes"] for r in rows} == {"1"}


def test_match_help_hard_codes_no_type() -> None:
    from typer.testing import CliRunner

    text = CliRunner().invoke(app, ["match", "--help"], env={"COLUMNS": "200"}).stdout
    assert "relance types" in text
    options = text.split("Exemples :")[0]  # an example may name one type, never a list
    assert not any(
        kind in options for kind in ("mutualisation", "dematerialisation", "cooperation")
    )


@pytest.mark.parametrize(
    "given",
    ["projets-locaux", "PROJETS LOCAUX", "Projet numérique local : relation à l'usager, "
     "accompagnement et formation des agents, laboratoire d'innovation territoriale"],
)  # fmt: skip
def test_type_by_id_or_label_whatever_the_case_and_accents(run_json: Any, given: str) -> None:
    payload = run_json("match", "--type", given, "--type", "projets-locaux", "--all")
    assert payload["profile"]["types"] == ["projets-locaux"]


def test_an_unknown_type_gets_the_closest_ids_and_labels(relance: Run) -> None:
    result = relance("match", "--type", "donnes")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "« donnes » n'est pas un type de projet" in line
    assert "donnees (Meilleur usage des données" in line
    assert line.endswith("relance types les liste tous")
    far = relance("match", "--type", "zzzz").stderr
    assert "les plus proches" not in far and "relance types" in far
