"""Exit codes and the one error type the command line catches at its boundary."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The contract with scripts; the README's table lists the same values."""

    OK = 0
    DATA_ERROR = 1
    USAGE_ERROR = 2
    INTERNAL_ERROR = 70
    INTERRUPTED = 130


class RelanceError(Exception):
    """An expected failure: reported in one line per problem, never with a traceback."""

    exit_code = ExitCode.DATA_ERROR

    def __init__(self, *lines: str) -> None:
        super().__init__("\n".join(lines))
        self.lines = list(lines)


class CatalogError(RelanceError):
    """A catalog that cannot be read or does not follow the format."""

    exit_code = ExitCode.DATA_ERROR


class UsageError(RelanceError):
    """A bad command-line value: names the option, what was given, what is valid."""

    exit_code = ExitCode.USAGE_ERROR


_debug = {"on": False, "said": set()}


def enable_debug() -> None:
    _debug["on"] = True


def debug_note(template: str, *values: object) -> None:
    """With --debug (or RELANCE_DEBUG=1), say once why relance chose a slower path, such as
    a cache folder it refused; silent otherwise."""
    import os
    import sys

    from relance_cli.text import printable

    if not (_debug["on"] or os.environ.get("RELANCE_DEBUG") == "1"):
        return
    text = template.format(*(printable(str(v)) for v in values))
    said = _debug["said"]
    assert isinstance(said, set)
    if text not in said:
        said.add(text)
        sys.stderr.write(f"relance: {text}\n")
