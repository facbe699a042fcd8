"""Every problem of a catalog file as one located line: file, line, scheme, field.

A TOML parser gives a line only for syntax errors, and Pydantic only a path of keys; this
module finds the line of each path in the source text, names the scheme by its id, says in
the interface language what would be valid, and shows the value as escaped text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel, ValidationError

from relance_cli.core.models import (
    IDENTIFIER,
    MESSAGES,
    SAFE_LABEL,
    WEB_ADDRESS,
    Catalog,
    case_errors,
    cross_errors,
)
from relance_cli.i18n import N_, _
from relance_cli.limits import IDENTIFIER_MAX
from relance_cli.text import UNSAFE, printable
from relance_cli.text import quoted as one_line

# Each of tomli's messages (tomli 2.x, `_parser.py`), as a pattern and its French; what a
# pattern captures ({0}: a key, a delimiter, a character) is quoted as tomli gave it.
_TOML_FRENCH = (
    (r"Illegal character '\\n'", N_("fin de ligne inattendue (guillemet fermant manquant ?)")),
    (r"Illegal character (.*)", N_("caractère interdit {0}")),
    (r"Unterminated string", N_("texte sans guillemet fermant")),
    (r"Expected '=' after a key.*", N_("« = » attendu après une clé")),
    (
        r"Expected newline or end of document after a statement",
        N_("fin de ligne attendue après la valeur (date ou nombre invalide ?)"),
    ),
    (
        r"Expected '(.*)' at the end of an array declaration",
        N_("« {0} » attendu à la fin de [[…]]"),
    ),
    (r"Expected '(.*)' at the end of a table declaration", N_("« {0} » attendu à la fin de […]")),
    (r"Expected '(.*)'", N_("« {0} » attendu")),
    (r"Expected (.*)", N_("{0} attendu")),
    (r"Invalid value", N_("valeur invalide (texte sans guillemets ?)")),
    (r"Invalid date or datetime", N_("date invalide")),
    (r"Invalid statement", N_("ligne invalide")),
    (r"Invalid hex value", N_("valeur hexadécimale invalide")),
    (r"Invalid initial character for a key part", N_("début de clé invalide")),
    (r"Unescaped '.' in a string", N_("« \\ » non échappé dans un texte (écrivez « \\\\ »)")),
    (r"Cannot declare (.*) twice", N_("{0} déclaré deux fois")),
    (r"Cannot overwrite a value", N_("valeur déjà définie")),
    (
        r"Cannot mutate immutable namespace (.*)",
        N_("{0} : table déjà complète, qui ne peut plus être étendue"),
    ),
    (r"Cannot redefine namespace (.*)", N_("table {0} redéfinie")),
    (r"Duplicate inline table key (.*)", N_("clé {0} en double dans une table en ligne")),
    (r"Unclosed array", N_("liste sans « ] » fermant")),
    (r"Unclosed inline table", N_("table sans « } » fermant")),
    (r"Found invalid character (.*)", N_("caractère invalide {0}")),
)


def toml_reason(reason: str) -> str:
    """tomli's English message in French (unchanged if a tomli upgrade adds one)."""
    for pattern, french_text in _TOML_FRENCH:
        found = re.fullmatch(pattern, reason, re.DOTALL)
        if found:
            values = [_key_shown(value) for value in found.groups()]
            return _(french_text).format(*values) if values else _(french_text)
    return reason


def _key_shown(text: str) -> str:
    """A key as tomli gives it, `('scheme', 'funding')`, as TOML writes it: scheme.funding."""
    if text.startswith("(") and text.endswith(")"):
        return ".".join(re.findall(r"'([^']*)'", text))
    return text


def syntax_message(label: str, error: ValueError) -> str:
    line = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    reason = toml_reason(getattr(error, "msg", str(error)))
    where = f"{label}:{line}:{column}" if line else label
    return _("{where}: syntaxe TOML invalide : {reason}").format(
        where=where, reason=printable(reason)
    )


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*("[^"]*"|'[^']*'|[A-Za-z0-9_-]+)\s*(?:\.|=)""")


