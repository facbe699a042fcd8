"""The catalog models, split into modules, are still one thing to their readers: every
name importable from `relance_cli.core.models`, and every module of them part of the
cache's fingerprint (an entry is never read into classes it was not written from)."""

from __future__ import annotations

from pathlib import Path

import pytest

from relance_cli.catalog import cache
from relance_cli.core import models


def test_every_exported_name_is_there() -> None:
    for name in models.__all__:
        assert getattr(models, name) is not None, name
    assert models.Scheme.model_fields["steps"].annotation == list[models.Step]


def test_the_cache_fingerprint_reads_every_model_module(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    original = Path.read_bytes

    def recording(path: Path) -> bytes:
        read.append(path.name if path.parent.name != "models" else f"models/{path.name}")
        return original(path)

    monkeypatch.setattr(Path, "read_bytes", recording)
    cache._fingerprint.cache_clear()
    try:
        cache._fingerprint()
    finally:
        cache._fingerprint.cache_clear()
    modules = sorted(f"models/{p.name}" for p in Path(models.__file__).parent.glob("*.py"))
    assert len(modules) >= 4
    assert sorted(read) == sorted(
        [*modules, "vocabulary.py", "limits.py", "text.py", "compiled.py"]
    )
