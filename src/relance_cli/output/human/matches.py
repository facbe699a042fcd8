"""`relance match` and `relance search`: a verdict per scheme, with why and how much."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.core.schedule import SchemeStatus, standing
from relance_cli.core.vocabulary import Applicant, Verdict
from relance_cli.i18n import N_, _, ngettext
from relance_cli.output.human.cells import (
    VERDICT,
    estimate_text,
    joined,
    localized,
    only_session,
    period,
    prose,
    reason_lines,
    ruled_table,
    saved_profile_line,
    status_cell,
    styled,
    unannounced_lines,
)
from relance_cli.output.human.screen import more_line, print_prose, screen, shown
from relance_cli.output.layout import Grid, Styled
from relance_cli.output.reasons import sentence as reason_text
from relance_cli.output.results import MatchResult, SearchResult

if TYPE_CHECKING:
    from relance_cli.core.advisor import Advice
    from relance_cli.core.eligibility import Profile, Reason
    from relance_cli.core.estimate import Budget
    from relance_cli.search.excerpt import Excerpt


APPLICANT = {  # one applicant, as the profile line names it
    Applicant.commune: N_("commune"),
    Applicant.departement: N_("département"),
    Applicant.region: N_("région"),
    Applicant.epci: N_("EPCI"),
    Applicant.syndicat: N_("syndicat"),
    Applicant.partenaire: N_("partenaire"),
    Applicant.etablissement_public: N_("établissement public"),
}


def profile_text(profile: Profile, budget: Budget | None, on: date) -> Styled:
    parts = []
    if profile.applicant is not None:
        who = _(APPLICANT.get(profile.applicant, profile.applicant.label))
        parts.append(_("candidat {applicant}").format(applicant=who))
    else:
        parts.append(_("candidat non précisé (supposé collectivité ou groupement)"))
    territory = profile.territory
    if territory is not None:
        text = _("territoire {name} ({scale} {code})")
        scale = _(territory.scale.label)
        parts.append(text.format(name=territory.name, scale=scale, code=territory.code))
    if profile.population is not None:
        count = l10n.integer(profile.population)
        if profile.population_source == "territory":
            parts.append(_("population officielle {count} (INSEE)").format(count=count))
        else:
            parts.append(_("population concernée {count}").format(count=count))
    if profile.kinds:
        parts.append(_("type {kinds}").format(kinds=profile.kind_names(profile.kinds)))
    if budget is not None:
        parts.append(_("budget {amount}").format(amount=l10n.amount(budget.total)))
    parts.append(_("au {day}").format(day=l10n.day(on)))
    return Styled(_("Profil : {parts}").format(parts=_(" ; ").join(parts)), style="italic")


def match_table(
    results: list[Advice],
    on: date,
    excerpts: dict[str, Excerpt] | None = None,
    *,
    budget: bool = False,
) -> Grid:
    table = ruled_table()
    table.add_column(_("Verdict"), width=12)
    # An id is copied into `show ID`: wide enough to hold it whole, up to a point.
    widest = max((len(advice.scheme.id) for advice in results), default=0)
    table.add_column(
        _("Dispositif, statut"), ratio=1, min_width=max(24, min(widest, 36)), overflow="fold"
    )
    table.add_column(_("Pourquoi"), ratio=1, min_width=24)
    shared: dict[tuple[object, ...], tuple[Styled, Styled, Styled]] = {}
    for advice in results:
        key = _row_parts(advice)
        found_row = shared.get(key)
        if found_row is None:
            found_row = shared[key] = (
                styled(VERDICT[advice.verdict]),
                advice_details(advice, on, budget=budget),
                Styled.join("\n", (prose("• " + reason_text(r)) for r in why(advice))),
            )
        verdict, details, reasons = found_row
        cell = joined(Styled(advice.scheme.id, style="bold"), details)
        found = (excerpts or {}).get(advice.scheme.id)
        if found is not None and found.text:
            cell.append("\n")
            cell.append_styled(excerpt_text(found))
        table.add_row(verdict, cell, reasons)
    return table


def _row_parts(advice: Advice) -> tuple[object, ...]:
    """All that a row reads of its advice but the scheme's id, by identity (parts the
    judged schemes share, see `core.advisor.judged`; alive throughout) or value: rows of
    schemes holding the same parts differ by their id only (5,000 aids: 3,159 rows, a few
    hundred distinct)."""
    scheme = advice.scheme
    return (
        advice.verdict,
        id(advice.assessment),
        id(advice.session),
        id(advice.next_step),
        id(advice.estimate),
        tuple(map(id, advice.unannounced)),
        scheme.title,
        scheme.title_en,
        id(scheme.steps),
        id(scheme.revisions),
        scheme.announced,
    )


def estimated(advice: Advice, budget: bool) -> bool:
    """Whether a row speaks of money: with a budget, every scheme that may fund the
    project shows an estimate, or « taux non précisé » when its rate is unknown."""
    return budget and advice.verdict is not Verdict.ineligible


def excerpt_text(found: Excerpt) -> Styled:
    """The passage that matched, its matching words marked (styles show in a terminal
    only: a pipe gets the plain words). French spacing keeps every mark where it was: each
    space it glues is one character for one."""
    text = prose(found.text, style="italic")
    for start, end in found.marks:
        text.stylize("bold reverse", start, end)
    return text


def advice_details(advice: Advice, on: date, *, budget: bool = False) -> Styled:
    """A row's scheme cell after the scheme's id: its title, where it stands, what comes
    next and what it could bring."""
    scheme = advice.scheme
    now = standing(scheme, on)
    title = prose("\n" + localized(scheme.title, scheme.title_en))
    cell = joined(title, Styled("\n"), status_cell(scheme, on, now))
    if advice.session is not None and only_session(advice.scheme) is None:
        cell.append("\n" + _("règles : {session}").format(session=advice.session.name))
    upcoming = advice.next_step
    if upcoming is not None and upcoming is not now.step:
        then = _("ensuite : {step}, {period}").format(step=upcoming.name, period=period(upcoming))
        cell.append(prose("\n" + then))
    if advice.estimate is not None:
        amount = l10n.amount(advice.estimate.amount)
        cell.append("\n" + _("estimation : {amount}").format(amount=amount), style="bold")
    elif estimated(advice, budget):
        cell.append("\n" + _("estimation : {amount}").format(amount=_("taux non précisé")))
    for line in unannounced_lines(advice, on):
        cell.append(prose("\n" + line, style="italic"))
    return cell


def explanation(advice: Advice, on: date) -> list[Styled]:
    """Every rule checked for one scheme, then its next step and estimate."""
    lines = [
        Styled(_("{id} : ").format(id=advice.scheme.id), style="bold")
        + styled(VERDICT[advice.verdict]),
        reason_lines(advice.assessment.reasons),
    ]
    if advice.next_step is not None:
        text = _("  → prochaine étape : {step}, {period}").format(
            step=advice.next_step.name, period=period(advice.next_step)
        )
        lines.append(prose(text))
    if advice.estimate is not None:
        lines.append(estimate_text(advice))
    lines += [prose("  " + line, style="italic") for line in unannounced_lines(advice, on)]
    return lines


def print_match(result: MatchResult) -> None:
    out = screen()
    on = result.on
    saved_profile_line(out, result.profile_name)
    out.print(profile_text(result.profile, result.budget, on))
    results, hidden = shown(out, result.results, result.limit)
    if not results:
        from relance_cli.output.dead_ends import explain

        searched = isinstance(result, SearchResult)
        for sentence in explain(result.filtered, on, show_all=result.show_all, searched=searched):
            out.print(Styled(sentence))
        return
    excerpts = result.excerpts if isinstance(result, SearchResult) else None
    out.table(match_table(results, on, excerpts, budget=result.budget is not None))
    more_line(out, hidden, "schemes")
    if result.set_aside:
        text = ngettext(
            "{count} dispositif écarté : --all pour le voir",
            "{count} dispositifs écartés : --all pour les voir",
            result.set_aside,
        )
        out.print(Styled(text.format(count=l10n.integer(result.set_aside)), style="dim"))
    if any(estimated(advice, result.budget is not None) for advice in results):
        text = _(
            "Estimations : plafonds indicatifs (taux × base éligible), "
            "pas une promesse de financement."
        )
        out.print(Styled(text, style="italic"))
    if result.explain:
        for advice in results:
            out.print()
            for line in explanation(advice, on):
                print_prose(out, line)
    if all(a.status is SchemeStatus.closed for a in result.results):
        text = _("Tous ces dispositifs sont fermés au {day} ; ils restent affichés pour mémoire.")
        out.print(Styled(text.format(day=l10n.day(on)), style="dim"))


def why(advice: Advice) -> tuple[Reason, ...]:
    """The short "why" of a table row: what decided the verdict; for an eligible scheme,
    the conditions it meets beyond the project type the user asked for."""
    decisive = advice.assessment.decisive
    if advice.verdict is Verdict.eligible:
        return tuple(r for r in decisive if r.rule != "kind") or decisive
    return decisive
