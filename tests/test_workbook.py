"""`--format xlsx --output FILE`: a workbook a French office opens as it is, with typed
cells; never written to a terminal."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from helpers import Run

ON = ("--as-of", "2021-03-01")


def sheet(path: Path) -> tuple[object, list[object], list[dict[object, object]]]:
    book = openpyxl.load_workbook(path)
    assert len(book.worksheets) == 1
    worksheet = book.active
    header = [cell.value for cell in worksheet[1]]
    rows = [
        {header[k]: cell for k, cell in enumerate(row)} for row in worksheet.iter_rows(min_row=2)
    ]
    return worksheet, header, rows


def test_match_writes_a_typed_workbook(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "r.xlsx"
    args = ("match", "--population", "600000", "--budget", "100000", *ON)
    result = relance(*args, "--format", "xlsx", "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    worksheet, header, rows = sheet(target)
    assert worksheet.title == "Résultats"
    assert worksheet.freeze_panes == "A2"
    assert worksheet.auto_filter.ref == f"A1:Q{len(rows) + 1}"
    assert header[:6] == [
        "Identifiant", "Dispositif", "Verdict", "Raisons", "Codes des raisons",
        "Paramètres des raisons",
    ]  # fmt: skip
    first = rows[0]
    assert first["Verdict"].value == "éligible"
    assert first["Date limite"].value == dt.datetime(2021, 3, 15)
    assert first["Date limite"].number_format == "DD/MM/YYYY"
    assert (first["Taux de cofinancement"].value, first["Taux de cofinancement"].number_format) == (
        0.5,
        "0%",
    )
    assert first["Estimation"].value == 50000
    assert "€" in first["Estimation"].number_format
    link = first["Lien"]
    assert link.hyperlink.target == link.value == "https://incubateur.anct.gouv.fr/relance"


@pytest.mark.parametrize(
    ("command", "title", "header"),
    [
        (("list",), "Dispositifs", "Taux de cofinancement"),
        (("calendar",), "Calendrier", "Étape"),
    ],
)
def test_list_and_calendar_write_workbooks(
    relance: Run, tmp_path: Path, command: tuple[str, ...], title: str, header: str
) -> None:
    target = tmp_path / "out.xlsx"
    result = relance(*command, *ON, "-f", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    worksheet, headers, rows = sheet(target)
    assert worksheet.title == title
    assert header in headers
    assert rows


def test_catalog_text_is_never_a_formula(relance: Run, tmp_path: Path) -> None:
    catalog = tmp_path / "c.toml"
    shipped = Path(__file__).resolve().parents[1] / "schemes.toml"
    text = shipped.read_text(encoding="utf-8")
    catalog.write_text(
        text.replace(
            'title = "Consultation nationale', 'title = "=HYPERLINK(1)Consultation nationale', 1
        ),
        encoding="utf-8",
    )
    target = tmp_path / "l.xlsx"
    result = relance("list", "--catalog", str(catalog), *ON, "-f", "xlsx", "-o", str(target))
    assert result.exit_code == 0, result.output
    _, _, rows = sheet(target)
    cell = rows[0]["Dispositif"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK(1)")


def test_a_workbook_is_refused_on_a_terminal(tmp_path: Path) -> None:
    main, secondary = pty.openpty()
    env = {**os.environ, "RELANCE_CACHE_DIR": str(tmp_path)}
    try:
        done = subprocess.run(
            [sys.executable, "-m", "relance_cli", "list", "--format", "xlsx"],
            stdout=secondary,
            stderr=subprocess.PIPE,
            env=env,
            timeout=60,
            check=False,
        )
    finally:
        os.close(secondary)
        os.close(main)
    assert done.returncode == 2
    assert b"--output FICHIER" in done.stderr


def test_a_workbook_may_go_to_a_pipe(relance: Run) -> None:
    result = relance("list", *ON, "--format", "xlsx")
    assert result.exit_code == 0
    assert result.stdout_bytes.startswith(b"PK")  # a zip, as every .xlsx
