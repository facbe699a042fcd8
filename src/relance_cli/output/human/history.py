"""`relance show --history`: each announcement and revision of a scheme's calendar."""

from __future__ import annotations

import re

from relance_cli import l10n
from relance_cli.i18n import _
from relance_cli.output.human.cells import localized, period, prose
from relance_cli.output.human.screen import Screen, print_prose, screen
from relance_cli.output.layout import Styled
from relance_cli.output.results import SchemeHistory


def print_history(result: SchemeHistory) -> None:
    """Each announcement and each revision of a scheme, oldest first, with its sources."""
    out = screen()
    scheme = result.scheme
    out.print(prose(localized(scheme.title, scheme.title_en), style="bold"))
    out.print(Styled(scheme.id, style="dim"))
    if not result.changes:
        out.print(Styled(_("Aucune date d'annonce : ni le catalogue ni ses sources n'en donnent.")))
    for change in result.changes:
        out.print()
        title = _("{day} : révision") if change.revision else _("{day} : annonce")
        out.print(Styled(title.format(day=l10n.day(change.date)), style="bold"))
        if change.revision is not None:
            print_prose(out, prose(change.revision.note))
        lines = [
            *(_("  − remplacée : {step}, {period}") for _step in change.replaced),
            *(_("  + annoncée : {step}, {period}") for _step in change.added),
        ]
        for line, step in zip(lines, [*change.replaced, *change.added], strict=True):
            _print_item(out, prose(line.format(step=step.name, period=period(step))).plain)
        for ref in change.sources:
            when = f", {l10n.day(ref.date)}" if ref.date else ""
            _print_item(out, f"  • {ref.title}{when}")
            out.print(Styled(f"    {ref.url}"), soft_wrap=True)


_MARKER = re.compile(r"[ ]*\S+ ")  # the item's indent and its mark: "  + ", "  • "


def _print_item(out: Screen, text: str) -> None:
    """An item of a list, wrapped with a hanging indent: its continuation lines start
    under its text, not at the margin; a word wider than the line stays whole."""
    from rich.cells import cell_len

    from relance_cli.output.plain import strip_controls, wrap

    text = strip_controls(text).replace("\n", " ")
    marker = _MARKER.match(text)
    head = marker.group() if marker else ""
    indent = " " * cell_len(head)
    for index, line in enumerate(wrap(text[len(head) :], out.width - len(indent), fold=False)):
        out.print(Styled((indent if index else head) + line), soft_wrap=True)
