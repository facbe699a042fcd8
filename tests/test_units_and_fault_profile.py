"""Issue 25, polish: the docs give each size limit in the unit the code uses (binary
mebibytes, « Mio »), and the long fault profile is one documented `make` target."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT

from relance_cli import limits
from relance_cli.catalog import cache, paths
from relance_cli.importers import client, pages

MIB = 1024 * 1024
SECURITY = ROOT / "docs" / "securite.md"
IMPORTS = ROOT / "docs" / "aides-territoires.md"


@pytest.mark.parametrize(
    ("limit", "documents"),
    [
        (cache.KEEP_BYTES, [SECURITY]),  # what cache pruning keeps
        (paths.MAX_BYTES, [SECURITY]),  # a catalog file
        (pages.MAX_PAGE_BYTES, [SECURITY, IMPORTS]),  # a saved page, decompressed too
        (client.MAX_IMPORT_BYTES, [SECURITY]),  # all the fetched pages together
    ],
    ids=["cache", "catalog", "page", "fetch"],
)
def test_each_size_limit_is_documented_in_the_unit_of_the_code(
    limit: int, documents: list[Path]
) -> None:
    assert limit % MIB == 0  # the code counts in mebibytes
    count = limit // MIB
    for document in documents:
        text = " ".join(document.read_text(encoding="utf-8").split())
        assert f"{count} Mio" in text, document
        assert not re.search(rf"\b{count} Mo\b", text), document  # « Mo » is 10⁶ bytes


def test_the_page_limit_message_speaks_the_same_unit() -> None:
    assert pages.MAX_PAGE_BYTES == limits.MAX_READ_BYTES == 64 * MIB
    source = (ROOT / "src" / "relance_cli" / "importers" / "pages.py").read_text(encoding="utf-8")
    assert "dépasse {limit} Mio" in source and "1_000_000" not in source


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_the_long_fault_profile_is_a_make_target() -> None:
    dry = subprocess.run(
        ["make", "-n", "faults"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert dry.returncode == 0, dry.stderr
    command = " ".join(dry.stdout.replace("\\\n", " ").split())
    assert "RELANCE_FAULT_RUNS=${RELANCE_FAULT_RUNS:-200}" in command
    assert "pytest" in command and "tests/test_faults.py" in command
    name = command.split(" -k ", 1)[1].split()[0]
    faults = (ROOT / "tests" / "test_faults.py").read_text(encoding="utf-8")
    assert f"def {name}(" in faults and 'os.environ.get("RELANCE_FAULT_RUNS"' in faults
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    (line,) = [line for line in contributing.splitlines() if "`make faults`" in line]
    assert "200" in line
