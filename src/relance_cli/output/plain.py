"""Tables and lines as plain text, for output that is not a terminal.

Rich lays a table out at about half a millisecond a row, and importing its console, table
and text costs some 40 ms more than a command's own work. A pipe needs no colour, so the
`Grid`s and `Styled` lines of `layout` are laid out here with Rich's own rules, on plain
strings: the same column widths (`widths`, which both writers use), the same word wrapping
(`divide_line`, at ASCII whitespace only, so "600 000" or "28 mai 2021" stay whole), the
same cutting of long words (folded, or ended with « … »), the same centring. Widths are
counted in terminal cells by `rich.cells` (wide CJK and emoji 2, combining marks 0), whose
import alone costs about 2 ms; tests/test_plain_layout.py holds both layouts to the same
characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len, chop_cells, set_cell_size

from relance_cli.i18n import _
from relance_cli.output.layout import GAP, Cell, Column, Grid, Styled, plain, widths

# Rich's word pattern as relance sets it (`human.console.WORD`): breaks at ASCII
# whitespace only.
WORD = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")
_WHITESPACE_END = re.compile(r"\s+$")
_DROPPED = re.compile("[\a\b\v\f\r]")  # what Rich's `Text` drops (BEL, BS, VT, FF, CR)
_GLUE_AND_SPACE = " \u00a0\u202f"  # trailing spaces, gluing ones included (unglued later)
TAB_SIZE = 8
# Characters one cell wide, as Rich counts them (rich.cells keeps a smaller such set): a
# text made only of these is measured by `len`, several times faster than `cell_len`.
# tests/test_plain_layout.py checks each against rich.cells.
ONE_CELL = frozenset(
    chr(code)
    for first, last in ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482))
    for code in range(first, last + 1)
) | frozenset(
    "\u202f\u2019\u2018\u201c\u201d\u2026\u2014\u2013\u20ac\u2022\u2192\u2190\u2500\u2502\u252c\u2588\u2591\u25bc\u2265\u2264"
)
one_cell_each = ONE_CELL.issuperset


def strip_controls(text: str) -> str:
    return _DROPPED.sub("", text) if _DROPPED.search(text) else text


def divide_line(
    text: str, width: int, *, fold: bool = True, measure: Callable[[str], int] = cell_len
) -> list[int]:
    """Where Rich breaks a line of `text` to fit `width` cells (rich._wrap.divide_line);
    `measure` may be `len` for text of one-cell characters only."""
    breaks: list[int] = []
    offset = 0
    for match in WORD.finditer(text):
        start = match.start()
        word = match.group()
        length = measure(word.rstrip())
        if width - offset >= length:
            offset += measure(word)
        elif length > width:
            if fold:
                pieces = chop_cells(word, width)
                for index, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if index == len(pieces) - 1:
                        offset = measure(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = measure(word)
        elif offset and start:
            breaks.append(start)
            offset = measure(word)
    return breaks


def _divide_one_cell(text: str, width: int, fold: bool) -> list[int]:
    """`divide_line` for text of one-cell characters only: lengths are `len` (the hot
    path of a long table; the same breaks, tested against Rich)."""
    breaks: list[int] = []
    offset = 0
    for match in WORD.finditer(text):
        start, end = match.span()
        length = len(match.group().rstrip())
        if width - offset >= length:
            offset += end - start
        elif length > width:
            if fold:
                while end - start > width:
                    if start:
                        breaks.append(start)
                    start += width
                if start:
                    breaks.append(start)
                offset = end - start
            else:
                if start:
                    breaks.append(start)
                offset = end - start
        elif offset and start:
            breaks.append(start)
            offset = end - start
    return breaks


def _expand_tabs(line: str) -> str:
    parts = line.split("\t")
    out = []
    position = 0
    for part in parts[:-1]:
        part += " "
        position += cell_len(part)
        if position % TAB_SIZE:
            part += " " * (TAB_SIZE - position % TAB_SIZE)
            position += TAB_SIZE - position % TAB_SIZE
        out.append(part)
    out.append(parts[-1])
    return "".join(out)


def _truncate(line: str, width: int, overflow: str) -> str:
    if cell_len(line) <= width:
        return line
    if overflow == "ellipsis":
        return set_cell_size(line, width - 1) + "…"
    return set_cell_size(line, width)


def _rstrip_end(line: str, width: int) -> str:
    """Rich's `Text.rstrip_end`: whitespace beyond `width` characters goes."""
    excess = len(line) - width
    if excess > 0:
        found = _WHITESPACE_END.search(line)
        if found is not None:
            return line[: len(line) - min(len(found.group()), excess)]
    return line


