"""`relance test`: each [[test]] case that missed, with the rule that decided, then the count."""

from __future__ import annotations

from relance_cli import l10n
from relance_cli.i18n import _, ngettext
from relance_cli.output import terminal
from relance_cli.output.human.cells import OUTCOME_MARK, VERDICT
from relance_cli.output.reasons import sentence as reason_text
from relance_cli.output.results import CaseResults


def print_cases(result: CaseResults) -> None:
    """Each miss with the rule that decided, then the count."""
    report = result.report
    lines = []
    for miss in report.misses:
        case = " ".join(miss.case.split())  # a name on one line, whatever the catalog wrote
        lines.append(_("✗ {case} ({catalog})").format(case=case, catalog=miss.catalog))
        session = f" ({miss.session})" if miss.session else ""
        if miss.verdict is not miss.expected:
            text = _("  {scheme}{session} : attendu {expected}, obtenu {verdict}")
            lines.append(
                text.format(
                    scheme=miss.scheme,
                    session=session,
                    expected=_(VERDICT[miss.expected][0]),
                    verdict=_(VERDICT[miss.verdict][0]),
                )
            )
        if miss.expected_estimate is not None and miss.expected_estimate != miss.estimate:
            text = _("  {scheme}{session} : estimation attendue {expected}, obtenue {found}")
            found = l10n.amount(miss.estimate) if miss.estimate is not None else _("aucune")
            lines.append(
                text.format(
                    scheme=miss.scheme,
                    session=session,
                    expected=l10n.amount(miss.expected_estimate),
                    found=found,
                )
            )
        lines += [f"    {OUTCOME_MARK[r.outcome]} {reason_text(r)}" for r in miss.deciding]
    checks = ngettext("{checks} vérification", "{checks} vérifications", report.checks).format(
        checks=report.checks
    )
    if report.misses:
        cases = ngettext("{cases} cas", "{cases} cas", report.cases).format(cases=report.cases)
        text = _("{failed} en échec sur {checks} ({cases})")
        lines.append(text.format(failed=len(report.misses), checks=checks, cases=cases))
    elif report.cases:
        text = ngettext(
            "{cases} cas réussi ({checks})", "{cases} cas réussis ({checks})", report.cases
        )
        lines.append(text.format(cases=report.cases, checks=checks))
    else:
        lines.append(_("Aucun cas [[test]] dans ces catalogues : rien n'a été vérifié."))
    terminal.write_text("\n".join(lines) + "\n")
