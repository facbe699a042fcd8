"""`relance list`: the catalog's schemes, one row each (two short lines for an import)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.i18n import _
from relance_cli.output.human.cells import (
    cofinancing,
    in_force,
    joined,
    localized,
    ruled_table,
    saved_profile_line,
    scheme_cell,
    status_cell,
    windows,
)
from relance_cli.output.human.screen import more_line, screen, shown
from relance_cli.output.layout import Grid, Styled
from relance_cli.output.results import SchemeList
from relance_cli.output.terminal import clean

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.models import Scheme


def scheme_table(catalog: LoadedCatalog, schemes: Iterable[Scheme], on: date) -> Grid:
    table = ruled_table(
        title=" + ".join(s.info.name for s in catalog.sources),
        caption=_("Statut au {day}").format(day=l10n.day(on)),
    )
    table.add_column(_("Dispositif (types)"), ratio=1, overflow="fold")
    table.add_column(_("Cofinancement"), width=13)
    table.add_column(_("Candidatures"), width=19)
    table.add_column(_("Statut"), width=16)
    for scheme in schemes:
        table.add_row(
            scheme_cell(scheme, kinds=True),
            Styled(cofinancing(in_force(scheme, on))),
            Styled(windows(scheme)),
            status_cell(scheme, on),
        )
    return table


IMPORT_SITE = "https://aides-territoires.beta.gouv.fr"
COMPACT_FIXED = 13 + 17 + 2 * 3  # the compact table's other columns, and two gaps


def imported(catalog: LoadedCatalog) -> bool:
    """An import of Aides-territoires: hundreds of aids, a dozen long categories each."""
    return any((s.info.source or "").startswith(IMPORT_SITE) for s in catalog.sources)


def compact_table(catalog: LoadedCatalog, schemes: Iterable[Scheme], on: date, width: int) -> Grid:
    """Two lines an aid: its id and title, then its categories as words, each line cut
    at a word boundary to the room it has."""
    table = Grid(
        title=" + ".join(s.info.name for s in catalog.sources),
        caption=_("Statut au {day}").format(day=l10n.day(on)),
        show_lines=False,
    )
    room = max(20, width - COMPACT_FIXED)
    table.add_column(_("Dispositif, catégories"), ratio=1, no_wrap=True)
    table.add_column(_("Cofinancement"), width=13)
    table.add_column(_("Statut"), width=17)  # « 1er décembre 2021 » on one line
    for scheme in schemes:
        title = f"{scheme.id} {localized(scheme.title, scheme.title_en)}"
        labels = [catalog.kinds.get(k, k).rpartition("›")[2].strip() for k in scheme.kinds]
        cell = joined(
            Styled(cut_words(clean(title), room), "bold"),
            Styled("\n" + cut_words(clean(", ".join(labels)), room), "dim"),
        )
        table.add_row(cell, Styled(cofinancing(in_force(scheme, on))), status_cell(scheme, on))
    return table


def cut_words(text: str, room: int) -> str:
    """The text whole, or cut at its last space that leaves room for « … »."""
    if len(text) <= room:
        return text
    head = text[: room - 1]
    space = head.rfind(" ")
    return (head[:space] if space > room // 3 else head).rstrip(" ,") + "…"


def print_list(result: SchemeList) -> None:
    out = screen()
    saved_profile_line(out, result.profile_name)
    if not result.catalog.schemes:
        from relance_cli.output.dead_ends import explain

        for sentence in explain(result.filtered, result.on, show_all=True, searched=False):
            out.print(Styled(sentence))
        return
    rows, hidden = shown(out, result.catalog.schemes, result.limit)
    if imported(result.catalog):
        out.table(compact_table(result.catalog, rows, result.on, out.width))
    else:
        out.table(scheme_table(result.catalog, rows, result.on))
    more_line(out, hidden, "schemes")
