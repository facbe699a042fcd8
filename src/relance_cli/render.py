"""Tables and text for people, in French.

Every catalog value reaches Rich as a `Text`, never as a markup string, so a title like
`[bold red]x[/]` prints literally; control characters were already refused by the models.
Colour only when writing to a terminal and NO_COLOR is unset (Rich decides both).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TypeVar

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from relance_cli import french
from relance_cli.advisor import Advice
from relance_cli.calendar import (
    DatedStep,
    SchemeStatus,
    StepStatus,
    application_steps,
    current_or_next_application,
    days_left,
    deadline,
    next_step,
    scheme_status,
    step_status,
)
from relance_cli.catalog import BUILTIN, LoadedCatalog, source_label
from relance_cli.eligibility import Outcome, Profile, Reason, Verdict
from relance_cli.estimate import Budget
from relance_cli.limits import TERMINAL_ROWS
from relance_cli.models import Scheme, Step

T = TypeVar("T")
URGENT_DAYS = 14
_ONE_DAY = timedelta(days=1)

VERDICT = {
    Verdict.eligible: ("éligible", "bold green"),
    Verdict.possible: ("à vérifier", "bold yellow"),
    Verdict.ineligible: ("non éligible", "red"),
}
STATUS = {
    SchemeStatus.open: ("ouvert", "green"),
    SchemeStatus.upcoming: ("à venir", "cyan"),
    SchemeStatus.closed: ("fermé", "dim"),
}
STEP_STATUS = {
    StepStatus.past: ("passée", "dim"),
    StepStatus.current: ("en cours", "green"),
    StepStatus.upcoming: ("à venir", "cyan"),
}
OUTCOME_MARK = {Outcome.passed: "✓", Outcome.failed: "✗", Outcome.unknown: "?"}
COSTS = {"personnel": "personnel", "materiel": "matériel"}


def console() -> Console:
    _keep_non_breaking_spaces()
    return Console(highlight=False, emoji=False, markup=False)


def shown(out: Console, rows: list[T], limit: int | None) -> tuple[list[T], int]:
    """The rows to print and how many are left out: all of them to a pipe or a file, the
    first TERMINAL_ROWS in a terminal, or what --limit says (0: all)."""
    if limit is None:
        limit = TERMINAL_ROWS if out.is_terminal else 0
    if not limit or len(rows) <= limit:
        return rows, 0
    return rows[:limit], len(rows) - limit


def more_line(out: Console, hidden: int, what: str) -> None:
    if hidden:
        out.print(
            Text(
                f"… {french.integer(hidden)} {what} de plus : --limit 0 pour tout afficher, "
                "ou --format json / csv",
                style="bold",
            )
        )


def emit(out: Console, table: Table) -> None:
    """Rich in a terminal; plain text (the same layout, much faster) everywhere else."""
    if out.is_terminal:
        out.print(table)
    else:
        from relance_cli.plain import table_text

        out.file.write(table_text(table, out.width))


def _keep_non_breaking_spaces() -> None:
    """Rich wraps lines at any Unicode space, non-breaking ones included, which would cut
    "600 000" in two inside a table cell. Wrap at ASCII whitespace only."""
    from rich import _wrap

    if hasattr(_wrap, "re_word"):
        _wrap.re_word = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")


def prose(text: str, style: str = "") -> Text:
    """Text for people, French spacing kept together; never parsed as markup."""
    return Text(french.typography(text), style=style)


def styled(pair: tuple[str, str]) -> Text:
    return Text(pair[0], style=pair[1])


def span(step: Step) -> str:
    """A step's dates on two short lines, for table cells."""
    start = french.day(step.start) if step.start else "début non annoncé"
    end = french.day(step.end) if step.end else "sans fin annoncée"
    return f"{start}\n→ {end}"


def period(step: Step) -> str:
    if step.start is None:
        return f"jusqu'au {french.day(step.end)}" if step.end else "sans date annoncée"
    if step.end is None:
        return f"à partir du {french.day(step.start)}"
    if step.end == step.start:
        return f"le {french.day(step.start)}"
    return f"du {french.day(step.start)} au {french.day(step.end)}"


