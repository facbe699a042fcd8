"""The command line: `build` makes the app, `main` runs it; each command calls the core and
hands its result to the output. Importing this package registers nothing: `app` is a new
app, built when it is asked for (tests and tools: `from relance_cli.cli import app`)."""

from __future__ import annotations

from typing import Any

from relance_cli.cli.program import build, main

__all__ = ["app", "build", "main"]


def __getattr__(name: str) -> Any:
    if name == "app":
        return build()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
