"""Issue 25: a hand-edited cache entry is never served (D12), a closed standard output
ends quietly (D10), and COLUMNS / LINES are clamped (D19)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import ROOT, Run

from relance_cli.catalog import cache
from relance_cli.catalog import loading as catalog
from relance_cli.core.models import Catalog, Eligibility, Funding, Scheme, Step

EXAMPLE = ROOT / "examples" / "mon-departement.toml"


def at(model: type[Any], field: str) -> int:
    return list(model.model_fields).index(field)


class FirstScheme:
    """In an entry ([format, key, catalog]), each record is the list of its values, and the
    schemes are stored by column, each field's distinct values once ([values, numbers]:
    catalog/compiled.py): the first scheme's field is the value its column numbers first."""

    def __init__(self, body: list[Any]) -> None:
        self.columns = body[2][at(Catalog, "schemes")]

    def __getitem__(self, field: int) -> Any:
        values, numbers = self.columns[field]
        return values[numbers[0]]

    def __setitem__(self, field: int, value: Any) -> None:
        values, numbers = self.columns[field]
        values[numbers[0]] = value


def first_scheme(body: list[Any]) -> Any:
    return FirstScheme(body)


def set_scheme(field: str, value: Any) -> Callable[[list[Any]], None]:
    def edit(scheme: list[Any]) -> None:
        scheme[at(Scheme, field)] = value

    return edit


def set_in(part: str, model: type[Any], field: str, value: Any) -> Callable[[list[Any]], None]:
    def edit(scheme: list[Any]) -> None:
        scheme[at(Scheme, part)][at(model, field)] = value

    return edit


def step_ends_before_it_starts(scheme: list[Any]) -> None:
    step = scheme[at(Scheme, "steps")][0]
    step[at(Step, "end")] = "2020-01-01"


EDITS = {
    "title = 123": set_scheme("title", 123),
    "title with ESC and BEL": set_scheme("title", "Titre \x1b]0;PWNED\x07\x1b[2J"),
    "kinds = [1]": set_scheme("kinds", [1]),
    "a javascript: address": set_scheme("url", "javascript:alert(1)"),
    'rate = "NaN"': set_in("funding", Funding, "rate", "NaN"),
    "min_population = 0": set_in("eligibility", Eligibility, "min_population", 0),
    "a step ending before it starts": step_ends_before_it_starts,
}


@pytest.mark.parametrize("edit", list(EDITS))
def test_a_hand_edited_cache_entry_is_never_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, relance: Run, edit: str
) -> None:
    """Right shape, wrong values (or right types, wrong answers): the entry's seal no
    longer matches, so the catalog is parsed again and the TOML's answer is given."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(folder))
    path = tmp_path / "mine.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    expected = catalog.read(path)
    entry = folder / cache.SUBFOLDER / (cache.key(path.read_bytes()) + cache.SUFFIX)
    seal, _newline, body = entry.read_bytes().partition(b"\n")
    document = msgspec.msgpack.decode(body)
    EDITS[edit](first_scheme(document))
    entry.write_bytes(seal + b"\n" + msgspec.msgpack.encode(document))
    assert cache.load(path.read_bytes()) is None
    assert catalog.read(path) == expected
    for args in (
        ["list"],
        ["show", "exemple-bibliotheques-numeriques"],
        ["calendar", "--ics", "-"],
    ):
        result = relance(*args, "--catalog", str(path))
        assert result.exit_code == 0, (args, result.output)
        assert "\x1b" not in result.stdout and "\x07" not in result.stdout
        assert "PWNED" not in result.stdout and "javascript" not in result.stdout
    assert (
        "2 000"
        in relance("show", "exemple-bibliotheques-numeriques", "--catalog", str(path)).stdout
    )


def run_shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "RELANCE_LANG": "fr", **env}
    return subprocess.run(
        ["bash", "-c", command], capture_output=True, text=True, env=environ, timeout=60
    )


@pytest.mark.parametrize(
    "args", ["list", "list --format json", "calendar --ics -", "validate schemes.toml", "--help"]
)
def test_a_closed_standard_output_ends_quietly(args: str) -> None:
    """`relance list >&-` ended in exit 70; now as after `| head`: 0, nothing said."""
    done = run_shell(f"cd {ROOT} && {sys.executable} -m relance_cli {args} >&-")
    assert done.returncode == 0, done.stderr
    assert "Erreur interne" not in done.stderr and "Traceback" not in done.stderr


def test_a_closed_standard_error_is_quiet_too() -> None:
    done = run_shell(f"{sys.executable} -m relance_cli nope 2>&-")
    assert done.returncode == 2 and done.stdout == ""


@pytest.mark.parametrize("columns", ["99999999", "9" * 5000])
@pytest.mark.parametrize("args", [["list"], ["calendar"], ["show", "cooperation"]])
def test_huge_columns_and_lines_are_clamped(relance: Run, columns: str, args: list[str]) -> None:
    """`COLUMNS=99999999 relance list` never ended (1.2 GB at 10 M); a number too long
    for Python's int() was an exit 70. The tables are laid out at 1,000 columns."""
    result = relance(*args, env={"COLUMNS": columns, "LINES": columns})
    assert result.exit_code == 0, result.output
    assert max(len(line) for line in result.stdout.splitlines()) <= 1_000


def test_reopening_a_missing_stdout_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """What `main()` does when Python started without a standard output (fd 1 open here,
    so only the stream is rebuilt, on the same descriptor)."""
    from relance_cli.output import terminal

    monkeypatch.setattr(sys, "stdout", None)
    terminal.reopen_closed_streams()
    assert sys.stdout is not None and sys.stdout.fileno() == 1
    sys.stdout.close()  # closefd=False: descriptor 1 stays open
