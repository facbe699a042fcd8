"""Cells and short texts that several results share: labels, dates, rates, statuses."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.core.schedule import (
    CLOSING_SOON_DAYS,
    SchemeStatus,
    Standing,
    StepStatus,
    announced,
    application_steps,
    in_session,
    session_on,
    standing,
    step_status,
)
from relance_cli.core.vocabulary import Verdict
from relance_cli.i18n import N_, _, language
from relance_cli.output.layout import Grid, Styled

if TYPE_CHECKING:
    from relance_cli.core.advisor import Advice, SessionVerdict
    from relance_cli.core.eligibility import Reason
    from relance_cli.core.models import Scheme, Step
    from relance_cli.output.human.screen import Screen

_ONE_DAY = timedelta(days=1)

VERDICT = {
    Verdict.eligible: (N_("éligible"), "bold green"),
    Verdict.possible: (N_("à vérifier"), "bold yellow"),
    Verdict.ineligible: (N_("non éligible"), "red"),
}
STATUS = {
    SchemeStatus.open: (N_("ouvert"), "green"),
    SchemeStatus.upcoming: (N_("à venir"), "cyan"),
    SchemeStatus.closed: (N_("fermé"), "dim"),
}
STEP_STATUS = {
    StepStatus.past: (N_("passée"), "dim"),
    StepStatus.current: (N_("en cours"), "green"),
    StepStatus.upcoming: (N_("à venir"), "cyan"),
}
OUTCOME_MARK = {"pass": "✓", "fail": "✗", "unknown": "?"}  # by Outcome value


def localized(french_text: str, english: str | None) -> str:
    """Catalog text stays as written, unless the catalog offers it in the language asked."""
    return english if english and language() == "en" else french_text


def prose(text: str, style: str = "") -> Styled:
    """Text for people (a catalog's, or relance's around it), French spacing kept
    together; never parsed as markup."""
    return Styled(l10n.written_typography(text), style)


def joined(first: Styled, *others: Styled) -> Styled:
    """`first + other + …`, in place."""
    for other in others:
        first.append_styled(other)
    return first


def styled(pair: tuple[str, str]) -> Styled:
    """A translated label with its style."""
    return Styled(_(pair[0]), pair[1])


def span(step: Step) -> str:
    """A step's dates on two short lines, for table cells; one day on one."""
    if step.start is not None and step.start == step.end:
        return l10n.day(step.start)
    start = l10n.day(step.start) if step.start else _("début non annoncé")
    end = l10n.day(step.end) if step.end else _("sans fin annoncée")
    return f"{start}\n→ {end}"


def period(step: Step) -> str:
    if step.start is None:
        if step.end is None:
            return _("sans date annoncée")
        return _("jusqu'au {end}").format(end=l10n.day(step.end))
    if step.end is None:
        return _("à partir du {start}").format(start=l10n.day(step.start))
    if step.end == step.start:
        return _("le {day}").format(day=l10n.day(step.start))
    return _("du {start} au {end}").format(start=l10n.day(step.start), end=l10n.day(step.end))


def windows(scheme: Scheme) -> str:
    """Every application window, one per line."""
    steps = application_steps(scheme)
    return "\n".join(span(s) for s in steps) if steps else _("pas de dépôt de candidature")


def cofinancing(scheme: Scheme) -> str:
    funding = scheme.funding
    if funding.rate is None and funding.rate_low is not None:
        text = _("à partir de {low}").format(low=l10n.rate(funding.rate_low))
    elif funding.rate is None:
        text = _("taux non précisé")
    elif funding.rate_low is not None and funding.rate_low != funding.rate:
        text = _("{low} à {high}").format(
            low=l10n.rate(funding.rate_low), high=l10n.rate(funding.rate)
        )
    elif funding.rate_up_to:
        text = _("jusqu'à {rate}").format(rate=l10n.rate(funding.rate))
    else:
        text = l10n.rate(funding.rate)
    excluded = [c.label for c in scheme.funding.excluded_costs]
    if excluded:
        text += " " + _("hors {costs}").format(costs=l10n.enumeration([_(c) for c in excluded]))
    return text


def other_support(scheme: Scheme) -> str:
    """Loans, recoverable advances, and whether the service is paid for, when known."""
    funding = scheme.funding
    lines = []
    if funding.loan_amount is not None:
        lines.append(_("prêt : {amount}").format(amount=l10n.amount(funding.loan_amount)))
    if funding.recoverable_advance_amount is not None:
        amount = l10n.amount(funding.recoverable_advance_amount)
        lines.append(_("avance récupérable : {amount}").format(amount=amount))
    if funding.charged is not None:
        lines.append(_("aide payante : oui") if funding.charged else _("aide payante : non"))
    return "\n".join(lines)


