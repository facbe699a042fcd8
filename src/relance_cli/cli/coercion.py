"""Typer's option coercion, without a Pydantic adapter for text, flags and paths, for
relance's own commands only.

Typer 0.29 coerces every option it parses through a Pydantic `TypeAdapter`, built the
first time the option is processed, given or not: about 1.5 ms per option, so a command
with fifteen options pays more for its parser than for its work. relance declares its
options as text (`str`), flags (`bool`) or paths, and parses the text itself
(`cli/values.py`), so there is nothing for Pydantic to convert: for those annotations the
value Click gives is returned as is (a list for a repeatable option, a `Path` for a path).
Anything else, and any path with checks of its own (`exists`, `dir_okay`…), goes to
Typer's own coercion, unchanged.

Text that is not UTF-8 (bytes from the command line, which Python carries as lone
surrogates) is refused here, as a usage error naming the option: nothing further can
print, compare or encode it. Paths keep their bytes: a file name may be anything.

Nothing of Typer's is replaced for other apps in the process: `adopt` gives each of
relance's own parameters its coercion (`cli/usage.py` calls it as each command is
built), through Typer's per-parameter cache, a private attribute: `pyproject.toml` pins
Typer below 0.30, and `tests/test_usage.py` checks that the attribute is still there and
that every option still arrives with the declared type.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args, get_origin

from typer import _click
from typer._coercion import RuntimeParam, TypeDescriptor

from relance_cli.i18n import _

_PLAIN = (str, bool, Path)
# Click's path checks, at their defaults: a path with any other value is Typer's to check.
_PATH_DEFAULTS = {
    "exists": False,
    "file_okay": True,
    "dir_okay": True,
    "writable": False,
    "readable": True,
    "resolve_path": False,
    "allow_dash": False,
    "path_type": None,
}


@dataclass(frozen=True)
class _Plain(RuntimeParam):
    """Click's value as the declared type: text, flag, path, or a list of them."""

    item: type = str
    many: bool = False

    def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
        if self.many:
            return [self._one(v, param) for v in value]
        return self._one(value, param)

    def _one(self, value: Any, param: Any) -> Any:
        if self.item is Path and not isinstance(value, Path):
            return Path(value)
        if isinstance(value, str) and not _utf8(value):
            raise _click.exceptions.BadParameter(_not_text(value, param))
        return value


def _utf8(value: str) -> bool:
    """No lone surrogate (a byte that was not UTF-8): UTF-8 can encode every other code
    point, so encoding is the test, without compiling a pattern at start-up."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _not_text(value: str, param: Any) -> str:
    from relance_cli.text import quoted

    opts = [o for o in getattr(param, "opts", None) or [] if o.startswith("-")]
    name = max(opts, key=len) if opts else getattr(param, "metavar", None)
    shown = quoted(value)
    text = _("{option} : « {value} » n'est pas du texte UTF-8 ; écrivez-le en UTF-8")
    return text.format(option=name or getattr(param, "name", "?"), value=shown)


def _plain_runtime_param(descriptor: TypeDescriptor) -> RuntimeParam | None:
    """relance's coercion for a parameter it fits, else None (Typer's own applies)."""
    annotation: Any = descriptor.annotation
    many = get_origin(annotation) is list
    item = get_args(annotation)[0] if many else annotation
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None or item not in _PLAIN:
        return None
    if item is Path and any(getattr(info, k, v) != v for k, v in _PATH_DEFAULTS.items()):
        return None
    return _Plain(parameter_info=info, annotation=annotation, item=item, many=many)


def adopt(params: Iterable[Any]) -> None:
    """Give each of these parameters (of a relance command) relance's coercion, where it
    fits; the others keep Typer's, built on first use as Typer does."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        plain = _plain_runtime_param(descriptor)
        if plain is not None:
            param._runtime_param = plain
