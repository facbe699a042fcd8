"""`relance show`: every fact about one scheme, its calendar, its sources, its verdict.

Described as light data (`Styled` lines, the labelled `fields.Field`s, the calendar's
`Grid`) and printed on a `screen.Screen`: through Rich's console in a terminal (colours,
clickable addresses: `rich_fields`), laid out by `fields` and `output/plain.py`
everywhere else, without importing Rich's console, table or text.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from relance_cli import l10n
from relance_cli.catalog.paths import BUILTIN, source_label
from relance_cli.core.schedule import next_step, session_on
from relance_cli.i18n import _, ngettext
from relance_cli.output.human.calendars import step_table
from relance_cli.output.human.cells import (
    VERDICT,
    applicants,
    bullets,
    cofinancing,
    estimate_text,
    in_force,
    joined,
    localized,
    only_session,
    other_support,
    period,
    prose,
    reason_lines,
    saved_profile_line,
    source_lines,
    status_cell,
    styled,
    unannounced_lines,
)
from relance_cli.output.human.fields import Field
from relance_cli.output.human.screen import (
    NARROW,
    PlainScreen,
    RichScreen,
    Screen,
    print_prose,
    screen,
)
from relance_cli.output.layout import Grid, Styled
from relance_cli.output.results import SchemeDetail

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.models import Scheme


class Fields(list[Field]):
    """The labelled facts, in order; an empty value adds none."""

    def add(self, label: str, value: str | Styled | None, *, address: bool = False) -> None:
        if value is None:
            return
        # French spacing kept together in catalog text; an address stays as written.
        text = value if isinstance(value, Styled) else Styled(value) if address else prose(value)
        if text.plain:
            self.append(Field(label, text, address=address))


def detail_fields(scheme: Scheme, catalog: LoadedCatalog, on: date) -> Fields:
    """Every fact the catalog holds about a scheme, one labelled row each; threshold and
    funding are those of the session that matters on `on`."""
    rules = in_force(scheme, on)
    session = session_on(scheme, on)
    grid = Fields()
    grid.add(_("Résumé"), localized(scheme.summary, scheme.summary_en))
    grid.add(_("Porté par"), scheme.operator)
    grid.add(_("Instruit par"), ", ".join(scheme.instructors))
    grid.add(_("Types"), ", ".join(f"{k} ({catalog.kinds.get(k, k)})" for k in scheme.kinds))
    grid.add(_("Candidats"), applicants(rules))
    grid.add(_("Autres publics"), other_publics(rules))
    if session is not None and session is not only_session(scheme):
        grid.add(_("Session"), f"{session.name}, {period(session)}")
    grid.add(_("Taille du projet"), project_size(rules))
    funding = cofinancing(rules)
    if rules.funding.note:
        funding += f" ({rules.funding.note})"
    grid.add(_("Cofinancement"), funding)
    _varying_rules(grid, scheme, rules)
    grid.add(_("Soutien"), ", ".join(rules.funding.support))
    grid.add(_("Autres aides"), other_support(scheme))
    grid.add(_("Conditions"), bullets(scheme.requirements))
    grid.add(_("Exemples"), bullets(scheme.examples))
    grid.add(_("Financeurs"), ", ".join(scheme.financers))
    grid.add(_("Programmes"), ", ".join(scheme.programmes))
    grid.add(_("Catégories"), "\n".join(scheme.categories))
    grid.add(_("Dépenses"), ", ".join(scheme.destinations))
    grid.add(_("Étape du projet"), ", ".join(scheme.mobilization_steps))
    grid.add(_("Territoire"), scheme.perimeter or _("national (non précisé)"))
    if scheme.call_for_projects:
        grid.add(_("Appel à projets"), _("oui"))
    grid.add(_("Contact"), scheme.contact)
    grid.add(_("Lien"), scheme.url, address=True)
    grid.add(_("Candidater"), scheme.application_url, address=True)
    grid.add(_("Source"), scheme.origin_url, address=True)
    grid.add(_("Publié le"), l10n.day(scheme.created) if scheme.created else None)
    grid.add(_("Mis à jour"), l10n.day(scheme.updated) if scheme.updated else None)
    grid.add(_("Statut"), status_cell(scheme, on))
    if scheme.revisions:
        text = ngettext(
            "{count} révision du calendrier : show {id} --history",
            "{count} révisions du calendrier : show {id} --history",
            len(scheme.revisions),
        )
        grid.add(_("Révisions"), text.format(count=len(scheme.revisions), id=scheme.id))
    upcoming = next_step(scheme, on)
    if upcoming is not None:
        grid.add(_("Prochaine étape"), f"{upcoming.name}, {period(upcoming)}")
    grid.add(_("Catalogue"), source_label(catalog.origin.get(scheme.id, BUILTIN)))
    return grid


def _varying_rules(grid: Fields, scheme: Scheme, rules: Scheme) -> None:
    """What the sources give differently: the doubts relance leaves "à vérifier", and the
    rules some départements gave themselves."""
    grid.add(_("À vérifier"), bullets(d.reason for d in rules.eligibility.unsettled))
    local = [
        _("département {departements} : {note}").format(
            departements=", ".join(v.departements), note=v.note or _("voir les sources")
        )
        for v in scheme.variants
    ]
    grid.add(_("Règles locales"), bullets(local))


def other_publics(scheme: Scheme) -> str | None:
    """The audiences the source names besides those relance judges: those it does not
    advise (private persons, farmers), and those it does not recognise."""
    rules = scheme.eligibility
    lines = []
    if rules.unjudged_audiences:
        text = _("{publics} (non jugés par relance)")
        lines.append(text.format(publics=", ".join(rules.unjudged_audiences)))
    if rules.other_audiences:
        text = _("{publics} (non reconnus par relance : à vérifier)")
        lines.append(text.format(publics=", ".join(rules.other_audiences)))
    return "\n".join(lines) or None


def project_size(scheme: Scheme) -> str | None:
    rules = scheme.eligibility
    if rules.min_population is None:
        if rules.population_below is None:
            return None
        return _("moins de {count} habitants").format(count=l10n.integer(rules.population_below))
    count = l10n.integer(rules.min_population)
    if rules.population_is_approximate:
        text = ngettext(
            "environ {count} habitant concerné",
            "environ {count} habitants concernés",
            rules.min_population,
        )
    else:
        text = ngettext(
            "au moins {count} habitant concerné",
            "au moins {count} habitants concernés",
            rules.min_population,
        )
    size = text.format(count=count)
    if rules.departement_qualifies:
        size += _(", ou un département")
    if rules.near_threshold is not None and rules.approximate_margin:
        margin = l10n.rate(Decimal(str(rules.approximate_margin)))
        text = _(
            " (jusqu'à {margin} en dessous : à vérifier, lecture de relance, pas de la source)"
        )
        size += text.format(margin=margin)
    if rules.population_below is not None:
        text = _("moins de {count} habitants")
        size += " ; " + text.format(count=l10n.integer(rules.population_below))
    return size


def print_fields(out: Screen, fields: list[Field]) -> None:
    if out.width < NARROW:
        from relance_cli.output.human.fields import stacked_field_lines

        lines = stacked_field_lines(fields, out.width)
        if isinstance(out, RichScreen):
            from relance_cli.output.human import rich_fields

            rich_fields.print_stacked(out.out, lines)
        else:
            for head, text, _field in lines:
                out.print(Styled(head + text), soft_wrap=True)
        return
    if isinstance(out, RichScreen):
        from relance_cli.output.human import rich_fields

        rich_fields.print_fields(out.out, fields)
        return
    from relance_cli.output.human.fields import field_lines

    for line in field_lines(fields, out.width):
        out.print(Styled(line), soft_wrap=True)


def print_address(out: Screen, head: Styled, url: str) -> None:
    """`head`, then the address whole on the line (a terminal wraps it, and makes it
    clickable where it can): so it can be copied or grepped."""
    if isinstance(out, RichScreen):
        from relance_cli.output.human import rich_fields

        rich_fields.print_address(out.out, head, url)
    else:
        out.print(head.append(url), soft_wrap=True)


def write_table(out: Screen, grid: Grid) -> None:
    """Rich's table in a terminal, the plain one elsewhere."""
    if isinstance(out, RichScreen) and not out.is_terminal:
        PlainScreen(out.width).table(grid)
    else:
        out.table(grid)


