"""`relance show --history`: each announcement and revision of a scheme's calendar."""

from __future__ import annotations

from relance_cli import l10n
from relance_cli.i18n import _
from relance_cli.output.human.cells import localized, period, prose
from relance_cli.output.human.screen import print_prose, screen
from relance_cli.output.layout import Styled
from relance_cli.output.results import SchemeHistory


def print_history(result: SchemeHistory) -> None:
    """Each announcement and each revision of a scheme, oldest first, with its sources."""
    out = screen()
    scheme = result.scheme
    out.print(Styled(localized(scheme.title, scheme.title_en), style="bold"))
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
            out.print(prose(line.format(step=step.name, period=period(step))))
        for ref in change.sources:
            when = f", {l10n.day(ref.date)}" if ref.date else ""
            out.print(Styled(f"  • {ref.title}{when}"))
            out.print(Styled(f"    {ref.url}"), soft_wrap=True)
