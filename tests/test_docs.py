"""Documentation derived from the app itself, as sqlite-utils does: every registered command
has help text, a section of its own in the docs and the one-line-error wrapper; every option
has help."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from helpers import ROOT
from typer.main import get_command

from relance_cli.cli import app
from relance_cli.errors import ExitCode

# The hand-written pages (docs/commandes.md is generated from the help, so it proves nothing).
WRITTEN = [p for p in sorted((ROOT / "docs").glob("*.md")) if p.name != "commandes.md"]
HEADINGS = [
    line for p in WRITTEN for line in p.read_text(encoding="utf-8").splitlines()
    if line.startswith("#")
]  # fmt: skip
SECURITY = (ROOT / "docs" / "securite.md").read_text(encoding="utf-8")


def registered(group: typer.Typer, prefix: str = "") -> Iterator[tuple[str, object]]:
    """(command path, callback) for every command, sub-apps included."""
    for info in group.registered_commands:
        yield f"{prefix}{info.name}", info.callback
    for sub in group.registered_groups:
        assert sub.typer_instance is not None
        yield from registered(sub.typer_instance, f"{prefix}{sub.name} ")


COMMANDS = dict(registered(app))


def test_the_commands_are_the_ones_we_document() -> None:
    assert set(COMMANDS) >= {"list", "show", "match", "calendar", "validate", "schema"}
    assert "import aides-territoires" in COMMANDS


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_goes_through_the_error_wrapper(path: str) -> None:
    assert getattr(COMMANDS[path], "relance_command", False), path


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_a_section_in_the_docs(path: str) -> None:
    assert any(f"`relance {path}" in line for line in HEADINGS), path


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_and_option_has_help(path: str) -> None:
    command = get_command(app)
    context = typer.Context(command)
    for part in path.split():
        command = command.get_command(context, part)  # type: ignore[attr-defined]
    assert command.help, path
    for parameter in command.params:
        assert getattr(parameter, "help", None), (path, parameter.name)


def test_every_exit_code_is_documented() -> None:
    for code in ExitCode:
        assert f"| {code.value} |" in SECURITY


LINK = re.compile(r"\]\((?!https?://|#)([^)#\s]+)(?:#[^)]*)?\)")


@pytest.mark.parametrize(
    "page",
    [ROOT / "README.md", ROOT / "ARCHITECTURE.md", ROOT / "CONTRIBUTING.md",
     ROOT / "benchmarks" / "README.md", *sorted((ROOT / "docs").glob("*.md"))],
    ids=lambda p: str(p.relative_to(ROOT)),
)  # fmt: skip
def test_every_relative_link_leads_to_a_file(page: Path) -> None:
    for target in LINK.findall(page.read_text(encoding="utf-8")):
        assert (page.parent / target).exists(), (page.name, target)
