"""The changes between two catalogs, for people (one line each), scripts (JSON) and
spreadsheets (one row per change); and the one-line summary an import ends with."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from relance_cli import l10n
from relance_cli.i18n import _, ngettext
from relance_cli.output import terminal

if TYPE_CHECKING:
    from relance_cli.core.changes import Changes
    from relance_cli.core.models import Scheme
    from relance_cli.output.results import DiffResult

_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def summary(changes: Changes) -> str:
    """« 3 nouvelles, 12 modifiées, 1 disparue »."""
    parts = (
        ngettext("{count} nouvelle", "{count} nouvelles", len(changes.added)),
        ngettext("{count} modifiée", "{count} modifiées", len(changes.changed)),
        ngettext("{count} disparue", "{count} disparues", len(changes.removed)),
    )
    counts = (len(changes.added), len(changes.changed), len(changes.removed))
    return ", ".join(p.format(count=l10n.integer(c)) for p, c in zip(parts, counts, strict=True))


def value_text(value: Any) -> str:
    """A compared value as a person reads it: dates in words, lists joined, nothing as —."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, str) and _ISO_DAY.match(value):
        return l10n.day(date.fromisoformat(value))
    return str(value)


def _scheme_line(mark: str, scheme: Scheme) -> str:
    return f"  {mark} {scheme.id}  {' '.join(scheme.title.split())}"


def lines(result: DiffResult) -> list[str]:
    changes = result.changes
    text = _("Changements de {old} à {new} : {summary}")
    head = text.format(old=result.old, new=result.new, summary=summary(changes))
    if result.profile_name:
        head += _(" (profil « {name} »)").format(name=result.profile_name)
    out = [head]
    if changes.added:
        out.append(_("Nouvelles :"))
        out += [_scheme_line("+", s) for s in changes.added]
    if changes.removed:
        out.append(_("Disparues :"))
        out += [_scheme_line("-", s) for s in changes.removed]
    if changes.changed:
        out.append(_("Modifiées :"))
        for item in changes.changed:
            out.append(_scheme_line("~", item.new))
            out += [
                f"      {_where(c.field, item.old, item.new)} : "
                f"{value_text(c.old)} → {value_text(c.new)}"
                for c in item.changes
            ]
    return out


_STEP = re.compile(r"^steps\[(\d+)\]\.(?:start|end)$")


def _where(field: str, old: Scheme, new: Scheme) -> str:
    """The field, and for a step's date the step's name: « steps[1].end (Dépôt) »."""
    found = _STEP.match(field)
    if found is None:
        return field
    index = int(found[1])
    steps = new.steps if index < len(new.steps) else old.steps
    return f"{field} ({' '.join(steps[index].name.split())})"


def print_table(result: DiffResult) -> None:
    terminal.write_text("\n".join(lines(result)) + "\n")


def scheme_shape(scheme: Scheme) -> dict[str, Any]:
    return {
        "id": scheme.id,
        "title": scheme.title,
        "perimeter": scheme.perimeter,
        "steps": [
            {
                "name": step.name,
                "start": step.start.isoformat() if step.start else None,
                "end": step.end.isoformat() if step.end else None,
            }
            for step in scheme.steps
        ],
    }


def shape(result: DiffResult) -> dict[str, Any]:
    changes = result.changes
    return {
        "added": [scheme_shape(s) for s in changes.added],
        "removed": [scheme_shape(s) for s in changes.removed],
        "changed": [
            {
                "id": item.new.id,
                "title": item.new.title,
                "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in item.changes],
            }
            for item in changes.changed
        ],
    }


HEADER = ("change", "id", "title", "field", "old", "new")


def rows(result: DiffResult) -> list[tuple[Any, ...]]:
    def cell(value: Any) -> Any:
        return "; ".join(str(v) for v in value) if isinstance(value, list) else value

    changes = result.changes
    found: list[tuple[Any, ...]] = []
    found += [("added", s.id, s.title, None, None, None) for s in changes.added]
    found += [("removed", s.id, s.title, None, None, None) for s in changes.removed]
    for item in changes.changed:
        found += [
            ("changed", item.new.id, item.new.title, c.field, cell(c.old), cell(c.new))
            for c in item.changes
        ]
    return found
