"""Domain errors carry data, and only the command line names its options (issue #26): the
territory lookup, the API client and the file writer say what went wrong; `cli/` says
which option, `relance test` which case at which line of which catalog."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.core.vocabulary import Scale
from relance_cli.files import FileExists, write_new
from relance_cli.importers.client import BadAddress, origin
from relance_cli.territory.lookup import find
from relance_cli.territory.problems import AmbiguousTerritory, SharedPostcode, UnknownTerritory

SOURCE = Path(__file__).resolve().parents[1] / "src" / "relance_cli"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
# Where a message may still name an option, and why; everything else outside cli/ may not.
ALLOWED = {
    # The renderers of the command line's results: their hints name the option a reader
    # types next (« --all pour le voir », « --limit 0 pour tout afficher »).
    "output/",
    # The reasons of a verdict, worded in the core until they become codes and
    # parameters worded by output/ (issue #26, « Reasons as data »).
    "core/eligibility.py",
    # The filters' names, as output/dead_ends.py words them (same work).
    "core/advisor.py",
}


def flags_in_messages(path: Path) -> list[str]:
    """The options named by the string constants of a module, docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        f"{node.lineno}: {flag}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        if id(node) not in docstrings
        for flag in FLAG.findall(node.value)
    ]


def test_no_option_is_named_outside_the_command_line() -> None:
    found = {}
    for path in sorted(SOURCE.rglob("*.py")):
        relative = path.relative_to(SOURCE).as_posix()
        if relative.startswith("cli/") or relative.startswith(tuple(ALLOWED)):
            continue
        flags = flags_in_messages(path)
        if flags:
            found[relative] = flags
    assert found == {}


def test_the_grep_finds_a_named_option(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text('"""Uses --catalog."""\nTEXT = "ajoutez --force"\n# --debug\n')
    assert flags_in_messages(module) == ["2: --force"]


@pytest.mark.parametrize(
    ("scale", "given", "kind", "data"),
    [
        (Scale.commune, "Lyonn", UnknownTerritory, ("Lyon (69123, Rhône)",)),
        (Scale.commune, "Zzyzx", UnknownTerritory, ()),
        (Scale.commune, "Saint-Denis", AmbiguousTerritory, None),
        (Scale.commune, "49000", SharedPostcode, None),
    ],
)
def test_a_territory_problem_carries_its_data(
    scale: Scale, given: str, kind: type[Exception], data: tuple[str, ...] | None
) -> None:
    with pytest.raises(kind) as raised:
        find(scale, given)
    problem = raised.value
    assert isinstance(problem, UnknownTerritory | AmbiguousTerritory | SharedPostcode)
    assert (problem.scale, problem.given) == (scale, given)
    if isinstance(problem, UnknownTerritory):
        assert problem.suggestions[: len(data or ())] == data
    elif isinstance(problem, AmbiguousTerritory):
        assert len(problem.candidates) > 1
    else:
        assert len(problem.communes) > 1
    assert "--" not in " ".join(problem.lines)  # the lookup names no option
    assert problem.lines[0].startswith("commune : ")
    assert problem.words("--commune").startswith(
        f"--commune : {'« ' if kind is not SharedPostcode else 'le code postal'}"
    )


def test_the_command_line_names_the_option(relance: Run) -> None:
    result = relance("match", "--epci", "Metropole de Lyonn")
    assert result.exit_code == 2
    assert result.stderr.startswith("Erreur : --epci : « Metropole de Lyonn » inconnu")


def test_a_bad_address_carries_it() -> None:
    with pytest.raises(BadAddress) as raised:
        origin("ftp://example.org/")
    assert raised.value.url == "ftp://example.org/"
    assert raised.value.lines == [
        "adresse de l'API : « ftp://example.org/ » n'est pas une adresse http:// ou https:// valide"
    ]
    assert raised.value.words("--api-url").startswith("--api-url : « ftp://")


def test_an_existing_file_is_said_with_force_only_on_the_command_line(
    relance: Run, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    target.write_text("{}")
    with pytest.raises(FileExists) as raised:
        write_new(target, b"[]", force=False, option="--output")
    assert (raised.value.option, raised.value.path) == ("--output", target)
    assert "--force" not in raised.value.lines[0]
    result = relance("list", "--format", "json", "--output", str(target))
    assert result.exit_code == 2
    assert "existe déjà ; ajoutez --force pour le remplacer" in result.stderr
    assert target.read_text() == "{}"


def test_a_case_is_located_by_its_own_line(tmp_path: Path) -> None:
    from relance_cli.catalog.diagnostics import case_line

    gone = str(tmp_path / "gone.toml")
    assert case_line(gone, 0, "commune") == gone  # unreadable now: the label alone
    path = tmp_path / "c.toml"
    path.write_text('[[test]]\nname = "a"\n\n[[test]]\nname = "b"\nepci = "x"\n')
    assert case_line(str(path), 1, "epci") == f"{path}:6"
    assert case_line(str(path), 0, "commune") == f"{path}:1"  # no such key: the case's header
