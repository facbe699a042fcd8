"""`relance calendar`: dated steps as a table or, with --timeline, as bars on a time axis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rich.table import Table
from rich.text import Text

from relance_cli import l10n
from relance_cli.core.models import Scheme, Step
from relance_cli.i18n import _
from relance_cli.output.human.cells import (
    joined,
    prose,
    ruled_table,
    saved_profile_line,
    span,
    step_status_cell,
)
from relance_cli.output.human.console import console, more_line, shown, write_table
from relance_cli.output.results import CalendarResult


def step_table(steps: Iterable[tuple[Scheme, Step]], on: date, *, with_scheme: bool) -> Table:
    table = ruled_table(caption=_("Au {day}").format(day=l10n.day(on)))
    table.add_column(_("Dates"), width=19)
    table.add_column(
        _("Dispositif : étape") if with_scheme else _("Étape"),
        ratio=1,
        min_width=16,
        overflow="fold",
    )
    table.add_column(_("Dépôt"), width=5)
    table.add_column(_("Statut"), width=15)
    for scheme, item in steps:
        name = prose(item.name)
        if with_scheme:
            name = joined(Text(scheme.id, style="bold"), Text("\n"), name)
        cells = [
            Text(span(item)),
            name,
            Text(_("oui") if item.accepts_applications else _("non")),
            step_status_cell(item, on, scheme),
        ]
        table.add_row(*cells)
    return table


def print_calendar(result: CalendarResult) -> None:
    out = console()
    saved_profile_line(out, result.profile_name)
    if not result.rows and result.filtered is not None and result.filtered.removed:
        from relance_cli.output.dead_ends import explain

        for sentence in explain(result.filtered, result.on, show_all=False, searched=False):
            out.print(Text(sentence))
        return
    if not result.rows:
        out.print(Text(_("Aucune étape datée dans le catalogue.")))
        return
    rows, hidden = shown(out, result.rows, result.limit)
    steps = ((r.scheme, r.step) for r in rows)
    write_table(out, step_table(steps, result.on, with_scheme=result.with_scheme))
    more_line(out, hidden, "steps")


def print_timeline(result: CalendarResult) -> None:
    from relance_cli.output.timeline import timeline

    out = console()
    saved_profile_line(out, result.profile_name)
    rows, hidden = shown(out, result.rows, result.limit)
    lines = timeline(rows, result.on, out.width)
    if not lines:
        out.print(Text(_("Aucune étape datée dans le catalogue.")))
    for line in lines[:-1]:
        out.print(line, no_wrap=True, overflow="crop")
    if lines:
        out.print(lines[-1])  # the legend may wrap
    more_line(out, hidden, "steps")
