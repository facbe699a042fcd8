"""Signals, files and timings a user meets in practice, through real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import ROOT, Run

SLOW_MATCH = (
    "import sys, time\n"
    "from relance_cli.core import advisor\n"
    "def slow(*args, **kwargs):\n"
    "    print('prêt', flush=True)\n"
    "    time.sleep(30)\n"
    "advisor.match = slow\n"
    "from relance_cli.cli import main\n"
    "sys.argv = ['relance', 'match']\n"
    "main()\n"
)


def test_ctrl_c_exits_130_without_a_traceback() -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_MATCH],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RELANCE_CATALOG": ""},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "prêt"
    child.send_signal(signal.SIGINT)
    _, stderr = child.communicate(timeout=30)
    assert child.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr


def test_bad_files_answer_fast(relance: Run, tmp_path: Path) -> None:
    huge = tmp_path / "huge.toml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    cases = {
        str(huge): "fichier trop volumineux",
        str(fifo): "n'est pas un fichier ordinaire",
        str(tmp_path): "est un dossier",
        str(tmp_path / "absent.toml"): "fichier introuvable",
    }
    for path, message in cases.items():
        started = time.monotonic()
        result = relance("list", "--catalog", path)
        assert time.monotonic() - started < 2
        assert result.exit_code == 1 and message in result.stderr
        assert result.stderr.count("\n") == 1


def test_nothing_is_written_beside_a_users_catalog(relance: Run, tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_bytes((ROOT / "examples" / "mon-departement.toml").read_bytes())
    before = mine.read_bytes()
    for args in (["list"], ["match", "--all"], ["calendar", "--timeline"], ["show",
                 "exemple-bibliotheques-numeriques"]):  # fmt: skip
        assert relance(*args, "--catalog", str(mine)).exit_code == 0
    assert relance("validate", str(mine)).exit_code == 0
    assert [p.name for p in tmp_path.iterdir()] == ["mine.toml"]
    assert mine.read_bytes() == before
