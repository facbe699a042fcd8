"""Issue 25, D13: the line an error is reported on holds the key, whatever strings come
before it: the locator follows each string from the delimiter that opened it."""

from __future__ import annotations

from pathlib import Path

import tomli
from helpers import Run
from hypothesis import assume, given
from hypothesis import strategies as st

from relance_cli.catalog.diagnostics import key_lines

PIECES = ["a", " ", "'", "''", "'''", '\\"', '\\"\\"\\"', "#", "\\\\", "=", "["]


def basic() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(PIECES), max_size=6).map(lambda p: '"' + "".join(p) + '"')


def literal() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(["a", " ", '"', '"""', "#", "\\", "="])
    return st.lists(pieces, max_size=6).map(lambda p: "'" + "".join(p) + "'")


def multiline() -> st.SearchStrategy[str]:
    inner = st.sampled_from(["a", "\n", "'", "'''", '"', '""', "#", "k = 1", "[x]"])
    basic_ml = st.lists(inner.filter(lambda p: '"""' not in p), max_size=6).map(
        lambda p: '"""' + "".join(p) + '"""'
    )
    literal_ml = st.lists(inner.filter(lambda p: "'''" not in p), max_size=6).map(
        lambda p: "'''" + "".join(p) + "'''"
    )
    return basic_ml | literal_ml


VALUES = basic() | literal() | multiline() | st.just("1")


@given(st.lists(VALUES, min_size=1, max_size=8), st.sampled_from(["", "  # note '''", ' # """']))
def test_each_key_is_found_on_its_own_line(values: list[str], comment: str) -> None:
    text = "".join(f"k{index} = {value}{comment}\n" for index, value in enumerate(values))
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError:
        assume(False)
    found = key_lines(text)
    lines = text.splitlines()
    for index in range(len(values)):
        assert lines[found[(f"k{index}",)] - 1].startswith(f"k{index} = ")


def test_the_reviews_case_a_basic_string_holding_three_quotes(relance: Run, tmp_path: Path) -> None:
    text = (
        '[catalog]\nname = "x"\n\n[kinds]\nk = "K"\n\n[[scheme]]\nid = "s"\n'
        'title = "l\'\'\'apostrophe"\nkinds = ["k"]\nsummary = "x"\n'
        "[scheme.eligibility]\nmin_population = -5\n[scheme.funding]\n"
        '[[scheme.steps]]\nname = "n"\n'
    )
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    result = relance("validate", str(path))
    assert result.exit_code == 1
    line = text.splitlines().index("min_population = -5") + 1
    assert f'c.toml:{line}: scheme "s": eligibility.min_population' in result.stdout
