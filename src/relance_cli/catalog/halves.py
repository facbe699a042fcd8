"""A large catalog read in two halves at once, the second in a child process.

On a first run, reading a 10,000-scheme catalog is most of the wait (toml-rs 0.34 s, the
models 0.3 s with Pydantic's import, packing 0.1 s), and that work splits: the text is
cut before a `[[scheme]]` header near its middle, each half is parsed, its schemes
validated by the models and packed in columns; the child sends its columns through a
pipe (MessagePack), and they are numbered on from the first half's (`_appended`), so the
catalog is the one the whole text gives, to the byte of its cache entry (tested).

Cut there, each half reads as it does within the whole, or fails: a cut inside a
multi-line string, array or table leaves the first half unterminated (toml-rs refuses
it); the first half is read up to the header included, so it reads only if `scheme` is
an array of tables there; the second begins with that header, so it can only add
schemes (it must hold nothing else). What neither half sees is checked here: each id
once across both, and the project types of the second half declared in the first.
Anything else (a small catalog, no fork or pipe, test cases (`[[test]]`, `cases`), which
name schemes of either half, a problem in either half, a child that fails, is
interrupted or reaped by someone else) and the catalog is read whole, as before: the
same catalog, or the same located messages.
"""

from __future__ import annotations

import os
import re
import signal
import sys
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from relance_cli.catalog.compiled import Packed

MIN_BYTES = 8 * 1024 * 1024  # below, a fork and a pipe gain little (a first run: 0.2 s)
_HEADER = re.compile(rb"\n\[\[scheme\]\][ \t]*\r?\n")


def read(content: bytes) -> tuple[Packed, tuple[Any, ...]] | None:
    """The catalog these bytes hold, and what the first half's reading made (kept by the
    caller, not freed before the answer); None when it is not read so: the caller
    reads it whole."""
    if len(content) < MIN_BYTES or not hasattr(os, "fork") or _cores() < 2:
        return None
    cut = _HEADER.search(content, len(content) // 2)
    if cut is None:
        return None
    text = memoryview(content)
    # The first half ends with the header: it then reads only if `scheme` is an array of
    # tables there (as the second half takes it to be), and gains one empty scheme.
    first, second = text[: cut.end()], text[cut.start() + 1 :]
    try:
        reading, writing = os.pipe()
    except OSError:  # no descriptor left: read whole
        return None
    for stream in (sys.stdout, sys.stderr):  # nothing buffered is written twice
        if stream is not None:
            stream.flush()
    # A signal between the fork and the child's own `try` would run the parent's code in
    # the child: blocked until then. A SIGCHLD ignored by whoever started relance would
    # let the kernel reap the child before it is waited for: the default, meanwhile.
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM, signal.SIGHUP})
    ignored = signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN
    child = -1
    try:
        if ignored:
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        child = os.fork()
        if child == 0:  # pragma: no cover - the child's coverage is not collected
            _send(second, reading, writing, mask)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        os.close(writing)
        writing = -1
        return _joined(first, reading, child)
    except (OSError, ValueError):  # no fork (a process limit), or not the main thread
        return None
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        for end in (reading, writing):
            if end >= 0:
                os.close(end)
        if child > 0:
            _reap(child)
        if ignored:
            signal.signal(signal.SIGCHLD, signal.SIG_IGN)


def _cores() -> int:
    usable = getattr(os, "sched_getaffinity", None)
    return len(usable(0)) if usable is not None else os.cpu_count() or 1


def _send(text: memoryview, reading: int, out: int, mask: Any) -> NoReturn:  # pragma: no cover
    """The second half's columns, written to the pipe; the child then ends at once (no
    exit handlers: they are the parent's), 0 when it wrote them, whatever happens."""
    code = 1
    try:
        os.close(reading)
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)  # Ctrl-C ends it from here on
        read = second_half(text)
        if read is not None:
            columns, _kept = read  # what it read is never freed: the child ends at once
            import msgspec

            with os.fdopen(out, "wb") as stream:
                stream.write(msgspec.msgpack.encode(columns))
            code = 0
    except BaseException:  # whatever it is, the parent reads whole
        pass
    finally:
        os._exit(code)


