"""The only way text leaves relance: to a terminal, a pipe or a file.

Everything relance prints goes through `clean`, here: catalog text, API values, file
names, URLs, environment values and option values alike. It shows control and bidi
characters as escapes (nothing from outside may drive the terminal) and turns the
non-breaking spaces that keep "600 000" and "28 mai 2021" together inside a table into
ordinary spaces, so that what leaves is what `grep` and scripts expect. Tables for people
(`write_text`) use the stream's own encoding, degrading what it cannot show into ASCII
look-alikes; JSON, CSV and iCalendar (`write_data`) are UTF-8 bytes whatever the locale.
"""

from __future__ import annotations

import codecs
import sys
from typing import Any, TextIO

from relance_cli.text import printable

# Spaces that only glue a number or a date together for the layout.
GLUE = ("\u00a0", "\u202f")


def unglue(text: str) -> str:
    """Ordinary spaces for gluing ones (str.replace runs in C: a 50 MB JSON in 30 ms,
    where str.translate takes 300 ms)."""
    for glue in GLUE:
        text = text.replace(glue, " ")
    return text


def _unglue_utf8(data: bytes) -> bytes:
    for glue in GLUE:
        data = data.replace(glue.encode("utf-8"), b" ")
    return data


# What a legacy code page (cp1252, latin-1, ascii) cannot show, in characters it can.
LOOK_ALIKES = {
    "→": "->", "←": "<-", "✓": "v", "✗": "x", "≥": ">=", "≤": "<=", "─": "-", "━": "-",
    "│": "|", "┬": "+", "┼": "+", "•": "*", "…": "...", "«": '"', "»": '"', "’": "'",
    "‘": "'", "“": '"', "”": '"', "█": "#", "░": ".", "▼": "v", "—": "-", "–": "-",
    "€": "EUR", "œ": "oe", "Œ": "OE",
}  # fmt: skip


def clean(text: str) -> str:
    """What may leave relance for people: escapes for control and bidi characters,
    ordinary spaces for gluing ones."""
    return unglue(printable(text))


def _degrade(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):  # only ever registered for encoding
        raise error
    found = error.object[error.start : error.end]
    return "".join(LOOK_ALIKES.get(char, "?") for char in found), error.end


LOOK_ALIKES_ERRORS = "relance-look-alikes"


def _look_alikes() -> str:
    """The name of the codec error handler that degrades into look-alikes, registered
    with Python the first time a stream needs it (importing this module registers
    nothing)."""
    try:
        codecs.lookup_error(LOOK_ALIKES_ERRORS)
    except LookupError:
        codecs.register_error(LOOK_ALIKES_ERRORS, _degrade)
    return LOOK_ALIKES_ERRORS


def _is_utf(encoding: str | None) -> bool:
    return (encoding or "utf-8").lower().replace("-", "").replace("_", "").startswith("utf")


def encodable(text: str, stream: Any) -> str:
    """`text` as the stream can encode it: unchanged for UTF-8, look-alikes otherwise."""
    encoding = getattr(stream, "encoding", None)
    if encoding is None or _is_utf(encoding):
        return text
    return text.encode(encoding, _look_alikes()).decode(encoding)


def reopen_closed_streams() -> None:
    """`relance list >&-`: Python starts with no `sys.stdout` when descriptor 1 is
    closed. That is a reader who reads nothing, as after `| head`: output goes nowhere,
    quietly, and the command ends as it would have. The descriptor is held by the null
    device, so that no file relance opens can take its number (and receive its output)."""
    import os

    for number, name in ((1, "stdout"), (2, "stderr")):
        if getattr(sys, name) is not None:
            continue
        try:
            os.fstat(number)
        except OSError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            if devnull != number:
                os.dup2(devnull, number)
                os.close(devnull)
        setattr(sys, name, open(number, "w", encoding="utf-8", closefd=False))  # noqa: SIM115


def _stdout() -> TextIO:
    from relance_cli.environment import current

    return current().stdout


def write_text(text: str, stream: TextIO | None = None) -> None:
    """Text for people, to standard output unless another stream is given."""
    stream = stream if stream is not None else _stdout()
    stream.write(encodable(clean(text), stream))


def write_data(data: str | bytes, *, unglued: bool = False) -> None:
    """JSON, CSV or iCalendar to standard output, as UTF-8 bytes whatever the locale;
    `unglued` bytes were made from `unglue`d text. Text is unglued before it is encoded:
    `str.replace` skips a text that cannot hold the character (a 7 MB answer in 1 ms),
    where `bytes.replace` searches every lead byte of an accent (12 ms)."""
    if isinstance(data, str):
        data = unglue(data).encode("utf-8")
    elif not unglued:
        data = _unglue_utf8(data)
    stdout = _stdout()
    buffer = getattr(stdout, "buffer", None)
    if buffer is None:  # a text-only stream, as some embedding hosts give
        stdout.write(data.decode("utf-8"))
        return
    stdout.flush()
    buffer.write(data)
    buffer.flush()


def write_binary(data: bytes) -> None:
    """A file format that is not text (a workbook), byte for byte."""
    stdout = _stdout()
    buffer = getattr(stdout, "buffer", None)
    stdout.flush()
    if buffer is None:  # pragma: no cover - a text-only host cannot take binary data
        raise OSError("standard output takes text only")
    buffer.write(data)
    buffer.flush()


class Encoded:
    """A text stream that never fails on a character its encoding lacks: for Rich, which
    writes its own styles and so cannot go through `write_text`."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        return int(self.stream.write(encodable(text, self.stream)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def text_stream(stream: Any) -> Any:
    """The stream itself when it speaks UTF-8, else one that degrades gracefully."""
    return stream if _is_utf(getattr(stream, "encoding", None)) else Encoded(stream)
