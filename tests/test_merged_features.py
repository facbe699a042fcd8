"""Where features built side by side meet: outputs to files for every command with rows,
freshness filters that explain an empty answer, profile values blamed on their line,
type ids kept whole."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, catalog_file, plain, shipped_data


@pytest.mark.parametrize(
    "args",
    [
        ["types"],
        ["diff", "schemes.toml", "examples/mon-departement.toml"],
        ["profile", "list"],
    ],
)
def test_every_command_with_rows_writes_a_workbook_to_a_file_only(
    relance: Run, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    target = tmp_path / "out.xlsx"
    written = relance(*args, "--format", "xlsx", "--output", str(target))
    assert written.exit_code == 0, written.output
    assert target.read_bytes()[:2] == b"PK"  # a zip: the workbook
    again = relance(*args, "--format", "xlsx", "--output", str(target))
    assert again.exit_code == 2 and "--force" in again.stderr
    sheet = relance(*args, "--format", "csv", "--csv-dialect", "excel-fr")
    assert sheet.exit_code == 0 and ";" in sheet.stdout.splitlines()[0]


def test_a_workbook_is_never_written_to_a_terminal(tmp_path: Path) -> None:
    """A real terminal (a pseudo-terminal), as a user runs `relance types -f xlsx`."""
    import os
    import pty

    leader, follower = pty.openpty()
    done = subprocess.run(
        [sys.executable, "-m", "relance_cli", "types", "--format", "xlsx"],
        stdin=follower,
        stdout=follower,
        stderr=subprocess.PIPE,
        cwd=tmp_path,
        env={**os.environ, "RELANCE_CACHE_DIR": str(tmp_path / "cache")},
        timeout=60,
        check=False,
    )
    os.close(follower)
    os.close(leader)
    assert done.returncode == 2
    assert "un classeur ne s'affiche pas dans un terminal" in done.stderr.decode()


def test_freshness_filters_say_what_they_removed(relance: Run) -> None:
    result = relance("match", "--published-since", "2030-01-01", "--as-of", "2026-12-04")
    assert result.exit_code == 0
    text = " ".join(plain(result.stdout).split())
    assert "Aucun résultat sur 7 dispositifs : 7 écartés par --published-since." in text
    found = relance("search", "données", "--updated-since", "2030-01-01")
    assert "écartés par --updated-since" in " ".join(plain(found.stdout).split())


def test_a_profile_value_refused_at_use_is_said_at_its_line(
    relance: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    folder = tmp_path / "relance"
    folder.mkdir()
    gone = tmp_path / "gone.toml"
    (folder / "profiles.toml").write_text(
        '[profiles.big]\ncommune = "53097"\napplicant = "region"\n\n'
        f'[profiles.g]\ncatalog = ["{gone}"]\n',
        encoding="utf-8",
    )
    big = relance("match", "--profile", "big")
    assert big.exit_code == 1
    assert ":3: profiles.big.applicant : le territoire donné, Évron (commune)" in plain(big.stderr)
    missing = relance("list", "--profile", "g")
    assert missing.exit_code == 1
    assert f":6: profiles.g.catalog : {gone}: fichier introuvable" in plain(missing.stderr)


def test_types_keeps_each_id_whole(relance: Run, tmp_path: Path) -> None:
    long_id = "economie-d-energie-et-renovation-energetique"
    data = shipped_data()
    data["kinds"][long_id] = data["kinds"].pop("projets-locaux")
    for entry in data["scheme"]:
        entry["kinds"] = [long_id if k == "projets-locaux" else k for k in entry["kinds"]]
    data.pop("test", None)  # the catalog's own checks name the old id; `types` reads none
    catalog = catalog_file(tmp_path, data, "long.toml")
    for columns in ("80", "100"):
        out = relance("types", "--catalog", str(catalog), env={"COLUMNS": columns}).stdout
        assert long_id in out, out


def test_schemes_not_yet_announced_are_said_so(relance: Run) -> None:
    """Before any announcement, nothing "does not fit the profile": nothing was known yet."""
    result = relance("match", "--open", "--as-of", "2021-01-10")
    text = " ".join(plain(result.stdout).split())
    assert (
        "Aucun résultat sur 7 dispositifs : 7 ne sont pas encore annoncés au 10 janvier 2021"
        in text
    )
    assert "--all montre aussi" not in text
    english = relance("--lang", "en", "match", "--open", "--as-of", "2021-01-10")
    assert "7 were not yet announced on 10 January 2021" in " ".join(plain(english.stdout).split())


def test_diff_speaks_in_words(relance: Run, tmp_path: Path) -> None:
    """Rates in percent and fields by name, in the table and in the workbook (JSON and CSV
    keep the stable field paths and numbers)."""
    from openpyxl import load_workbook

    data = shipped_data()
    old = catalog_file(tmp_path, data, "old.toml")
    next(s for s in data["scheme"] if s["funding"].get("rate") == 0.5)["funding"]["rate"] = 0.6
    new = catalog_file(tmp_path, data, "new.toml")
    table = plain(relance("diff", str(old), str(new)).stdout)
    assert "taux de cofinancement : 50 % → 60 %" in table
    book = tmp_path / "d.xlsx"
    assert relance("diff", str(old), str(new), "-f", "xlsx", "-o", str(book)).exit_code == 0
    row = [cell.value for cell in next(load_workbook(book).active.iter_rows(min_row=2))]
    assert row[0] == "modifié" and row[3] == "taux de cofinancement"
    assert plain(row[4]) == "50 %" and plain(row[5]) == "60 %"
    data = relance("diff", str(old), str(new), "--format", "json").stdout
    assert '"field": "funding.rate"' in data and '"old": 0.5' in data


def test_hindsight_flags_a_next_step_not_yet_announced(run_json: Any) -> None:
    results = run_json("match", "--as-of", "2021-03-01", "--hindsight")["results"]
    consultation = next(r for r in results if r["id"] == "consultation-incubateur")
    step = "Soutien aux projets par les collectivités territoriales"
    assert consultation["next_step"]["name"] == step
    assert {"name": step, "announced": "2021-03-19"} in consultation["not_yet_announced"]
