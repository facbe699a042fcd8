"""The pager: long tables in a terminal go through $PAGER (default less -FRX), as with git;
never with --no-pager, never to a pipe or a file, never for JSON or CSV.

A terminal is a pseudo-terminal made here, and the "pager" a small program that writes
what it reads to a file, so the test sees exactly what a reader would have paged."""

from __future__ import annotations

import os
import pty
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.cli import main
from relance_cli.output import pager

_terminals: list[object] = []


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """A pseudo-terminal for standard output (set by `run`: pytest's own capture takes
    sys.stdout back after fixtures); yields the side the terminal reads."""
    reader, writer = pty.openpty()
    stream = open(writer, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    _terminals.append(stream)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("RELANCE_CATALOG", raising=False)
    monkeypatch.delenv("RELANCE_PAGER", raising=False)
    yield reader
    _terminals.remove(stream)
    stream.close()
    os.close(reader)


def fake_pager(out: Path) -> str:
    code = f"import sys; open({str(out)!r}, 'w').write(sys.stdin.read())"
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> int:
    monkeypatch.setattr(sys, "argv", ["relance", *args])
    monkeypatch.setattr(sys, "stdout", _terminals[-1])
    try:
        main()
    except SystemExit as end:
        return int(end.code or 0)
    finally:
        sys.stdout.flush()
    return 0


def screen(reader: int) -> str:
    os.set_blocking(reader, False)
    try:
        return os.read(reader, 65536).decode("utf-8", "replace")
    except BlockingIOError:
        return ""


def test_a_table_in_a_terminal_goes_through_the_pager(
    terminal: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", fake_pager(paged))
    assert run(monkeypatch, "types") == 0
    text = paged.read_text(encoding="utf-8")
    assert "projets-locaux" in text and "Projet numérique local" in text
    assert "projets-locaux" not in screen(terminal)
    assert pager.size() is None  # the terminal is standard output again


def test_relance_pager_wins_over_pager(
    terminal: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PAGER", fake_pager(tmp_path / "not-this.txt"))
    monkeypatch.setenv("RELANCE_PAGER", fake_pager(tmp_path / "this.txt"))
    assert run(monkeypatch, "types") == 0
    assert (tmp_path / "this.txt").exists() and not (tmp_path / "not-this.txt").exists()


@pytest.mark.parametrize(
    ("args", "pager_value"),
    [
        (["--no-pager", "types"], None),  # asked not to
        (["types"], "cat"),  # cat means none
        (["types"], ""),
        (["types"], "/nonexistent/pager"),  # cannot start: print as without one
        (["types"], "'unbalanced"),
    ],
)
def test_no_pager_when_asked_or_when_none_can_run(
    terminal: int,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    args: list[str],
    pager_value: str | None,
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", fake_pager(paged) if pager_value is None else pager_value)
    assert run(monkeypatch, *args) == 0
    assert not paged.exists()
    assert "projets-locaux" in screen(terminal)


def test_json_is_never_paged(
    terminal: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", fake_pager(paged))
    assert run(monkeypatch, "types", "--format", "json") == 0
    assert not paged.exists()


def test_never_a_pager_for_a_pipe(relance: Run, tmp_path: Path) -> None:
    paged = tmp_path / "paged.txt"
    result = relance("types", env={"PAGER": fake_pager(paged)})
    assert result.exit_code == 0 and "projets-locaux" in result.stdout
    assert not paged.exists()


def test_search_results_in_a_terminal_are_paged_with_their_excerpts(
    terminal: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", fake_pager(paged))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert run(monkeypatch, "search", "open data", "--as-of", "2021-03-01") == 0
    text = paged.read_text(encoding="utf-8")
    assert "donnees" in text
    assert "\x1b[" in text  # a terminal's styles, the matching words marked
