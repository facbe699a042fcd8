"""One run's environment: its streams, terminal, language, debug, clock and folders.

Built once where a run starts (`cli/program.py`), from the process as it is then (the
streams a test runner swapped in, the variables it set), and made current for that run
only: `current()` answers inside it, and the run puts back what was there before when it
ends, so nothing of one run (`--debug`, `--lang en`) leaks into the next one in the same
process. Outside any run (a library call, a unit test), `current()` describes the process
as it is at that moment. As httpie's `Environment`, it is data: reading it has no effect.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, TextIO

DEFAULT_PAGER = "less -FRX"
LANGUAGES = ("fr", "en")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, OSError, ValueError):  # a closed stream, a test runner's buffer
        return False


def _width(environ: Mapping[str, str]) -> int | None:
    value = environ.get("COLUMNS", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 6 else None


def normalise_language(value: str) -> str:
    """ "en", "EN", "en_GB.UTF-8" -> "en"; anything unknown -> "fr"."""
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else "fr"


@dataclass(frozen=True, slots=True)
class Environment:
    """What a run may know of the world; `from_process` reads it, nothing else does."""

    stdin: TextIO
    stdout: TextIO
    stderr: TextIO
    stdin_isatty: bool
    stdout_isatty: bool
    stderr_isatty: bool
    environ: Mapping[str, str]
    today: date
    language: str = "fr"
    debug: bool = False
    paging: bool = True
    # What --debug already said in this run: each reason once (see errors.debug_note).
    said: set[str] = field(default_factory=set, compare=False, repr=False)

    @classmethod
    def from_process(cls, **chosen: Any) -> Environment:
        """The process as it is now; `chosen` overrides any field (a test's clock, say)."""
        environ = MappingProxyType(dict(os.environ))
        found = cls(
            stdin=sys.stdin,
            stdout=sys.stdout,
            stderr=sys.stderr,
            stdin_isatty=_isatty(sys.stdin),
            stdout_isatty=_isatty(sys.stdout),
            stderr_isatty=_isatty(sys.stderr),
            environ=environ,
            today=date.today(),
            language=normalise_language(environ.get("RELANCE_LANG", "")),
            debug=environ.get("RELANCE_DEBUG") == "1",
        )
        return replace(found, **chosen) if chosen else found

    @property
    def width(self) -> int | None:
        """The width COLUMNS asks for, if it is a number; else the terminal decides."""
        return _width(self.environ)

    @property
    def colour(self) -> bool:
        """Colour only on a terminal that has it, and never with NO_COLOR (any value)."""
        no_colour = "NO_COLOR" in self.environ or self.environ.get("TERM") == "dumb"
        return self.stdout_isatty and not no_colour

    @property
    def pager(self) -> str:
        """RELANCE_PAGER, else PAGER, else less -FRX ("" or "cat": no pager)."""
        return self.environ.get("RELANCE_PAGER", self.environ.get("PAGER", DEFAULT_PAGER))

    @property
    def config_dir(self) -> Path:
        """The user's config folder as the platform defines it (XDG_CONFIG_HOME on Linux)."""
        from platformdirs import user_config_dir

        return Path(user_config_dir("relance", appauthor=False))

    @property
    def cache_dir(self) -> Path:
        """RELANCE_CACHE_DIR, else the platform's user cache folder."""
        explicit = self.environ.get("RELANCE_CACHE_DIR")
        if explicit:
            return Path(explicit)
        home = Path.home()
        if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
            return Path(self.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / (
                "relance/Cache"
            )
        if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
            return home / "Library" / "Caches" / "relance"
        return Path(self.environ.get("XDG_CACHE_HOME") or home / ".cache") / "relance"


_RUN: ContextVar[Environment | None] = ContextVar("relance_environment", default=None)


def current() -> Environment:
    """The environment of the run in progress; outside a run, the process as it is now."""
    found = _RUN.get()
    return found if found is not None else Environment.from_process()


@contextlib.contextmanager
def running(environment: Environment) -> Iterator[Environment]:
    """`environment` is current inside, and the language of every message; what was
    current before comes back after, whatever happens inside."""
    from relance_cli import i18n

    token = _RUN.set(environment)
    try:
        with i18n.speaking(environment.language):
            yield environment
    finally:
        _RUN.reset(token)


@contextlib.contextmanager
def writing_to(stream: TextIO) -> Iterator[None]:
    """Standard output is `stream` inside (`--output FILE` gathers a command's output),
    for this run and for what writes to `sys.stdout` alike."""
    saved = sys.stdout
    sys.stdout = stream
    token = _RUN.set(replace(current(), stdout=stream, stdout_isatty=False))
    try:
        yield
    finally:
        _RUN.reset(token)
        sys.stdout = saved


def update(**changes: Any) -> Environment:
    """The run learns a choice made on its command line (`--debug`, `--lang`): the rest
    of the run sees it; `running` still puts back the previous state at the end."""
    from relance_cli import i18n

    changed = replace(current(), **changes)
    _RUN.set(changed)
    i18n.use(changed.language)
    return changed
