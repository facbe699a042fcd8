"""The compiled records (catalog/compiled.py) stand for the models: same fields, same
order, same types; the commands answer byte for byte as they did on the models."""

from __future__ import annotations

import typing
from types import UnionType
from typing import Annotated, Any, Union, get_args, get_origin

import pytest
from helpers import Run, catalog_file, shipped_data

from relance_cli.catalog import cache, compiled
from relance_cli.core import models


def canonical(annotation: Any) -> str:
    origin = get_origin(annotation)
    if origin is Annotated:
        return canonical(get_args(annotation)[0])
    if origin in (Union, UnionType):
        return " | ".join(sorted(canonical(a) for a in get_args(annotation)))
    if origin in (list, dict):
        return f"{origin.__name__}[{', '.join(canonical(a) for a in get_args(annotation))}]"
    return "None" if annotation is type(None) else str(annotation.__name__)


@pytest.mark.parametrize("record", compiled.RECORDS, ids=lambda r: r.__name__)
def test_each_record_has_the_fields_of_its_model(record: type[compiled.Record]) -> None:
    model = getattr(models, record.__name__)
    hints = typing.get_type_hints(record)
    mine = [(name, canonical(hints[name])) for name in record.__struct_fields__]
    theirs = [(name, canonical(info.annotation)) for name, info in model.model_fields.items()]
    assert mine == theirs


COMMANDS = [
    ["match", "--population", "600000", "--format", "json", "--as-of", "2021-03-01"],
    ["match", "--population", "600000", "--all", "--as-of", "2021-03-01"],
    ["match", "--applicant", "epci", "--departement", "69", "--format", "json"],
    ["list"],
    ["calendar"],
    ["show", "donnees", "--format", "json"],
    ["show", "donnees"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_answers_on_records_are_those_on_models(
    args: list[str], relance: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    data = shipped_data()
    path = catalog_file(tmp_path, data)
    on_records = relance(*args, "--catalog", str(path))
    assert on_records.exit_code == 0, on_records.output
    monkeypatch.setattr(cache, "load", lambda content, name=None: None)
    monkeypatch.setattr(cache, "store", lambda content, catalog, name=None: catalog)  # the models
    on_models = relance(*args, "--catalog", str(path))
    assert on_models.exit_code == 0, on_models.output
    assert on_records.stdout == on_models.stdout
