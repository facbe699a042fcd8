"""Help and usage errors speak the interface language, entirely: no word of Typer's or
Click's English in French; shell completion offers what a user types most; piped output
is greppable."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import pytest
import typer
from helpers import ROOT, Run
from test_docs import COMMANDS

# Every English word Typer or Click prints on their own; none may show in French.
ENGLISH = re.compile(
    r"\b(Usage|Commands|Show this message|exit|Try|Error|default|required|env var|Missing|"
    r"No such|Got unexpected|Did you mean|Aborted|Install completion|Show completion|"
    r"requires an argument|does not take a value|for help)\b"
)
USAGE_ERRORS = [
    ["match", "--populaton", "1"],
    ["shwo"],
    ["show"],
    ["list", "--format"],
    ["list", "--open=x"],
    ["list", "extra", "more"],
    ["validate"],
    ["import", "aides-territoires", "--frob"],
    ["--nope"],
]


def help_of(relance: Run, path: str, *lang: str) -> str:
    result = relance(*lang, *path.split(), "--help")
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("path", ["", "import", *sorted(COMMANDS)])
def test_french_help_has_no_english_word(relance: Run, path: str) -> None:
    text = help_of(relance, path)
    assert text.startswith("Utilisation : relance")
    assert "Affiche cette aide et s'arrête." in text
    own_name = text.replace(f"relance {path} ", "relance ")  # `profile default` is a name
    assert not ENGLISH.search(own_name), ENGLISH.search(own_name)


@pytest.mark.parametrize("path", ["", *sorted(COMMANDS)])
def test_english_help_is_english(relance: Run, path: str) -> None:
    """In-process, from the app the suite built at start-up in French: help texts are
    translated as the help is written, in the language of the run."""
    result = relance("--lang", "en", *path.split(), "--help")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("Usage: relance")
    assert "Show this help and exit." in text
    assert "Utilisation" not in text and "Affiche" not in text


@pytest.mark.parametrize("args", USAGE_ERRORS)
def test_usage_errors_in_french_are_one_line_and_a_hint(relance: Run, args: list[str]) -> None:
    result = relance(*args)
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines[0].startswith("Erreur : ")
    assert len(lines) <= 2 and (len(lines) == 1 or lines[1].startswith("Aide : relance"))
    assert not ENGLISH.search(result.stderr), result.stderr


def test_usage_errors_say_what_would_be_valid(relance: Run) -> None:
    typo = relance("match", "--populaton", "1")
    assert "option inconnue : --populaton ; vouliez-vous dire --population" in typo.stderr
    assert "commande inconnue « shwo » ; vouliez-vous dire show ?" in relance("shwo").stderr
    assert "argument obligatoire manquant : ID" in relance("show").stderr
    assert "l'option --format attend une valeur" in relance("list", "--format").stderr
    english = relance("--lang", "en", "match", "--populaton", "1")
    assert english.stderr.startswith("Error: unknown option: --populaton")


def test_no_arguments_and_import_alone_print_help(relance: Run) -> None:
    alone = relance("import")
    assert alone.exit_code == 0 and "aides-territoires" in alone.stdout


# --- completion ------------------------------------------------------------------------------


def complete(relance: Run, words: str, shell: str = "bash") -> list[str]:
    env = {"_RELANCE_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        count = len(words.split()) - (0 if words.endswith(" ") else 1)
        env |= {"COMP_WORDS": words, "COMP_CWORD": str(count)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = words
        if shell == "fish":
            env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    result = relance(env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_completion_of_commands_and_options(relance: Run) -> None:
    assert complete(relance, "relance ma") == ["match"]
    assert complete(relance, "relance match --ap") == ["--applicant"]
    assert "--opening-within" in complete(relance, "relance match --op")


def test_completion_of_values(relance: Run) -> None:
    assert complete(relance, "relance show dem") == ["dematerialisation"]
    assert complete(relance, "relance calendar co") == ["consultation-incubateur", "cooperation"]
    assert complete(relance, "relance match --type d") == ["dematerialisation", "donnees"]
    assert complete(relance, "relance match --applicant e") == [
        "epci",
        "etablissement-public",
        "entreprise",
    ]
    assert complete(relance, "relance list --format j") == ["json"]
    assert complete(relance, "relance show d", "fish") == ["dematerialisation", "donnees"]
    zsh = "\n".join(complete(relance, "relance show d", "zsh"))
    assert "dematerialisation" in zsh and "donnees" in zsh


def test_completion_reads_the_catalogs_given(relance: Run) -> None:
    example = str(ROOT / "examples" / "mon-departement.toml")
    assert complete(relance, f"relance show --catalog {example} ex") == [
        "exemple-bibliotheques-numeriques"
    ]
    assert complete(relance, f"relance match --catalog {example} --type l") == ["lecture-publique"]


def test_completion_of_files_is_left_to_the_shell(relance: Run) -> None:
    assert complete(relance, "relance list --catalog sch") in ([], [""])
    assert complete(relance, "relance list --catalog sch", "zsh") == ["_files"]


def test_completion_scripts_are_offered(relance: Run) -> None:
    for shell in ("bash", "zsh", "fish"):
        result = subprocess.run(
            [sys.executable, "-m", "relance_cli", "--show-completion", shell],
            capture_output=True, text=True, env={**os.environ, "SHELL": f"/bin/{shell}",
            "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "_RELANCE_COMPLETE" in result.stdout


def test_completion_loads_neither_pydantic_nor_rich(tmp_path: object) -> None:
    """It runs on every TAB: as light as --help."""
    probe = (
        "import sys\n"
        "from relance_cli.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pydantic', 'rich', 'tomli', 'typer._adapters')\n"
        "print('HEAVY', [m for m in heavy if m in sys.modules])\n"
    )
    subprocess.run([sys.executable, "-m", "relance_cli", "list"], capture_output=True, check=True)
    for words in ("relance match --ap", "relance show dem"):  # the second from the cache
        env = {**os.environ, "_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": "2"}  # fmt: skip
        result = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, cwd="/"
        )
        assert "HEAVY []" in result.stdout, (words, result.stdout, result.stderr)


# --- greppable output ----------------------------------------------------------------------


@pytest.mark.parametrize(("language", "month"), [("fr", "mai 2021"), ("en", "May 2021")])
def test_piped_output_is_greppable(language: str, month: str) -> None:
    env = {**os.environ, "RELANCE_LANG": language}
    env.pop("RELANCE_CATALOG", None)
    command = f"{sys.executable} -m relance_cli calendar --as-of 2021-03-15 | grep -c '{month}'"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, env=env, cwd=ROOT)
    # As announced by 15 March 2021: the consultation's « territoire référent » step ends in
    # May; the three guichets' first session ends then.
    assert result.stdout.strip() == "4"
    for fmt in ("table", "json", "csv"):
        out = subprocess.run(
            [sys.executable, "-m", "relance_cli", "list", "--format", fmt],
            capture_output=True, env=env, cwd=ROOT,
        )  # fmt: skip
        assert "\u00a0".encode() not in out.stdout and "\u202f".encode() not in out.stdout


# --- the parser, at the cost of the stack ------------------------------------------------


def test_options_are_coerced_without_pydantic_and_keep_their_types() -> None:
    """relance's own coercion stands in for Typer's on relance's parameters only (through
    a private attribute: a Typer upgrade that moves it fails here first)."""
    import typer.core
    import typer.main
    from typer._coercion import TypeDescriptor
    from typer.models import OptionInfo

    from relance_cli.cli import coercion, program

    assert typer.core.build_runtime_param.__module__ == "typer._coercion"  # not replaced
    command = typer.main.get_command(program.build())
    match = command.commands["match"]  # type: ignore[attr-defined]
    match.make_context("match", ["--population", "600000"])
    assert all(isinstance(p._runtime_param, coercion._Plain) for p in match.params)

    def coerce(annotation: object, value: object) -> object:
        descriptor = TypeDescriptor(annotation, OptionInfo(), None)  # type: ignore[arg-type]
        param = coercion._plain_runtime_param(descriptor)
        assert isinstance(param, coercion._Plain) == (annotation is not int)
        return None if param is None else param._coerce_value(value, param=None, ctx=None)

    from pathlib import Path

    assert coerce(str, "600 000") == "600 000"
    assert coerce(bool, True) is True
    assert coerce(list[Path], ("a.toml", "b.toml")) == [Path("a.toml"), Path("b.toml")]
    assert coerce(list[str], ("donnees",)) == ["donnees"]
    assert coerce(int, "7") is None  # anything else: Typer's own coercion


@pytest.mark.parametrize(
    ("args", "kept"),
    [
        (["list"], ["list"]),
        (["--lang", "en", "match", "--all"], ["match"]),
        (["--debug", "calendar", "donnees"], ["calendar"]),
        (["import", "aides-territoires", "--help"], ["import"]),
        (["lsit"], None),  # a typo: every command stays, to suggest the closest
        (["--help"], None),
    ],
)
def test_a_run_builds_the_parser_of_the_command_it_names(
    args: list[str], kept: list[str] | None
) -> None:
    from relance_cli.cli import program

    every = program.build()
    app = program.build(program.invoked(args))
    names = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    everything = [c.name for c in every.registered_commands] + [
        g.name for g in every.registered_groups
    ]
    assert names == (kept if kept is not None else everything)


# --- issue 25: the coercion is relance's alone, and refuses text that is not UTF-8 ---------------


def test_another_typer_app_in_the_same_process_keeps_typers_checks(tmp_path: Path) -> None:
    """Importing relance's CLI no longer changes other Typer apps: their
    `Path(exists=True, dir_okay=False)` checks still hold (and relance's own such
    parameters would get Typer's coercion too)."""
    from typer._coercion import TypeDescriptor
    from typer.models import ArgumentInfo
    from typer.testing import CliRunner

    import relance_cli.cli  # noqa: F401 - the import that used to patch every app
    from relance_cli.cli import coercion

    other = typer.Typer()

    @other.command()
    def read(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
        typer.echo(f"read {path}")

    @other.command()
    def again(path: Annotated[Path, typer.Argument(exists=True, dir_okay=False)]) -> None:
        typer.echo(path)

    runner = CliRunner()
    assert runner.invoke(other, ["read", str(tmp_path / "absent")]).exit_code == 2
    assert runner.invoke(other, ["read", str(tmp_path)]).exit_code == 2
    present = tmp_path / "present.txt"
    present.write_text("x", encoding="utf-8")
    assert runner.invoke(other, ["read", str(present)]).exit_code == 0
    checked = ArgumentInfo(exists=True, dir_okay=False)
    assert coercion._plain_runtime_param(TypeDescriptor(Path, checked, None)) is None


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["match", "--commune", "\udcff\udcfe"], "--commune"),
        (["match", "--type", "\udcff"], "--type"),
        (["show", "\udcff"], "ID"),
        (["match", "--population", "\udcff"], "--population"),
        (["list", "--format", "\udcff"], "--format"),
        (["--lang", "\udcff", "list"], "--lang"),
    ],
)
def test_bytes_that_are_not_utf8_in_any_option_are_usage_errors(
    relance: Run, args: list[str], option: str
) -> None:
    """`relance match --commune $'\\xff\\xfe'` ended in exit 70 (issue 25, D9)."""
    result = relance(*args)
    assert result.exit_code == 2, result.output
    assert f"{option} : « \\xff" in result.stderr, result.stderr
    assert "\udcff" not in result.stderr and "Traceback" not in result.output
