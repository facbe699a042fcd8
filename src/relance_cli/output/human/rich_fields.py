"""The fields of `relance show` and its addresses through Rich's console (a terminal):
colours, and web addresses clickable (OSC 8) where the terminal shows links. Elsewhere,
`fields.field_lines` gives the same characters."""

from __future__ import annotations

import os
import re
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from relance_cli.output.human.console import has_long_word, print_prose
from relance_cli.output.human.fields import Field, label_width
from relance_cli.output.human.rich_layout import rich_text
from relance_cli.output.layout import Styled


def hyperlinks(out: Console) -> bool:
    """OSC 8 links only where a terminal shows them: not to a pipe, not with NO_COLOR
    (which asks for plain output) nor on a dumb terminal."""
    return (
        out.is_terminal
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "").lower() != "dumb"
    )


def link(out: Console, url: str) -> Text:
    """The address as written, clickable in terminals that support it."""
    return Text(url, style=Style(link=url)) if hyperlinks(out) else Text(url)


ADDRESS = re.compile(r"https?://[^\s«»<>\"]*[^\s«»<>\".,;:!?)\]']")


def linked(out: Console, text: Text) -> Text:
    """`text` with each web address in it clickable, in terminals that show links."""
    if hyperlinks(out):
        for found in ADDRESS.finditer(text.plain):
            text.stylize(Style(link=found.group()), found.start(), found.end())
    return text


def print_address(out: Console, head: Styled, url: str) -> None:
    """`head`, then the address whole on the line (the terminal wraps it)."""
    line = rich_text(head)
    line.append_text(link(out, url))
    out.print(line, soft_wrap=True)


def print_fields(out: Console, fields: list[Field]) -> None:
    """The labelled rows; an address gets its own unwrapped line (the terminal may wrap
    it, the text stays one piece) between runs of ordinary rows, and so does a text
    holding a word wider than its column (an address inside a summary or a contact),
    wrapped by hand so that the word stays whole."""
    width = label_width(fields)
    room = out.width - width - 2
    pending: list[tuple[Any, Any]] = []

    def flush() -> None:
        if pending:
            part = Table.grid(padding=(0, 2))
            part.add_column(no_wrap=True, min_width=width)
            part.add_column()
            for row in pending:
                part.add_row(*row)
            out.print(part)
            pending.clear()

    for field in fields:
        label = Text(field.label, style="bold")
        value = rich_text(field.value)
        if not field.address and not has_long_word(value.plain, room):
            pending.append((label, linked(out, value)))
            continue
        flush()
        padding = " " * (width - cell_len(field.label) + 2)
        heading = Text()
        heading.append(field.label + padding, style="bold")  # not the address after it
        if field.address:
            heading.append_text(link(out, value.plain))
            out.print(heading, soft_wrap=True)
        else:
            print_prose(out, linked(out, value), room, first=heading)
    flush()


def print_stacked(out: Console, lines: list[tuple[str, str, Field]]) -> None:
    """The lines of `fields.stacked_field_lines`: labels in bold, each value in its style,
    addresses clickable (a field's own, or one inside its text)."""
    for head, text, field in lines:
        line = Text()
        line.append(head, style="bold")  # the label only: a Text's own style is the line's
        if field.address and text:
            line.append_text(link(out, text))
        else:
            line.append_text(linked(out, Text(text, style=field.value.style)))
        out.print(line, soft_wrap=True)
