"""Files the user owns: read with a clear word for each way it can fail, written
atomically, never written over unless asked, and never anything but a regular file.

An export or an import replaces only a regular file, and only when asked (`force`); a
device, a FIFO, a socket or a folder under that name is refused, asked or not. A symlink is
followed: the file it points to is replaced and the link stays. A replaced file keeps
its mode (and, when relance may set it, its owner); a new one follows the umask. A file
with several hard links is replaced under the name given, never rewritten in place: its
other names keep the old content (the command says so), and no name is ever truncated.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

from relance_cli.errors import CatalogError, RelanceError, UsageError
from relance_cli.i18n import _, ngettext
from relance_cli.limits import MAX_READ_BYTES, MIB  # sizes in Mio, as the docs give them
from relance_cli.system_errors import reason, shown


class FileExists(UsageError):
    """The file to write exists, and replacing it was not asked for. `option` names the
    file's role; the command line adds how to ask (`cli/program.py`)."""

    def __init__(self, option: str, path: Path) -> None:
        self.option = option
        self.path = path
        super().__init__(_("{option} : {file} existe déjà").format(option=option, file=shown(path)))


def check_target(path: Path, *, force: bool, option: str) -> os.stat_result | None:
    """Before any work: the file that `path` names (through symlinks), if it exists, must be
    a regular file, and may only be replaced with `force`. Returns its status, or None
    when it does not exist yet."""
    if str(path) in ("", "."):
        raise UsageError(
            _("{option} : nom de fichier vide ; donnez un nom de fichier").format(option=option)
        )
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            text = _(
                "{option} : {file} est un lien symbolique vers {link}, qui n'existe pas ; "
                "relance n'écrit pas au bout d'un lien cassé : supprimez-le ou donnez un "
                "autre nom"
            )
            link = shown(os.readlink(path))
            raise UsageError(text.format(option=option, file=shown(path), link=link)) from None
        return None
    except OSError as error:
        text = _("{option} : {file} inaccessible ({reason})")
        raise UsageError(
            text.format(option=option, file=shown(path), reason=reason(error))
        ) from None
    if stat.S_ISDIR(info.st_mode):
        text = _("{option} : {file} est un dossier ; donnez un nom de fichier")
        raise UsageError(text.format(option=option, file=shown(path)))
    if not stat.S_ISREG(info.st_mode):
        text = _(
            "{option} : {file} n'est pas un fichier ordinaire (périphérique, tube ou socket) ; "
            "relance n'y écrit pas (« - » : sortie standard)"
        )
        raise UsageError(text.format(option=option, file=shown(path)))
    if not force:
        raise FileExists(option, path)
    return info


def write_new(path: Path, data: bytes, *, force: bool, option: str) -> int:
    """Write a complete sibling in the target's folder, then link or rename it into place:
    no name of the user's file ever holds partial content, whenever relance is stopped or
    the disk fills. Without `force`, an existing file is kept, even if it appears between
    the check and the write.

    Returns how many other names (hard links) the replaced file had: they keep the old
    content, since rewriting in place is what could leave every name truncated."""
    existing = check_target(path, force=force, option=option)
    target = Path(os.path.realpath(path)) if existing is not None else path
    folder = target.parent if str(target.parent) else Path(".")
    prefix = _temporary_prefix(target.name)
    _remove_stale(folder, prefix)
    with _terminated_cleanly():
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=f"{prefix}{os.getpid()}-", suffix=".tmp", dir=folder
            )
        except OSError as error:
            text = _("{option} : impossible d'écrire dans {folder} ({reason})")
            raise RelanceError(
                text.format(option=option, folder=shown(folder), reason=reason(error))
            ) from None
        try:
            _fill(handle, data, existing)
            if existing is not None:
                os.replace(temporary, target)
            else:
                try:
                    os.link(temporary, target)
                except FileExistsError:
                    raise FileExists(option, path) from None
        except OSError as error:
            text = _("{option} : écriture de {file} impossible ({reason})")
            raise RelanceError(
                text.format(option=option, file=shown(path), reason=reason(error))
            ) from None
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
    return existing.st_nlink - 1 if existing is not None else 0


def other_links_note(path: Path, others: int, option: str) -> str:
    """What `write_new` did to the other names of a file with several hard links."""
    text = ngettext(
        "{option} : {file} avait {count} autre nom (lien physique) ; il garde l'ancien contenu",
        "{option} : {file} avait {count} autres noms (liens physiques) ; ils gardent l'ancien "
        "contenu",
        others,
    )
    return text.format(option=option, file=shown(path), count=others)


def _fill(handle: int, data: bytes, existing: os.stat_result | None) -> None:
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())
        _take_over(stream.fileno(), existing)


TEMPORARY_MARK = ".relance-"


