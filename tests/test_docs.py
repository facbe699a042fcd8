"""Documentation derived from the app itself, as sqlite-utils does: every registered command
has help text, a README section and the one-line-error wrapper; every option has help."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import typer
from helpers import ROOT
from typer.main import get_command

from relance_cli.cli import app
from relance_cli.errors import ExitCode

README = (ROOT / "README.md").read_text(encoding="utf-8")


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
def test_every_command_has_a_readme_section(path: str) -> None:
    headings = [line for line in README.splitlines() if line.startswith("#")]
    assert any(f"`relance {path}" in line for line in headings), path


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_and_option_has_help(path: str) -> None:
    command = get_command(app)
    context = typer.Context(command)
    for part in path.split():
        command = command.get_command(context, part)  # type: ignore[attr-defined]
    assert command.help, path
    for parameter in command.params:
        assert getattr(parameter, "help", None), (path, parameter.name)


def test_every_exit_code_is_in_the_readme() -> None:
    for code in ExitCode:
        assert f"| {code.value} |" in README