def second_half(text: memoryview) -> tuple[Any, tuple[Any, ...]] | None:
    """The schemes of the text from the cut on, validated and packed in columns, and what
    reading them made (freeing it object by object would cost the child 0.05 s, which
    the parent waits for); None when the text holds anything but schemes."""
    import toml_rs

    from relance_cli.catalog import parts
    from relance_cli.catalog.compiled import columns_of_models
    from relance_cli.core.models import Scheme

    data = toml_rs.loads(str(text, "utf-8"))
    schemes = data.get("scheme")
    if set(data) != {"scheme"} or not isinstance(schemes, list):
        return None
    shared = parts.shared(data)["scheme"]
    context = parts.context()
    models = [Scheme.model_validate(s, context=context) for s in shared]
    return columns_of_models(models), (data, shared, models)


def _joined(first: memoryview, reading: int, child: int) -> tuple[Packed, tuple[Any, ...]] | None:
    """The first half read here, then the child's columns numbered on from its own."""
    import msgspec
    import toml_rs

    from relance_cli.catalog import compiled, parts
    from relance_cli.core.models import Catalog
    from relance_cli.core.models.catalog import cross_errors

    try:
        data = toml_rs.loads(str(first, "utf-8-sig"))
        schemes = data.get("scheme")
        if not isinstance(schemes, list) or schemes[-1] != {} or {"test", "cases"} & data.keys():
            return None
        del schemes[-1]  # the header's, which the second half reads
        shared = parts.shared(data)
        catalog = Catalog.model_validate(shared, context=parts.context())
    except Exception:  # read whole, for the located messages
        return None
    mine = compiled.columns_of_models(catalog.schemes)  # while the child works
    received = _received(reading)
    try:
        _, status = os.waitpid(child, 0)
    except ChildProcessError:  # reaped by someone else: its outcome unknown
        return None
    if not os.WIFEXITED(status) or os.WEXITSTATUS(status) != 0:
        return None
    try:
        theirs = msgspec.msgpack.decode(received, type=compiled.Columns)
        compiled.unpack(theirs)  # every number one its column has, every column as long
    except (ValueError, IndexError):  # msgspec's errors are ValueErrors too
        return None
    columns = _appended(mine, theirs)
    packed = compiled.packed_models(catalog, columns)
    schemes = packed.catalog.schemes
    if cross_errors(packed.catalog.kinds, [(s.id, s.kinds) for s in schemes]):
        return None
    return packed, (data, shared, catalog)


def _received(reading: int) -> bytes:
    chunks = []
    while chunk := os.read(reading, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def _appended(first: Any, more: Any) -> Any:
    """The columns of the first half, then those of the second, numbered on: a value
    already numbered keeps its number, as if all the schemes were packed at once."""
    from relance_cli.catalog.compiled import Columns

    joined = []
    for name in Columns.__struct_fields__:
        mine, theirs = getattr(first, name), getattr(more, name)
        key = _key(name)
        numbers = {key(value): number for number, value in enumerate(mine.values)}
        values = list(mine.values)
        renumbered = []
        for value in theirs.values:
            number = numbers.setdefault(key(value), len(values))
            if number == len(values):
                values.append(value)
            renumbered.append(number)
        joined.append(type(mine)(values, [*mine.at, *map(renumbered.__getitem__, theirs.at)]))
    return Columns(*joined)


def _key(name: str) -> Any:
    """What tells a column's values apart, as packing tells them (`compiled._pack`)."""
    import msgspec

    from relance_cli.catalog.compiled import SCALARS, TEXTS

    if name in SCALARS:
        return _itself
    if name in TEXTS:
        return tuple
    return msgspec.msgpack.Encoder().encode


def _itself(value: Any) -> Any:
    return value


def _reap(child: int) -> None:
    """The child waited for, killed first if still at work (the parent stopped early: a
    problem in the first half, or Ctrl-C), so it never outlives the command."""
    try:
        done, _ = os.waitpid(child, os.WNOHANG)
        if done == 0:
            os.kill(child, signal.SIGKILL)
            os.waitpid(child, 0)
    except ChildProcessError:  # waited for already
        pass
