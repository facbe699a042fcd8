"""No module in `src/` over 450 lines (issue #26): a reader finds the room for a change
from its name, and a module that grows past this holds two subjects."""

from __future__ import annotations

from helpers import ROOT

LIMIT = 450


def test_no_module_over_the_limit() -> None:
    src = ROOT / "src"
    sizes = {
        path.relative_to(src).as_posix(): len(path.read_text(encoding="utf-8").splitlines())
        for path in sorted(src.rglob("*.py"))
    }
    assert len(sizes) > 50  # the tree was found
    over = {name: size for name, size in sizes.items() if size > LIMIT}
    assert not over, over
