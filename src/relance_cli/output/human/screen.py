"""Where a result is printed: Rich's console in a terminal, plain text everywhere else.

`screen()` decides as Rich would (its `Console.is_terminal` and `size`, with the settings
`console.console` gives it), without importing Rich's console unless it is a terminal:
to a pipe, a file or `--output`, `PlainScreen` writes the characters Rich would have
written with colour off, laid out by `output/plain.py`. Both go through
`terminal.clean`, as everything relance prints does.
"""

from __future__ import annotations

import os
import re
import sys
from typing import TYPE_CHECKING, Protocol, TypeVar

from relance_cli import l10n
from relance_cli.i18n import N_, _
from relance_cli.limits import TERMINAL_ROWS
from relance_cli.output import terminal
from relance_cli.output.layout import Grid, Styled

if TYPE_CHECKING:
    from rich.console import Console

T = TypeVar("T")

MAX_SIZE = 1_000  # columns or lines: COLUMNS=99999999 would build gigabytes of blanks
MIN_COLUMNS = 20  # a narrower screen (COLUMNS=1, a pane squeezed shut) is laid out at 20
NARROW = 60  # columns: below, a table's columns side by side would overflow
MORE = {
    "schemes": N_(
        "… {count} dispositifs de plus : --limit 0 pour tout afficher, ou --format json / csv"
    ),
    "steps": N_("… {count} étapes de plus : --limit 0 pour tout afficher, ou --format json / csv"),
}


class Screen(Protocol):
    width: int
    is_terminal: bool

    def print(
        self, text: Styled | None = None, *, crop: bool = False, soft_wrap: bool = False
    ) -> None:
        """A line, folded at the width (or cut there with `crop`, or left whole for the
        terminal to wrap with `soft_wrap`)."""

    def table(self, grid: Grid) -> None: ...


def cramped(grid: Grid, width: int) -> bool:
    """Whether the columns of free width would be left narrower than their minimum (16
    columns at least, to read a word in) beside the fixed ones."""
    columns = grid.columns
    fixed = sum(c.width for c in columns if c.width is not None)
    need = sum(max(c.min_width or 0, 16) for c in columns if c.width is None)
    return width - fixed - 3 * (len(columns) - 1) < need


def stacked(grid: Grid, width: int) -> bool:
    return width < NARROW or cramped(grid, width)


class PlainScreen:
    """A pipe or a file: the characters only."""

    is_terminal = False

    def __init__(self, width: int) -> None:
        self.width = width

    def print(
        self, text: Styled | None = None, *, crop: bool = False, soft_wrap: bool = False
    ) -> None:
        from relance_cli.output.plain import finish, text_lines

        if text is None:
            lines = [""]
        else:
            lines = text_lines(text, self.width, crop=crop, soft_wrap=soft_wrap)
        terminal.write_text(finish(lines))

    def table(self, grid: Grid) -> None:
        from relance_cli.output.plain import stacked_text, table_text

        if stacked(grid, self.width):
            terminal.write_text(stacked_text(grid, self.width))
        else:
            terminal.write_text(table_text(grid, self.width))


class RichScreen:
    """A terminal (or the pager's pipe): Rich's console, colours and all."""

    def __init__(self, out: Console) -> None:
        self.out = out
        self.width = out.width
        self.is_terminal = out.is_terminal

    def print(
        self, text: Styled | None = None, *, crop: bool = False, soft_wrap: bool = False
    ) -> None:
        from relance_cli.output.human.rich_layout import rich_text

        if text is None:
            self.out.print()
        elif soft_wrap:
            self.out.print(rich_text(text), soft_wrap=True)
        elif crop:
            self.out.print(rich_text(text), no_wrap=True, overflow="crop")
        else:
            self.out.print(rich_text(text))

    def table(self, grid: Grid) -> None:
        if stacked(grid, self.width):
            from relance_cli.output.plain import stacked_text

            terminal.write_text(stacked_text(grid, self.width))
        else:
            from relance_cli.output.human.rich_layout import rich_table

            self.out.print(rich_table(grid, self.width))


def print_prose(out: Screen, text: Styled) -> None:
    """Print `text` with every word whole: as `print` does when no word is wider than a
    line, else with such a word (a web address in a note or a reason) on a line of its
    own, longer than the width: half an address leads nowhere and cannot be copied."""
    if isinstance(out, RichScreen):
        from relance_cli.output.human.console import print_prose as print_rich_prose
        from relance_cli.output.human.rich_layout import rich_text

        print_rich_prose(out.out, rich_text(text))
        return
    from rich.cells import cell_len  # alone, a light module

    from relance_cli.output.plain import divide_line, strip_controls

    value = strip_controls(text.plain)
    if not any(cell_len(word) > out.width for word in _SPACES.split(value)):
        out.print(text)
        return
    for paragraph in value.split("\n"):
        cuts = divide_line(paragraph, max(out.width, 1), fold=False)
        for start, end in zip([0, *cuts], [*cuts, len(paragraph)], strict=True):
            out.print(Styled(paragraph[start:end].rstrip()), soft_wrap=True)


# A word is what lies between ASCII whitespace, as lines are cut.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def screen() -> Screen:
    width = plain_width()
    if width is not None:
        return PlainScreen(width)
    from relance_cli.output.human.console import console

    return RichScreen(console())


def plain_width() -> int | None:
    """The width Rich's console would have, when it would not be a terminal; None when
    it would be one (or in a case only Rich should judge: a pager, Windows, IDLE,
    Jupyter, a COLUMNS that is not a plain number)."""
    import builtins

    from relance_cli.output import pager

    if pager.size() is not None or sys.platform == "win32" or hasattr(builtins, "get_ipython"):
        return None
    if getattr(sys.stdin, "__module__", "").startswith("idlelib"):
        return None
    environ = os.environ
    compatible = environ.get("TTY_COMPATIBLE", "")
    if compatible == "1":
        return None
    if compatible != "0":
        force = environ.get("FORCE_COLOR")
        if force is not None:
            if force != "":
                return None
        elif _isatty():
            return None
    columns = environ.get("COLUMNS")
    if columns is not None and columns.isdigit():
        size = _clamped(columns) if columns.isascii() else 0
        return max(size, MIN_COLUMNS) if size else None  # Rich alone reads 0 and other digits
    for descriptor in (0, 1, 2):  # as Rich: the first standard stream that is a terminal
        try:
            size = os.get_terminal_size(descriptor).columns
        except (AttributeError, ValueError, OSError):
            continue
        return max(size, MIN_COLUMNS) if size else 80
    return 80


def _clamped(columns: str) -> int:
    return MAX_SIZE if len(columns) > 6 else min(int(columns), MAX_SIZE)


def _isatty() -> bool:
    isatty = getattr(sys.stdout, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:
        return False


def shown(out: Screen, rows: list[T], limit: int | None) -> tuple[list[T], int]:
    """The rows to print and how many are left out: all of them to a pipe or a file, the
    first TERMINAL_ROWS in a terminal, or what --limit says (0: all)."""
    if limit is None:
        limit = TERMINAL_ROWS if out.is_terminal else 0
    if not limit or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def more_line(out: Screen, hidden: int, what: str) -> None:
    if hidden:
        out.print(Styled(_(MORE[what]).format(count=l10n.integer(hidden)), style="bold"))
