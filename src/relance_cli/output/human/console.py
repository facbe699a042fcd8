"""The console every table goes through, and what it needs from Rich.

`SafeConsole` cleans every character of text Rich prints; `console()` builds it for standard
output (or the pager's pipe) with a size no environment variable can blow up (`screen`
decides when it is needed, and writes tables and lines). Rich's word pattern is
replaced when a console is built (`keep_spaces_whole`), not at import; a guard raises
instead of silently doing nothing if a Rich release moves what is patched or overridden.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable

from rich import _wrap
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.text import Text

from relance_cli.output import terminal
from relance_cli.output.terminal import clean

# Rich wraps lines at any Unicode space, non-breaking ones included, which would cut
# "600 000" or "28 mai 2021" in two inside a table cell (Textualize/rich#3545, open when
# this was written). Its word pattern is replaced with one that breaks at ASCII whitespace
# only; the guard fails loudly if a Rich release renames it, and tests/test_render.py checks
# the effect in a forced terminal.
WORD = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")


class RichChanged(RuntimeError):
    """A Rich release moved an internal that relance patches or overrides (see rich<16 in
    pyproject.toml): better a clear failure than tables that cut numbers in two."""


def keep_spaces_whole() -> None:
    """Make Rich wrap at ASCII whitespace only (idempotent)."""
    if not isinstance(getattr(_wrap, "re_word", None), re.Pattern):
        raise RichChanged("rich._wrap.re_word moved: see Textualize/rich#3545")
    _wrap.re_word = WORD


# A word is what lies between ASCII whitespace (as `WORD` cuts lines): a web address, or
# « https://… » held to its guillemets by non-breaking spaces.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def has_long_word(text: str, width: int) -> bool:
    """Whether a word of `text` is wider than `width`: one Rich would fold in two, or cut
    with « … » inside a table cell."""
    return any(cell_len(word) > width for word in _SPACES.split(text))


def whole_lines(text: Text, width: int) -> list[Text]:
    """`text` wrapped at ASCII whitespace into lines of `width` cells, as Rich wraps it,
    except that a word wider than a line (a web address in a summary or a contact) gets a
    line of its own, whole and longer than `width`, instead of being folded or cut: half an
    address leads nowhere and cannot be copied."""
    divide = getattr(_wrap, "divide_line", None)
    if divide is None:  # pragma: no cover - a Rich release moved it
        raise RichChanged("rich._wrap.divide_line moved: see whole_lines")
    lines = []
    for line in text.split("\n", allow_blank=True):
        for part in line.divide(divide(line.plain, max(width, 1), fold=False)):
            part.rstrip()
            lines.append(part)
    return lines


def print_prose(
    out: Console, text: Text, width: int | None = None, first: Text | None = None
) -> None:
    """Print `text` wrapped to `width` (the console's by default) with every word whole:
    as Rich prints it when no word is wider than a line, else line by line from
    `whole_lines`, unwrapped (a terminal shows the long word over two rows, whole for a
    copy). `first` starts the first line (a label) and its width indents the others."""
    width = out.width if width is None else width
    if first is None and not has_long_word(text.plain, width):
        out.print(text)
        return
    indent = Text(" " * cell_len(first.plain)) if first is not None else None
    for number, line in enumerate(whole_lines(text, width)):
        head = first if number == 0 else indent
        out.print(Text.assemble(head, line) if head is not None else line, soft_wrap=True)


class SafeConsole(Console):
    """Rich's console, with every character of text (not of Rich's own styles) going
    through `terminal.clean`: what Rich prints is held to the same rule as the rest."""

    def on_broken_pipe(self) -> None:
        """Rich would exit 1 itself; the command line decides (see `reader_stopped`)."""
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        text = super()._render_buffer(
            segment if segment.control else Segment(clean(segment.text), segment.style)
            for segment in buffer
        )
        if self.is_terminal:
            return text
        # Rich pads every cell to its width; in a file or a pipe that padding is only
        # trailing spaces, which diff, grep and copy-paste trip over.
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))


if not hasattr(Console, "_render_buffer"):  # pragma: no cover - a Rich release moved it
    raise RichChanged("Console._render_buffer moved: see SafeConsole")


MAX_SIZE = 1_000  # columns or lines: COLUMNS=99999999 would build gigabytes of blanks
MIN_COLUMNS = 20  # a narrower screen (COLUMNS=1, a pane squeezed shut) is laid out at 20


def console() -> Console:
    from relance_cli.output import pager

    keep_spaces_whole()
    paged = pager.size()  # stdout is the pager's pipe: a terminal of the real one's size
    out = SafeConsole(
        file=terminal.text_stream(sys.stdout),
        highlight=False,
        emoji=False,
        markup=False,
        _environ=_clamped_environ(),
        force_terminal=True if paged else None,
        width=paged.columns if paged else None,
        height=paged.lines if paged else None,
    )
    if out.width < MIN_COLUMNS:  # a line of one or two cells would never end
        out.width = MIN_COLUMNS
    return out


def _clamped_environ() -> dict[str, str]:
    """The environment Rich reads its size from, with COLUMNS and LINES at most MAX_SIZE
    (a number too long for `int()` included), and COLUMNS at least MIN_COLUMNS."""
    import os

    environ = dict(os.environ)
    for variable in ("COLUMNS", "LINES"):
        value = environ.get(variable, "")
        if value.isascii() and value.isdigit() and (len(value) > 6 or int(value) > MAX_SIZE):
            environ[variable] = str(MAX_SIZE)
    columns = environ.get("COLUMNS", "")
    if columns.isascii() and columns.isdigit() and len(columns) <= 6 and int(columns) < MIN_COLUMNS:
        environ["COLUMNS"] = str(MIN_COLUMNS)
    return environ
