"""The README's examples are real output: each `$ relance …` block is run and compared.

Regenerate after an intended change with `RELANCE_UPDATE_README=1 pytest tests/test_readme.py`.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from helpers import ROOT
from typer.testing import CliRunner

from relance_cli.cli import app

README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n\$ (relance [^\n]*)\n(.*?)```", re.DOTALL)


def run(command: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.delenv("RELANCE_CATALOG", raising=False)
    args = shlex.split(command)[1:]
    written = Path(args[args.index("--output") + 1]) if "--output" in args else None
    if written:  # an example that writes a file starts without it, and leaves nothing
        written.unlink(missing_ok=True)
    result = CliRunner().invoke(app, args)
    if written:
        written.unlink(missing_ok=True)
    return "\n".join(line.rstrip() for line in result.output.splitlines()) + "\n"


def test_readme_examples_are_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    text = README.read_text(encoding="utf-8")
    blocks = BLOCK.findall(text)
    assert len(blocks) >= 10
    if os.environ.get("RELANCE_UPDATE_README") == "1":
        updated = BLOCK.sub(
            lambda m: f"```console\n$ {m.group(1)}\n{run(m.group(1), monkeypatch)}```", text
        )
        README.write_text(updated, encoding="utf-8")
        return
    for command, shown in blocks:
        assert run(command, monkeypatch) == shown, command
