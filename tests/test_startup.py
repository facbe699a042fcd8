"""Start-up stays lean: guarded by which modules a command imports, not by wall-clock
time (which a shared machine makes flaky). Figures: `python benchmarks/run.py`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = (
    "import contextlib, io, json, sys\n"
    "sys.argv = ['relance', *json.loads(sys.argv[1])]\n"
    "from relance_cli.cli import main\n"
    "try:\n"
    "    with contextlib.redirect_stdout(io.StringIO()):\n"
    "        main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


def imported(*args: str, cache: Path) -> set[str]:
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache)}
    env.pop("RELANCE_CATALOG", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True, text=True, env=env, check=True, cwd="/",
    )  # fmt: skip
    return set(json.loads(result.stdout))


@pytest.mark.parametrize("args", [["--help"], ["--version"], []])
def test_help_and_version_import_neither_pydantic_nor_rich(args: list[str], tmp_path: Path) -> None:
    modules = imported(*args, cache=tmp_path)
    for heavy in ("pydantic", "rich", "tomli", "icalendar", "relance_cli.core.models"):
        assert heavy not in modules, heavy


def test_json_output_does_not_import_rich(tmp_path: Path) -> None:
    modules = imported("match", "--population", "600000", "--format", "json", cache=tmp_path)
    assert "rich" not in modules and "icalendar" not in modules


def test_a_warm_cache_skips_the_toml_parser(tmp_path: Path) -> None:
    first = imported("list", cache=tmp_path)
    assert "toml_rs" in first  # cold: the catalog is parsed, then cached
    again = imported("list", cache=tmp_path)
    assert "toml_rs" not in again and "tomli" not in again
    assert list(tmp_path.iterdir())  # the entry lives in the cache folder given


def test_module_budget_for_a_table(tmp_path: Path) -> None:
    """A ceiling with some room on what relance loads from outside itself (the standard
    library and its dependencies): a new heavy import at start-up fails here first.
    relance's own small modules are counted apart, so the tree can show the design."""
    modules = imported("list", cache=tmp_path)
    own = {m for m in modules if m.split(".")[0] == "relance_cli"}
    assert len(modules - own) < 340, len(modules - own)
    assert len(own) < 60, sorted(own)  # profiles, outputs to files, French system errors


def test_the_geography_loads_only_with_a_territory_option(tmp_path: Path) -> None:
    without = imported("match", "--population", "600000", "--format", "json", cache=tmp_path)
    assert "relance_cli.territory.geography" not in without
    with_one = imported("match", "--commune", "69123", "--format", "json", cache=tmp_path)
    assert "relance_cli.territory.geography" in with_one


# --- issue 24: a run imports the module of the command it names, and no other -------------------


def test_each_first_level_name_is_declared_in_the_module_it_is_mapped_to() -> None:
    """`DECLARED_IN` says which module declares each command or group, so that a run
    imports that one only: it must agree with what the modules declare."""
    import importlib

    from relance_cli.cli.commands import DECLARED_IN, MODULES
    from relance_cli.cli.program import IMPORT, Declared, Group

    found: dict[str, str] = {}
    for name in MODULES:
        module = importlib.import_module(f"relance_cli.cli.commands.{name}")
        for value in vars(module).values():
            declared = getattr(value, "relance_declared", None)
            if isinstance(declared, Declared) and value.__module__ == module.__name__:
                first = declared.group.name if declared.group is not None else declared.name
                found.setdefault(first, name)
            if isinstance(value, Group) and value is not IMPORT:
                found.setdefault(value.name, name)
    assert found == DECLARED_IN
    assert sorted(DECLARED_IN.values()) == sorted(MODULES)


