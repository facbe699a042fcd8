"""Writing files the user owns: atomically, and never over an existing file unless asked."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from relance_cli.errors import RelanceError, UsageError


def write_new(path: Path, data: bytes, *, force: bool, option: str) -> None:
    """Write through a temporary file in the same folder, then link or rename it into
    place, so an interrupted export never leaves a half-written file. Without `force`,
    an existing file is kept, even if it appears between the check and the write."""
    if path.is_dir():
        raise UsageError(f"{option} : {path} est un dossier ; donnez un nom de fichier")
    if path.exists() and not force:
        raise UsageError(f"{option} : {path} existe déjà ; ajoutez --force pour le remplacer")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise RelanceError(
            f"{option} : impossible d'écrire dans {folder} ({error.strerror})"
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
                raise UsageError(
                    f"{option} : {path} existe déjà ; ajoutez --force pour le remplacer"
                ) from None
    except OSError as error:
        raise RelanceError(f"{option} : écriture de {path} impossible ({error.strerror})") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
