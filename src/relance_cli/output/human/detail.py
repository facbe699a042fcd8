"""`relance show`: every fact about one scheme, its calendar, its sources, its verdict."""

from __future__ import annotations

import os
import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

from rich.cells import cell_len
from rich.console import Console
from rich.style import Style
from rich.table import Table
from rich.text import Text

from relance_cli import l10n
from relance_cli.catalog.paths import BUILTIN, source_label
from relance_cli.core.schedule import next_step, session_on
from relance_cli.i18n import _, ngettext
from relance_cli.output.human.console import console, has_long_word, print_prose
from relance_cli.output.human.rich_cells import (
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
    step_table,
    styled,
    unannounced_lines,
    write_table,
)
from relance_cli.output.results import SchemeDetail

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.models import Scheme


def _field(grid: Table, label: str, value: str | Text | None) -> None:
    if value:
        grid.add_row(Text(label, style="bold"), value if isinstance(value, Text) else Text(value))


class Address(Text):
    """A web address: printed whole on its line by `print_fields`, never folded inside a
    cell, since half an address leads nowhere and cannot be copied."""


def _address(url: str | None) -> Text | None:
    return Address(url) if url else None


def hyperlinks(out: Console) -> bool:
    """OSC 8 links only where a terminal shows them: not to a pipe, not with NO_COLOR
    (which asks for plain output) nor on a dumb terminal."""
    return (
        out.is_terminal
        and not os.environ.get("NO_COLOR")
        and os.environ.get("TERM", "").lower() != "dumb"
    )


def link(out: Console, url: str) -> Text:
    """The address as written, clickable in terminals that support it."""
    return Text(url, style=Style(link=url)) if hyperlinks(out) else Text(url)


def print_fields(out: Console, grid: Table) -> None:
    """The labelled rows of `grid`; an address gets its own unwrapped line (the terminal
    may wrap it, the text stays one piece) between runs of ordinary rows, and so does a
    text holding a word wider than its column (an address inside a summary or a contact),
    wrapped by hand so that the word stays whole."""
    labels, cells = (list(column.cells) for column in grid.columns)
    width = max((cell_len(str(label)) for label in labels), default=0)
    room = out.width - width - 2
    pending: list[tuple[Any, Any]] = []

    def flush() -> None:
        if pending:
            part = Table.grid(padding=(0, 2))
            part.add_column(no_wrap=True, min_width=width)
            part.add_column()
            for row in pending:
                part.add_row(*row)
            out.print(part)
            pending.clear()

    for label, cell in zip(labels, cells, strict=True):
        value = cast(Text, cell)  # `_field` adds Text only
        whole = isinstance(value, Address)
        if not whole and not has_long_word(value.plain, room):
            pending.append((label, linked(out, value)))
            continue
        flush()
        padding = " " * (width - cell_len(str(label)) + 2)
        heading = Text(str(label) + padding, style="bold")
        if whole:
            out.print(joined(heading, link(out, value.plain)), soft_wrap=True)
        else:
            print_prose(out, linked(out, value), room, first=heading)
    flush()


ADDRESS = re.compile(r"https?://[^\s«»<>\"]*[^\s«»<>\".,;:!?)\]']")


def linked(out: Console, text: Text) -> Text:
    """`text` with each web address in it clickable, in terminals that show links."""
    if hyperlinks(out):
        for found in ADDRESS.finditer(text.plain):
            text.stylize(Style(link=found.group()), found.start(), found.end())
    return text


