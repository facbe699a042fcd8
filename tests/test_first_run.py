"""The first run on a catalog: toml-rs reads it, tomli only what toml-rs refuses (for the
located message); `relance import` leaves the catalog's cache entry, so the first command
after it is warm; no work at exit, and nothing of the answer lost."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from helpers import (
    SHIPPED,
    Run,
    catalog_file,
    import_real_page,
    new_catalog,
    new_scheme,
    shipped_copies,
    shipped_data,
)
from pydantic import ValidationError

from relance_cli.catalog import cache, compiled, loading, parts
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


# --- The first run on a large catalog (issue #24): parts validated once, the answer ------
# --- judged from the records a warm read gives, nothing of the answer changed. ---------


@pytest.fixture(scope="module")
def real_imports(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The two full Aides-territoires pages of the fixtures, imported by the command line."""
    found = []
    for name in ("django-2021-11-full.json.gz", "django-2022-05-full.json.gz"):
        folder = tmp_path_factory.mktemp(name.split(".")[0])
        found.append(import_real_page(folder, name))
    return found


def catalogs(tmp_path: Path, real_imports: list[Path]) -> list[Path]:
    return [catalog_file(tmp_path, shipped_copies(4), "copies.toml"), SHIPPED, *real_imports]


def test_parts_validated_once_give_the_same_models(
    tmp_path: Path, real_imports: list[Path]
) -> None:
    for path in catalogs(tmp_path, real_imports):
        document = tomli.loads(path.read_text(encoding="utf-8"))
        whole = Catalog.model_validate(document)
        shared = Catalog.model_validate(parts.shared(document))
        assert shared == whole
        assert shared.model_dump(mode="json") == whole.model_dump(mode="json")
        assert shared.model_dump() == whole.model_dump()


def test_identical_parts_are_validated_once_and_shared(tmp_path: Path) -> None:
    document = tomli.loads(catalog_file(tmp_path, shipped_copies(3)).read_text(encoding="utf-8"))
    calls: list[str] = []
    validate = parts._validated

    def counted(name: str, raw: Any) -> Any:
        calls.append(name)
        return validate(name, raw)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(parts, "_validated", counted)
        models = Catalog.model_validate(parts.shared(document))
    originals = len(shipped_data()["scheme"])
    present = sum(name in s for s in document["scheme"][:originals] for name in parts.PARTS)
    assert len(calls) <= present  # the copies' parts were not validated again
    first, again = models.schemes[0], models.schemes[originals]
    assert first.eligibility is again.eligibility and first.funding is again.funding
    assert all(a is b for a, b in zip(first.steps, again.steps, strict=True))


@pytest.mark.parametrize(
    ("field", "first", "second"),
    [
        ("rate", 1, 1.0),  # equal in Python, not the same number: Decimal 1 and 1.0
        ("rate", 1, True),  # True == 1 in Python: refused where a rate goes
        ("rate", 0.5, "0.5"),  # a quoted number: refused
    ],
)
def test_parts_equal_in_python_but_not_alike_are_validated_apart(
    tmp_path: Path, field: str, first: Any, second: Any
) -> None:
    one = new_scheme("un", funding={field: first})
    two = new_scheme("deux", funding={field: second})
    path = catalog_file(tmp_path, new_catalog(one, two))
    document = tomli.loads(path.read_text(encoding="utf-8"))
    try:
        expected: Any = Catalog.model_validate(document)
    except ValidationError:
        expected = None
    if expected is None:
        with pytest.raises(CatalogError):
            loading.read(path, "c.toml", use_cache=False)
        with pytest.raises(ValidationError):
            Catalog.model_validate(parts.shared(document))
        return
    got = loading.read(path, "c.toml", use_cache=False)
    assert [str(s.funding.rate) for s in got.schemes] == [
        str(s.funding.rate) for s in expected.schemes
    ]


