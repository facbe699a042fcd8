"""Two ways out of the one-line rule an audit found: a screen one or two columns wide made
the layout loop forever (COLUMNS=1 never ended, COLUMNS=0 ate gigabytes), and a tab or a
line break in a value given to an option reached the error message raw, splitting it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from helpers import Run


@pytest.mark.parametrize("columns", ["0", "1", "2", "19"])
@pytest.mark.parametrize(
    "args",
    [["list"], ["match", "--population", "5000", "--all"], ["calendar"], ["show", "donnees"]],
)
def test_a_screen_of_a_few_columns_is_laid_out_at_twenty(columns: str, args: list[str]) -> None:
    env = {**os.environ, "COLUMNS": columns, "NO_COLOR": "1"}
    env.pop("RELANCE_CATALOG", None)
    result = subprocess.run(
        [sys.executable, "-m", "relance_cli", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    wide = subprocess.run(
        [sys.executable, "-m", "relance_cli", *args],
        capture_output=True, text=True, env={**env, "COLUMNS": "20"}, timeout=60, check=False,
    )  # fmt: skip
    assert result.stdout == wide.stdout  # the same layout as 20 columns


@pytest.mark.parametrize(
    "args",
    [
        ["show", "ab\ncd\tef"],
        ["calendar", "a\tb"],
        ["match", "--commune", "x\nErreur : faux"],
        ["match", "--type", "a\nb"],
        ["match", "--population", "1\n2"],
        ["match", "--budget", "8\t000"],
        ["match", "--as-of", "2021\n01-01"],
        ["--lang", "e\nn", "list"],
        ["list", "--catalog", "a\nb.toml"],
        ["diff", "a\nb.toml", "c.toml"],
        ["help", "ma\ntch"],
    ],
)
def test_a_tab_or_a_line_break_in_a_value_is_escaped_in_its_one_line(
    relance: Run, args: list[str]
) -> None:
    result = relance(*args)
    assert result.exit_code in (1, 2), result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Erreur : ")
    assert "\t" not in result.stderr
    assert "\\n" in lines[0] or "\\t" in lines[0], lines[0]


def test_validate_reports_such_a_file_name_escaped(relance: Run) -> None:
    result = relance("validate", "x\ty.toml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == "✗ x\\ty.toml: fichier introuvable"
