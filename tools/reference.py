"""Write the generated parts of the documentation, so that they cannot drift from the code:

- `docs/commandes.md`, the commands reference: each command's own `--help`, as a user sees it;
- the index of `docs/README.md`: every `docs/*.md` file, by its title;
- the key tables of `docs/json.md`: each command's JSON output, from `schemas/output.schema.json`.

`make reference` runs it; `tests/test_reference.py` fails when a checked-in file differs from
what it would write (a changed option, a new page in docs/, a changed schema).

    python tools/reference.py
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SCHEMA = ROOT / "schemas" / "output.schema.json"
WIDTH = "100"  # the help's own line width, fixed so that the file is the same on every machine

GENERATED = "<!-- Généré par `make reference` (tools/reference.py) : ne pas modifier à la main. -->"
BEGIN, END = "<!-- début : généré par `make reference` -->", "<!-- fin -->"
BLOCK = re.compile(re.escape(BEGIN) + r"\n.*?" + re.escape(END), re.DOTALL)


def command_paths() -> Iterator[str]:
    """Every registered command, sub-apps included ("import aides-territoires")."""
    from relance_cli.cli import app

    def walk(group: Any, prefix: str) -> Iterator[str]:
        for info in group.registered_commands:
            yield f"{prefix}{info.name}"
        for sub in group.registered_groups:
            yield from walk(sub.typer_instance, f"{prefix}{sub.name} ")

    yield from walk(app, "")


def help_text(path: str) -> str:
    from typer.testing import CliRunner

    from relance_cli.cli import app

    env = {"COLUMNS": WIDTH, "NO_COLOR": "1", "TERM": "dumb"}
    result = CliRunner().invoke(app, [*path.split(), "--help"], env=env)
    assert result.exit_code == 0, (path, result.output)
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def anchor(title: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", title.lower()).replace(" ", "-")


def commands_page() -> str:
    paths = ["", *sorted(command_paths())]
    titles = [f"relance {path}".strip() for path in paths]
    lines = [
        "# Référence des commandes",
        "",
        GENERATED,
        "",
        "L'aide de chaque commande, telle que `relance COMMANDE --help` l'affiche. Les exemples",
        "commentés sont dans les autres pages de la [documentation](README.md).",
        "",
        *(f"- [`{title}`](#{anchor(title)})" for title in titles),
    ]
    for path, title in zip(paths, titles, strict=True):
        lines += ["", f"## {title}", "", "```text", help_text(path), "```"]
    return "\n".join(lines) + "\n"


def title(page: Path) -> str:
    """A page's first `# ` heading, else its file name."""
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    return page.stem


def docs_index() -> str:
    """Every page of docs/ (but the index itself), by its title: a new page is listed by
    `make reference`, and the index test fails until it is."""
    pages = sorted(p for p in DOCS.glob("*.md") if p.name != "README.md")
    return "\n".join(f"- [{title(page)}]({page.name})" for page in pages)


# --- JSON keys, from the schema ------------------------------------------------------------------


def resolve(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        node = defs[node["$ref"].rsplit("/", 1)[1]]
    return node


NAMES = {"string": "texte", "integer": "entier", "number": "nombre", "boolean": "booléen",
         "null": "null", "object": "objet", "array": "liste"}  # fmt: skip
SHARED = ("scheme", "result")  # listed once each, under their own heading


def kind(node: dict[str, Any], defs: dict[str, Any]) -> str:
    """A short French name for a value's type: « texte », « date ou null », « `open` \\| … »."""
    if node.get("$ref", "").endswith("/date"):
        return "date"
    name = node.get("$ref", "").rsplit("/", 1)[-1]
    if name in SHARED:
        return f"`{name}`"
    node = resolve(node, defs)
    if "enum" in node:
        return " \\| ".join("null" if v is None else f"`{v}`" for v in node["enum"])
    if "anyOf" in node:
        options = [kind(option, defs) for option in node["anyOf"]]
        return " ou ".join(dict.fromkeys(part for o in options for part in o.split(" ou ")))
    types = node.get("type", "object")
    types = types if isinstance(types, list) else [types]
    if types == ["string"] and node.get("pattern", "").startswith("^[0-9]{4}"):
        return "date"
    if types[0] == "array" and "items" in node:
        rest = "".join(" ou " + NAMES.get(t, t) for t in types[1:])
        return f"liste ({kind(node['items'], defs)}){rest}"
    return " ou ".join(NAMES.get(t, t) for t in types)


def properties(node: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    node = resolve(node, defs)
    if node.get("type") == "array" and "items" in node:
        return properties(node["items"], defs)
    found: dict[str, Any] = dict(node.get("properties", {}))
    for option in node.get("anyOf", []) + node.get("allOf", []):
        found.update(properties(option, defs))
    return found


def key_lines(node: dict[str, Any], defs: dict[str, Any], depth: int) -> list[str]:
    lines = []
    for key, value in properties(node, defs).items():
        lines.append(f"{'  ' * depth}- `{key}` : {kind(value, defs)}")
        ref = value.get("$ref") or value.get("items", {}).get("$ref", "")
        if ref.rsplit("/", 1)[-1] not in SHARED:
            lines += key_lines(value, defs, depth + 1)
    return lines


def json_keys() -> str:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    defs = schema["$defs"]
    commands = [name for name in defs if name in set(command_paths())]  # the schema's order
    parts = []
    for name in [*commands, *SHARED]:
        title = f"`relance {name}`" if name in commands else f"`{name}`"
        ref = defs[name].get("$ref", "").rsplit("/", 1)[-1]
        body = [f"Un objet {kind(defs[name], defs)}."] if ref in SHARED else []
        parts += [f"### {title}", "", *(body or key_lines(defs[name], defs, 0)), ""]
    return "\n".join(parts).rstrip("\n")


# --- the files --------------------------------------------------------------------------------


def with_block(path: Path, content: str) -> str:
    """The file's text with its generated block replaced by `content`."""
    text = path.read_text(encoding="utf-8")
    assert BLOCK.search(text), f"{path}: no generated block ({BEGIN} … {END})"
    return BLOCK.sub(lambda _: f"{BEGIN}\n{content}\n{END}", text, count=1)


def expected() -> dict[Path, str]:
    """Every generated file, as `make reference` would write it."""
    return {
        DOCS / "commandes.md": commands_page(),
        DOCS / "README.md": with_block(DOCS / "README.md", docs_index()),
        DOCS / "json.md": with_block(DOCS / "json.md", json_keys()),
    }


def main() -> None:
    os.environ["RELANCE_LANG"] = "fr"  # read when the commands' help is translated
    os.environ.pop("RELANCE_CATALOG", None)
    for path, text in expected().items():
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            path.write_text(text, encoding="utf-8")
            print(f"écrit : {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
