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
from collections.abc import Iterator
from contextvars import ContextVar

from relance_cli import environment

# The real terminal's size while a pager shows the output (of this run only).
_SIZE: ContextVar[os.terminal_size | None] = ContextVar("relance_pager_size", default=None)


def size() -> os.terminal_size | None:
    """The terminal's size while a pager shows the output, else None."""
    return _SIZE.get()


def _command() -> list[str] | None:
    """The pager to run, or None: RELANCE_PAGER, else PAGER, else less -FRX; "" or "cat"
    mean no pager."""
    import shlex

    chosen = environment.current().pager.strip()
    try:
        words = shlex.split(chosen)
    except ValueError:
        return None
    return words if words and words != ["cat"] else None


def _terminal_fd() -> int | None:
    """Standard output's file descriptor when it is a terminal."""
    try:
        fd = environment.current().stdout.fileno()
    except (AttributeError, OSError, ValueError):  # a test runner's buffer, a closed stream
        return None
    return fd if os.isatty(fd) else None


@contextlib.contextmanager
def paging() -> Iterator[None]:
    """Everything written to standard output inside goes to the pager, if one applies."""
    run = environment.current()
    fd = _terminal_fd()
    command = _command()
    if not run.paging or fd is None or command is None or size() is not None:
        yield
        return
    import shutil
    import subprocess

    terminal = shutil.get_terminal_size()
    env = {**run.environ, "LESS": run.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such program: print as if there were no pager
        yield
        return
    if pager.stdin is None:  # pragma: no cover - stdin=PIPE always gives one
        raise OSError("the pager has no input")
    run.stdout.flush()
    saved = os.dup(fd)
    os.dup2(pager.stdin.fileno(), fd)
    token = _SIZE.set(terminal)
    try:
        yield
        with contextlib.suppress(BrokenPipeError):
            run.stdout.flush()
    finally:
        _SIZE.reset(token)
        os.dup2(saved, fd)
        os.close(saved)
        with contextlib.suppress(BrokenPipeError):
            pager.stdin.close()
        pager.wait()
