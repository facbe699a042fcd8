"""What the tests share: where things are, and how to read what the command line prints.

Test modules import from here (`from helpers import ...`); `conftest.py` keeps only the
fixtures and the per-run settings.
"""

from __future__ import annotations

import atexit
import copy
import os
import re
import shutil
import tempfile
import tomllib
from collections.abc import Callable
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import tomli_w
from typer.testing import Result

# Everything a test run writes outside pytest's own tmp_path lives under one folder that
# goes when the run ends (the fuzzers alone make thousands of catalogs).
SCRATCH = Path(tempfile.mkdtemp(prefix="relance-tests-"))
atexit.register(shutil.rmtree, SCRATCH, ignore_errors=True)

# Tests never read or write the user's cache; they share one cache of their own (0700, as
# mkdtemp makes it).
os.environ["RELANCE_CACHE_DIR"] = tempfile.mkdtemp(prefix="cache-", dir=SCRATCH)
# Nor the user's saved profiles: a config folder of their own, without profiles, and no
# profile chosen from outside (tests of profiles set XDG_CONFIG_HOME in their tmp_path).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="config-", dir=SCRATCH)
os.environ.pop("RELANCE_PROFILE", None)

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "schemes.toml"
SOURCE = ROOT / "sources" / "article-2021-02-22.txt"  # the article the catalog cites
FACTS = ROOT / "sources" / "facts.md"  # what the other cited sources say, quoted

Run = Callable[..., Result]

# How often a test server's `serve_forever` looks for `shutdown()`: the default (0.5 s) is
# waited once per server at teardown.
POLL_INTERVAL = 0.05


def plain(text: str) -> str:
    """Collapse non-breaking spaces, so assertions read like the French on screen."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def write_catalog(directory: Path, text: str, name: str = "catalog.toml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


# --- catalogs from Python data ---------------------------------------------------------------
# A test changes the field it is about by name (`scheme(data, "donnees")["funding"]["rate"]`)
# rather than by an exact line of schemes.toml, so editing the catalog's text breaks no test.


@cache
def _shipped() -> dict[str, Any]:
    with SHIPPED.open("rb") as file:
        return tomllib.load(file)


def shipped_data() -> dict[str, Any]:
    """The shipped catalog as Python data: a fresh copy, free to change."""
    return copy.deepcopy(_shipped())


def scheme(data: dict[str, Any], scheme_id: str) -> dict[str, Any]:
    """The scheme `scheme_id` of catalog data, to change in place."""
    found = [s for s in data.get("scheme", []) if s["id"] == scheme_id]
    assert len(found) == 1, scheme_id
    return found[0]


def new_scheme(scheme_id: str, **fields: Any) -> dict[str, Any]:
    """The smallest valid scheme (applications 1 March – 30 June 2021); `fields` replace parts."""
    data: dict[str, Any] = {
        "id": scheme_id,
        "title": f"Dispositif {scheme_id}",
        "kinds": ["numerique"],
        "eligibility": {"applicants": ["collectivite"]},
        "funding": {"rate": 0.5},
        "steps": [
            {
                "name": "Candidatures",
                "start": date(2021, 3, 1),
                "end": date(2021, 6, 30),
                "accepts_applications": True,
            }
        ],
    }
    return {**data, **fields}


def new_catalog(*schemes: dict[str, Any], name: str = "Catalogue de test") -> dict[str, Any]:
    """A catalog of `schemes`, every kind they name declared."""
    kinds = sorted({kind for s in schemes for kind in s.get("kinds", [])})
    data: dict[str, Any] = {"catalog": {"name": name}, "kinds": {k: k.title() for k in kinds}}
    if schemes:
        data["scheme"] = list(schemes)
    return data


def catalog_file(directory: Path, data: dict[str, Any], name: str = "catalog.toml") -> Path:
    """Catalog data written as TOML, as a user would write it."""
    return write_catalog(directory, tomli_w.dumps(data), name)


def lines_matching(text: str, pattern: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(pattern, line)]


def shipped_copies(times: int) -> dict[str, Any]:
    """The shipped schemes copied with new ids, as the benchmark's large catalog is."""
    data = shipped_data()
    originals = data["scheme"]
    data["scheme"] = [
        {**copy.deepcopy(s), "id": f"{s['id']}-{n}"} for n in range(times) for s in originals
    ]
    data.pop("test", None)  # the cases name the original ids
    return data


FIXTURE_PAGES = ("django-2021-11", "django-2022-05", "symfony-2024-06", "generated")


def import_fixture_pages(folder: Path) -> dict[str, Path]:
    """Each small page of tests/data/aides-territoires imported through the command line
    into `folder`, by its name."""
    from typer.testing import CliRunner

    from relance_cli.cli import app

    found = {}
    for name in FIXTURE_PAGES:
        target = folder / f"{name}.toml"
        page = str(ROOT / "tests" / "data" / "aides-territoires" / f"{name}.json")
        result = CliRunner().invoke(app, ["import", "aides-territoires", page, "-o", str(target)])
        assert result.exit_code == 0, result.output
        found[name] = target
    return found


def import_real_page(folder: Path, name: str = "django-2021-11-full.json.gz") -> Path:
    """A real Aides-territoires page (tests/data/aides-territoires), imported through the
    command line into `folder`: the catalog a user of 2021 would have had."""
    import gzip

    from typer.testing import CliRunner

    from relance_cli.cli import app

    page = folder / name.removesuffix(".gz")
    with gzip.open(ROOT / "tests" / "data" / "aides-territoires" / name, "rt") as dump:
        page.write_text(dump.read(), encoding="utf-8")
    out = folder / "aides.toml"
    result = CliRunner().invoke(app, ["import", "aides-territoires", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


# --- JSON output against schemas/output.schema.json ------------------------------------------


@cache
def _output_validator(definition: str) -> Any:
    """The validator of one definition of the output schema, the schema itself checked once
    (`jsonschema.validate` checks it against the metaschema again at every call)."""
    import json

    import jsonschema

    whole = json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8"))
    schema = {**whole, "$ref": f"#/$defs/{definition}"}
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    return validator(schema)


def follows_output_schema(payload: Any, definition: str) -> None:
    """Raise jsonschema's ValidationError, as `jsonschema.validate` would, unless `payload`
    follows the definition `definition` of the output schema."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_output_validator(definition).iter_errors(payload))
    if error is not None:
        raise error
