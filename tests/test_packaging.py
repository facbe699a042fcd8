"""The wheel carries the catalog, and the installed command works from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

from helpers import ROOT, SHIPPED


def test_wheel_ships_the_catalog_and_runs_from_elsewhere(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d", str(tmp_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        assert archive.read("relance_cli/schemes.toml") == SHIPPED.read_bytes()
        archive.extractall(tmp_path / "site")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    env.pop("RELANCE_CATALOG", None)
    code = (
        "import relance_cli, sys; print(relance_cli.__file__, file=sys.stderr); "
        "from relance_cli.cli import main; sys.argv = ['relance', 'list', '--format', 'json']; "
        "main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert str(tmp_path / "site") in result.stderr  # the wheel's copy, not the checkout
    assert len(json.loads(result.stdout)["schemes"]) == 7
