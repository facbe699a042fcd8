"""A cache of validated catalogs, so a 10,000-scheme catalog stays interactive.

Keyed by the catalog's real path, size and modification time, the tool version and a
fingerprint of the models; stored in the user's cache folder (never beside the user's
file), with a checksum. A missing, stale, corrupt or unreadable entry is ignored and
rebuilt: the cache can only save time, never change an answer.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from relance_cli import __version__

DIGEST = 32


def folder() -> Path:
    """RELANCE_CACHE_DIR, else the platform's user cache folder."""
    explicit = os.environ.get("RELANCE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        return base / "relance" / "Cache"
    if sys.platform == "darwin":  # pragma: no cover - exercised on macOS only
        return Path.home() / "Library" / "Caches" / "relance"
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "relance"


@cache
def _fingerprint() -> str:
    """Changes whenever the models change, so an old pickle is never read into new classes."""
    from relance_cli.core import models

    return hashlib.sha256(Path(models.__file__).read_bytes()).hexdigest()[:16]


def _entry(path: Path, info: os.stat_result) -> Path:
    identity = "\0".join(
        (
            os.path.realpath(path),
            str(info.st_size),
            str(info.st_mtime_ns),
            __version__,
            _fingerprint(),
            sys.version,
        )
    )
    return folder() / f"{hashlib.sha256(identity.encode()).hexdigest()}.pickle"


def load(path: Path, info: os.stat_result, kind: type[Any]) -> Any | None:
    """The cached object for this exact file, or None."""
    try:
        data = _entry(path, info).read_bytes()
        digest, payload = data[:DIGEST], data[DIGEST:]
        if hashlib.sha256(payload).digest() != digest:
            return None
        value = pickle.loads(payload)
    except Exception:  # a cache is a hint: anything wrong with it means "rebuild"
        return None
    return value if isinstance(value, kind) else None


def store(path: Path, info: os.stat_result, value: object) -> None:
    """Best effort: a read-only or full cache folder only costs speed."""
    target = _entry(path, info)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(hashlib.sha256(payload).digest() + payload)
        os.replace(temporary, target)
    except Exception:
        with contextlib.suppress(Exception):
            os.unlink(temporary)
