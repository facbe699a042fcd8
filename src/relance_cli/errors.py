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


def debug_note(template: str, *values: object) -> None:
    """With --debug (or RELANCE_DEBUG=1), say once per run why relance chose a slower path,
    such as a cache folder it refused; silent otherwise."""
    from relance_cli.environment import current
    from relance_cli.text import printable

    run = current()
    if not run.debug:
        return
    text = template.format(*(printable(str(v)) for v in values))
    if text not in run.said:
        run.said.add(text)
        run.stderr.write(f"relance: {text}\n")