def key_lines(text: str) -> dict[tuple[str | int, ...], int]:
    """Map each table and key path (with array indices) to its line in the TOML text."""
    lines: dict[tuple[str | int, ...], int] = {}
    array_count: dict[tuple[str | int, ...], int] = {}
    current: tuple[str | int, ...] = ()
    opened: str | None = None  # the delimiter of a multi-line string still open
    for number, line in enumerate(text.splitlines(), 1):
        inside, opened = opened, open_string(line, opened)
        if inside:
            continue
        header = _HEADER.match(line)
        if header:
            parts = [p.strip().strip("\"'") for p in header.group(2).split(".")]
            base: tuple[str | int, ...] = ()
            for part in parts[:-1]:
                base += (part,)
                if base in array_count:
                    base += (array_count[base],)
            current = (*base, parts[-1])
            if header.group(1) == "[[":
                array_count[current] = array_count.get(current, -1) + 1
                current += (array_count[current],)
            lines.setdefault(current, number)
            continue
        key = _KEY.match(line)
        if key:
            lines.setdefault((*current, key.group(1).strip("\"'")), number)
    return lines


def open_string(line: str, opened: str | None) -> str | None:
    """The multi-line string delimiter (three double or three single quotes) still open
    at the end of `line`, given the one open at its start. Each string is followed from
    the delimiter that opened it, so a basic string holding three single quotes (or a
    literal one holding three double quotes) opens nothing, and a comment ends the line."""
    at, end = 0, len(line)
    while at < end:
        if opened is not None:
            if opened == '"""' and line[at] == "\\":
                at += 2
            elif line.startswith(opened, at):
                run = len(line[at:]) - len(line[at:].lstrip(opened[0]))
                at, opened = at + min(run, 5), None  # up to two quotes of content first
            else:
                at += 1
            continue
        char = line[at]
        if char == "#":
            break
        if line.startswith('"""', at) or line.startswith("'''", at):
            opened, at = line[at : at + 3], at + 3
        elif char in "\"'":
            at = _string_end(line, at, char)
        else:
            at += 1
    return opened


def _string_end(line: str, start: int, quote: str) -> int:
    """Just after the single-line string opened at `start` (escapes only in basic ones)."""
    at = start + 1
    while at < len(line) and line[at] != quote:
        at += 2 if quote == '"' and line[at] == "\\" else 1
    return at + 1


def line_of(lines: dict[tuple[str | int, ...], int], loc: tuple[str | int, ...]) -> int | None:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return None


def case_line(label: str, index: int, key: str) -> str:
    """`file:line` of a key (`commune`) of a catalog's [[test]] case, by its index among
    that file's cases, read again from the file: only a failing case pays for it; the
    label alone when the file cannot be read now."""
    from pathlib import Path

    from relance_cli.catalog.paths import BUILTIN, builtin_path, source_label

    path = builtin_path() if label == source_label(BUILTIN) else Path(label)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeError):
        return label
    line = line_of(key_lines(text), ("test", index, key))
    return f"{label}:{line}" if line else label