def windows(scheme: Scheme) -> str:
    """Every application window, one per line."""
    steps = application_steps(scheme)
    return "\n".join(span(s) for s in steps) if steps else "pas de dépôt de candidature"


def cofinancing(scheme: Scheme) -> str:
    funding = scheme.funding
    if funding.rate is None:
        text = "taux non précisé"
    elif funding.rate_low is not None and funding.rate_low != funding.rate:
        text = f"{french.rate(funding.rate_low)} à {french.rate(funding.rate)}"
    else:
        text = french.rate(funding.rate)
    excluded = [COSTS[c.value] for c in scheme.funding.excluded_costs]
    if excluded:
        text += " hors " + " et ".join(excluded)
    return text


def status_cell(scheme: Scheme, on: date) -> Text:
    status = scheme_status(scheme, on)
    cell = styled(STATUS[status])
    end = deadline(scheme, on)
    if status is SchemeStatus.closed:
        last = max((s.end for s in application_steps(scheme) if s.end), default=None)
        if last is not None:
            cell.append(f" depuis le {french.day(last + _ONE_DAY)}")
    left = days_left(scheme, on)
    if status is SchemeStatus.open and end is not None and left is not None:
        cell.append(f" jusqu'au {french.day(end)}")
        remaining = "dernier jour" if left == 0 else f"encore {french.days(left)}"
        cell.append(f"\n{remaining}", style="bold red" if left <= URGENT_DAYS else "")
    elif status is SchemeStatus.upcoming:
        window = current_or_next_application(scheme, on)
        if window is not None and window.start is not None:
            cell.append(f"\ncandidatures à partir du {french.day(window.start)}")
    return cell


def as_of_line(on: date) -> Text:
    return Text(f"Au {french.day(on)}", style="italic")


def _table(**settings: object) -> Table:
    """Tables that fit 80 columns: no outer edge, a rule between rows."""
    return Table(
        box=box.SIMPLE_HEAD,
        show_lines=True,
        show_edge=False,
        expand=True,
        pad_edge=False,
        **settings,  # type: ignore[arg-type]
    )


def scheme_cell(scheme: Scheme, *, kinds: bool = False) -> Text:
    cell = Text(scheme.id, style="bold") + prose("\n" + scheme.title)
    if kinds:
        cell.append("\ntypes : " + ", ".join(scheme.kinds), style="dim")
    return cell


def scheme_table(catalog: LoadedCatalog, schemes: Iterable[Scheme], on: date) -> Table:
    table = _table(
        title=" + ".join(s.info.name for s in catalog.sources),
        caption=f"Statut au {french.day(on)}",
    )
    table.add_column("Dispositif (types)", ratio=1, overflow="fold")
    table.add_column("Cofinancement", width=13)
    table.add_column("Candidatures", width=17)
    table.add_column("Statut", width=16)
    for scheme in schemes:
        table.add_row(
            scheme_cell(scheme, kinds=True),
            Text(cofinancing(scheme)),
            Text(windows(scheme)),
            status_cell(scheme, on),
        )
    return table


def print_list(
    catalog: LoadedCatalog, schemes: list[Scheme], on: date, *, limit: int | None = None
) -> None:
    out = console()
    if not schemes:
        out.print(Text("Aucun dispositif dans le catalogue."))
        return
    rows, hidden = shown(out, schemes, limit)
    emit(out, scheme_table(catalog, rows, on))
    more_line(out, hidden, "dispositifs")


def _field(grid: Table, label: str, value: str | Text | None) -> None:
    if value:
        grid.add_row(Text(label, style="bold"), value if isinstance(value, Text) else Text(value))


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def step_table(steps: Iterable[tuple[Scheme, Step]], on: date, *, with_scheme: bool) -> Table:
    table = _table(caption=f"Au {french.day(on)}")
    table.add_column("Dates", width=17)
    table.add_column(
        "Dispositif : étape" if with_scheme else "Étape", ratio=1, min_width=16, overflow="fold"
    )
    table.add_column("Dépôt", width=5)
    table.add_column("Statut", width=15)
    for scheme, item in steps:
        name = prose(item.name)
        if with_scheme:
            name = Text(scheme.id, style="bold") + Text("\n") + name
        cells = [
            Text(span(item)),
            name,
            Text("oui" if item.accepts_applications else "non"),
            step_status_cell(item, on),
        ]
        table.add_row(*cells)
    return table


