"""Parts that schemes hold identically are stored once in a cache entry, numbered, and
decoded into one shared object (catalog/compiled.py, issue #24): the records stay those of
the models, field by field, and a misshapen or old entry is refused, never misdecoded."""

from __future__ import annotations

import copy
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import Run, catalog_file, import_real_page, shipped_copies, shipped_data

from relance_cli.catalog import cache, compiled
from relance_cli.catalog import loading as catalog


def entry_of(own_cache: Path, path: Path) -> Path:
    return own_cache / (cache.key(path.read_bytes()) + cache.SUFFIX)


def sealed(own_cache: Path, body: bytes) -> bytes:
    secret = cache._secret(own_cache, create=True)
    assert secret is not None
    return cache._seal(secret, body) + b"\n" + body


def test_identical_parts_are_one_object(own_cache: Path, tmp_path: Path) -> None:
    data = shipped_copies(3)
    path = catalog_file(tmp_path, data)
    content = path.read_bytes()
    parsed = catalog.parse(content.decode("utf-8"), "catalog.toml")
    cold = cache.store(content, parsed)
    warm = cache.load(content)
    assert warm is not None and warm == cold == compiled.from_models(parsed)
    originals = len(shipped_data()["scheme"])
    schemes = warm.schemes
    assert len(schemes) == 3 * originals
    for index, scheme in enumerate(schemes[:originals]):
        again = schemes[index + originals]
        for name in compiled.Scheme.__struct_fields__:
            mine, theirs = getattr(scheme, name), getattr(again, name)
            if name == "id":
                assert mine != theirs
            elif isinstance(mine, list | compiled.Record | str):
                assert mine is theirs, name  # one object, however many schemes hold it
    # As many objects as distinct values, and each scheme reads as its model does.
    for name in ("title", "kinds", "eligibility", "funding", "steps", "revisions", "variants"):
        values = [getattr(s, name) for s in schemes]
        assert len({id(v) for v in values}) == len({msgspec.msgpack.encode(v) for v in values})
    for record, model in zip(schemes, parsed.schemes, strict=True):
        assert record.model_dump(mode="json") == model.model_dump(mode="json")
        assert record.model_dump() == model.model_dump()


def test_the_entry_of_a_repetitive_catalog_is_small(own_cache: Path, tmp_path: Path) -> None:
    small = catalog_file(tmp_path, shipped_copies(1), "small.toml")
    large = catalog_file(tmp_path, shipped_copies(20), "large.toml")
    for path in (small, large):
        catalog.read(path)
    sizes = [entry_of(own_cache, path).stat().st_size for path in (small, large)]
    plain = len(msgspec.msgpack.encode(catalog.read(large)))  # each scheme written whole
    assert sizes[1] < 2 * sizes[0] and sizes[1] * 5 < plain


def test_rates_written_apart_stay_apart() -> None:
    """Decimal("0.5") == Decimal("0.50") in Python, but they are written apart: each
    scheme gets back the text it had."""
    records = compiled.from_models(catalog.parse(catalog.builtin_path().read_text(), "x"))
    first = records.schemes[0]
    halves = [
        msgspec.structs.replace(
            first,
            id=f"{first.id}-{n}",
            funding=msgspec.structs.replace(first.funding, rate=Decimal(rate)),
        )
        for n, rate in enumerate(["0.5", "0.50", "0.5"])
    ]
    packed = msgspec.structs.replace(records, schemes=halves)
    body = compiled.encode_entry(compiled.Entry(cache.FORMAT, "k", packed))
    back = compiled.decode_entry(body).catalog.schemes
    assert [str(s.funding.rate) for s in back] == ["0.5", "0.50", "0.5"]
    assert back[0].funding is back[2].funding and back[0].funding is not back[1].funding
    assert back == halves


def old_layout(own_cache: Path, path: Path, format_number: int) -> bytes:
    """The entry as format 5 wrote it: each scheme whole, in place."""
    records = catalog.read(path)
    key = entry_of(own_cache, path).name.removesuffix(cache.SUFFIX)
    return msgspec.msgpack.encode([format_number, key, records])


