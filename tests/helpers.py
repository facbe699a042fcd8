"""What the tests share: where things are, and how to read what the command line prints.

Test modules import from here (`from helpers import ...`); `conftest.py` keeps only the
fixtures and the per-run settings.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from typer.testing import Result

# Everything a test run writes outside pytest's own tmp_path lives under one folder that
# goes when the run ends (the fuzzers alone make thousands of catalogs).
SCRATCH = Path(tempfile.mkdtemp(prefix="relance-tests-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)

# Tests never read or write the user's cache; they share one cache of their own (0700, as
# mkdtemp makes it).
os.environ["RELANCE_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=SCRATCH)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "schemes.toml"
SOURCE = ROOT / "sources" / "article-2021-02-22.txt"  # the article the catalog cites
FACTS = ROOT / "sources" / "facts.md"  # what the other cited sources say, quoted

Run = Callable[..., Result]


def plain(text: str) -> str:
    """Collapse non-breaking spaces, so assertions read like the French on screen."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def write_catalog(directory: Path, text: str, name: str = "catalog.toml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def shipped_with(**replacements: str) -> str:
    """The shipped catalog with some exact lines replaced (first occurrence each)."""
    text = SHIPPED.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def lines_matching(text: str, pattern: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(pattern, line)]


def import_real_page(folder: Path, name: str = "django-2021-11-full.json.gz") -> Path:
    """A real Aides-territoires page (tests/data/aides-territoires), imported through the
    command line into `folder`: the catalog a user of 2021 would have had."""
    import gzip

    from typer.testing import CliRunner

    from relance_cli.cli import app

    page = folder / name.removesuffix(".gz")
    with gzip.open(ROOT / "tests" / "data" / "aides-territoires" / name, "rt") as dump:
        page.write_text(dump.read(), encoding="utf-8")
    out = folder / "aides.toml"
    result = CliRunner().invoke(app, ["import", "aides-territoires", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out