def status_cell(scheme: Scheme, on: date, now: Standing | None = None) -> Styled:
    now = now or standing(scheme, on)
    status, end, left = now.status, now.deadline, now.days_left
    cell = styled(STATUS[status])
    if status is SchemeStatus.closed:
        last = max((s.end for s in application_steps(scheme) if s.end), default=None)
        if last is not None:
            cell.append(" " + _("depuis le {day}").format(day=l10n.day(last + _ONE_DAY)))
    if status is SchemeStatus.open and end is not None and left is not None:
        cell.append(" " + _("jusqu'au {end}").format(end=l10n.day(end)))
        time_left(cell, left)
    elif status is SchemeStatus.upcoming:
        window = now.step
        if window is not None and window.start is not None:
            opening = _("candidatures à partir du {day}").format(day=l10n.day(window.start))
            cell.append("\n" + opening)
    return cell


def step_status_cell(item: Step, on: date, scheme: Scheme) -> Styled:
    status = step_status(item, on, scheme)
    cell = styled(STEP_STATUS[status])
    if status is StepStatus.current and item.end is not None:
        time_left(cell, (item.end - on).days)
    return cell


def time_left(cell: Styled, left: int) -> None:
    """« dernier jour » or « encore N jours » on a line of its own, in red when the end is
    near (as Aides-territoires highlights it)."""
    text = _("dernier jour") if left == 0 else _("encore {days}").format(days=l10n.days(left))
    cell.append("\n" + text, style="bold red" if left <= CLOSING_SOON_DAYS else "")


def ruled_table(*, title: str = "", caption: str = "") -> Grid:
    """Tables that fit 80 columns: no outer edge, a rule between rows."""
    return Grid(title=title, caption=caption, show_lines=True)


def scheme_cell(scheme: Scheme, *, kinds: bool = False) -> Styled:
    cell = joined(
        Styled(scheme.id, style="bold"), prose("\n" + localized(scheme.title, scheme.title_en))
    )
    if kinds:
        cell.append("\n" + _("types : {kinds}").format(kinds=", ".join(scheme.kinds)), style="dim")
    return cell


def saved_profile_line(out: Screen, name: str | None) -> None:
    """Which saved profile is in force, before what it changed."""
    if name is not None:
        out.print(Styled(_("Profil enregistré « {name} »").format(name=name), "italic"))


def applicants(scheme: Scheme) -> str:
    """Who may apply: the exact publics when the source names them, else the categories."""
    rules = scheme.eligibility
    if rules.applicant_types:
        return ", ".join(_(a.label) for a in rules.applicant_types)
    return ", ".join(_(c.label) for c in rules.applicants)


def bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def in_force(scheme: Scheme, on: date) -> Scheme:
    """The scheme under the rules of the session that matters on `on`."""
    return in_session(scheme, session_on(scheme, on))


def only_session(scheme: Scheme) -> Step | None:
    steps = application_steps(scheme)
    return steps[0] if len(steps) == 1 else None


def source_lines(scheme: Scheme) -> list[tuple[str, str]]:
    """The scheme's sources, then each step's, as people cite them: (title, address)."""
    lines = []
    for where, sources in (("", scheme.sources), *((s.name, s.sources) for s in scheme.steps)):
        for source in sources:
            when = f", {l10n.day(source.date)}" if source.date else ""
            prefix = f"[{where}] " if where else ""
            lines.append((f"• {prefix}{source.title}{when}", source.url))
    return lines


def reason_lines(reasons: Iterable[Reason]) -> Styled:
    from relance_cli.output.reasons import sentence as reason_text  # only results that judge

    return Styled("\n".join(f"  {OUTCOME_MARK[r.outcome]} {reason_text(r)}" for r in reasons))


def estimate_text(advice: Advice | SessionVerdict) -> Styled:
    value = advice.estimate
    assert value is not None
    text = _(
        "  Estimation : {amount} ({rate} d'une base éligible de {base}) — un plafond "
        "indicatif, pas une promesse."
    )
    return Styled(
        text.format(
            amount=l10n.amount(value.amount),
            rate=l10n.rate(value.rate),
            base=l10n.amount(value.eligible_base),
        )
    )


def unannounced_lines(advice: Advice, on: date) -> list[str]:
    """With --hindsight: what the verdict used that nobody knew of on `on`."""
    text = _("pas encore annoncé le {day} : {step} (annoncé le {announced})")
    lines = []
    for step in advice.unannounced:
        when = announced(step, advice.scheme)
        assert when is not None  # unannounced on a date means announced later
        values = {"day": l10n.day(on), "step": step.name, "announced": l10n.day(when)}
        lines.append(text.format(**values))
    return lines
