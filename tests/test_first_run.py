"""The first run on a catalog: toml-rs reads it, tomli only what toml-rs refuses (for the
located message); `relance import` leaves the catalog's cache entry, so the first command
after it is warm; no work at exit, and nothing of the answer lost."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli
from helpers import SHIPPED, catalog_file, new_catalog, new_scheme, shipped_data

from relance_cli.catalog import loading
from relance_cli.core.models import Catalog
from relance_cli.errors import CatalogError


def same(left: Any, right: Any) -> bool:
    """Equal values of the same types all the way down (`True == 1` is not enough)."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return left.keys() == right.keys() and all(same(left[k], right[k]) for k in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(map(same, left, right))
    return bool(left == right)


def test_the_fast_parser_reads_the_shipped_catalog_as_tomli_does() -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    fast = loading._fast_toml(text)
    assert fast is not None
    assert same(fast, tomli.loads(text))


@pytest.mark.parametrize(
    "text",
    [
        'a = "\\x01"\n',  # TOML 1.1 escapes: tomli reads them
        "a = {b = 1,}\n",  # TOML 1.1 trailing comma in an inline table
        'a = "\\u00e9"\nb = 1979-05-27\nc = 0.1\nd = [1, 2]\n',
    ],
)
def test_what_both_parsers_read_they_read_alike(text: str) -> None:
    fast = loading._fast_toml(text)
    assert fast is None or same(fast, tomli.loads(text))
    assert same(loading._located_toml(text, "x.toml"), tomli.loads(text))


@pytest.mark.parametrize("text", ["a = 1\na = 2\n", "a = 1 2\n", "x = 1e\n", "a = [1,\n"])
def test_what_the_fast_parser_refuses_is_left_to_tomli(text: str) -> None:
    assert loading._fast_toml(text) is None
    with pytest.raises(CatalogError):
        loading._located_toml(text, "x.toml")


def test_a_syntax_error_is_located_by_tomli(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[catalog]\nname = "x"\n\n[kinds]\na = 1 2\n', encoding="utf-8")
    with pytest.raises(CatalogError) as caught:
        loading.read(path, "broken.toml", use_cache=False)
    assert caught.value.lines[0].startswith("broken.toml:5:")


def test_the_fast_parser_gives_the_same_catalog(tmp_path: Path) -> None:
    data = shipped_data()
    path = catalog_file(tmp_path, data)
    text = path.read_text(encoding="utf-8")
    assert loading.parse(text, "c.toml") == Catalog.model_validate(tomli.loads(text))


def test_a_small_catalog_is_read_by_the_fast_parser(tmp_path: Path) -> None:
    path = catalog_file(tmp_path, new_catalog(new_scheme("x")))
    assert loading._fast_toml(path.read_text(encoding="utf-8")) is not None
    assert [s.id for s in loading.read(path, use_cache=False).schemes] == ["x"]
