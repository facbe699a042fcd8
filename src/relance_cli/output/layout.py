"""What a table or a styled line holds, as light data: no Rich here.

The renderers in `human/` describe their output with these: a `Styled` line (text and the
spans of its styles), a `Grid` (columns, rows of cells, title, caption). Two writers lay
them out: Rich's in a terminal (`human/rich_layout.py`: colours, NO_COLOR honoured) and
`plain.py` everywhere else, which gives the same characters without importing Rich's
console, table or text, and without building a Rich `Text` per cell (146 ms on 5,000
aids).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Justify = Literal["left", "right"]
Overflow = Literal["fold", "ellipsis"]
Span = tuple[int, int, str]  # start, end, style


class Styled:
    """Text and where its styles apply (Rich style names: "bold", "dim red"…). Styles show
    in a terminal only; the characters are the same everywhere."""

    __slots__ = ("plain", "spans", "style")

    def __init__(self, plain: str = "", style: str = "") -> None:
        self.plain = plain
        self.style = style
        self.spans: list[Span] = []

    def __repr__(self) -> str:
        return f"Styled({self.plain!r}, {self.style!r})"

    def __str__(self) -> str:
        return self.plain

    def append(self, text: str | Styled, style: str = "") -> Styled:
        """Add text at the end, styled as given (a `Styled` keeps its own styles)."""
        if isinstance(text, Styled):
            return self.append_styled(text)
        if style and text:
            self.spans.append((len(self.plain), len(self.plain) + len(text), style))
        self.plain += text
        return self

    def append_styled(self, other: Styled) -> Styled:
        offset = len(self.plain)
        if other.style and other.plain:
            self.spans.append((offset, offset + len(other.plain), other.style))
        self.spans.extend(
            (start + offset, end + offset, style) for start, end, style in other.spans
        )
        self.plain += other.plain
        return self

    def stylize(self, style: str, start: int, end: int) -> None:
        if style and start < end:
            self.spans.append((start, end, style))

    def rstrip(self) -> None:
        """Without its trailing whitespace (and the styles that were only on it)."""
        self.plain = self.plain.rstrip()
        end = len(self.plain)
        self.spans = [
            (start, min(stop, end), style) for start, stop, style in self.spans if start < end
        ]

    def __add__(self, other: Styled) -> Styled:
        result = Styled(self.plain, self.style)
        result.spans = list(self.spans)
        return result.append_styled(other)

    @classmethod
    def join(cls, separator: str, parts: Iterable[Styled]) -> Styled:
        result = cls()
        for index, part in enumerate(parts):
            if index:
                result.plain += separator
            result.append_styled(part)
        return result


Cell = Styled | str


class Column:
    """A column of fixed `width`, or one that shares the free width by `ratio` (Rich's
    meaning of these settings, which `plain` reproduces). Its `label` names its field in
    the stacked layout of a narrow screen (the header, unless a header reads badly there)."""

    __slots__ = (
        "header",
        "justify",
        "label",
        "min_width",
        "no_wrap",
        "overflow",
        "ratio",
        "width",
    )

    def __init__(
        self,
        header: str,
        *,
        width: int | None = None,
        ratio: int | None = None,
        min_width: int | None = None,
        justify: Justify = "left",
        overflow: Overflow = "ellipsis",
        no_wrap: bool = False,
        label: str | None = None,
    ) -> None:
        if (width is None) == (ratio is None):
            raise ValueError("a column has a width or a ratio, not both nor neither")
        self.header = header
        self.label = header if label is None else label
        self.width = width
        self.ratio = ratio
        self.min_width = min_width
        self.justify = justify
        self.overflow = overflow
        self.no_wrap = no_wrap


class Grid:
    """A table: no outer edge, a rule under the headers, and a blank line between rows
    when `show_lines` (the look of every relance table)."""

    __slots__ = ("caption", "columns", "rows", "show_lines", "title")

    def __init__(self, *, title: str = "", caption: str = "", show_lines: bool = True) -> None:
        self.title = title
        self.caption = caption
        self.show_lines = show_lines
        self.columns: list[Column] = []
        self.rows: list[list[Cell]] = []

    def add_column(
        self,
        header: str,
        *,
        width: int | None = None,
        ratio: int | None = None,
        min_width: int | None = None,
        justify: Justify = "left",
        overflow: Overflow = "ellipsis",
        no_wrap: bool = False,
        label: str | None = None,
    ) -> None:
        column = Column(
            header, width=width, ratio=ratio, min_width=min_width, justify=justify, label=label
        )
        column.overflow, column.no_wrap = overflow, no_wrap
        self.columns.append(column)

    def add_row(self, *cells: Cell) -> None:
        if len(cells) != len(self.columns):
            raise ValueError(f"{len(cells)} cells for {len(self.columns)} columns")
        self.rows.append(list(cells))


def plain(cell: Cell) -> str:
    return cell if isinstance(cell, str) else cell.plain


GAP = 3  # right padding, the blank vertical rule, left padding


def widths(columns: list[Column], total: int) -> list[int]:
    """Each column's text width: fixed columns keep theirs, the others share what is left
    by ratio, never below their minimum (an id stays whole). Both writers use these
    widths: Rich's table is given them as fixed widths (Rich itself would let a ratio
    override a minimum). `human.screen` never lays out side by side a table too narrow
    for them."""
    fixed = sum(c.width for c in columns if c.width is not None)
    free = max(0, total - fixed - GAP * (len(columns) - 1))
    flexible = [c for c in columns if c.width is None]
    shares = sum(c.ratio or 1 for c in flexible) or 1
    result = []
    given = 0
    for column in columns:
        if column.width is not None:
            result.append(column.width)
            continue
        flexible.remove(column)
        share = free - given if not flexible else free * (column.ratio or 1) // shares
        share = max(share, column.min_width or 1)
        given += share
        result.append(share)
    return result