def test_a_date_and_a_quoted_date_are_not_one_part(tmp_path: Path) -> None:
    """The same calendar written twice, once with a quoted date: the copy is refused, at
    its own line, as when every scheme is validated whole."""
    data = shipped_copies(2)
    originals = len(shipped_data()["scheme"])
    broken, step = next(
        (scheme, n)
        for scheme in data["scheme"][originals:]  # a copy: its calendar is the original's
        for n, found in enumerate(scheme["steps"])
        if "start" in found
    )
    broken["steps"][step]["start"] = broken["steps"][step]["start"].isoformat()
    path = catalog_file(tmp_path, data)
    text = path.read_text(encoding="utf-8")
    with pytest.raises(CatalogError) as fast:
        loading.read(path, "c.toml", use_cache=True)
    with pytest.raises(CatalogError) as whole:
        loading._located(text, "c.toml")
    assert fast.value.lines == whole.value.lines
    assert len(fast.value.lines) == 1
    where = f'scheme "{broken["id"]}": steps[{step + 1}].start: date attendue'
    assert where in fast.value.lines[0]


def test_a_bad_copy_gives_the_located_errors_of_validate(tmp_path: Path, relance: Run) -> None:
    data = shipped_copies(3)
    data["scheme"][-1]["funding"]["rate"] = 1.5
    data["scheme"][-2]["steps"][0]["name"] = "deux\nlignes"
    path = catalog_file(tmp_path, data)
    env = {"RELANCE_CACHE_DIR": str(tmp_path / "cache")}
    listed = relance("list", "--catalog", str(path), env=env)
    checked = relance("validate", str(path), env=env)
    assert listed.exit_code == checked.exit_code == 1
    errors = [line for line in listed.stderr.splitlines() if line.startswith("Erreur")]
    assert len(errors) == 2
    for line in errors:
        assert line.removeprefix("Erreur : ") in checked.output
    assert "funding.rate: doit être ≤ 1 (valeur : 1.5)" in listed.stderr
    assert not (tmp_path / "cache" / cache.SUBFOLDER).exists() or not any(
        (tmp_path / "cache" / cache.SUBFOLDER).glob("*" + cache.SUFFIX)
    )


@pytest.mark.parametrize(
    ("funding", "message"),
    [
        ({"rate": 1.5}, '23: scheme "x": funding.rate: doit être ≤ 1 (valeur : 1.5)'),
        ({"rate": 0}, '23: scheme "x": funding.rate: doit être > 0 (valeur : 0)'),
        ({"rate": -1}, '23: scheme "x": funding.rate: doit être > 0 (valeur : -1)'),
        (
            {"rate": 0.1234567},
            '23: scheme "x": funding.rate: au plus 6 décimales (valeur : 0.1234567)',
        ),
        (
            {"rate": "0.5"},
            "23: scheme \"x\": funding.rate: nombre attendu, sans guillemets (valeur : '0.5')",
        ),
        (
            {"rate": 0.5, "loan_amount": -1},
            '24: scheme "x": funding.loan_amount: doit être ≥ 0 (valeur : -1)',
        ),
        (
            {"rate": 0.5, "loan_amount": 12.345},
            '24: scheme "x": funding.loan_amount: au plus 2 décimales (valeur : 12.345)',
        ),
        (
            {"rate": 0.5, "loan_amount": 10**13},
            '24: scheme "x": funding.loan_amount: doit être ≤ 1000000000000 '
            "(valeur : 10000000000000)",
        ),
    ],
)
def test_rates_and_amounts_are_refused_in_the_same_words(
    tmp_path: Path, funding: dict[str, Any], message: str
) -> None:
    """Their bounds are checked in Rust now, before the check that refuses text: the
    messages are those of before, word for word."""
    path = catalog_file(tmp_path, new_catalog(new_scheme("x", funding=funding)))
    for use_cache in (True, False):
        with pytest.raises(CatalogError) as caught:
            loading.read(path, "c.toml", use_cache=use_cache)
        assert caught.value.lines == [f"c.toml:{message}"]


def test_the_records_converted_once_are_those_of_the_models(
    tmp_path: Path, real_imports: list[Path]
) -> None:
    for path in catalogs(tmp_path, real_imports):
        models = loading.parse(path.read_text(encoding="utf-8"), path.name)
        before = compiled.packed(compiled.from_models(models))
        after = compiled.packed_models(models)
        assert after.catalog == before.catalog == compiled.from_models(models)
        assert compiled.encode_packed(6, "k", after) == compiled.encode_packed(6, "k", before)