COMMAND_MODULES = "relance_cli.cli.commands."


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["list"], {}, {"list_schemes"}),
        (["--lang", "en", "calendar"], {}, {"calendar"}),
        (["profile", "list"], {}, {"profile"}),
        (  # TAB after a command's name: that command's parser only
            [],
            {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance match --ap",
             "COMP_CWORD": "2"},
            {"match"},
        ),
        (
            [],
            {"_RELANCE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "relance show de"},
            {"show"},
        ),
    ],
)  # fmt: skip
def test_a_run_imports_the_module_of_its_command_only(
    args: list[str],
    env: dict[str, str],
    expected: set[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    modules = imported(*args, cache=tmp_path)
    commands = {m.removeprefix(COMMAND_MODULES) for m in modules if m.startswith(COMMAND_MODULES)}
    assert commands == expected


@pytest.mark.parametrize(
    "env",
    [
        {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance ma", "COMP_CWORD": "1"},
        {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance match", "COMP_CWORD": "x"},
        {"_RELANCE_COMPLETE": "complete_tcsh", "COMP_WORDS": "relance match", "COMP_CWORD": "1"},
        {"_RELANCE_COMPLETE": "source_bash"},
    ],
)
def test_a_completion_that_names_no_command_keeps_them_all(
    env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from relance_cli.cli import program

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert program.invoked(program.completing() or []) is None


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--help"], True),
        (["-h"], True),
        (["--lang", "en", "--debug", "--no-pager", "--help"], True),
        (["--lang=en", "-h"], True),
        ([], False),  # `relance` alone: main() asks for --help
        (["--lang", "en"], False),
        (["list", "--help"], False),
        (["--help", "list"], False),
        (["--version", "--help"], False),
    ],
)
def test_the_apps_own_help_page_is_told_apart(args: list[str], shown: bool) -> None:
    from relance_cli.cli import program

    assert program.overview(args) is shown


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_apps_help_page_is_the_same_with_commands_listed_only(language: str) -> None:
    """The app's own help page is built from each command's name and help text alone; it
    reads the same as with every command's parser built, in either language."""
    import typer.main
    from typer.testing import CliRunner

    from relance_cli.cli import program

    env = {"COLUMNS": "100", "NO_COLOR": "1", "RELANCE_LANG": language}
    pages = [
        CliRunner().invoke(app, ["--help"], env=env).output
        for app in (program.build(), program.build(listed_only=True))
    ]
    assert pages[0] == pages[1]
    assert "calendar" in pages[0] and "profile" in pages[0]
    group = typer.main.get_command(program.build(listed_only=True))
    listed = group.commands["match"]  # type: ignore[attr-defined]
    assert listed.params == []  # no parser built: what the page lists is all there is


def test_the_apps_help_page_imports_no_result_type(tmp_path: Path) -> None:
    """The commands' modules import their result types when they run: the help page,
    which imports every command's module for its help text, needs none of them."""
    assert "relance_cli.output.results" not in imported("--help", cache=tmp_path)


# What a warm `relance list` to a pipe leaves alone (issue #24): each was on its path once,
# or would be a natural thing to import at the top of a module it uses.
NOT_FOR_A_WARM_LIST = (
    "relance_cli.cli.commands.show",  # the other commands' modules (their options, their imports)
    "relance_cli.cli.commands.match",
    "relance_cli.cli.commands.profile",
    "relance_cli.cli.commands.import_aides_territoires",
    "relance_cli.core.models",  # the catalog's Pydantic models: the compiled records suffice
    "relance_cli.core.eligibility",  # no rule is judged
    "relance_cli.core.advisor",
    "relance_cli.territory.geography",  # no territory option
    "relance_cli.output.human.console",  # Rich's console: tables to a pipe are plain text
    "relance_cli.output.human.detail",
    "relance_cli.search",
    "pydantic",
    "rich.console",
    "rich.table",
    "rich.text",
    "tomlkit",  # the profiles file is written with it, read without
    "tomli",
    "toml_rs",
    "typer.rich_utils",
)


def test_a_warm_list_to_a_pipe_imports_none_of_these(tmp_path: Path) -> None:
    imported("list", "--format", "json", cache=tmp_path)  # warms the cache
    modules = imported("list", cache=tmp_path)
    assert "relance_cli.cli.commands.list_schemes" in modules  # the probe saw the run
    assert not modules & set(NOT_FOR_A_WARM_LIST), sorted(modules & set(NOT_FOR_A_WARM_LIST))


def test_show_without_a_profile_judges_nothing_and_imports_no_rule(tmp_path: Path) -> None:
    plain = imported("show", "donnees", cache=tmp_path)
    assert "relance_cli.core.eligibility" not in plain
    assert "relance_cli.core.advisor" not in plain
    judged = imported("show", "donnees", "--applicant", "epci", cache=tmp_path)
    assert "relance_cli.core.eligibility" in judged  # the probe sees a judgement