def _temporary_prefix(name: str) -> str:
    """`.NAME.relance-PID-random.tmp`: recognisably relance's, and whose (the name stays
    under the usual 255-byte limit)."""
    return f".{name[:180]}{TEMPORARY_MARK}"


def _remove_stale(folder: Path, prefix: str) -> None:
    """Temporary files of relance's own naming for this target, left by a process that no
    longer runs (killed with SIGKILL, or a power cut): removed before the next write. A
    file of a process still running (a parallel import) is left alone."""
    try:
        with os.scandir(folder) as entries:
            found = [e for e in entries if e.name.startswith(prefix) and e.name.endswith(".tmp")]
    except OSError:
        return
    for entry in found:
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid.isdigit() or _running(int(pid)):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False):
                os.unlink(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):
        return True  # someone else's, or not ours to judge: keep its file
    return True


class _Terminated(BaseException):
    """SIGTERM or SIGHUP during a write: unwinds so that the temporary file is removed,
    then the process ends by the same signal."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


@contextlib.contextmanager
def _terminated_cleanly() -> Iterator[None]:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, _frame: object) -> None:
        raise _Terminated(number)

    caught = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    previous = {number: signal.signal(number, stop) for number in caught}
    try:
        yield
    except _Terminated as stopped:
        for number in caught:
            signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), stopped.number)
        raise SystemExit(128 + stopped.number) from None  # pragma: no cover - killed above
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def _take_over(handle: int, existing: os.stat_result | None) -> None:
    """The replaced file's mode (and owner, where allowed), or the umask's for a new one:
    mkstemp creates 0600 whatever the umask."""
    if existing is None:
        os.fchmod(handle, 0o666 & ~_umask())
        return
    os.fchmod(handle, stat.S_IMODE(existing.st_mode))
    with contextlib.suppress(OSError):
        os.fchown(handle, existing.st_uid, existing.st_gid)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _check_status(info: os.stat_result, label: str, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise CatalogError(_("{file}: est un dossier, pas un fichier").format(file=shown(label)))
    if not stat.S_ISREG(info.st_mode):
        text = _("{file}: n'est pas un fichier ordinaire (tube, périphérique ou socket)")
        raise CatalogError(text.format(file=shown(label)))
    if info.st_size > max_bytes:
        _too_large(label, info.st_size, max_bytes)


def read_bytes(path: Path, label: str, max_bytes: int = MAX_READ_BYTES) -> bytes:
    """The whole file, checked on the opened file itself: what was checked is what is
    read, even if the name is swapped for a FIFO in between (opened without blocking)."""
    with os.fdopen(_opened(path, label, max_bytes), "rb") as stream:
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            text = _("{file}: lecture impossible ({reason})")
            raise CatalogError(text.format(file=shown(label), reason=reason(error))) from None
    if len(data) > max_bytes:  # it grew after the check
        _too_large(label, len(data), max_bytes)
    return data


def digest_file(digest: Any, path: Path, label: str, max_bytes: int = MAX_READ_BYTES) -> None:
    """Feeds the file to `digest` as `read_bytes` would read it (the same checks, the same
    errors), a chunk at a time: hashing a 40 MB catalog without holding it costs 0.024 s
    where reading it whole then hashing it took 0.042 s (and 40 MB of memory)."""
    chunk = bytearray(1 << 18)
    view = memoryview(chunk)
    size = 0
    with os.fdopen(_opened(path, label, max_bytes), "rb", buffering=0) as stream:
        try:
            while count := stream.readinto(chunk):
                size += count
                if size > max_bytes:  # it grew after the check
                    _too_large(label, size, max_bytes)
                digest.update(view[:count])
        except OSError as error:
            text = _("{file}: lecture impossible ({reason})")
            raise CatalogError(text.format(file=shown(label), reason=reason(error))) from None


def _too_large(label: str, size: int, max_bytes: int) -> NoReturn:
    text = _("{file}: fichier trop volumineux ({size} Mio ; au plus {limit} Mio)")
    raise CatalogError(text.format(file=shown(label), size=-(-size // MIB), limit=max_bytes // MIB))


def _opened(path: Path, label: str, max_bytes: int) -> int:
    """The file's descriptor, opened without blocking and checked on itself."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CatalogError(_("{file}: fichier introuvable").format(file=shown(label))) from None
    except PermissionError:
        text = _("{file}: lecture refusée (droits insuffisants)")
        raise CatalogError(text.format(file=shown(label))) from None
    except OSError as error:
        text = _("{file}: impossible d'accéder au fichier ({reason})")
        raise CatalogError(text.format(file=shown(label), reason=reason(error))) from None
    try:
        _check_status(os.fstat(handle), label, max_bytes)
    except CatalogError:
        os.close(handle)
        raise
    return handle
