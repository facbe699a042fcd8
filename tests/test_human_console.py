"""The console's guards on Rich internals raise a real exception (not an `assert`, which
`python -O` strips), and the word pattern is set by building a console, not by importing."""

from __future__ import annotations

import re

import pytest
from rich import _wrap

from relance_cli.output.human import console


def test_a_moved_word_pattern_is_a_clear_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(_wrap, "re_word")
    with pytest.raises(console.RichChanged, match="re_word moved"):
        console.keep_spaces_whole()


def test_building_a_console_keeps_non_breaking_spaces_whole(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_wrap, "re_word", re.compile(r"\s*\S+\s*"))
    console.console()
    assert _wrap.re_word is console.WORD
    assert [m.group() for m in _wrap.re_word.finditer("600\u00a0000 €")] == ["600\u00a0000 ", "€"]
