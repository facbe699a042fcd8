"""Rich only for terminals: to a pipe or a file, `output/plain.py` lays out the same
characters as Rich would with colour off, without importing Rich's console, table or text.

Every command is run twice in-process at each width, once as a pipe gets it (plain) and
once through Rich's console (not a terminal: no colour, trailing spaces trimmed), on the
shipped catalog, on catalogs imported from the real Aides-territoires fixtures, and on
catalogs whose texts hold emoji, CJK, combining accents, very long words and addresses.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from helpers import SHIPPED, Run, import_fixture_pages
from rich.cells import cell_len
from test_startup import PROBE

from relance_cli.output import plain
from relance_cli.output.human import screen
from relance_cli.output.layout import Column, Grid, Styled
from relance_cli.output.terminal import clean

WIDTHS = (40, 80, 120)
ODD = (
    "Numérique 🚀 pour tous 👩‍💻 et ❤️ 🇫🇷",
    "数字化转型支持计划 デジタル化支援プログラム 디지털 전환 지원",
    "Cafe\u0301 re\u0301sume\u0301 a\u0300 Mu\u0308nchen, l'e\u0301te\u0301",
    "Anticonstitutionnellementanticonstitutionnellementanticonstitutionnellementissime",
    "https://example.org/un/tres/long/chemin/vers/une/page-officielle?avec=des&parametres=42",
    "全角の文字列がとても長い場合の折り返しを確認するための見出しですよ",
)


def _odd(text: str, index: int) -> str:
    return f"{text} {ODD[index % len(ODD)]} {ODD[(index + 3) % len(ODD)]}"


def odd_catalog(source: Path, target: Path) -> Path:
    """`source` with odd texts in every title, step name and the catalog's name."""
    data = tomllib.loads(source.read_text(encoding="utf-8"))
    data["catalog"]["name"] = _odd(data["catalog"]["name"], 0)
    for index, scheme in enumerate(data["scheme"]):
        scheme["title"] = _odd(scheme["title"], index)
        for number, step in enumerate(scheme.get("steps", [])):
            step["name"] = _odd(step["name"], index + number + 1)
    data.pop("test", None)
    target.write_text(tomli_w.dumps(data), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("catalogs")
    found = {"shipped": SHIPPED}
    found.update(import_fixture_pages(folder))
    found["odd-shipped"] = odd_catalog(SHIPPED, folder / "odd-shipped.toml")
    found["odd-imported"] = odd_catalog(found["django-2022-05"], folder / "odd-imported.toml")
    return found


ON = ("--as-of", "2021-05-20")
COMMANDS: dict[str, tuple[str, ...]] = {
    "list": ("list", *ON),
    "match": ("match", "--all", "--population", "480000", *ON),
    "match-explain": ("match", "--budget", "300000", "--explain", "--as-of", "2022-06-01"),
    "search": ("search", "numérique", "--all", *ON),
    "calendar": ("calendar", *ON),
    "timeline": ("calendar", "--timeline", *ON),
    "types": ("types",),
    "show": ("show", "{id}", "--population", "480000", *ON),
}


def first_id(catalog: Path) -> str:
    return str(tomllib.loads(catalog.read_text(encoding="utf-8"))["scheme"][0]["id"])


def both(relance: Run, args: list[str], width: int) -> tuple[Any, Any]:
    """The command's output to a pipe, then through Rich's console (not a terminal)."""
    env = {"COLUMNS": str(width)}
    piped = relance(*args, env=env)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(screen, "plain_width", lambda: None)
        through_rich = relance(*args, env=env)
    return piped, through_rich


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize(
    "catalog",
    ["shipped", "django-2021-11", "django-2022-05", "symfony-2024-06", "generated",
     "odd-shipped", "odd-imported"],
)  # fmt: skip
def test_the_plain_layout_is_richs_with_colour_off(
    relance: Run, catalogs: dict[str, Path], catalog: str, command: str, width: int
) -> None:
    path = catalogs[catalog]
    args = [a.format(id=first_id(path)) for a in COMMANDS[command]]
    piped, through_rich = both(relance, [*args, "--catalog", str(path)], width)
    assert piped.exit_code == through_rich.exit_code == 0, piped.output + through_rich.output
    assert piped.stdout.strip()
    assert piped.stdout == through_rich.stdout


def test_odd_texts_reach_the_tables(relance: Run, catalogs: dict[str, Path]) -> None:
    """The odd catalog really puts wide, zero-width and unbreakable text in the cells."""
    result = relance("list", "--catalog", str(catalogs["odd-shipped"]), env={"COLUMNS": "80"})
    assert "数字化转型" in result.stdout and "🚀" in result.stdout
    assert "Anticonstitutionnellement" in result.stdout
    assert any(cell_len(line) == 80 for line in result.stdout.splitlines())


@pytest.mark.parametrize("width", [61, 77, 80, 99, 120, 133])
def test_a_grid_of_every_kind_of_cell_at_odd_widths(width: int) -> None:
    """Right-justified, folded, ellipsed and unwrapped columns, centred title and caption,
    tabs and control characters Rich drops, at widths odd and even."""
    from rich.console import Console

    from relance_cli.output.human.console import SafeConsole, keep_spaces_whole
    from relance_cli.output.human.rich_layout import rich_table

    grid = Grid(
        title="Un titre centré " + ODD[1], caption="légende\tavec tabulation", show_lines=False
    )
    grid.add_column("Fixe", width=9)
    grid.add_column("Plié", ratio=1, overflow="fold")
    grid.add_column("Coupé", ratio=2)
    grid.add_column("Nombre", width=7, justify="right")
    for index, text in enumerate(ODD):
        cell = Styled(text, "bold").append("\nsuite\x07 du\ttexte  ", "dim")
        grid.add_row(Styled(ODD[index - 1]), cell, text + " " + ODD[index - 2], f"{index} 000")
    grid.add_row("", "", "", "")
    assert not screen.stacked(grid, width)  # narrower, relance stacks the fields instead
    buffer = io.StringIO()
    keep_spaces_whole()
    console: Console = SafeConsole(file=buffer, width=width, highlight=False, markup=False)
    console.print(rich_table(grid, width))
    assert clean(plain.table_text(grid, width)) == buffer.getvalue()


@pytest.mark.parametrize("crop", [False, True])
@pytest.mark.parametrize("width", [20, 41, 80])
def test_printed_lines_wrap_as_richs(width: int, crop: bool) -> None:
    from rich.text import Text

    from relance_cli.output.human.console import SafeConsole, keep_spaces_whole

    text = "  ✓ " + " ".join(ODD) + "\n\nfin\t« 600\u00a0000 € »   "
    buffer = io.StringIO()
    keep_spaces_whole()
    console = SafeConsole(file=buffer, width=width, highlight=False, markup=False)
    if crop:
        console.print(Text(text), no_wrap=True, overflow="crop")
    else:
        console.print(Text(text))
    assert clean(plain.finish(plain.text_lines(text, width, crop=crop))) == buffer.getvalue()


def test_soft_wrapped_lines_stay_whole() -> None:
    long = "    https://example.org/" + "a" * 200
    assert plain.text_lines(long + "\n\tb", 40, soft_wrap=True) == [long, "        b"]


def imported(*args: str, cache: Path, env: dict[str, str] | None = None) -> set[str]:
    """The modules a command run in a subprocess imported (its output to a buffer)."""
    environ = {**os.environ, "RELANCE_CACHE_DIR": str(cache), **(env or {})}
    environ.pop("RELANCE_CATALOG", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True, text=True, env=environ, check=True, cwd="/",
    )  # fmt: skip
    return set(json.loads(result.stdout))


@pytest.mark.parametrize(
    "args", [("list",), ("match", "--population", "480000"), ("search", "numérique"), ("calendar",)]
)
def test_tables_to_a_pipe_import_no_rich_layout(args: tuple[str, ...], tmp_path: Path) -> None:
    imported(*args, cache=tmp_path)  # the cache is warm from here on
    modules = imported(*args, cache=tmp_path)
    for heavy in ("rich.console", "rich.table", "rich.text", "rich.segment"):
        assert heavy not in modules, heavy
    assert "relance_cli.output.plain" in modules  # the table was laid out, by plain


def test_a_terminal_still_gets_richs_console(tmp_path: Path) -> None:
    modules = imported("list", cache=tmp_path, env={"TTY_COMPATIBLE": "1"})
    assert "rich.console" in modules and "relance_cli.output.plain" not in modules


class Stdout(io.StringIO):
    def __init__(self, tty: bool | None) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        if self.tty is None:
            raise ValueError("I/O operation on closed file")
        return self.tty


@pytest.mark.parametrize(
    ("environ", "tty", "width"),
    [
        ({}, False, 80),
        ({"COLUMNS": "97"}, False, 97),
        ({"COLUMNS": "99999999"}, False, 1000),
        ({"COLUMNS": "5000"}, False, 1000),
        ({"COLUMNS": "0"}, False, None),  # Rich alone knows what to make of these
        ({"COLUMNS": "١٢٠"}, False, None),
        ({"COLUMNS": "wide"}, False, 80),
        ({}, True, None),
        ({}, None, 80),
        ({"TTY_COMPATIBLE": "1"}, False, None),
        ({"TTY_COMPATIBLE": "0", "COLUMNS": "90"}, True, 90),
        ({"FORCE_COLOR": "1"}, False, None),
        ({"FORCE_COLOR": ""}, True, 80),
    ],
)
def test_plain_only_where_rich_would_see_no_terminal(
    monkeypatch: pytest.MonkeyPatch, environ: dict[str, str], tty: bool | None, width: int | None
) -> None:
    for name in ("COLUMNS", "TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setattr("sys.stdout", Stdout(tty))

    def no_terminal(fd: int) -> Any:
        raise OSError(fd)

    monkeypatch.setattr("os.get_terminal_size", no_terminal)
    assert screen.plain_width() == width


def test_a_terminal_on_another_stream_gives_its_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """`relance list | less` in a terminal: Rich takes the width of standard input's
    terminal, and so does the plain layout."""
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr("sys.stdout", Stdout(False))
    monkeypatch.setattr("os.get_terminal_size", lambda fd: os.terminal_size((132, 40)))
    assert screen.plain_width() == 132


def test_styled_text_keeps_its_spans() -> None:
    line = Styled("ab", "bold") + Styled("cd", "dim")
    line.append("  ")
    line.stylize("red", 1, 3)
    line.stylize("", 0, 4)
    assert (line.plain, line.style, line.spans) == (
        "abcd  ",
        "bold",
        [(2, 4, "dim"), (1, 3, "red")],
    )
    line.rstrip()
    assert str(line) == "abcd" and repr(Styled("x")) == "Styled('x', '')"
    joined = Styled.join(", ", [Styled("a", "b"), Styled("c")])
    assert (joined.plain, joined.spans) == ("a, c", [(0, 1, "b")])


def test_a_column_has_a_width_or_a_ratio() -> None:
    with pytest.raises(ValueError, match="width or a ratio"):
        Column("x")
    grid = Grid()
    grid.add_column("x", width=3)
    with pytest.raises(ValueError, match="2 cells for 1 columns"):
        grid.add_row("a", "b")


def test_line_breaks_are_richs_on_random_text() -> None:
    """Both ways of breaking a line (any text; one-cell text by `len`) against Rich's own
    `divide_line`, on random words, spaces and widths."""
    import random

    from rich import _wrap

    from relance_cli.output.human.console import keep_spaces_whole

    keep_spaces_whole()
    pick = random.Random(24)
    alphabet = ["a", "é", " ", " ", "  ", "\u00a0", "-", "x" * 12, "数", "👩‍💻", "e\u0301", "’"]
    for _ in range(3000):
        text = "".join(pick.choice(alphabet) for _ in range(pick.randint(0, 40)))
        width = pick.randint(1, 30)
        fold = pick.random() < 0.7
        expected = _wrap.divide_line(text, width, fold=fold)
        assert plain.divide_line(text, width, fold=fold) == expected, (text, width)
        if plain.one_cell_each(text):
            assert plain._divide_one_cell(text, width, fold) == expected, (text, width)
        assert plain.wrap_lines(text, width, overflow="fold" if fold else "ellipsis") == [
            str(line) for line in _rich_wrapped(text, width, fold)
        ], (text, width)


def _rich_wrapped(text: str, width: int, fold: bool) -> list[object]:
    from rich.console import Console
    from rich.text import Text

    console = Console(width=width, file=io.StringIO())
    return list(Text(text).wrap(console, width, overflow="fold" if fold else "ellipsis"))


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    from rich.cells import get_character_cell_size

    assert [c for c in plain.ONE_CELL if get_character_cell_size(c) != 1] == []


def test_the_plain_layout_breaks_words_where_relances_rich_does() -> None:
    from relance_cli.output.human.console import WORD

    assert plain.WORD.pattern == WORD.pattern
