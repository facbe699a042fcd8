"""Typer's option coercion, without a Pydantic adapter for text, flags and paths.

Typer 0.29 coerces every option it parses through a Pydantic `TypeAdapter`, built the
first time the option is processed, given or not: about 1.5 ms per option, so a command
with fifteen options pays more for its parser than for its work. relance declares its
options as text (`str`), flags (`bool`) or paths, and parses the text itself
(`cli/values.py`), so there is nothing for Pydantic to convert: for those annotations the
value Click gives is returned as is (a list for a repeatable option, a `Path` for a path).
Anything else goes to Typer's own coercion, unchanged.

This replaces one function of Typer's (`typer.core.build_runtime_param`), a private API:
`pyproject.toml` pins Typer below 0.30, and `tests/test_usage.py` checks that the
function is still there and that every option still arrives with the declared type.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

import typer.core
from typer._coercion import RuntimeParam, TypeDescriptor

_PLAIN = (str, bool, Path)


@dataclass(frozen=True)
class _Plain(RuntimeParam):
    """Click's value as the declared type: text, flag, path, or a list of them."""

    item: type = str
    many: bool = False

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.many:
            return [self._one(v) for v in value]
        return self._one(value)

    def _one(self, value: Any) -> Any:
        if self.item is Path and not isinstance(value, Path):
            return Path(value)
        return value


def _plain_runtime_param(descriptor: TypeDescriptor) -> RuntimeParam:
    annotation: Any = descriptor.annotation
    many = get_origin(annotation) is list
    item = get_args(annotation)[0] if many else annotation
    if (
        descriptor.file_annotation is None
        and descriptor.parameter_info.parser is None
        and item in _PLAIN
    ):
        return _Plain(
            parameter_info=descriptor.parameter_info, annotation=annotation, item=item, many=many
        )
    return _TYPERS_OWN(descriptor)


_TYPERS_OWN = typer.core.build_runtime_param  # type: ignore[attr-defined]


def install() -> None:
    typer.core.build_runtime_param = _plain_runtime_param  # type: ignore[attr-defined]
