"""Files the user owns: read with a clear word for each way it can fail, written
atomically, never written over unless asked, and never anything but a regular file.

An export or an import replaces only a regular file, and only with --force; a device,
a FIFO, a socket or a folder under that name is refused, `--force` or not. A symlink is
followed: the file it points to is replaced and the link stays. A replaced file keeps
its mode (and, when relance may set it, its owner); a new one follows the umask. A file
with several hard links is rewritten in place, so that every name sees the new content.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from relance_cli.errors import CatalogError, RelanceError, UsageError
from relance_cli.i18n import _


def _exists(option: str, path: Path) -> str:
    text = _("{option} : {file} existe déjà ; ajoutez --force pour le remplacer")
    return text.format(option=option, file=path)


def check_target(path: Path, *, force: bool, option: str) -> os.stat_result | None:
    """Before any work: the file that `path` names (through symlinks), if it exists, must be
    a regular file, and may only be replaced with `force`. Returns its status, or None
    when it does not exist yet."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    except OSError as error:
        text = _("{option} : {file} inaccessible ({reason})")
        raise UsageError(text.format(option=option, file=path, reason=error.strerror)) from None
    if stat.S_ISDIR(info.st_mode):
        text = _("{option} : {file} est un dossier ; donnez un nom de fichier")
        raise UsageError(text.format(option=option, file=path))
    if not stat.S_ISREG(info.st_mode):
        text = _(
            "{option} : {file} n'est pas un fichier ordinaire (périphérique, tube ou socket) ; "
            "relance n'y écrit pas (« - » : sortie standard)"
        )
        raise UsageError(text.format(option=option, file=path))
    if not force:
        raise UsageError(_exists(option, path))
    return info


def write_new(path: Path, data: bytes, *, force: bool, option: str) -> None:
    """Write through a temporary file in the target's folder, then link or rename it into
    place, so an interrupted export never leaves a half-written file. Without `force`,
    an existing file is kept, even if it appears between the check and the write."""
    existing = check_target(path, force=force, option=option)
    target = Path(os.path.realpath(path)) if existing is not None else path
    if existing is not None and existing.st_nlink > 1:
        _rewrite_in_place(target, data, option)
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        text = _("{option} : impossible d'écrire dans {folder} ({reason})")
        raise RelanceError(
            text.format(option=option, folder=folder, reason=error.strerror)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
            _take_over(stream.fileno(), existing)
        if existing is not None:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)
            except FileExistsError:
                raise UsageError(_exists(option, path)) from None
    except OSError as error:
        text = _("{option} : écriture de {file} impossible ({reason})")
        raise RelanceError(text.format(option=option, file=path, reason=error.strerror)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


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


def _rewrite_in_place(target: Path, data: bytes, option: str) -> None:
    try:
        with open(target, "r+b") as stream:
            stream.truncate(0)
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except OSError as error:
        text = _("{option} : écriture de {file} impossible ({reason})")
        raise RelanceError(text.format(option=option, file=target, reason=error.strerror)) from None


def check_readable(path: Path, label: str, max_bytes: int) -> os.stat_result:
    """Before reading: the file exists, is a regular file (a FIFO would block) and is not
    too large to be read whole."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise CatalogError(_("{file}: fichier introuvable").format(file=label)) from None
    except OSError as error:
        text = _("{file}: impossible d'accéder au fichier ({reason})")
        raise CatalogError(text.format(file=label, reason=error.strerror)) from None
    _check_status(info, label, max_bytes)
    return info


def _check_status(info: os.stat_result, label: str, max_bytes: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise CatalogError(_("{file}: est un dossier, pas un fichier").format(file=label))
    if not stat.S_ISREG(info.st_mode):
        text = _("{file}: n'est pas un fichier ordinaire (tube, périphérique ou socket)")
        raise CatalogError(text.format(file=label))
    if info.st_size > max_bytes:
        text = _("{file}: fichier trop volumineux ({size} Mo ; au plus {limit} Mo)")
        size, limit = info.st_size // 1_000_000, max_bytes // 1_000_000
        raise CatalogError(text.format(file=label, size=size, limit=limit))


def read_bytes(path: Path, label: str, max_bytes: int = 64 * 1024 * 1024) -> bytes:
    """The whole file, checked on the opened file itself: what was checked is what is
    read, even if the name is swapped for a FIFO in between (opened without blocking)."""
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise CatalogError(_("{file}: fichier introuvable").format(file=label)) from None
    except PermissionError:
        text = _("{file}: lecture refusée (droits insuffisants)")
        raise CatalogError(text.format(file=label)) from None
    except OSError as error:
        text = _("{file}: impossible d'accéder au fichier ({reason})")
        raise CatalogError(text.format(file=label, reason=error.strerror)) from None
    try:
        _check_status(os.fstat(handle), label, max_bytes)
    except CatalogError:
        os.close(handle)
        raise
    with os.fdopen(handle, "rb") as stream:
        try:
            data = stream.read(max_bytes + 1)
        except OSError as error:
            text = _("{file}: lecture impossible ({reason})")
            raise CatalogError(text.format(file=label, reason=error.strerror)) from None
    if len(data) > max_bytes:  # it grew after the check
        text = _("{file}: fichier trop volumineux ({size} Mo ; au plus {limit} Mo)")
        size, limit = len(data) // 1_000_000, max_bytes // 1_000_000
        raise CatalogError(text.format(file=label, size=size, limit=limit))
    return data