def test_a_first_run_hashes_the_catalog_once(tmp_path: Path) -> None:
    path = catalog_file(tmp_path, shipped_copies(1))
    hashed: list[int] = []
    key = cache.key

    def counted(content: bytes) -> str:
        hashed.append(len(content))
        return key(content)

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RELANCE_CACHE_DIR", str(tmp_path / "cache"))
        patch.setattr(cache, "key", counted)
        cold = loading.read(path)
        assert len(hashed) == 1
        assert cache.load(path.read_bytes()) == cold  # and the entry was written


ANSWERS = [
    ["match", "--population", "600000", "--format", "json"],
    ["match", "--applicant", "epci", "--all"],
    ["match", "--applicant", "commune", "--population", "3000", "--format", "csv"],
    ["list", "--format", "json"],
    ["calendar"],
]


@pytest.mark.parametrize("args", ANSWERS, ids=" ".join)
def test_a_cold_run_and_a_warm_run_answer_alike(
    tmp_path: Path, real_imports: list[Path], relance: Run, args: list[str]
) -> None:
    for index, path in enumerate(catalogs(tmp_path, real_imports)):
        env = {"RELANCE_CACHE_DIR": str(tmp_path / f"cache-{index}")}
        cold = relance(*args, "--catalog", str(path), "--as-of", "2021-06-01", env=env)
        assert cold.exit_code == 0, cold.output
        warm = relance(*args, "--catalog", str(path), "--as-of", "2021-06-01", env=env)
        assert warm.exit_code == 0, warm.output
        assert cold.stdout == warm.stdout and cold.stderr == warm.stderr
        assert len(cold.stdout) > 100


def _step(name: str, start: date | None, end: date | None, **fields: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"name": name, "accepts_applications": True, **fields}
    return {**found, **({"start": start} if start else {}), **({"end": end} if end else {})}


_SOURCE = {"title": "Source", "url": "https://example.org", "date": date(2021, 5, 1)}


def _revision(day: date, step: dict[str, Any]) -> dict[str, Any]:
    return {"date": day, "note": "n", "replaced": [step], "sources": [_SOURCE]}


_MARCH, _JUNE = date(2021, 3, 1), date(2021, 6, 1)
_EARLY = _step("Z", date(2021, 1, 1), date(2021, 2, 1), announced=date(2021, 1, 1))
# Each rule across a scheme's fields, broken in two schemes holding the same parts (the
# second one's parts validated once, shared): the words of before, for both.
SCHEME_RULES = {
    "steps[2].start: étape « B » : commence le 2021-02-01, avant l'étape précédente (2021-03-01)": {
        "steps": [_step("A", _MARCH, _JUNE), _step("B", date(2021, 2, 1), date(2021, 2, 20))]
    },
    "steps[2].end: étape « B » : sans début annoncé, elle finit le 2021-02-20, avant le "
    "début de l'étape précédente (2021-03-01)": {
        "steps": [_step("A", _MARCH, _JUNE), _step("B", None, date(2021, 2, 20))]
    },
    "steps[2]: session « B » : ses dates chevauchent celles de « A », alors que l'une des "
    "deux a ses propres règles": {
        "steps": [
            _step("A", _MARCH, _JUNE),
            _step("B", date(2021, 5, 1), date(2021, 7, 1), funding={"rate": 0.4}),
        ]
    },
    "steps[1].eligibility: étape « A » : seule une étape de dépôt (accepts_applications = "
    "true) peut avoir ses propres règles": {
        "steps": [
            _step("A", _MARCH, _JUNE, accepts_applications=False, eligibility={"min_population": 1})
        ]
    },
    "steps[1].eligibility.applicant_types: publics (entreprise) hors des candidats admis "
    "(applicants) de cette session ; précisez applicant_types dans la session": {
        "steps": [_step("A", _MARCH, _JUNE, eligibility={"applicant_types": ["entreprise"]})]
    },
    "steps[1].funding.rate: le taux bas ne doit pas dépasser le taux (rate) (valeur : 0.1)": {
        "funding": {"rate": 0.5, "rate_low": 0.2},
        "steps": [_step("A", _MARCH, _JUNE, funding={"rate": 0.1})],
    },
    "steps[1].eligibility.applicants: au moins un candidat attendu (applicants, ou "
    "other_audiences)": {"steps": [_step("A", _MARCH, _JUNE, eligibility={"applicants": []})]},
    "revisions[2].date: révision du 2021-04-01 : elle suit celle du 2021-05-01 ; une "
    "révision par date, dans l'ordre": {
        "revisions": [_revision(date(2021, 5, 1), _EARLY), _revision(date(2021, 4, 1), _EARLY)]
    },
    "revisions[1].replaced[1].announced: étape remplacée « Z » : annoncée le 2021-05-01, "
    "après la révision du 2021-04-01 (valeur : 2021-05-01)": {
        "revisions": [
            _revision(
                date(2021, 4, 1), _step("Z", date(2021, 1, 1), date(2021, 2, 1), sources=[_SOURCE])
            )
        ]
    },
}


