"""Fixtures: run the real command line the way a user does; per-run Hypothesis settings."""

from __future__ import annotations

import gc
import json
import os
import shutil
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.testing
from helpers import Run, import_real_page
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner, Result

from relance_cli.catalog import cache
from relance_cli.cli import app

# Every run checks each property on a few examples, the same ones each time (no flaky red);
# `make fuzz` runs the `fuzz`-marked properties long and randomised (see CONTRIBUTING.md).
settings.register_profile(
    "ci",
    max_examples=int(os.environ.get("RELANCE_FUZZ_EXAMPLES", "15")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("RELANCE_FUZZ_EXAMPLES", "1000")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# A run of relance turns the cyclic garbage collector off (`cli.program.main`): it is short.
# The test process is one long life of a thousand in-process runs, whose heap grows with
# what earlier tests loaded (the geography, parsed pages, Hypothesis' data); at the default
# thresholds each few runs rescan all of it, which made a catalog load of the audit tests
# four times slower late in the suite than alone. Collections stay on, rarer.
gc.set_threshold(100_000, 50, 100)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every Hypothesis property is a `fuzz` test, wherever it is written, so that
    `pytest -m fuzz` finds them all and `-m "not fuzz"` leaves them out."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session", autouse=True)
def click_command_built_once_per_app() -> Iterator[None]:
    """Typer's `CliRunner.invoke` turns the app into its Click command at every call, which
    costs about as much as the command it runs (17 commands, every signature read again).
    The command of one app is built once here: a run starts from a new environment and new
    contexts (`RelanceGroup.main`), never from state kept in the command, so this changes
    nothing a test sees. A test that wants a fresh app calls `build()` and gets its own."""
    original = typer.testing._get_command
    built: weakref.WeakKeyDictionary[typer.Typer, Any] = weakref.WeakKeyDictionary()

    def get_command(app: typer.Typer) -> Any:
        if app not in built:
            built[app] = original(app)
        return built[app]

    typer.testing._get_command = get_command
    yield
    typer.testing._get_command = original


@pytest.fixture(autouse=True)
def french_by_default() -> Iterator[None]:
    """Each test starts, and leaves, the interface in French."""
    from relance_cli import i18n

    i18n.use("fr")
    yield
    i18n.use("fr")


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The catalogs' own subfolder of a fresh cache folder (0700), which relance uses."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(folder))
    return folder / cache.SUBFOLDER


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


@pytest.fixture(scope="session")
def real_catalog(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """`real_catalog("filters")`: the whole November 2021 page imported through the command
    line (`helpers.import_real_page`), imported once per run (per xdist worker) and copied
    into a new folder of its own for each caller, free to change."""
    made: list[Path] = []

    def copy(name: str) -> Path:
        if not made:
            made.append(import_real_page(tmp_path_factory.mktemp("real-2021")))
        target = tmp_path_factory.mktemp(name) / made[0].name
        shutil.copyfile(made[0], target)
        return target

    return copy


@pytest.fixture
def run_json(relance: Run) -> Callable[..., Any]:
    def run(*args: str) -> Any:
        result = relance(*args, "--format", "json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    return run


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A run that collected nothing (a mistyped `-m` or `-k`, a renamed file) is a failure,
    said aloud, not pytest's quiet exit code 5."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            message = "Aucun test collecté : la sélection ne désigne aucun test."
            reporter.write_line(message, red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
