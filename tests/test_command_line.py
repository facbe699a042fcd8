"""The command line as a newcomer meets it: errors with an example of the option's own
kind, amounts as relance prints them, global options anywhere, `-V`, `relance help`, and
help pages that end with real command lines (run here)."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import typer
from helpers import ROOT, Run, plain

from relance_cli.cli import app


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("match", "--closing-within", "abc"), "attendu un nombre de jours, p. ex. 30"),
        (("match", "--opening-within", "-3"), "attendu un nombre de jours, p. ex. 30"),
        (("calendar", "--ics", "-", "--remind", "x"), "attendu un nombre de jours, p. ex. 30"),
        (("list", "--limit", "beaucoup"), "attendu un nombre de lignes, p. ex. 20"),
        (("match", "--population", "abc"), "attendu p. ex. 600000 ou « 600 000 »"),
    ],
)
def test_errors_give_an_example_of_their_own_kind(
    relance: Run, args: tuple[str, ...], expected: str
) -> None:
    result = relance(*args)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "600000" not in result.stderr or args[1] == "--population"


@pytest.mark.parametrize(
    ("given", "shown"),
    [("80 000 €", "80 000 €"), ("80000", "80 000 €"), ("80 000,50", "80 000,50 €"),
     ("80\u202f000\u00a0€", "80 000 €"), ("80000 EUR", "80 000 €")],
)  # fmt: skip
def test_amounts_as_people_write_them(relance: Run, given: str, shown: str) -> None:
    result = relance("match", "--population", "600000", "--budget", given)
    assert result.exit_code == 0, result.output
    assert f"budget {shown}" in " ".join(plain(result.stdout).split())


def test_global_options_after_the_command(relance: Run) -> None:
    english = relance("list", "--lang", "en", "--as-of", "2021-03-01")
    assert english.exit_code == 0, english.output
    assert "Status as of 1 March 2021" in english.stdout
    also = relance("match", "--population", "600000", "--lang=en", "--debug")
    assert also.exit_code == 0, also.output
    assert also.stdout.startswith("Profile:")


def test_short_version(relance: Run) -> None:
    result = relance("-V")
    assert result.exit_code == 0
    assert result.stdout.startswith("relance ")


def test_help_command(relance: Run) -> None:
    whole = relance("help")
    assert whole.exit_code == 0
    assert "Commandes :" in whole.stdout
    one = relance("help", "match")
    assert one.exit_code == 0
    assert one.stdout.startswith("Utilisation : relance match")
    nested = relance("help", "import", "aides-territoires")
    assert "relance import aides-territoires" in nested.stdout
    unknown = relance("help", "macth")
    assert unknown.exit_code == 2
    assert "match" in unknown.stderr


def command_paths() -> list[tuple[str, ...]]:
    """Every command the app registers, subcommands included."""
    root = typer.main.get_command(app)
    paths: list[tuple[str, ...]] = []

    def walk(group: object, prefix: tuple[str, ...]) -> None:
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            if hasattr(command, "commands"):
                walk(command, (*prefix, name))
            else:
                paths.append((*prefix, name))

    walk(root, ())
    return paths


def examples(help_text: str) -> list[str]:
    return [line.strip() for line in help_text.split("Exemples :\n", 1)[1].splitlines()]


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_help_ends_with_examples_that_run(
    relance: Run, path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    page = relance(*path, "--help")
    assert "\nExemples :\n" in page.stdout
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))  # profiles of this test's own
    if path[0] == "profile" and path != ("profile", "save"):  # the profile they name
        assert relance("profile", "save", "mairie", "--commune", "Lyon").exit_code == 0
    lines = examples(page.stdout)
    assert 1 <= len(lines) <= 2
    for line in lines:
        args = shlex.split(line)
        assert args[0] == "relance" and tuple(args[1 : 1 + len(path)]) == path
        written = [Path(args[k + 1]) for k, a in enumerate(args) if a in ("--output", "--ics")]
        assert not [w for w in written if w.exists()]  # never a file of the tree
        try:
            result = relance(*args[1:])
        finally:
            for file in written:
                file.unlink(missing_ok=True)
        assert result.exit_code == 0, (line, result.output)