_MESSAGES = {
    "missing": N_("clé obligatoire manquante"),
    "extra_forbidden": N_("clé inconnue"),
    "less_than_equal": N_("doit être ≤ {le}"),
    "less_than": N_("doit être < {lt}"),
    "greater_than": N_("doit être > {gt}"),
    "greater_than_equal": N_("doit être ≥ {ge}"),
    "string_too_long": N_("texte trop long (au plus {max_length} caractères)"),
    "too_short": N_("au moins {min_length} élément attendu"),
    "enum": N_("valeur inconnue ; valeurs possibles : {expected}"),
    "date_type": N_("date attendue, au format TOML AAAA-MM-JJ sans guillemets"),
    "date_parsing": N_("date invalide, attendu AAAA-MM-JJ"),
    "date_from_datetime_parsing": N_("date invalide, attendu AAAA-MM-JJ"),
    "date_from_datetime_inexact": N_("date attendue sans heure (AAAA-MM-JJ)"),
    "int_type": N_("nombre entier attendu"),
    "int_parsing": N_("nombre entier attendu"),
    "int_from_float": N_("nombre entier attendu"),
    "float_type": N_("nombre attendu"),
    "float_parsing": N_("nombre attendu"),
    "decimal_type": N_("nombre attendu"),
    "decimal_parsing": N_("nombre attendu"),
    "decimal_max_places": N_("au plus {decimal_places} décimales"),
    "finite_number": N_("nombre fini attendu"),
    "bool_type": N_("true ou false attendu"),
    "bool_parsing": N_("true ou false attendu"),
    "string_type": N_("texte attendu (entre guillemets)"),
    "list_type": N_('liste attendue, p. ex. ["a", "b"]'),
    "model_type": N_("table attendue"),
    "model_attributes_type": N_("table attendue"),
    "dict_type": N_("table attendue"),
    **MESSAGES,  # the rules of the models, written once there
}


_VALUE_ALREADY_SAID = {
    "missing",
    "extra_forbidden",
    "end_before_start",
    "steps_order",
    "duplicate_id",
    "unknown_kind",
    "unknown_scheme",
    "steps_end_order",
}


def validation_messages(
    label: str, text: str, data: dict[str, Any], error: ValidationError
) -> list[str]:
    """Every problem Pydantic found, plus the cross-scheme ones it could not reach yet,
    in line order."""
    lines = key_lines(text)
    details = sorted(
        error.errors() + cross_details(data, error),
        key=lambda d: line_of(lines, tuple(d["loc"])) or 0,
    )
    return [validation_message(label, data, lines, detail) for detail in details]


def validation_message(
    label: str,
    data: dict[str, Any],
    lines: dict[tuple[str | int, ...], int],
    detail: Any,
) -> str:
    loc: tuple[str | int, ...] = tuple(detail["loc"])
    line = line_of(lines, loc)
    where = f"{label}:{line}" if line else label
    subject, path = _subject(data, loc)
    kind, context = _rule_broken(detail)
    template = _MESSAGES.get(kind)
    try:
        message = _(template).format(**context) if template else detail["msg"]
    except (KeyError, IndexError):
        message = detail["msg"]
    if kind == "extra_forbidden":
        allowed = _allowed_keys(loc[:-1])
        if allowed:
            message += _(" ; clés possibles : {keys}").format(keys=", ".join(allowed))
    value = detail.get("input")
    if kind not in _VALUE_ALREADY_SAID and _is_scalar(value):
        message += _(" (valeur : {value})").format(value=_short(value))
    field_path = f"{path}: " if path else ""
    return f"{where}: {subject}{field_path}{printable(message)}"


def _rule_broken(detail: Any) -> tuple[str, dict[str, Any]]:
    """The models check text, addresses, identifiers and dates with patterns and bounds
    (fast, in Rust); say which of their rules failed, and where in the value."""
    kind = detail["type"]
    context = detail.get("ctx") or {}
    value = detail.get("input")
    if kind == "enum" and isinstance(context.get("expected"), str):
        # Pydantic joins the values with an English "or": a list reads the same in French
        return kind, {**context, "expected": context["expected"].replace(" or ", ", ")}
    if kind == "string_pattern_mismatch" and isinstance(value, str):
        found = UNSAFE.search(value)
        if found:
            char = found.group()
            name = unicodedata.name(char, "caractère de contrôle")
            position = found.start() + 1
            return "unsafe_character", {
                "code": f"{ord(char):04X}",
                "name": name,
                "position": position,
            }
        pattern = context.get("pattern")
        line_break = re.search(r"[\n\t]", value)
        if pattern == SAFE_LABEL and line_break:
            return "single_line", {"position": line_break.start() + 1}
        if pattern == IDENTIFIER:
            return "identifier", {}
        if pattern == WEB_ADDRESS:
            return "url", {}
        return "blank", {}
    if kind in {"greater_than_equal", "less_than_equal"} and isinstance(value, date):
        return "date_out_of_range", {}
    return kind, context


