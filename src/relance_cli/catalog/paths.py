"""Which catalog files a command reads: `--catalog`, else RELANCE_CATALOG, else the shipped
one, and how each is named in messages. Light on purpose: shell completion reads it."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from relance_cli.i18n import _

BUILTIN = "builtin"
ENV_VAR = "RELANCE_CATALOG"
MAX_BYTES = 32 * 1024 * 1024


def source_label(raw: str) -> str:
    return _("schemes.toml (catalogue intégré)") if raw == BUILTIN else raw


def catalog_paths(
    options: Sequence[str] | None, environ: dict[str, str] | None = None
) -> list[str]:
    """`--catalog` wins; else RELANCE_CATALOG (OS path separator); else the shipped one."""
    if options:
        return list(options)
    env = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    paths = [p for p in env.split(os.pathsep) if p.strip()]
    return paths or [BUILTIN]


def builtin_path() -> Path:
    """The shipped catalog: package data in a wheel, the repository root in a checkout."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "schemes.toml"
    if packaged.is_file():
        return packaged
    return package.parents[1] / "schemes.toml"
