"""A cache of validated catalogs, so a 10,000-scheme catalog stays interactive.

An entry is data, never code: the validated catalog compiled to records
(`catalog/compiled.py`) as MessagePack, the parts that schemes hold identically stored
once and numbered, decoded straight into those records without validating again (it was
valid when written); the decoder checks each value's type (as many values as fields,
nested records, enums, dates, decimals) and each number (one its table has). It is sealed with a key
of the cache's own, so that only what relance wrote is read back as it was written: an
entry edited by hand or planted, whatever its values, is refused and the catalog parsed
again. It is keyed by a hash of the catalog's own bytes (and of the models, the bounds
they check, the records and the tool version), so an edit is seen whatever the file's
size and date say. Entries live in a folder of the user's own (0700, entries 0600), never
one owned by someone else or writable by others; only regular files are opened there,
and old entries are pruned.
Anything wrong with the cache only costs time: a missing, stale, truncated, misshapen or
refused entry means "parse again".
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relance_cli import __version__
from relance_cli.errors import debug_note
from relance_cli.i18n import _
from relance_cli.system_errors import reason

if TYPE_CHECKING:
    from relance_cli.catalog.compiled import Catalog

FORMAT = 6  # of the entries written here (6: shared parts numbered once); no other is read
SUBFOLDER = "catalogs"  # the cache's own, inside the cache folder: nothing else is pruned
# MessagePack rather than JSON, by measure (10,000-scheme benchmark catalog, records of
# compiled.py, loaded machine): 30.3 MB decoded in 0.22 s, against 33.1 MB in 0.29 s as
# JSON, and 0.96 s for the JSON and Pydantic models of format 4. Format 6 numbers shared
# parts once: 0.6 MB, decoded in 0.01 s; format 5's layout no longer decodes.
SUFFIX = ".msgpack"
# An entry's name: its 64-digit key, then SUFFIX or INDEX (or `.json`, the suffix of the
# entries of format 4, pruned like the others); nothing else is ever pruned.
ENTRY_NAME = re.compile(r"[0-9a-f]{64}(\.index\.json|\.msgpack|\.json)\Z")
TEMPORARY_NAME = re.compile(r"\.entry-[a-z0-9_]+\.tmp\Z")  # as mkstemp names them
INDEX = ".index.json"  # beside each entry: its ids and project types, for completion
SECRET = "secret"  # the cache's own key, with which each entry is sealed
KEEP_ENTRIES = 16
KEEP_BYTES = 256 * 1024 * 1024
MAX_ENTRY_BYTES = 512 * 1024 * 1024


def folder() -> Path:
    """RELANCE_CACHE_DIR, else the platform's user cache folder (the run's: see
    `environment.Environment.cache_dir`)."""
    from relance_cli.environment import current

    return current().cache_dir


@cache
def _fingerprint() -> str:
    """Changes with the models, their vocabulary, the bounds and patterns they check
    (`limits.py`, `text.py`), the records, this format and the tool version, so an entry
    is never read into classes it was not written from, nor kept once a bound it was
    validated against has moved. Read from the files, not the modules: shell completion
    computes keys without loading Pydantic."""
    package = Path(__file__).resolve().parents[1]
    core = package / "core"
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}".encode())
    compiled = Path(__file__).with_name("compiled.py")  # the records an entry holds
    for path in (
        *sorted((core / "models").glob("*.py")),
        core / "vocabulary.py",
        package / "limits.py",
        package / "text.py",
        compiled,
    ):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def key(content: bytes) -> str:
    """The entry's name: what the catalog holds, and what reads it."""
    digest = key_digest()
    digest.update(content)  # not concatenated: a 40 MB catalog would be copied once more
    return str(digest.hexdigest())


def key_digest() -> Any:
    """The hash `key` names an entry by, before the catalog's bytes are fed to it (the
    caller may feed them a chunk at a time: `files.digest_file`)."""
    return hashlib.sha256(_fingerprint().encode() + b"\0")


def usable_folder() -> Path | None:
    """The catalogs' own subfolder of the cache folder, both created 0700 if missing; None
    (and why, with --debug) when either belongs to someone else, is writable by others,
    or is not a folder. The cache owns only that subfolder: RELANCE_CACHE_DIR may name a
    folder of the user's files (or `/`), and they are never touched."""
    return own_folder(SUBFOLDER)


def own_folder(name: str) -> Path | None:
    """A subfolder of the cache folder that one part of relance owns (the catalogs', the
    search indexes'), with the same checks on both."""
    base = _usable(folder())
    return None if base is None else _usable(base / name)


def _usable(place: Path) -> Path | None:
    try:
        if not place.exists():
            place.mkdir(mode=0o700, parents=True)
        info = place.stat()
    except OSError as error:
        debug_note(_("cache désactivé : {0} inutilisable ({1})"), place, reason(error))
        return None
    if not stat.S_ISDIR(info.st_mode):
        debug_note(_("cache désactivé : {0} n'est pas un dossier"), place)
        return None
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        debug_note(_("cache désactivé : {0} appartient à un autre utilisateur"), place)
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        debug_note(_("cache désactivé : {0} est modifiable par d'autres"), place)
        return None
    return place