def print_show(result: SchemeDetail) -> None:
    out = screen()
    saved_profile_line(out, result.profile_name)
    scheme, advice = result.scheme, result.advice
    out.print(prose(localized(scheme.title, scheme.title_en), style="bold"))
    out.print(Styled(scheme.id, style="dim"))
    print_fields(out, detail_fields(scheme, result.catalog, result.on))
    out.print()
    out.print(Styled(_("Calendrier"), style="bold"))
    write_table(out, step_table(((scheme, s) for s in scheme.steps), result.on, with_scheme=False))
    note = _("• {step} : {note}")
    notes = [note.format(step=step.name, note=step.note) for step in scheme.steps if step.note]
    if notes:
        print_prose(out, prose("\n".join(notes)))
    sources = source_lines(scheme)
    if sources:
        out.print()
        out.print(Styled(_("Sources"), style="bold"))
        for cited, url in sources:
            out.print(prose(cited))
            print_address(out, Styled("  "), url)
    if advice is not None:
        out.print()
        title = _("Éligibilité pour ce profil : ")
        if advice.session is not None and only_session(scheme) is None:
            title = _("Éligibilité pour ce profil ({session}) : ").format(
                session=advice.session.name
            )
        out.print(joined(Styled(title, style="bold"), styled(VERDICT[advice.verdict])))
        print_prose(out, reason_lines(advice.assessment.reasons))
        if advice.estimate is not None:
            out.print(estimate_text(advice))
        for line in unannounced_lines(advice, result.on):
            print_prose(out, prose("  " + line, style="italic"))
    if result.sessions:
        out.print()
        out.print(Styled(_("Session par session"), style="bold"))
        for verdict in result.sessions:
            session = verdict.session
            heading = _("{session}, {period} : ").format(
                session=session.name, period=period(session)
            )
            out.print(
                joined(Styled(heading, style="bold"), styled(VERDICT[verdict.assessment.verdict]))
            )
            print_prose(out, reason_lines(verdict.assessment.reasons))
            if verdict.estimate is not None:
                out.print(estimate_text(verdict))
