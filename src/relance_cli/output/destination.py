"""`--output FILE`: what a command would print, written into a file instead.

Every renderer writes to standard output; here that output is gathered in memory, then
written with `files.write_new` (atomically, never over an existing file without
--force), so a table, JSON, CSV or a workbook all go to a file the same safe way.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from relance_cli import environment, files


def gathered(produce: Callable[[], None]) -> bytes:
    """The bytes `produce` writes to standard output (as UTF-8 for text)."""
    buffer = io.BytesIO()
    stream = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
    with environment.writing_to(stream):
        produce()
        stream.flush()
    data = buffer.getvalue()
    stream.detach()
    return data


def into_file(target: Path, force: bool, produce: Callable[[], None]) -> None:
    files.write_new(target, gathered(produce), force=force, option="--output")