def load(content: bytes | None, name: str | None = None) -> Catalog | None:
    """The compiled catalog cached for exactly these bytes, or None; `name`, their key when
    the caller has it already (hashing 40 MB costs 0.02 s: once is enough), instead of
    the bytes (`None`) when it hashed the file without holding it."""
    place = usable_folder()
    if place is None:
        return None
    if name is None:
        assert content is not None, "an entry is named by its bytes or its key"
        name = key(content)
    entry = place / (name + SUFFIX)
    try:
        data = _read_own_regular_file(entry)
        secret = _secret(place, create=False)
        if data is None or secret is None:
            return None
        # The body as a view of what was read, not a copy: 30 MB less at the peak of a
        # 10,000-scheme catalog, and the time of copying them.
        newline = data.find(b"\n")
        seal, body = data[: max(newline, 0)], memoryview(data)[newline + 1 :]
        if newline < 0 or not hmac.compare_digest(seal, _seal(secret, body)):
            return None  # written by someone else, or edited since: parse again
        from relance_cli.catalog import compiled

        document = compiled.decode_entry(body)
        if document.format != FORMAT or document.key != entry.name.removesuffix(SUFFIX):
            return None
        os.utime(entry)  # recently used: pruned last
    except Exception:  # a cache is a hint: anything wrong with it means "parse again"
        return None
    return document.catalog


def store(content: bytes, catalog: Any, name: str | None = None) -> Catalog:
    """The validated catalog (the models, or records already) as records, cached for
    these bytes (whose key `name` is, when the caller has it) on the way: best effort, a
    read-only or full cache folder only costs speed."""
    from relance_cli.catalog import compiled

    # What a warm read gives: the parts schemes hold identically, one object each.
    if isinstance(catalog, compiled.Packed):  # packed already (read in halves)
        shared = catalog
    elif isinstance(catalog, compiled.Catalog):
        shared = compiled.packed(catalog)
    else:
        shared = compiled.packed_models(catalog)
    records = shared.catalog
    place = usable_folder()
    if place is None:
        return records
    name = name or key(content)
    temporary = None
    try:
        secret = _secret(place, create=True)
        if secret is None:
            return records
        body = compiled.encode_packed(FORMAT, name, shared)
        handle, temporary = tempfile.mkstemp(dir=place, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:  # mkstemp: 0600, whatever the umask
            stream.write(_seal(secret, body) + b"\n")
            stream.write(body)
        os.replace(temporary, place / (name + SUFFIX))
        temporary = None
        names = {"ids": [s.id for s in records.schemes], "kinds": list(records.kinds)}
        handle, temporary = tempfile.mkstemp(dir=place, prefix=".entry-", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            stream.write(json.dumps(names, ensure_ascii=False).encode("utf-8"))
        os.replace(temporary, place / (name + INDEX))
        temporary = None
        prune(place)
    except Exception:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return records


def _seal(secret: bytes, body: bytes | memoryview) -> bytes:
    """An entry is read back without validation (that is the time it saves), so its
    content must be exactly what relance wrote: an HMAC of it, under a key of the cache's
    own, refuses an entry edited by hand or planted, whatever its values (a title of 123,
    a `javascript:` address, a rate of "NaN"): the catalog is then parsed and validated
    again. HMAC-SHA256: with the processor's SHA instructions,
    2.5 times as fast as keyed BLAKE2 here (30 MiB: 78 ms against 176 ms, loaded machine)."""
    return hmac.new(secret, body, "sha256").hexdigest().encode("ascii")


def _secret(place: Path, *, create: bool) -> bytes | None:
    """The cache's key: 32 random bytes in a 0600 file of its folder, made on first use."""
    path = place / SECRET
    found = _read_own_regular_file(path)
    if found is not None and len(found) == 32:
        return found
    if not create or found is not None:
        return None
    handle, temporary = tempfile.mkstemp(dir=place, prefix=".entry-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(os.urandom(32))
        os.link(temporary, path)  # never over a key another process made meanwhile
    except FileExistsError:
        pass
    finally:
        os.unlink(temporary)
    found = _read_own_regular_file(path)
    return found if found is not None and len(found) == 32 else None


def names(content: bytes) -> tuple[list[str], list[str]] | None:
    """The scheme ids and project types of a catalog read before (for shell completion:
    no Pydantic, no TOML); None when the cache does not know these bytes."""
    place = usable_folder()
    if place is None:
        return None
    try:
        data = _read_own_regular_file(place / (key(content) + INDEX))
        if data is None:
            return None
        found = json.loads(data)
        ids, kinds = found["ids"], found["kinds"]
        if all(isinstance(i, str) for i in [*ids, *kinds]):
            return list(ids), list(kinds)
    except Exception:
        return None
    return None


def prune(place: Path, keep: int = KEEP_ENTRIES, budget: int = KEEP_BYTES) -> None:
    """Keep the most recently used entries, at most `keep` of them and `budget` bytes;
    drop temporary files left by an interrupted write. Only regular files named as this
    module names them are ever removed, and only in its own subfolder."""
    entries = []
    for item in place.iterdir():
        with contextlib.suppress(OSError):
            info = item.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            if TEMPORARY_NAME.match(item.name):
                if info.st_mtime < _now() - 3600:
                    item.unlink()
            elif ENTRY_NAME.match(item.name) and not item.name.endswith(INDEX):
                entries.append((info.st_mtime, info.st_size, item))
    entries.sort(reverse=True)
    total = 0
    for index, (_used, size, item) in enumerate(entries):
        total += size
        if index >= keep or total > budget:
            with contextlib.suppress(OSError):
                item.unlink()
                item.with_name(item.name[:64] + INDEX).unlink()


def _now() -> float:
    import time

    return time.time()


def _read_own_regular_file(path: Path) -> bytes | None:
    """The bytes of a regular file of ours, or None: a FIFO, a device, a symlink or a file
    of someone else's planted under an entry's name is never read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
            return None
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return None
        return stream.read()