def _subject(data: dict[str, Any], loc: tuple[str | int, ...]) -> tuple[str, str]:
    """Name the scheme by its id when it has a readable one, else by its position."""
    if len(loc) >= 2 and loc[0] == "scheme" and isinstance(loc[1], int):
        schemes = data.get("scheme")
        scheme = schemes[loc[1]] if isinstance(schemes, list) and loc[1] < len(schemes) else None
        raw_id = scheme.get("id") if isinstance(scheme, dict) else None
        if isinstance(raw_id, str) and raw_id and len(raw_id) <= IDENTIFIER_MAX:
            name = f"scheme {quoted(raw_id)}: "
        else:
            name = f"scheme n°{loc[1] + 1}: "
        return name, _dotted(loc[2:])
    return "", _dotted(loc)


def _dotted(loc: Sequence[str | int]) -> str:
    """('steps', 1, 'end') -> 'steps[2].end' (positions counted from 1, as people do)."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + one_line(str(part))
    return text


def _allowed_keys(loc: tuple[str | int, ...]) -> list[str]:
    model: type[BaseModel] | None = Catalog
    for part in loc:
        if model is None or isinstance(part, int):
            continue
        info = next(
            (f for name, f in model.model_fields.items() if (f.alias or name) == part), None
        )
        model = _model_in(info.annotation) if info else None
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or hasattr(value, "isoformat")


def _short(value: Any) -> str:
    text = value.isoformat() if hasattr(value, "isoformat") else repr(value)
    if isinstance(value, bool):
        text = "true" if value else "false"
    return text if len(text) <= 60 else text[:57] + "…"


def quoted(text: str) -> str:
    return '"' + one_line(text) + '"'


def cross_details(data: dict[str, Any], error: ValidationError) -> list[Any]:
    """Duplicate ids and undeclared kinds, which Pydantic checks only once every field is
    valid: found on the raw data, so one run reports every problem of the file."""
    if any(e["type"] in {"duplicate_id", "unknown_kind", "unknown_scheme"} for e in error.errors()):
        return []
    kinds = data.get("kinds")
    schemes = data.get("scheme", [])
    if not isinstance(kinds, dict) or not isinstance(schemes, list):
        return []
    found = _raw_case_errors(data, kinds, schemes)
    pairs = [
        (s.get("id"), s["kinds"] if isinstance(s.get("kinds"), list) else [])
        for s in schemes
        if isinstance(s, dict)
    ]
    hashable = [(i, [k for k in ks if isinstance(k, str)]) for i, ks in pairs if isinstance(i, str)]
    if len(pairs) == len(schemes) and len(hashable) == len(pairs):
        found = cross_errors(list(kinds), hashable) + found
    return ValidationError.from_exception_data("Catalog", found).errors() if found else []


def _raw_case_errors(data: dict[str, Any], kinds: dict[str, Any], schemes: list[Any]) -> list[Any]:
    """Cases that name a scheme or a type the file does not have, found on the raw data."""
    cases = data.get("test", [])
    raw_ids = [s.get("id") for s in schemes if isinstance(s, dict)]
    if not all(isinstance(i, str) for i in raw_ids):
        return []  # an id of the wrong type is reported where it stands; cases wait for it
    ids = set(raw_ids)
    if not isinstance(cases, list) or not all(isinstance(c, dict) for c in cases):
        return []
    shaped = [
        SimpleNamespace(
            expect=c.get("expect") if isinstance(c.get("expect"), dict) else {},
            estimates=c.get("estimates") if isinstance(c.get("estimates"), dict) else {},
            types=[t for t in c.get("types", []) if isinstance(t, str)]
            if isinstance(c.get("types"), list)
            else [],
        )
        for c in cases
    ]
    return case_errors(ids, list(kinds), shaped)  # type: ignore[arg-type]
