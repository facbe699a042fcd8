"""Issue 27: every help page ends with « Exemples : » and one or two real command lines,
the groups' pages too (`relance --help`, `relance import --help`, `relance profile
--help`), in French and in English; and each of these lines runs."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest
import typer
from helpers import ROOT, Run

from relance_cli.cli import app

HEADINGS = {"fr": "Exemples :", "en": "Examples:"}


def help_paths() -> list[tuple[str, ...]]:
    """The app itself, each group and each command."""
    paths: list[tuple[str, ...]] = [()]

    def walk(group: object, prefix: tuple[str, ...]) -> None:
        for name, command in group.commands.items():  # type: ignore[attr-defined]
            paths.append((*prefix, name))
            if hasattr(command, "commands"):
                walk(command, (*prefix, name))

    walk(typer.main.get_command(app), ())
    return paths


GROUPS = [(), ("import",), ("profile",)]


def last_section(page: str, heading: str) -> list[str]:
    """The lines under the page's last heading, which must be `heading`."""
    sections = page.rstrip("\n").split("\n\n")
    title, *lines = sections[-1].splitlines()
    assert title == heading, page
    return [line.strip() for line in lines]


def test_the_groups_are_among_the_help_pages() -> None:
    assert set(GROUPS) <= set(help_paths())


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", help_paths(), ids=lambda p: " ".join(p) or "relance")
def test_every_help_page_ends_with_examples(relance: Run, path: tuple[str, ...], lang: str) -> None:
    result = relance("--lang", lang, *path, "--help")
    assert result.exit_code == 0, result.output
    lines = last_section(result.stdout, HEADINGS[lang])
    assert 1 <= len(lines) <= 2
    assert all(line.startswith(" ".join(("relance", *path))) for line in lines)
    assert "Exemple :" not in result.stdout  # one section, plural, as everywhere
    if lang == "en":  # the page itself in English, through the catalog
        assert "Utilisation" not in result.stdout and " dispositifs " not in result.stdout


@pytest.mark.parametrize("path", GROUPS, ids=lambda p: " ".join(p) or "relance")
def test_the_examples_of_a_group_run(
    relance: Run, path: tuple[str, ...], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(ROOT)  # the examples name files of the project's tree
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    for line in last_section(relance(*path, "--help").stdout, HEADINGS["fr"]):
        args = shlex.split(line)
        written = [Path(args[k + 1]) for k, a in enumerate(args) if a in ("--output", "-o")]
        assert not [w for w in written if w.exists()]  # never a file of the tree
        try:
            result = relance(*args[1:])
        finally:
            for file in written:
                file.unlink(missing_ok=True)
        assert result.exit_code == 0, (line, result.output)
