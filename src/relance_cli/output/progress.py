"""A progress bar on standard error while pages arrive, only when a person watches."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from typing import Any

Progress = Callable[[int, int | None], None]


def counted(pages: Callable[[Progress | None], Iterator[Any]]) -> Iterator[Any]:
    """`pages(progress)` with a transient bar on a terminal, without one elsewhere."""
    if not sys.stderr.isatty():
        yield from pages(None)
        return
    from rich.console import Console
    from rich.progress import Progress as Bar

    with Bar(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Aides-territoires", total=None)

        def advance(done: int, total: int | None) -> None:
            bar.update(task, completed=done, total=total)

        yield from pages(advance)
