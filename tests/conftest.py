"""Fixtures: run the real command line the way a user does; per-run Hypothesis settings."""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from helpers import Run
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
