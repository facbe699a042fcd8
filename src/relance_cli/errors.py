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


class InputProblem(UsageError):
    """A value given by the user that cannot be used, as data: the domain says what is
    wrong with it, its reader says where it came from. `subject` is the domain's own name
    for the value (`commune`, a catalog key); `words(source)` says the problem after
    another name for it (the command line's `--commune`, a catalog's `file:line`)."""

    def __init__(self, subject: str) -> None:
        self.subject = subject
        super().__init__(self.words(subject))

    def words(self, source: str) -> str:  # pragma: no cover - every subclass says it
        raise NotImplementedError


def debug_note(template: str, *values: object) -> None:
    """With --debug (or RELANCE_DEBUG=1), say once per run why relance chose a slower path,
    such as a cache folder it refused; silent otherwise."""
    from relance_cli.environment import current
    from relance_cli.text import quoted

    run = current()
    if not run.debug:
        return
    text = template.format(*(quoted(str(v)) for v in values))
    if text not in run.said:
        run.said.add(text)
        run.stderr.write(f"relance: {text}\n")
