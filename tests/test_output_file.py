"""`--output FILE` for every format, with the safety of import (never over a file
without --force, never into a device or a folder), and CSV in its two dialects."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from helpers import Run

ON = ("--as-of", "2021-03-01")


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("command", [("list",), ("match", "--population", "600000"), ("calendar",)])
def test_output_writes_what_would_be_printed(
    relance: Run, tmp_path: Path, fmt: str, command: tuple[str, ...]
) -> None:
    printed = relance(*command, *ON, "--format", fmt)
    target = tmp_path / f"out.{fmt}"
    written = relance(*command, *ON, "--format", fmt, "--output", str(target))
    assert written.exit_code == 0, written.output
    assert written.stdout == ""
    assert target.read_bytes() == printed.stdout_bytes


def test_show_writes_to_a_file(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "show.json"
    result = relance("show", "donnees", *ON, "-f", "json", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text(encoding="utf-8"))["id"] == "donnees"


def test_an_existing_file_is_replaced_only_with_force(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "list.csv"
    target.write_text("mine", encoding="utf-8")
    refused = relance("list", "-f", "csv", "-o", str(target))
    assert refused.exit_code == 2
    assert "--output" in refused.stderr and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mine"
    assert relance("list", "-f", "csv", "-o", str(target), "--force").exit_code == 0
    assert target.read_text(encoding="utf-8-sig").startswith("id,title")


def test_a_fifo_or_a_folder_is_refused(relance: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for target in (fifo, tmp_path):
        result = relance("list", "-o", str(target), "--force")
        assert result.exit_code == 2
        assert "--output" in result.stderr


def test_force_alone_is_a_usage_error(relance: Run) -> None:
    result = relance("list", "--force")
    assert result.exit_code == 2
    assert "--force accompagne --output FICHIER" in result.stderr


def test_csv_for_a_french_spreadsheet(relance: Run) -> None:
    args = ("match", "--population", "600000", "--budget", "100000", *ON, "-f", "csv")
    result = relance(*args, "--csv-dialect", "excel-fr")
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert rows[0]["rate"] == "0,5"
    assert rows[0]["amount"] == "50000"
    standard = relance(*args)
    assert "0.5" in standard.stdout and ";" not in standard.stdout.splitlines()[0]


def test_csv_dialect_needs_csv(relance: Run) -> None:
    result = relance("list", "--csv-dialect", "excel-fr")
    assert result.exit_code == 2
    assert "--csv-dialect accompagne --format csv" in result.stderr
    wrong = relance("list", "-f", "csv", "--csv-dialect", "excel")
    assert wrong.exit_code == 2
    assert "excel-fr" in wrong.stderr


def test_calendar_keeps_ics_and_output_apart(relance: Run, tmp_path: Path) -> None:
    both = relance("calendar", "--ics", str(tmp_path / "a.ics"), "-o", str(tmp_path / "b"))
    assert both.exit_code == 2
    remind = relance("calendar", "--remind", "3")
    assert remind.exit_code == 2
    assert "--remind accompagne --ics FICHIER" in remind.stderr