@pytest.mark.parametrize("message", SCHEME_RULES, ids=lambda m: m.partition(":")[0])
def test_rules_across_shared_parts_are_broken_in_the_same_words(
    tmp_path: Path, message: str
) -> None:
    fields = SCHEME_RULES[message]
    data = new_catalog(new_scheme("x", **fields), new_scheme("y", **fields))
    path = catalog_file(tmp_path, data)
    for use_cache in (True, False):
        with pytest.raises(CatalogError) as caught:
            loading.read(path, "c.toml", use_cache=use_cache)
        found = [line.partition(": scheme ")[2] for line in caught.value.lines]
        assert found == [f'"x": {message}', f'"y": {message}']
        assert all(re.match(r"c\.toml:\d+: ", line) for line in caught.value.lines)


def test_rules_across_fields_are_checked_again_for_other_parts(tmp_path: Path) -> None:
    """Two schemes holding the same calendar, one whose own rules fit it and one whose do
    not: the combination checked once is not taken for the other."""
    steps = [_step("A", _MARCH, _JUNE, eligibility={"applicant_types": ["commune"]})]
    good = new_scheme("x", steps=steps)
    bad = new_scheme("y", steps=steps, eligibility={"applicants": ["groupement"]})
    path = catalog_file(tmp_path, new_catalog(good, good | {"id": "z"}, bad))
    for use_cache in (True, False):
        with pytest.raises(CatalogError) as caught:
            loading.read(path, "c.toml", use_cache=use_cache)
        assert len(caught.value.lines) == 1
        assert (
            'scheme "y": steps[1].eligibility.applicant_types: publics (commune)'
            in (caught.value.lines[0])
        )


def test_rules_across_fields_are_checked_once_per_combination(tmp_path: Path) -> None:
    document = tomli.loads(catalog_file(tmp_path, shipped_copies(3)).read_text(encoding="utf-8"))
    shared = parts.shared(document)
    context = parts.context()
    models = Catalog.model_validate(shared, context=context)
    (checked,) = context.values()
    assert 0 < len(checked) <= len(shipped_data()["scheme"]) < len(models.schemes)
    assert models == Catalog.model_validate(document)


@pytest.mark.parametrize(
    "text",
    [
        "[[scheme]]\nid = 'x'\n[scheme.steps]\nname = 'A'\n",  # a table where a list goes
        "scheme = [1, 2]\n",  # schemes that are no tables
        "scheme = 'x'\n",
    ],
)
def test_misshapen_schemes_are_refused_as_validate_refuses_them(tmp_path: Path, text: str) -> None:
    head = "[catalog]\nname = 'c'\n\n[kinds]\nk = 'K'\n\n"
    path = tmp_path / "c.toml"
    # top-level keys before the first table, tables after
    whole = head + text if text.startswith("[") else text + head
    path.write_text(whole, encoding="utf-8")
    document = tomli.loads(path.read_text(encoding="utf-8"))
    with pytest.raises(ValidationError):
        Catalog.model_validate(parts.shared(document), context=parts.context())
    errors = []
    for use_cache in (True, False):
        with pytest.raises(CatalogError) as caught:
            loading.read(path, "c.toml", use_cache=use_cache)
        errors.append(caught.value.lines)
    assert errors[0] == errors[1] and errors[0][0].startswith("c.toml:")
