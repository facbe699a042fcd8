"""The generated parts of the docs are up to date: the commands reference (each command's
`--help`), the index of docs/ and the JSON key lists (from the output schema). When this
fails, run `make reference` and commit the result."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import ROOT

from tools import reference  # type: ignore[import-not-found]

EXPECTED = reference.expected()


@pytest.mark.parametrize("path", sorted(EXPECTED), ids=lambda p: p.name)
def test_generated_docs_are_up_to_date(path: Path) -> None:
    assert path.read_text(encoding="utf-8") == EXPECTED[path], (
        f"{path.relative_to(ROOT)} is stale: run `make reference`"
    )


def test_every_page_of_the_docs_is_in_the_index() -> None:
    index = (ROOT / "docs" / "README.md").read_text(encoding="utf-8")
    for page in (ROOT / "docs").glob("*.md"):
        if page.name != "README.md":
            assert f"]({page.name})" in index, page.name


def test_the_reference_holds_every_commands_help() -> None:
    page = (ROOT / "docs" / "commandes.md").read_text(encoding="utf-8")
    for path in reference.command_paths():
        assert f"\n## relance {path}\n" in page, path
        assert f"Utilisation : relance {path} [OPTIONS]" in page, path
