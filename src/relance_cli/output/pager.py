"""A pager for long tables in a terminal, as git does it: `$PAGER` (default `less -FRX`,
which quits at once when everything fits on one screen, keeps colours and leaves the
text on screen), never when the output is a pipe or a file, never with `--no-pager`.

The pager's input replaces standard output's file descriptor while a table is printed,
so Rich and plain writes alike go through it; the console is told the real terminal's
size and that it is a terminal, since it now writes to a pipe.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator

DEFAULT = "less -FRX"
_state: dict[str, os.terminal_size | bool | None] = {"size": None, "disabled": False}


def use(enabled: bool) -> None:
    """--no-pager says False; each run says again (tests run many in one process)."""
    _state["disabled"] = not enabled


def size() -> os.terminal_size | None:
    """The terminal's size while a pager shows the output, else None."""
    found = _state["size"]
    return found if isinstance(found, os.terminal_size) else None


def _command() -> list[str] | None:
    """The pager to run, or None: RELANCE_PAGER, else PAGER, else less -FRX; "" or "cat"
    mean no pager."""
    import shlex

    chosen = os.environ.get("RELANCE_PAGER", os.environ.get("PAGER", DEFAULT)).strip()
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def _terminal_fd() -> int | None:
    """Standard output's file descriptor when it is a terminal."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a test runner's buffer, a closed stream
        return None
    return fd if os.isatty(fd) else None


@contextlib.contextmanager
def paging() -> Iterator[None]:
    """Everything written to standard output inside goes to the pager, if one applies."""
    fd = _terminal_fd()
    command = _command()
    if _state["disabled"] or fd is None or command is None or size() is not None:
        yield
        return
    import shutil
    import subprocess

    terminal = shutil.get_terminal_size()
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such program: print as if there were no pager
        yield
        return
    assert pager.stdin is not None
    sys.stdout.flush()
    saved = os.dup(fd)
    os.dup2(pager.stdin.fileno(), fd)
    _state["size"] = terminal
    try:
        yield
        with contextlib.suppress(BrokenPipeError):
            sys.stdout.flush()
    finally:
        _state["size"] = None
        os.dup2(saved, fd)
        os.close(saved)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
