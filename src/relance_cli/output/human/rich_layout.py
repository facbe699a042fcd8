"""The light `layout` data as Rich objects, for a terminal: colours and styles shown (or not,
with NO_COLOR: Rich decides), every character as `plain` lays it out elsewhere."""

from __future__ import annotations

from bisect import bisect_left

from rich import box
from rich.table import Table
from rich.text import Span, Text

from relance_cli.output.layout import Cell, Grid, widths

DROPPED = frozenset("\a\b\v\f\r")  # what Rich's `Text` drops from the text it is given


def rich_text(value: Cell) -> Text:
    """Never parsed as markup: catalog text stays literal."""
    if isinstance(value, str):
        return Text(value)
    plain = value.plain
    removed = [] if plain.isprintable() else [i for i, c in enumerate(plain) if c in DROPPED]

    def moved(offset: int) -> int:  # where an offset lands once Rich dropped those
        return offset - bisect_left(removed, offset) if removed else offset

    return Text(
        plain,
        style=value.style,
        spans=[Span(moved(start), moved(end), style) for start, end, style in value.spans],
    )


def rich_table(grid: Grid, width: int) -> Table:
    """The table at `width` columns, each column as wide as `layout.widths` makes it."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_lines=grid.show_lines,
        show_edge=False,
        expand=True,
        pad_edge=False,
        title=Text(grid.title, style="table.title") if grid.title else None,
        caption=Text(grid.caption, style="table.caption") if grid.caption else None,
    )
    for column, size in zip(grid.columns, widths(grid.columns, width), strict=True):
        table.add_column(
            Text(column.header),
            width=size,
            justify=column.justify,
            overflow=column.overflow,
            no_wrap=column.no_wrap,
        )
    for row in grid.rows:
        table.add_row(*(rich_text(cell) for cell in row))
    return table
