"""The changes between two catalogs, for people (one line each), scripts (JSON) and
spreadsheets (one row per change); and the one-line summary an import ends with."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from relance_cli import l10n
from relance_cli.i18n import N_, _, ngettext
from relance_cli.output.layout import Styled

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


FIELD_LABELS = {
    "title": N_("titre"),
    "perimeter": N_("territoire"),
    "eligibility.applicants": N_("candidats admis"),
    "eligibility.applicant_types": N_("publics visés"),
    "eligibility.other_audiences": N_("autres publics"),
    "eligibility.min_population": N_("population minimale"),
    "funding.rate": N_("taux de cofinancement"),
    "funding.rate_low": N_("taux minimal"),
    "funding.loan_amount": N_("prêt"),
    "funding.recoverable_advance_amount": N_("avance récupérable"),
    "url": N_("lien"),
    "application_url": N_("lien pour candidater"),
    "origin_url": N_("source"),
}
STEP_LABELS = {
    "name": N_("nom de l'étape n°{number}"),
    "start": N_("début de l'étape « {name} »"),
    "end": N_("fin de l'étape « {name} »"),
}


def value_text(value: Any, field: str = "") -> str:
    """A compared value as a person reads it: rates in percent, amounts in euros, people
    and dates in words, lists joined, nothing as —."""
    if value is None or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(_word(field, item) for item in value)
    if field in ("funding.rate", "funding.rate_low") and isinstance(value, int | float):
        return l10n.rate(Decimal(str(value)))
    if field.endswith("_amount") and isinstance(value, int | float):
        return l10n.amount(Decimal(str(value)))
    if field == "eligibility.min_population" and isinstance(value, int):
        return l10n.integer(value)
    if isinstance(value, str) and _ISO_DAY.match(value):
        return l10n.day(date.fromisoformat(value))
    return str(value)


def _word(field: str, item: Any) -> str:
    """An applicant type or category by its name rather than its id."""
    from relance_cli.core.vocabulary import Applicant, Category

    if field == "eligibility.applicants" and item in set(Category):
        return _(Category(item).label)
    if field == "eligibility.applicant_types" and item in set(Applicant):
        return _(Applicant(item).label)
    return str(item)


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
                f"      {where(c.field, item.old, item.new)} : "
                f"{value_text(c.old, c.field)} → {value_text(c.new, c.field)}"
                for c in item.changes
            ]
    return out


_STEP = re.compile(r"^steps\[(\d+)\]\.(name|start|end)$")


def where(field: str, old: Scheme, new: Scheme) -> str:
    """The field in words: « taux de cofinancement », « fin de l'étape « Dépôt » »."""
    if field in FIELD_LABELS:
        return _(FIELD_LABELS[field])
    found = _STEP.match(field)
    if found is None:
        return field
    index = int(found[1])
    steps = new.steps if index < len(new.steps) else old.steps
    name = " ".join(steps[index].name.split())
    return _(STEP_LABELS[found[2]]).format(name=name, number=index + 1)


def print_table(result: DiffResult) -> None:
    """The lines at the screen's width, a long one wrapped under its text (a scheme's
    title under the title, a change under the change), never inside an address."""
    from relance_cli.output.human.screen import screen

    out = screen()
    for line in lines(result):
        for piece in hanging(line, out.width):
            out.print(Styled(piece), soft_wrap=True)


def hanging(line: str, width: int) -> list[str]:
    """`line` wrapped at `width` cells, at spaces: a scheme's title continues under the
    title (not under the changes listed below it), a change two cells in; a word wider
    than the line (an address) stays whole on a line of its own."""
    from rich.cells import cell_len

    from relance_cli.output.plain import strip_controls, wrap

    text = strip_controls(line).replace("\n", " ")
    lead = len(text) - len(text.lstrip(" "))
    if not lead:  # a heading: the summary names files, and a script reads it as one line
        return [text]
    indent = lead + 2
    title = text.find("  ", lead)
    if lead == 2 and 0 < cell_len(text[: title + 2]) <= width // 2:  # "  + id  title"
        indent = cell_len(text[: title + 2])
    pieces = wrap(text[lead:], width - indent, fold=False, first=width - lead)
    return [" " * (indent if index else lead) + piece for index, piece in enumerate(pieces)]


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
