"""An imported catalog written as TOML, fast and readable: see `to_toml`."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring
from typing import Any


def to_toml(catalog: dict[str, Any]) -> str:
    """The catalog as TOML. Written here rather than by a general TOML writer, which
    spends seconds on a page of thousands of aids: strings go through the JSON string
    encoder (in C), whose escapes are all valid TOML."""
    lines = [
        "# Catalogue relance importé d'Aides-territoires par `relance import aides-territoires`.",
        "# Chaque dispositif reprend une aide de la source ; un champ vide dans la source reste",
        "# absent ici. Vérifiez avec : relance validate CE_FICHIER",
    ]
    _toml_table(lines, "", catalog)
    return "\n".join(lines) + "\n"


def _toml_table(lines: list[str], path: str, table: dict[str, Any]) -> None:
    """Keys with values first, then sub-tables and arrays of tables, as TOML needs."""
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or (
            isinstance(value, list) and value and isinstance(value[0], dict)
        ):
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in nested:
        inner = f"{path}.{_toml_key(key)}" if path else _toml_key(key)
        if isinstance(value, dict):
            lines.extend(("", f"[{inner}]"))
            _toml_table(lines, inner, value)
        else:
            for item in value:
                lines.extend(("", f"[[{inner}]]"))
                _toml_table(lines, inner, item)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    return encode_basestring(text).replace("\x7f", "\\u007F")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what a literal string cannot escape


def _toml_text(text: str) -> str:
    """A text of several lines, or a long one, as a multi-line literal string ('''…'''):
    a TOML parser reads it without looking at each character for an escape (tomli reads
    such a text 2 to 3 times faster; a whole imported catalog, a fifth faster), and a
    person without \\n and \\". Else a basic string."""
    if (
        ("\n" not in text and len(text) < 120)
        or text[0] == "'"  # a quote beside the delimiters: valid, but easily misread
        or text[-1] == "'"
        or "'''" in text
        or '"""' in text  # would mislead the line locator of catalog errors
        or _CONTROL.search(text)
    ):
        return _toml_string(text)
    return f"'''\n{text}'''" if "\n" in text else f"'''{text}'''"


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return _toml_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value) if not isinstance(value, float) else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        items = [_toml_value(item) for item in value]
        if sum(len(item) for item in items) > 100:  # one item a line, as a person lays it out
            return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")  # pragma: no cover
