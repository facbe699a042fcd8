"""The `relance` command ends at once when its answer is flushed (`__main__.run`): the
answer must still be whole, and the exit codes those of an ordinary exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, Run

COMMAND = [sys.executable, "-m", "relance_cli"]


def relance_process(*args: str, cache: Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache), "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("RELANCE_CATALOG", None)
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, env=env, cwd=ROOT, check=False,
        **kwargs,  # type: ignore[call-overload]
    )  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["match", "--population", "600000", "--format", "json"],
        ["calendar", "--format", "csv"],
        ["show", "donnees"],
    ],
)
def test_the_whole_answer_is_written(args: list[str], tmp_path: Path, relance: Run) -> None:
    expected = relance(*args)
    assert expected.exit_code == 0
    for _ in range(2):  # cold, then warm
        found = relance_process(*args, cache=tmp_path)
        assert found.returncode == 0, found.stderr
        assert found.stdout == expected.stdout
        assert found.stderr == ""


@pytest.mark.parametrize(
    ("args", "code", "said"),
    [
        (["match", "--population", "douze"], 2, "--population"),
        (["show", "nulle-part"], 2, "nulle-part"),
        (["list", "--catalog", "absent.toml"], 1, "absent.toml"),
        (["--version"], 0, ""),
    ],
)
def test_exit_codes_are_those_of_an_ordinary_exit(
    args: list[str], code: int, said: str, tmp_path: Path
) -> None:
    found = relance_process(*args, cache=tmp_path)
    assert found.returncode == code, found.stderr
    assert said in found.stderr
    assert "Traceback" not in found.stderr


def test_a_reader_that_stops_early_is_no_error(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [*COMMAND, "calendar", "--format", "csv"], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env={**os.environ, "RELANCE_CACHE_DIR": str(tmp_path)},
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    process.stdout.readline()
    process.stdout.close()
    errors = process.stderr.read()
    process.stderr.close()
    assert process.wait() == 0
    assert b"Traceback" not in errors and b"Exception ignored" not in errors


def test_the_relance_command_ends_through_run() -> None:
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert scripts["project"]["scripts"]["relance"] == "relance_cli.__main__:run"
