"""Shared helpers: run the real command line the way a user does, read what it prints."""

from __future__ import annotations

import atexit
import json
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from relance_cli.cli import app

settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("RELANCE_FUZZ_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,  # the same examples on every CI run: no flaky red
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

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


def plain(text: str) -> str:
    """Collapse non-breaking spaces, so assertions read like the French on screen."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


Run = Callable[..., Result]


@pytest.fixture(autouse=True)
def french_by_default() -> Iterator[None]:
    """Each test starts, and leaves, the interface in French."""
    from relance_cli import i18n

    i18n.use("fr")
    yield
    i18n.use("fr")


@pytest.fixture
def relance(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke `relance ARGS...` in-process, without colour, on a terminal wide enough that
    table rows do not wrap (80-column layout has tests of its own)."""
    monkeypatch.delenv("RELANCE_CATALOG", raising=False)
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str, env: dict[str, str] | None = None) -> Result:
        return CliRunner().invoke(app, list(args), env=env)

    return run


@pytest.fixture
def run_json(relance: Run) -> Callable[..., Any]:
    def run(*args: str) -> Any:
        result = relance(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


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
