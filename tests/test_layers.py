"""The command line's words stay in the command line (issue #26): outside `cli/` (and
`output/`, which words the hints shown next to an answer), no code holds an option such as
`--commune`; the core says "open" or "financer" and the shell names its option."""

from __future__ import annotations

import ast
import re

from helpers import ROOT

SRC = ROOT / "src" / "relance_cli"
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")
SHELLS = ("cli", "output")


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of docstring nodes: they may name an option to explain a rule to a reader."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def flags_in(source: str) -> list[tuple[int, str]]:
    """Every option named by a string of the code (not a docstring, not a comment)."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    return [
        (node.lineno, flag)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        for flag in FLAG.findall(node.value)
    ]


def test_no_option_is_named_outside_the_shell() -> None:
    modules = [
        path for path in sorted(SRC.rglob("*.py")) if path.relative_to(SRC).parts[0] not in SHELLS
    ]
    assert len(modules) > 40  # the tree was found
    found = {
        f"{path.relative_to(SRC)}:{line}": flag
        for path in modules
        for line, flag in flags_in(path.read_text(encoding="utf-8"))
    }
    assert not found, found


def test_the_check_sees_an_option_in_code_but_not_in_a_docstring() -> None:
    source = '"""Says `--commune`."""\ndef f():\n    """--type"""\n    return "--open"\n'
    assert flags_in(source) == [(4, "--open")]
    assert flags_in('x = "a--b -- c"\n') == []


def test_the_shell_names_each_sieve_with_its_option() -> None:
    """Every sieve the advisor counts has the option the hints name (`--{value}`), or is
    worded without one (the profile, an announcement)."""
    from relance_cli.core.advisor import Sieve

    declared = set(FLAG.findall((SRC / "cli" / "options.py").read_text(encoding="utf-8")))
    declared |= {
        flag
        for path in (SRC / "cli" / "commands").glob("*.py")
        for flag in FLAG.findall(path.read_text(encoding="utf-8"))
    }
    for sieve in Sieve:
        if sieve not in (Sieve.profile, Sieve.announced):
            assert f"--{sieve.value}" in declared, sieve