def wrap_lines(
    text: str,
    width: int,
    *,
    justify: str = "default",
    overflow: str = "fold",
    no_wrap: bool = False,
) -> list[str]:
    """The lines Rich's `Text.wrap` makes of `text` (justified lines are padded)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _paragraph_lines(paragraph, width, justify, overflow, no_wrap)
    return lines


def _paragraph_lines(
    paragraph: str, width: int, justify: str, overflow: str, no_wrap: bool
) -> tuple[str, ...]:
    """One paragraph's lines, each paragraph wrapped on its own as Rich does (a long table
    keeps them per table: `_laid_paragraph`)."""
    if "\t" in paragraph:
        paragraph = _expand_tabs(paragraph)
    measure: Callable[[str], int] = len if one_cell_each(paragraph) else cell_len
    if no_wrap:
        pieces = [paragraph]
    elif measure(paragraph) <= width:
        pieces = [_rstrip_end(paragraph, width)]
    else:
        fold = overflow == "fold"
        if measure is len:
            cuts = _divide_one_cell(paragraph, width, fold)
        else:
            cuts = divide_line(paragraph, width, fold=fold, measure=measure)
        bounds = zip([0, *cuts], [*cuts, len(paragraph)], strict=True)
        pieces = [_rstrip_end(paragraph[a:b], width) for a, b in bounds]
    lines = []
    for piece in pieces:
        if justify == "left":
            size = measure(piece)
            if size > width:
                piece = _truncate(piece, width, overflow)
                size = measure(piece)
            piece += " " * (width - size)
        elif justify in ("center", "right"):
            piece = _truncate(piece.rstrip(), width, overflow)
            gap = width - measure(piece)
            piece = " " * (gap // 2 if justify == "center" else gap) + piece
        elif measure(piece) > width:
            piece = _truncate(piece, width, overflow)
        lines.append(piece)
    return tuple(lines)


def text_lines(
    text: Styled | str, width: int, *, crop: bool = False, soft_wrap: bool = False
) -> list[str]:
    """A line printed by Rich's console: folded at `width`, cut there with `crop`, left
    whole with `soft_wrap`."""
    value = strip_controls(plain(text))
    if soft_wrap:
        return [_expand_tabs(line) if "\t" in line else line for line in value.split("\n")]
    return wrap_lines(value, width, overflow="crop" if crop else "fold", no_wrap=crop)


def paddings(count: int) -> list[tuple[int, int]]:
    """Each column's left and right padding: one space, none at the table's edges."""
    return [(0 if k == 0 else 1, 0 if k == count - 1 else 1) for k in range(count)]


def _cell_lines(cell: Cell, column: Column, width: int) -> list[str]:
    return wrap_lines(
        strip_controls(plain(cell)),
        width,
        justify=column.justify,
        overflow=column.overflow,
        no_wrap=column.no_wrap,
    )


def _row(
    cells: list[Cell],
    columns: list[Column],
    texts: list[int],
    laid: dict[tuple[int, str], list[str]] | None = None,
) -> list[str]:
    """A row's lines; `laid` keeps the padded lines of each paragraph wrapped in each
    column, for the rows of one table that repeat them (a long table: the same titles,
    verdicts, reasons…; each paragraph of a cell is wrapped on its own, as Rich does)."""
    pads = paddings(len(columns))
    blanks = [
        " " * (width + left + right) for width, (left, right) in zip(texts, pads, strict=True)
    ]
    blocks = []
    for cell, column, width, (left, right) in zip(cells, columns, texts, pads, strict=True):
        text = plain(cell)
        if column.justify == "left" and text.isprintable():  # one line
            length = len(text) if one_cell_each(text) else cell_len(text)
            if length <= width and len(text) <= width:
                blocks.append([" " * left + text + " " * (width - length + right)])
                continue
        if laid is None:
            blocks.append(
                [" " * left + line + " " * right for line in _cell_lines(cell, column, width)]
            )
            continue
        block: list[str] = []  # padded below: a list of its own
        for paragraph in text.split("\n"):
            block += _laid_paragraph(paragraph, column, width, (left, right), laid)
        blocks.append(block)
    height = max(map(len, blocks))
    for block, blank in zip(blocks, blanks, strict=True):  # each block a list of its own
        block += [blank] * (height - len(block))
    return list(map(" ".join, zip(*blocks, strict=True)))


def _laid_paragraph(
    paragraph: str,
    column: Column,
    width: int,
    pads: tuple[int, int],
    laid: dict[tuple[int, str], list[str]],
) -> list[str]:
    """A paragraph's padded lines in a column, wrapped once per table (`laid`): rows of a
    long table repeat the same titles, statuses and reasons, and differ by their id."""
    key = (id(column), paragraph)
    found = laid.get(key)
    if found is None:
        left, right = " " * pads[0], " " * pads[1]
        lines = _paragraph_lines(
            strip_controls(paragraph), width, column.justify, column.overflow, column.no_wrap
        )
        found = laid[key] = [left + line + right for line in lines]
    return found


def table_lines(grid: Grid, total: int) -> list[str]:
    """The table as Rich lays it out, before trailing spaces are trimmed."""
    columns = grid.columns
    sizes = widths(columns, total)
    width = sum(sizes) + GAP * (len(columns) - 1)
    out: list[str] = []
    if grid.title:
        out += wrap_lines(strip_controls(grid.title), width, justify="center")
    out += _row([c.header for c in columns], columns, sizes)
    out.append("─" * width)
    laid: dict[tuple[int, str], list[str]] = {}  # columns alive throughout: ids hold
    for index, cells in enumerate(grid.rows):
        if index and grid.show_lines:
            out.append("")
        out += _row(cells, columns, sizes, laid)
    if grid.caption:
        out += wrap_lines(strip_controls(grid.caption), width, justify="center")
    return out


def finish(lines: list[str]) -> str:
    """Lines as written to a file or a pipe: no trailing spaces (diff and grep trip over
    them), as `human.console.SafeConsole` writes them."""
    return "".join(line.rstrip(_GLUE_AND_SPACE) + "\n" for line in lines)


def table_text(grid: Grid, total: int) -> str:
    return finish(table_lines(grid, total))


def wrap(paragraph: str, width: int, *, fold: bool = True, first: int | None = None) -> list[str]:
    """Greedy wrapping at ASCII spaces only (so non-breaking spaces hold), measured in
    terminal cells (a CJK character or an emoji takes 2). A word wider than the line is
    folded, or with `fold=False` kept whole on a line of its own (an address stays whole:
    half of one leads nowhere). A width below 1 counts as 1; `first`, the first line's
    width when it differs (under a hanging indent). For the layouts relance draws itself
    (stacked tables, the timeline's labels, diff), the same in a terminal and elsewhere."""
    width = max(width, 1)
    opening = width if first is None else max(first, 1)
    if cell_len(paragraph) <= opening:
        return [paragraph]
    lines: list[str] = []
    current = ""
    size = 0
    for word in paragraph.split(" "):
        length = cell_len(word)
        limit = width if lines else opening
        if length > limit and fold:
            if current:
                lines.append(current)
                current, size = "", 0
            *whole, word = [piece for piece in chop_cells(word, limit) if piece] or [word]
            lines.extend(whole)
            length = cell_len(word)
            limit = width if lines else opening
        if not current:
            current, size = word, length
        elif size + 1 + length <= limit:
            current += " " + word
            size += 1 + length
        else:
            lines.append(current)
            current, size = word, length
    lines.append(current)
    return lines


def _wrapped(value: Cell, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in strip_controls(plain(value)).split("\n"):
        lines.extend(wrap(paragraph, width, fold=False))
    return lines


INDENT = "  "  # a stacked field's value, under its label


def stacked_text(grid: Grid, total: int) -> str:
    """The table for a narrow screen, where columns side by side would overflow: each row
    as a block of labelled fields, one field per line (or a label, then its value
    indented when it does not fit beside it, wrapped once at the width left to it). The
    same in a terminal and elsewhere. No line is wider than `total` cells, but for one
    word wider than a line, kept whole."""
    total = max(total, 1)
    out: list[str] = []
    if grid.title:
        out.extend(_wrapped(grid.title, total))
    labels = [
        _("{label} : ").format(label=strip_controls(c.label).split("\n")[0]) if c.label else ""
        for c in grid.columns
    ]
    room = max(total - len(INDENT), 1)
    for cells in grid.rows:
        out.append("─" * total)
        for label, cell in zip(labels, cells, strict=True):
            paragraphs = [p for p in strip_controls(plain(cell)).split("\n") if p]
            if not paragraphs:
                continue
            if len(paragraphs) == 1 and cell_len(label + paragraphs[0]) <= total:
                out.append(label + paragraphs[0])
                continue
            out.extend(wrap(label.rstrip(), total, fold=False))
            for paragraph in paragraphs:
                out.extend(INDENT + line for line in wrap(paragraph, room, fold=False))
    if grid.caption:
        out.extend(_wrapped(grid.caption, total))
    return "\n".join(line.rstrip() for line in out) + "\n"
