"""`python -m relance_cli`, and the `relance` command (`run`).

A command's objects all live until it ends: freeing them one by one at exit (a
10,000-scheme catalog: tens of milliseconds) is work nobody waits for. Once the answer is
flushed, the process ends at once; anything unusual (an exception, an output that cannot
be flushed) takes Python's ordinary way out instead, with its messages and exit codes."""

from __future__ import annotations

import os
import sys

from relance_cli.cli import main


def run() -> None:
    try:
        main()
        code = 0
    except SystemExit as stop:
        if stop.code is not None and not isinstance(stop.code, int):
            raise  # a message: Python prints it and exits 1
        code = stop.code or 0
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        sys.exit(code)  # Python's own exit says why the answer could not be written
    os._exit(code)


if __name__ == "__main__":
    run()
