"""The scheme ids and project types of the catalogs a command would read, fast enough
for a TAB: from the cache when the catalog was loaded before, else from the TOML itself
without validating it. A list of names to offer, never an answer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from relance_cli import files
from relance_cli.catalog import cache
from relance_cli.catalog.paths import BUILTIN, MAX_BYTES, builtin_path, catalog_paths
from relance_cli.errors import RelanceError
from relance_cli.limits import IDENTIFIER_MAX

IDENTIFIER = re.compile(rf"[a-z0-9][a-z0-9_-]{{0,{IDENTIFIER_MAX - 1}}}\Z")


def names(catalogs: Sequence[str] | None) -> tuple[list[str], list[str]]:
    """(scheme ids, project types) of the catalogs, in order, each once."""
    ids: list[str] = []
    kinds: list[str] = []
    for raw in catalog_paths(catalogs):
        path = builtin_path() if raw == BUILTIN else Path(raw)
        try:
            content = files.read_bytes(path, raw, MAX_BYTES)
        except RelanceError:
            continue
        found = cache.names(content) or _from_toml(content)
        ids += [i for i in found[0] if IDENTIFIER.match(i) and i not in ids]
        kinds += [k for k in found[1] if IDENTIFIER.match(k) and k not in kinds]
    return ids, kinds


def _from_toml(content: bytes) -> tuple[list[str], list[str]]:
    import tomli

    try:
        data = tomli.loads(content.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return [], []
    schemes = data.get("scheme")
    ids = [s.get("id") for s in schemes if isinstance(s, dict)] if isinstance(schemes, list) else []
    kinds = data.get("kinds")
    return [i for i in ids if isinstance(i, str)], list(kinds) if isinstance(kinds, dict) else []