@pytest.mark.parametrize("format_number", [5, cache.FORMAT])
def test_an_entry_of_the_old_layout_is_read_again_from_the_catalog(
    own_cache: Path, tmp_path: Path, relance: Run, format_number: int
) -> None:
    path = catalog_file(tmp_path, shipped_copies(2))
    expected = relance("list", "--format", "json", "--catalog", str(path)).stdout
    entry = entry_of(own_cache, path)
    entry.write_bytes(sealed(own_cache, old_layout(own_cache, path, format_number)))
    assert cache.load(path.read_bytes()) is None  # refused, not misdecoded
    result = relance("list", "--format", "json", "--catalog", str(path))
    assert result.exit_code == 0 and result.stdout == expected
    assert cache.load(path.read_bytes()) == catalog.read(path)  # written again, new layout


def test_the_format_is_part_of_every_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """An entry of format 5 is not even looked for: its name is another."""
    now = cache.key(b"x")
    cache._fingerprint.cache_clear()
    monkeypatch.setattr(cache, "FORMAT", 5)
    try:
        assert cache.key(b"x") != now
    finally:
        cache._fingerprint.cache_clear()


def numbers_changed(body: Any, column: int, at: list[Any]) -> Any:
    body = copy.deepcopy(body)
    body[2][2][column][1] = at
    return body


def test_numbers_a_table_lacks_are_refused(own_cache: Path, tmp_path: Path) -> None:
    path = catalog_file(tmp_path, shipped_copies(2))
    expected = catalog.read(path)
    entry = entry_of(own_cache, path)
    body = msgspec.msgpack.decode(entry.read_bytes().partition(b"\n")[2])
    count = len(expected.schemes)
    eligibility = compiled.Scheme.__struct_fields__.index("eligibility")
    tables = body[2][2][eligibility][0]
    for damaged in (
        numbers_changed(body, eligibility, [-1] * count),  # would count from the end
        numbers_changed(body, eligibility, [len(tables)] * count),  # past the table
        numbers_changed(body, eligibility, [0] * (count - 1)),  # a scheme short
        numbers_changed(body, eligibility, ["0"] * count),
    ):
        entry.write_bytes(sealed(own_cache, msgspec.msgpack.encode(damaged)))
        assert cache.load(path.read_bytes()) is None
        assert catalog.read(path) == expected
        assert cache.load(path.read_bytes()) == expected  # rewritten


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_real_page(tmp_path_factory.mktemp("shared"))


def test_a_real_import_shares_its_repeated_parts(
    imported: Path, own_cache: Path, tmp_path: Path
) -> None:
    content = imported.read_bytes()
    parsed = catalog.parse(content.decode("utf-8"), "aides.toml")
    cold = cache.store(content, parsed)
    warm = cache.load(content)
    assert warm is not None and warm == cold
    schemes = warm.schemes
    for name in ("eligibility", "funding", "steps", "area", "mobilization_steps"):
        distinct = {id(getattr(s, name)) for s in schemes}
        assert len(distinct) < len(schemes) / 3, name
    for record, model in zip(schemes, parsed.schemes, strict=True):
        assert record.model_dump(mode="json") == model.model_dump(mode="json")


@pytest.mark.parametrize(
    "args",
    [
        ["match", "--applicant", "epci", "--format", "json"],
        ["match", "--applicant", "commune", "--population", "3000", "--all"],
        ["list", "--format", "csv"],
        ["calendar", "--format", "json"],
    ],
    ids=" ".join,
)
def test_answers_on_a_real_import_are_those_on_models(
    imported: Path,
    own_cache: Path,
    relance: Run,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
) -> None:
    relance(*args, "--catalog", str(imported))  # writes the entry
    assert cache.load(imported.read_bytes()) is not None
    warm = relance(*args, "--catalog", str(imported))
    assert warm.exit_code == 0, warm.output
    monkeypatch.setattr(cache, "load", lambda content, name=None: None)
    monkeypatch.setattr(cache, "store", lambda content, catalog, name=None: catalog)  # the models
    on_models = relance(*args, "--catalog", str(imported))
    assert on_models.exit_code == 0
    assert warm.stdout == on_models.stdout


def test_a_catalog_without_schemes_goes_through_an_entry() -> None:
    records = compiled.from_models(catalog.parse(catalog.builtin_path().read_text(), "x"))
    empty = msgspec.structs.replace(records, schemes=[], cases=[])
    body = compiled.encode_entry(compiled.Entry(cache.FORMAT, "k", empty))
    assert compiled.decode_entry(body).catalog == empty