def detail_grid(scheme: Scheme, catalog: LoadedCatalog, on: date) -> Table:
    """Every fact the catalog holds about a scheme, one labelled row each; threshold and
    funding are those of the session that matters on `on`."""
    rules = in_force(scheme, on)
    session = session_on(scheme, on)
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    _field(grid, _("Résumé"), localized(scheme.summary, scheme.summary_en))
    _field(grid, _("Porté par"), scheme.operator)
    _field(grid, _("Instruit par"), ", ".join(scheme.instructors))
    _field(grid, _("Types"), ", ".join(f"{k} ({catalog.kinds.get(k, k)})" for k in scheme.kinds))
    _field(grid, _("Candidats"), applicants(rules))
    _field(grid, _("Autres publics"), other_publics(rules))
    if session is not None and session is not only_session(scheme):
        _field(grid, _("Session"), f"{session.name}, {period(session)}")
    _field(grid, _("Taille du projet"), project_size(rules))
    funding = cofinancing(rules)
    if rules.funding.note:
        funding += f" ({rules.funding.note})"
    _field(grid, _("Cofinancement"), funding)
    _varying_rules(grid, scheme, rules)
    _field(grid, _("Soutien"), ", ".join(rules.funding.support))
    _field(grid, _("Autres aides"), other_support(scheme))
    _field(grid, _("Conditions"), bullets(scheme.requirements))
    _field(grid, _("Exemples"), bullets(scheme.examples))
    _field(grid, _("Financeurs"), ", ".join(scheme.financers))
    _field(grid, _("Programmes"), ", ".join(scheme.programmes))
    _field(grid, _("Catégories"), "\n".join(scheme.categories))
    _field(grid, _("Dépenses"), ", ".join(scheme.destinations))
    _field(grid, _("Étape du projet"), ", ".join(scheme.mobilization_steps))
    _field(grid, _("Territoire"), scheme.perimeter or _("national (non précisé)"))
    if scheme.call_for_projects:
        _field(grid, _("Appel à projets"), _("oui"))
    _field(grid, _("Contact"), scheme.contact)
    _field(grid, _("Lien"), _address(scheme.url))
    _field(grid, _("Candidater"), _address(scheme.application_url))
    _field(grid, _("Source"), _address(scheme.origin_url))
    _field(grid, _("Publié le"), l10n.day(scheme.created) if scheme.created else None)
    _field(grid, _("Mis à jour"), l10n.day(scheme.updated) if scheme.updated else None)
    _field(grid, _("Statut"), status_cell(scheme, on))
    if scheme.revisions:
        text = ngettext(
            "{count} révision du calendrier : show {id} --history",
            "{count} révisions du calendrier : show {id} --history",
            len(scheme.revisions),
        )
        _field(grid, _("Révisions"), text.format(count=len(scheme.revisions), id=scheme.id))
    upcoming = next_step(scheme, on)
    if upcoming is not None:
        _field(grid, _("Prochaine étape"), f"{upcoming.name}, {period(upcoming)}")
    _field(grid, _("Catalogue"), source_label(catalog.origin.get(scheme.id, BUILTIN)))
    return grid


def _varying_rules(grid: Table, scheme: Scheme, rules: Scheme) -> None:
    """What the sources give differently: the doubts relance leaves "à vérifier", and the
    rules some départements gave themselves."""
    _field(grid, _("À vérifier"), bullets(d.reason for d in rules.eligibility.unsettled))
    local = [
        _("département {departements} : {note}").format(
            departements=", ".join(v.departements), note=v.note or _("voir les sources")
        )
        for v in scheme.variants
    ]
    _field(grid, _("Règles locales"), bullets(local))


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


def print_show(result: SchemeDetail) -> None:
    out = console()
    saved_profile_line(out, result.profile_name)
    scheme, advice = result.scheme, result.advice
    out.print(Text(localized(scheme.title, scheme.title_en), style="bold"))
    out.print(Text(scheme.id, style="dim"))
    print_fields(out, detail_grid(scheme, result.catalog, result.on))
    out.print()
    out.print(Text(_("Calendrier"), style="bold"))
    write_table(out, step_table(((scheme, s) for s in scheme.steps), result.on, with_scheme=False))
    note = _("• {step} : {note}")
    notes = [note.format(step=step.name, note=step.note) for step in scheme.steps if step.note]
    if notes:
        print_prose(out, prose("\n".join(notes)))
    sources = source_lines(scheme)
    if sources:
        out.print()
        out.print(Text(_("Sources"), style="bold"))
        for cited, url in sources:
            out.print(Text(cited))
            # Whole on one line, so it can be copied or grepped; the terminal wraps it.
            out.print(joined(Text("  "), link(out, url)), soft_wrap=True)
    if advice is not None:
        out.print()
        title = _("Éligibilité pour ce profil : ")
        if advice.session is not None and only_session(scheme) is None:
            title = _("Éligibilité pour ce profil ({session}) : ").format(
                session=advice.session.name
            )
        out.print(joined(Text(title, style="bold"), styled(VERDICT[advice.verdict])))
        print_prose(out, reason_lines(advice.assessment.reasons))
        if advice.estimate is not None:
            out.print(estimate_text(advice))
        for line in unannounced_lines(advice, result.on):
            print_prose(out, prose("  " + line, style="italic"))
    if result.sessions:
        out.print()
        out.print(Text(_("Session par session"), style="bold"))
        for verdict in result.sessions:
            session = verdict.session
            out.print(
                Text(
                    _("{session}, {period} : ").format(
                        session=session.name, period=period(session)
                    ),
                    style="bold",
                )
                + styled(VERDICT[verdict.assessment.verdict])
            )
            print_prose(out, reason_lines(verdict.assessment.reasons))
            if verdict.estimate is not None:
                out.print(estimate_text(verdict))
