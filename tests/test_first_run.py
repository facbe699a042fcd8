"""The first run on a catalog: toml-rs reads it, tomli only what toml-rs refuses (for the
located message); `relance import` leaves the catalog's cache entry, so the first command
after it is warm; no work at exit, and nothing of the answer lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli
from helpers import SHIPPED, Run, catalog_file, new_catalog, new_scheme, shipped_data

from relance_cli.catalog import cache, compiled, loading
from relance_cli.core.models import Catalog
from relance_cli.errors import CatalogError

PROBE = (
    "import contextlib, io, json, sys\n"
    "sys.argv = ['relance', *json.loads(sys.argv[1])]\n"
    "from relance_cli.cli import main\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
    "    main()\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


def imported(args: list[str], cache_dir: Path) -> set[str]:
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache_dir)}
    env.pop("RELANCE_CATALOG", None)
    found = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)],
                           capture_output=True, text=True, env=env, check=True)  # fmt: skip
    return set(json.loads(found.stdout))


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


FIXTURES = Path(__file__).parent / "data" / "aides-territoires"


def test_the_first_command_after_an_import_is_warm(tmp_path: Path, relance: Run) -> None:
    """`import` leaves the entry of the bytes it wrote: what a command then reads from the
    cache is exactly what parsing the catalog gives, and no parser runs."""
    out = tmp_path / "aides.toml"
    page = str(FIXTURES / "django-2021-11.json")
    cache_dir = tmp_path / "cache"
    result = relance("import", "aides-territoires", page, "-o", str(out),
                     env={"RELANCE_CACHE_DIR": str(cache_dir)})  # fmt: skip
    assert result.exit_code == 0, result.output
    content = out.read_bytes()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RELANCE_CACHE_DIR", str(cache_dir))
        cached = cache.load(content)
        assert cache.names(content) is not None
    assert cached is not None
    parsed = loading.parse(content.decode("utf-8"), "aides.toml")
    assert cached == compiled.from_models(parsed)
    assert cached.model_dump() == parsed.model_dump()
    modules = imported(["list", "--catalog", str(out)], cache_dir)
    assert "toml_rs" not in modules and "tomli" not in modules
