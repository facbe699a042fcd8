"""Tables as plain text, for output that is not a terminal.

Rich lays a table out at about half a millisecond a row: ten seconds for a 10,000-scheme
catalog piped to a file. A pipe needs no colour and no measuring of styled text, so the
same tables are written here, with the same columns, widths and rules, in a fraction of
that time. Spaces that do not break (in "600 000" or "28 mai 2021") are kept together.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Column, Table
from rich.text import Text

GAP = "   "  # right padding, the blank vertical rule, left padding


def widths(columns: list[Column], total: int) -> list[int]:
    """Fixed columns keep their width; the others share what is left by ratio, never
    below their minimum."""
    fixed = sum(c.width for c in columns if c.width is not None)
    free = max(0, total - fixed - len(GAP) * (len(columns) - 1))
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


def wrap(paragraph: str, width: int) -> list[str]:
    """Greedy wrapping at ASCII spaces only (so non-breaking spaces hold); a word longer
    than the column is folded."""
    if len(paragraph) <= width:
        return [paragraph]
    lines: list[str] = []
    current = ""
    for word in paragraph.split(" "):
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def _lines(value: object, width: int) -> list[str]:
    text = value.plain if isinstance(value, Text) else str(value)
    if "\n" not in text and len(text) <= width:
        return [text]
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(wrap(paragraph, width))
    return lines


def _pad(text: str, width: int, justify: str) -> str:
    gap = max(0, width - cell_len(text))
    return " " * gap + text if justify == "right" else text + " " * gap


def _centre(text: object, width: int) -> str:
    """Centred, and wrapped when wider than the table (a long catalog name)."""
    return "\n".join(line.center(width).rstrip() for line in _wrapped(text, width))


def _wrapped(value: object, width: int) -> list[str]:
    text = value.plain if isinstance(value, Text) else str(value)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(wrap(paragraph, width))
    return lines


def stacked_text(table: Table, total: int) -> str:
    """The same table for a narrow terminal, where columns side by side would overflow:
    each row as a block of labelled fields, one field per line (or a label, then its
    value indented when it does not fit beside it)."""
    out: list[str] = []
    if table.title:
        out.extend(_wrapped(table.title, total))
    headers = [_wrapped(c.header, total)[0] if str(c.header) else "" for c in table.columns]
    cells = [list(c.cells) for c in table.columns]
    for index in range(table.row_count):
        out.append("─" * total)
        for header, column in zip(headers, cells, strict=True):
            value = _wrapped(column[index], total)
            value = [line for line in value if line] or []
            if not value:
                continue
            label = f"{header} : "
            if len(value) == 1 and cell_len(label + value[0]) <= total:
                out.append(label + value[0])
                continue
            out.append(label.rstrip())
            out.extend("  " + line for line in _wrapped("\n".join(value), total - 2))
    if table.caption:
        out.extend(_wrapped(table.caption, total))
    return "\n".join(line.rstrip() for line in out) + "\n"


def table_text(table: Table, total: int) -> str:
    columns = table.columns
    sizes = widths(columns, total)
    out: list[str] = []
    if table.title:
        out.append(_centre(table.title, total))
    header = GAP.join(
        _pad(_lines(c.header, w)[0][:w], w, str(c.justify))
        for c, w in zip(columns, sizes, strict=True)
    )
    out.append(header.rstrip())
    out.append("─" * sum(sizes) + "─" * len(GAP) * (len(columns) - 1))
    cells = [list(c.cells) for c in columns]
    for index in range(table.row_count):
        if index and table.show_lines:  # a rule between rows: a blank line here
            out.append("")
        wrapped = [_lines(cells[k][index], sizes[k]) for k in range(len(columns))]
        for depth in range(max(len(w) for w in wrapped)):
            line = GAP.join(
                _pad(w[depth] if depth < len(w) else "", size, str(c.justify))
                for w, size, c in zip(wrapped, sizes, columns, strict=True)
            )
            out.append(line.rstrip())
    if table.caption:
        out.append(_centre(table.caption, total))
    return "\n".join(out) + "\n"
