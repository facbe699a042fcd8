"""The examples of the README and of every page of docs/ are real output: each
` ```console ` block that starts with `$ relance …` is run and compared.

A page added to docs/ is picked up without a change here. Regenerate after an intended
change of output with `RELANCE_UPDATE_README=1 pytest tests/test_readme.py`.
"""

from __future__ import annotations

import os
import re
import shlex
from datetime import date
from pathlib import Path

import pytest
from helpers import ROOT
from typer.testing import CliRunner

from relance_cli.cli import app

README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n\$ (relance [^\n]*)\n(.*?)```", re.DOTALL)
TODAY = date(2026, 12, 4)  # the day the pages' examples without --as-of were written


class _Frozen(date):
    """The pages show today's answer as of TODAY, so they don't expire with the calendar."""

    @classmethod
    def today(cls) -> _Frozen:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def run(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("RELANCE_CATALOG", raising=False)
    monkeypatch.setattr("relance_cli.cli.params.date", _Frozen)
    args = shlex.split(command)[1:]
    written = Path(args[args.index("--output") + 1]) if "--output" in args else None
    if written:  # an example that writes a file starts without it, and leaves nothing
        written.unlink(missing_ok=True)
    result = CliRunner().invoke(app, args)
    if written:
        written.unlink(missing_ok=True)
    return "\n".join(line.rstrip() for line in result.output.splitlines()) + "\n"


def test_the_readme_shows_the_canonical_command_and_three_examples() -> None:
    commands = [command for command, _ in BLOCK.findall(README.read_text(encoding="utf-8"))]
    assert len(commands) >= 4
    assert commands[0].startswith("relance match --population 600000 --type dematerialisation")


@pytest.mark.parametrize(
    "page", [p for p in PAGES if BLOCK.search(p.read_text(encoding="utf-8"))], ids=lambda p: p.name
)
def test_examples_are_real_output(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = page.read_text(encoding="utf-8")
    if os.environ.get("RELANCE_UPDATE_README") == "1":
        updated = BLOCK.sub(
            lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1), monkeypatch)}```", text
        )
        page.write_text(updated, encoding="utf-8")
        return
    for command, shown in BLOCK.findall(text):
        assert run(command, monkeypatch) == shown, f"{page.name}: {command}"
