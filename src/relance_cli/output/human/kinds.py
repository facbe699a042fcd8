"""`relance types`: the project types a catalog declares, with how many schemes each."""

from __future__ import annotations

from relance_cli import l10n
from relance_cli.i18n import _
from relance_cli.output.human.cells import prose, ruled_table
from relance_cli.output.human.screen import screen
from relance_cli.output.layout import Styled
from relance_cli.output.results import KindList


def print_kinds(result: KindList) -> None:
    out = screen()
    if not result.kinds:  # pragma: no cover - a catalog declares at least one type
        return
    table = ruled_table()
    # An id is what a user types after --type: whole on its line, up to a point.
    widest = max(len(kind.id) for kind in result.kinds)
    table.add_column(_("Type (--type)"), ratio=1, min_width=min(widest, 48), overflow="fold")
    table.add_column(_("Libellé"), ratio=2)
    table.add_column(_("Dispositifs"), width=11, justify="right")
    for kind in result.kinds:
        table.add_row(Styled(kind.id, style="bold"), prose(kind.label), l10n.integer(kind.schemes))
    out.table(table)