def step_status_cell(item: Step, on: date) -> Text:
    status = step_status(item, on)
    cell = styled(STEP_STATUS[status])
    if status is StepStatus.current and item.end is not None:
        left = (item.end - on).days
        text = "dernier jour" if left == 0 else f"encore {french.days(left)}"
        cell.append("\n" + text, style="bold red" if left <= URGENT_DAYS else "")
    return cell


def print_show(
    scheme: Scheme,
    catalog: LoadedCatalog,
    on: date,
    advice: Advice | None,
) -> None:
    out = console()
    out.print(Text(scheme.title, style="bold"))
    out.print(Text(scheme.id, style="dim"))
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    _field(grid, "Résumé", scheme.summary)
    _field(grid, "Porté par", scheme.operator)
    _field(grid, "Types", ", ".join(f"{k} ({catalog.kinds.get(k, k)})" for k in scheme.kinds))
    categories = {
        "collectivite": "collectivités",
        "groupement": "groupements",
        "partenaire": "partenaires",
    }
    _field(grid, "Candidats", ", ".join(categories[c.value] for c in scheme.eligibility.applicants))
    rules = scheme.eligibility
    if rules.min_population is not None:
        size = "environ " if rules.population_is_approximate else "au moins "
        size += f"{french.integer(rules.min_population)} habitants concernés"
        if rules.departement_qualifies:
            size += ", ou un département"
        _field(grid, "Taille du projet", size)
    funding = cofinancing(scheme)
    if scheme.funding.note:
        funding += f" ({scheme.funding.note})"
    _field(grid, "Cofinancement", funding)
    _field(grid, "Soutien", ", ".join(scheme.funding.support))
    _field(grid, "Conditions", _bullets(scheme.requirements))
    _field(grid, "Exemples", _bullets(scheme.examples))
    _field(grid, "Financeurs", ", ".join(scheme.financers))
    _field(grid, "Programmes", ", ".join(scheme.programmes))
    _field(grid, "Catégories", "\n".join(scheme.categories))
    _field(grid, "Territoire", scheme.perimeter)
    if scheme.call_for_projects:
        _field(grid, "Appel à projets", "oui")
    _field(grid, "Lien", scheme.url)
    _field(grid, "Candidater", scheme.application_url)
    _field(grid, "Source", scheme.origin_url)
    _field(grid, "Mis à jour", french.day(scheme.updated) if scheme.updated else None)
    _field(grid, "Statut", status_cell(scheme, on))
    upcoming = next_step(scheme, on)
    if upcoming is not None:
        _field(grid, "Prochaine étape", f"{upcoming.name}, {period(upcoming)}")
    _field(grid, "Catalogue", source_label(catalog.origin.get(scheme.id, BUILTIN)))
    out.print(grid)
    out.print()
    out.print(Text("Calendrier", style="bold"))
    emit(out, step_table(((scheme, s) for s in scheme.steps), on, with_scheme=False))
    if advice is not None:
        out.print()
        out.print(
            Text("Éligibilité pour ce profil : ", style="bold") + styled(VERDICT[advice.verdict])
        )
        out.print(reason_lines(advice.assessment.reasons))
        if advice.estimate is not None:
            out.print(estimate_text(advice))


def reason_lines(reasons: Iterable[Reason]) -> Text:
    return Text("\n").join(Text(f"  {OUTCOME_MARK[r.outcome]} {r.text}") for r in reasons)


def estimate_text(advice: Advice) -> Text:
    value = advice.estimate
    assert value is not None
    return Text(
        f"  Estimation : {french.amount(value.amount)} "
        f"({french.rate(value.rate)} d'une base éligible de {french.amount(value.eligible_base)})"
        " — un plafond indicatif, pas une promesse."
    )


