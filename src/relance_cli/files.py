"""Files the user owns: read with a clear word for each way it can fail, written
atomically, and never written over unless asked."""

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


def write_new(path: Path, data: bytes, *, force: bool, option: str) -> None:
    """Write through a temporary file in the same folder, then link or rename it into
    place, so an interrupted export never leaves a half-written file. Without `force`,
    an existing file is kept, even if it appears between the check and the write."""
    if path.is_dir():
        text = _("{option} : {file} est un dossier ; donnez un nom de fichier")
        raise UsageError(text.format(option=option, file=path))
    if path.exists() and not force:
        raise UsageError(_exists(option, path))
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
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
        if force:
            os.replace(temporary, path)
        else:
            try:
                os.link(temporary, path)
            except FileExistsError:
                raise UsageError(_exists(option, path)) from None
    except OSError as error:
        text = _("{option} : écriture de {file} impossible ({reason})")
        raise RelanceError(text.format(option=option, file=path, reason=error.strerror)) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


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
    if stat.S_ISDIR(info.st_mode):
        raise CatalogError(_("{file}: est un dossier, pas un fichier").format(file=label))
    if not stat.S_ISREG(info.st_mode):
        text = _("{file}: n'est pas un fichier ordinaire (tube, périphérique ou socket)")
        raise CatalogError(text.format(file=label))
    if info.st_size > max_bytes:
        text = _("{file}: fichier trop volumineux ({size} Mo ; au plus {limit} Mo)")
        size, limit = info.st_size // 1_000_000, max_bytes // 1_000_000
        raise CatalogError(text.format(file=label, size=size, limit=limit))
    return info


def read_bytes(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except PermissionError:
        text = _("{file}: lecture refusée (droits insuffisants)")
        raise CatalogError(text.format(file=label)) from None
    except OSError as error:
        text = _("{file}: lecture impossible ({reason})")
        raise CatalogError(text.format(file=label, reason=error.strerror)) from None
