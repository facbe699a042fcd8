"""The catalog cache can save time, never change an answer; and --limit."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, Run

from relance_cli.catalog import cache
from relance_cli.catalog import loading as catalog
from relance_cli.core.models import Catalog

EXAMPLE = ROOT / "examples" / "mon-departement.toml"


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(folder))
    return folder


def copy_example(tmp_path: Path) -> Path:
    path = tmp_path / "mine.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def test_second_read_comes_from_the_cache(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    first = catalog.read(path)
    (entry,) = own_cache.iterdir()
    assert entry.suffix == ".pickle"
    assert cache.load(path, path.stat(), Catalog) == first
    assert catalog.read(path) == first


def test_a_changed_file_is_read_again(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    catalog.read(path)
    path.write_text(
        path.read_text(encoding="utf-8").replace("rate = 0.4", "rate = 0.3"), encoding="utf-8"
    )
    os.utime(path, ns=(1, 1))  # even with an old modification time: the size changed
    assert str(catalog.read(path).schemes[0].funding.rate) == "0.3"


def test_a_corrupt_entry_is_ignored_and_rebuilt(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    expected = catalog.read(path)
    (entry,) = own_cache.iterdir()
    data = bytearray(entry.read_bytes())
    data[-10] ^= 0xFF
    entry.write_bytes(bytes(data))
    assert cache.load(path, path.stat(), Catalog) is None
    assert catalog.read(path) == expected
    assert cache.load(path, path.stat(), Catalog) == expected  # rewritten


def test_an_entry_of_another_type_is_not_trusted(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    cache.store(path, path.stat(), {"not": "a catalog"})
    assert cache.load(path, path.stat(), Catalog) is None


def test_an_unwritable_cache_only_costs_speed(
    own_cache: Path, tmp_path: Path, relance: Run
) -> None:
    own_cache.write_text("a file where the folder should be", encoding="utf-8")
    path = copy_example(tmp_path)
    assert catalog.read(path).schemes[0].id == "exemple-bibliotheques-numeriques"
    result = relance("list", "--catalog", str(path), env={"RELANCE_CACHE_DIR": str(own_cache)})
    assert result.exit_code == 0


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELANCE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache.folder() == Path("/somewhere/relance")


# --- --limit -------------------------------------------------------------------------------------


def test_limit_everywhere(relance: Run, run_json: Any) -> None:
    assert len(run_json("list", "--limit", "2")["schemes"]) == 2
    assert len(run_json("list", "--limit", "0")["schemes"]) == 4
    assert len(run_json("calendar", "--limit", "3")["steps"]) == 3
    assert len(run_json("match", "--all", "--limit", "1")["results"]) == 1
    table = relance("list", "--limit", "1")
    assert table.stdout.count("fermé") == 1
    assert "… 3 dispositifs de plus : --limit 0 pour tout afficher" in table.stdout
    csv_out = relance("calendar", "--limit", "2", "--format", "csv")
    assert len(csv_out.stdout.strip().splitlines()) == 3


def test_a_terminal_shows_the_first_rows_and_says_how_many_more(
    relance: Run, tmp_path: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    head, _, scheme = text.partition("[[scheme]]")
    many = head + "".join(
        "[[scheme]]" + scheme.replace('"exemple-bibliotheques-numeriques"', f'"ex-{i}"')
        for i in range(60)
    )
    path = tmp_path / "many.toml"
    path.write_text(many, encoding="utf-8")
    terminal = {"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"}
    shown = relance("list", "--catalog", str(path), env=terminal)
    assert shown.stdout.count("ex-") == 50
    assert "10 dispositifs de plus" in shown.stdout
    piped = relance("list", "--catalog", str(path))
    assert piped.stdout.count("ex-") == 60 and "de plus" not in piped.stdout
    assert json.loads(relance("list", "--catalog", str(path), "--format", "json").stdout)
