"""`relance calendar`: dated steps as a table or, with --timeline, as bars on a time axis."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.i18n import _
from relance_cli.output.human.cells import (
    joined,
    prose,
    ruled_table,
    saved_profile_line,
    span,
    step_status_cell,
)
from relance_cli.output.human.screen import more_line, screen, shown
from relance_cli.output.layout import Grid, Styled
from relance_cli.output.results import CalendarResult

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme, Step


def step_table(steps: Iterable[tuple[Scheme, Step]], on: date, *, with_scheme: bool) -> Grid:
    table = ruled_table(caption=_("Au {day}").format(day=l10n.day(on)))
    table.add_column(_("Dates"), width=19)
    table.add_column(
        _("Dispositif : étape") if with_scheme else _("Étape"),
        ratio=1,
        min_width=16,
        overflow="fold",
        label=_("Dispositif, étape") if with_scheme else None,
    )
    table.add_column(_("Dépôt"), width=5)
    table.add_column(_("Statut"), width=15)
    for scheme, item in steps:
        name = prose(item.name)
        if with_scheme:
            name = joined(Styled(scheme.id, style="bold"), Styled("\n"), name)
        cells = [
            Styled(span(item)),
            name,
            Styled(_("oui") if item.accepts_applications else _("non")),
            step_status_cell(item, on, scheme),
        ]
        table.add_row(*cells)
    return table


def print_calendar(result: CalendarResult) -> None:
    out = screen()
    saved_profile_line(out, result.profile_name)
    if not result.rows and result.filtered is not None and result.filtered.removed:
        from relance_cli.output.dead_ends import explain

        for sentence in explain(result.filtered, result.on, show_all=False, searched=False):
            out.print(Styled(sentence))
        return
    if not result.rows:
        out.print(Styled(_("Aucune étape datée dans le catalogue.")))
        return
    rows, hidden = shown(out, result.rows, result.limit)
    steps = ((r.scheme, r.step) for r in rows)
    out.table(step_table(steps, result.on, with_scheme=result.with_scheme))
    more_line(out, hidden, "steps")


def print_timeline(result: CalendarResult) -> None:
    from relance_cli.output.timeline import timeline

    out = screen()
    saved_profile_line(out, result.profile_name)
    rows, hidden = shown(out, result.rows, result.limit)
    lines = timeline(rows, result.on, out.width)
    if not lines:
        out.print(Styled(_("Aucune étape datée dans le catalogue.")))
    for line in lines[:-1]:
        out.print(line, crop=True)
    if lines:
        out.print(lines[-1])  # the legend may wrap
    more_line(out, hidden, "steps")
