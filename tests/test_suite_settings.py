"""The suite's own settings (`conftest.py`): a run that selects no test fails aloud."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def test_a_run_that_collects_no_test_fails_and_says_so() -> None:
    """A mistyped `-k` or `-m` would otherwise end in pytest's exit code 5, which a script
    testing only for 1 takes for a success."""
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/test_words.py", "-k", "aucun_test_de_ce_nom",
         "-n", "0", "--no-cov", "-q", "-p", "no:cacheprovider"],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Aucun test collecté : la sélection ne désigne aucun test." in result.stdout
