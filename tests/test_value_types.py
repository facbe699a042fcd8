"""Issue 25, D8: every TOML value type in every field of a catalog is a located error
(exit 1) or a valid catalog, never an internal error (exit 70).

The fields are those of the shipped catalog (every scheme, every case); the values, one
of each TOML type. `HYPOTHESIS_PROFILE=long` tries far more pairs."""

from __future__ import annotations

import copy
import datetime
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from helpers import SHIPPED, Run
from hypothesis import given
from hypothesis import strategies as st

from relance_cli.catalog import loading
from relance_cli.errors import CatalogError

DOCUMENT = tomli.loads(SHIPPED.read_text(encoding="utf-8"))
EVERY_TYPE: list[Any] = [
    "texte",
    7,
    -1,
    2.5,
    float("nan"),
    float("inf"),
    True,
    datetime.date(2021, 1, 1),
    datetime.datetime(2021, 1, 1, 8, 0),
    datetime.time(8, 0),
    [],
    [1, "a"],
    {},
    {"k": 1},
    [{"k": 1}],
]


def field_paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key of the document, at every depth, each element of an array of tables."""
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            found.append((*prefix, key))
            found += field_paths(inner, (*prefix, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict):
        for index, inner in enumerate(value):
            found += field_paths(inner, (*prefix, index))
    return found


PATHS = field_paths(DOCUMENT)


def with_value(path: tuple[Any, ...], value: Any) -> str:
    document = copy.deepcopy(DOCUMENT)
    place = document
    for key in path[:-1]:
        place = place[key]
    place[path[-1]] = value
    return tomli_w.dumps(document)


@given(st.sampled_from(PATHS), st.sampled_from(EVERY_TYPE))
def test_any_value_in_any_field_is_valid_or_a_located_error(
    path: tuple[Any, ...], value: Any
) -> None:
    text = with_value(path, value)
    try:
        loading.parse(text, "c.toml")
    except CatalogError as error:
        assert all(line.startswith("c.toml") for line in error.lines), error.lines


def test_the_fields_cover_every_part_of_a_catalog() -> None:
    names = {key for path in PATHS for key in path if isinstance(key, str)}
    assert {
        "id",
        "eligibility",
        "funding",
        "steps",
        "applicants",
        "rate",
        "test",
        "expect",
    } <= names
    assert len(PATHS) > 500


@pytest.mark.parametrize("value", ['["a", "b"]', "{ x = 1 }", "[{ x = 1 }]", "1979-05-27"])
@pytest.mark.parametrize("command", ["validate", "list", "test", "show"])
def test_a_scheme_id_of_the_wrong_type_is_located(
    relance: Run, tmp_path: Path, value: str, command: str
) -> None:
    """The review's case: `id` written as a list or a table ended in exit 70."""
    text = SHIPPED.read_text(encoding="utf-8").replace('id = "cooperation"', f"id = {value}", 1)
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    args = {
        "validate": ["validate", str(path)],
        "list": ["list", "--catalog", str(path)],
        "test": ["test", str(path)],
        "show": ["show", "cooperation", "--catalog", str(path)],
    }[command]
    result = relance(*args)
    assert result.exit_code == 1, result.output
    assert "id: texte attendu" in result.output
    assert "Erreur interne" not in result.output
