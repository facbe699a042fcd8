"""Writing files the user owns: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from relance_cli.errors import RelanceError, UsageError
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
