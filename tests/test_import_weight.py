"""Pydantic only where it is needed (issue #24): on a warm cache, the catalog commands work
on the compiled records (`catalog/compiled.py`) and never import Pydantic nor the models
(`relance_cli.core.models`), whatever the format they print to a pipe (xlsx aside: openpyxl
outweighs the rest). Validating a catalog (a cold read, `validate`) and the catalog's
schema still need them.

Each command runs in a fresh interpreter, its stdout a pipe, with a cache already warmed
for the catalogs it reads; the table below says what it may import. A module-level import
of the models anywhere on a command's path fails here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from enum import Enum
from pathlib import Path

import pytest
from helpers import ROOT, SHIPPED

# Runs one command as `relance` does, stdout left as it is (a pipe), then lists the modules
# it imported into the file named by the second argument.
PROBE = (
    "import json, sys\n"
    "args, out = json.loads(sys.argv[1]), sys.argv[2]\n"
    "sys.argv = ['relance', *args]\n"
    "from relance_cli.cli import main\n"
    "code = 0\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exit:\n"
    "    code = exit.code if isinstance(exit.code, int) else 1\n"
    "sys.stdout.flush()\n"
    "with open(out, 'w') as file:\n"
    "    json.dump({'code': code, 'modules': sorted(sys.modules)}, file)\n"
)

HEAVY = ("pydantic", "pydantic_core", "relance_cli.core.models")


class May(Enum):
    not_import = "never imports Pydantic nor the models"
    import_ = "may import them (the full models: detail pages, validation)"
    need = "imports them (the probe sees them)"


EXAMPLE = ROOT / "examples" / "mon-departement.toml"
DIFF = ["diff", str(SHIPPED), str(EXAMPLE)]
MATCH = ["match", "--population", "600000", "--type", "dematerialisation"]
MATCH_HERE = ["match", "--commune", "69123", "--budget", "80000", "--all"]
# (command line, what it may import)
TABLE: list[tuple[list[str], May] | object] = [
    (["list", "--format", "json"], May.not_import),
    (["list", "--format", "csv"], May.not_import),
    (["list"], May.not_import),
    ([*MATCH, "--format", "json"], May.not_import),
    ([*MATCH, "--format", "csv"], May.not_import),
    (MATCH, May.not_import),
    ([*MATCH_HERE, "--format", "json"], May.not_import),
    ([*MATCH_HERE, "--format", "csv"], May.not_import),
    (MATCH_HERE, May.not_import),
    (["search", "donnees", "--format", "json"], May.not_import),
    (["search", "donnees", "--format", "csv"], May.not_import),
    (["search", "donnees"], May.not_import),
    (["calendar", "--format", "json"], May.not_import),
    (["calendar", "--format", "csv"], May.not_import),
    (["calendar"], May.not_import),
    ([*DIFF, "--format", "json"], May.not_import),
    ([*DIFF, "--format", "csv"], May.not_import),
    (DIFF, May.not_import),
    (["show", "donnees", "--format", "json"], May.import_),
    (["show", "donnees"], May.import_),
    (["test"], May.import_),
    (["validate", str(SHIPPED)], May.need),  # validates: the models, always
    (["schema"], May.need),  # the catalog's JSON schema, from the models
]


def run(args: list[str], cache: Path, out: Path) -> tuple[int, set[str]]:
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    env.pop("RELANCE_CATALOG", None)
    subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args), str(out)],
        capture_output=True, env=env, check=True, cwd="/",  # stdout: a pipe
    )  # fmt: skip
    found = json.loads(out.read_text())
    return found["code"], set(found["modules"])


def heavy(modules: set[str]) -> set[str]:
    return {m for m in modules if m in HEAVY or m.startswith(tuple(f"{h}." for h in HEAVY))}


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache holding the entries of the shipped catalog and the example."""
    cache = tmp_path_factory.mktemp("cache")
    out = tmp_path_factory.mktemp("probe") / "modules.json"
    code, modules = run(DIFF, cache, out)  # reads (and caches) both catalogs
    assert code == 0
    assert heavy(modules) >= {"pydantic", "relance_cli.core.models"}  # cold: validated
    return cache


def name(value: object) -> str:
    if isinstance(value, May):
        return value.name
    return " ".join(Path(a).name if a.startswith("/") else a for a in value)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("args", "may"), TABLE, ids=name)
def test_what_each_command_imports_on_a_warm_cache(
    args: list[str], may: May, warm: Path, tmp_path: Path
) -> None:
    code, modules = run(args, warm, tmp_path / "modules.json")
    assert code == 0, args
    if may is May.not_import:
        assert not heavy(modules), sorted(heavy(modules))
    elif may is May.need:
        assert {"pydantic", "relance_cli.core.models"} <= modules


def test_a_cold_read_validates_with_the_models(tmp_path: Path) -> None:
    """Without an entry, the catalog is validated by the models, then cached: the next run
    of the same command no longer imports them."""
    cache, out = tmp_path / "cache", tmp_path / "modules.json"
    args = [*MATCH, "--format", "json"]
    code, cold = run(args, cache, out)
    assert code == 0 and {"pydantic", "relance_cli.core.models"} <= cold
    code, again = run(args, cache, out)
    assert code == 0 and not heavy(again)
