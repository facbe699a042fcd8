"""The labelled facts of `relance show`, as light data, and their plain layout.

A `Field` is a label and its value (a `Styled` text, or a web address). In a terminal,
`rich_fields` prints them through Rich's grid, colours and links included; everywhere
else, `field_lines` gives the same characters without importing Rich's console, table or
text: a grid of two columns (the labels, as wide as the widest; the values, wrapped in
what is left, 2 cells away) as Rich's `Table.grid(padding=(0, 2))` lays it out, in runs
broken by the values that must stay whole. An address gets a line of its own, unwrapped,
and so does each line of a text holding a word wider than its column (an address in a
summary or a contact), wrapped by hand so that the word stays whole: half an address
leads nowhere and cannot be copied. tests/test_show_plain.py holds both to the same
characters. Below 60 columns, as tables do, the fields stack (`stacked_field_lines`): a
label column would leave the values a few letters a line.
"""

from __future__ import annotations

import re

from rich.cells import cell_len  # alone, a light module (see `output/plain.py`)

from relance_cli.i18n import _
from relance_cli.output.layout import Styled
from relance_cli.output.plain import INDENT, divide_line, strip_controls, wrap, wrap_lines

GAP = 2  # between a label and its value
TAB = 8  # columns between tab stops, as Rich expands them


class Field:
    """A labelled fact; `address` when its value is a web address, printed whole."""

    __slots__ = ("address", "label", "value")

    def __init__(self, label: str, value: Styled, *, address: bool = False) -> None:
        self.label = label
        self.value = value
        self.address = address


def label_width(fields: list[Field]) -> int:
    return max((cell_len(field.label) for field in fields), default=0)


# A word is what lies between ASCII whitespace, as lines are cut.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def has_long_word(text: str, width: int) -> bool:
    """Whether a word of `text` is wider than `width` (`human.console.has_long_word`)."""
    return any(cell_len(word) > width for word in _SPACES.split(text))


def whole_lines(text: str, width: int) -> list[str]:
    """`text` wrapped at ASCII whitespace into lines of `width` cells, a word wider than a
    line alone on its line, whole (`human.console.whole_lines`)."""
    lines = []
    for paragraph in text.split("\n"):
        cuts = divide_line(paragraph, max(width, 1), fold=False)
        for start, end in zip([0, *cuts], [*cuts, len(paragraph)], strict=True):
            lines.append(paragraph[start:end].rstrip())
    return lines


def _grid_lines(rows: list[tuple[str, str]], labels: int, width: int) -> list[str]:
    """The rows as Rich lays out a grid of a label column (no wrap, at least `labels`
    wide) and a value column, 2 cells apart, in `width` cells."""
    first = min(labels + GAP, width)
    longest = max((cell_len(line) for _, value in rows for line in value.splitlines()), default=0)
    second = min(longest, width) or 1
    if first + second > width:  # the values' column gives way, the labels' never
        second = max(width - first, 0)
    out = []
    for label, value in rows:
        head = label + " " * (first - cell_len(label))
        lines = wrap_lines(value, second, justify="left", overflow="ellipsis")
        out.append(head + lines[0])
        out.extend(" " * first + line for line in lines[1:])
    return out


def field_lines(fields: list[Field], width: int) -> list[str]:
    """Each line of the fields, to print unwrapped (its tabs not yet expanded)."""
    labels = label_width(fields)
    room = width - labels - GAP
    out: list[str] = []
    pending: list[tuple[str, str]] = []
    for field in fields:
        text = strip_controls(field.value.plain)
        if not field.address and not has_long_word(text, room):
            pending.append((field.label, text))
            continue
        if pending:
            out += _grid_lines(pending, labels, width)
            pending.clear()
        heading = field.label + " " * (labels - cell_len(field.label) + GAP)
        if field.address:
            out.append(heading + text)
            continue
        indent = " " * cell_len(heading)
        for number, line in enumerate(whole_lines(text, room)):
            out.append((indent if number else heading) + line)
    if pending:
        out += _grid_lines(pending, labels, width)
    return out


def stacked_field_lines(fields: list[Field], width: int) -> list[tuple[str, str, Field]]:
    """The fields for a narrow screen, as a stacked table's: « Label : value » when it
    fits on the line, else the label, then the value indented and wrapped at the width
    left (its paragraphs apart, a word wider than a line whole on its own). Each line as
    its label part, its value part and the field it shows (an address is printed whole,
    and a link in a terminal)."""
    out: list[tuple[str, str, Field]] = []
    room = max(width - len(INDENT), 1)
    for field in fields:
        label = _("{label} : ").format(label=field.label)
        paragraphs = _paragraphs(strip_controls(field.value.plain).expandtabs(TAB))
        if len(paragraphs) == 1 and cell_len(label + paragraphs[0]) <= width:
            out.append((label, paragraphs[0], field))
            continue
        out.append((label.rstrip(), "", field))
        if field.address:
            out.append((INDENT, " ".join(paragraphs), field))  # one line: the address
            continue
        for paragraph in paragraphs:
            lines = wrap(paragraph, room, fold=False) if paragraph else []
            out += [(INDENT, line, field) for line in lines] or [("", "", field)]
    return out


def _paragraphs(text: str) -> list[str]:
    """The text's lines, without blank ones at either end, and one blank line where it
    has several in a row."""
    kept: list[str] = []
    for line in text.split("\n"):
        if line.strip():
            kept.append(line)
        elif kept and kept[-1]:
            kept.append("")
    if kept and not kept[-1]:
        kept.pop()
    return kept