def profile_text(profile: Profile, budget: Budget | None, on: date) -> Text:
    parts = []
    if profile.applicant is not None:
        parts.append(f"candidat {profile.applicant.value}")
    else:
        parts.append("candidat non précisé (supposé collectivité ou groupement)")
    if profile.population is not None:
        parts.append(f"population concernée {french.integer(profile.population)}")
    if profile.kinds:
        parts.append("type " + ", ".join(profile.kinds))
    if budget is not None:
        parts.append(f"budget {french.amount(budget.total)}")
    parts.append(f"au {french.day(on)}")
    return Text("Profil : " + " ; ".join(parts), style="italic")


def print_match(
    results: list[Advice],
    profile: Profile,
    budget: Budget | None,
    on: date,
    *,
    explain: bool,
    limit: int | None = None,
) -> None:
    out = console()
    out.print(profile_text(profile, budget, on))
    every = results
    results, hidden = shown(out, results, limit)
    if not results:
        out.print(
            Text(
                "Aucun dispositif ne correspond à ce profil "
                "(--all montre aussi les dispositifs écartés et pourquoi)."
            )
        )
        return
    table = _table()
    table.add_column("Verdict", width=12)
    table.add_column("Dispositif, statut", ratio=1, min_width=24, overflow="fold")
    table.add_column("Pourquoi", ratio=1, min_width=24)
    for advice in results:
        about = scheme_cell(advice.scheme) + Text("\n") + status_cell(advice.scheme, on)
        upcoming = advice.next_step
        if upcoming is not None and upcoming is not current_or_next_application(advice.scheme, on):
            about.append(prose(f"\nensuite : {upcoming.name}, {period(upcoming)}"))
        if advice.estimate is not None:
            about.append(f"\nestimation : {french.amount(advice.estimate.amount)}", style="bold")
        table.add_row(
            styled(VERDICT[advice.verdict]),
            about,
            Text("\n").join(prose("• " + r.text) for r in why(advice)),
        )
    emit(out, table)
    more_line(out, hidden, "dispositifs")
    if budget is not None:
        out.print(
            Text(
                "Estimations : plafonds indicatifs (taux × base éligible), "
                "pas une promesse de financement.",
                style="italic",
            )
        )
    if explain:
        for advice in results:
            out.print()
            out.print(
                Text(f"{advice.scheme.id} : ", style="bold") + styled(VERDICT[advice.verdict])
            )
            out.print(reason_lines(advice.assessment.reasons))
            if advice.next_step is not None:
                out.print(
                    Text(
                        f"  → prochaine étape : {advice.next_step.name}, {period(advice.next_step)}"
                    )
                )
            if advice.estimate is not None:
                out.print(estimate_text(advice))
    if all(a.status is SchemeStatus.closed for a in every):
        out.print(
            Text(
                f"Tous ces dispositifs sont fermés au {french.day(on)} ; "
                "ils restent affichés pour mémoire.",
                style="dim",
            )
        )


def why(advice: Advice) -> tuple[Reason, ...]:
    """The short "why" of a table row: what decided the verdict; for an eligible scheme,
    the conditions it meets beyond the project type the user asked for."""
    decisive = advice.assessment.decisive
    if advice.verdict is Verdict.eligible:
        return tuple(r for r in decisive if r.rule != "kind") or decisive
    return decisive


def print_calendar(
    rows: list[DatedStep], on: date, *, with_scheme: bool, limit: int | None = None
) -> None:
    out = console()
    if not rows:
        out.print(Text("Aucune étape datée dans le catalogue."))
        return
    rows, hidden = shown(out, rows, limit)
    emit(out, step_table(((r.scheme, r.step) for r in rows), on, with_scheme=with_scheme))
    more_line(out, hidden, "étapes")


def print_timeline(rows: list[DatedStep], on: date, *, limit: int | None = None) -> None:
    from relance_cli.timeline import timeline

    out = console()
    rows, hidden = shown(out, rows, limit)
    lines = timeline(rows, on, out.width)
    if not lines:
        out.print(Text("Aucune étape datée dans le catalogue."))
    for line in lines[:-1]:
        out.print(line, no_wrap=True, overflow="crop")
    if lines:
        out.print(lines[-1])  # the legend may wrap
    more_line(out, hidden, "étapes")
