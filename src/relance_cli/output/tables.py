"""Tables and text for people, in the interface language (French unless asked otherwise).

Every catalog value reaches Rich as a `Text`, never as a markup string, so a title like
`[bold red]x[/]` prints literally; control characters were already refused by the models.
Colour only when writing to a terminal and NO_COLOR is unset (Rich decides both).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal
from functools import singledispatch
from typing import TYPE_CHECKING, Any, TypeVar

from rich import _wrap, box
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from relance_cli import l10n
from relance_cli.catalog.paths import BUILTIN, source_label
from relance_cli.core.models import Scheme, Step
from relance_cli.core.schedule import (
    CLOSING_SOON_DAYS,
    SchemeStatus,
    Standing,
    StepStatus,
    announced,
    application_steps,
    in_session,
    next_step,
    session_on,
    standing,
    step_status,
)
from relance_cli.core.vocabulary import Applicant, Verdict
from relance_cli.i18n import N_, _, language, ngettext
from relance_cli.limits import TERMINAL_ROWS
from relance_cli.output import terminal
from relance_cli.output.reasons import sentence as reason_text
from relance_cli.output.results import (
    CalendarResult,
    CaseResults,
    DiffResult,
    ImportSummary,
    KindList,
    MatchResult,
    ProfileDetail,
    ProfileListing,
    SchemeDetail,
    SchemeHistory,
    SchemeList,
    SearchResult,
    ValidationResult,
)
from relance_cli.output.terminal import clean

if TYPE_CHECKING:  # `list` and `calendar` load no rule of eligibility
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.advisor import Advice, SessionVerdict
    from relance_cli.core.eligibility import Profile, Reason
    from relance_cli.core.estimate import Budget
    from relance_cli.search.excerpt import Excerpt

# Rich wraps lines at any Unicode space, non-breaking ones included, which would cut
# "600 000" or "28 mai 2021" in two inside a table cell (Textualize/rich#3545, open when
# this was written). Its word pattern is replaced once, here, with one that breaks at ASCII
# whitespace only; the assertion fails loudly if a Rich release renames it, and
# tests/test_render.py checks the effect in a forced terminal.
assert isinstance(_wrap.re_word, re.Pattern), "rich._wrap.re_word moved: see Textualize/rich#3545"
_wrap.re_word = re.compile(r"[ \t\n\r\f\v]*[^ \t\n\r\f\v]+[ \t\n\r\f\v]*")

T = TypeVar("T")
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
APPLICANT = {  # one applicant, as the profile line names it
    Applicant.commune: N_("commune"),
    Applicant.departement: N_("département"),
    Applicant.region: N_("région"),
    Applicant.epci: N_("EPCI"),
    Applicant.syndicat: N_("syndicat"),
    Applicant.partenaire: N_("partenaire"),
    Applicant.etablissement_public: N_("établissement public"),
}
OUTCOME_MARK = {"pass": "✓", "fail": "✗", "unknown": "?"}  # by Outcome value
MORE = {
    "schemes": N_(
        "… {count} dispositifs de plus : --limit 0 pour tout afficher, ou --format json / csv"
    ),
    "steps": N_("… {count} étapes de plus : --limit 0 pour tout afficher, ou --format json / csv"),
}


class SafeConsole(Console):
    """Rich's console, with every character of text (not of Rich's own styles) going
    through `terminal.clean`: what Rich prints is held to the same rule as the rest."""

    def on_broken_pipe(self) -> None:
        """Rich would exit 1 itself; the command line decides (see `reader_stopped`)."""
        self.quiet = True
        raise BrokenPipeError

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        text = super()._render_buffer(
            segment if segment.control else Segment(clean(segment.text), segment.style)
            for segment in buffer
        )
        if self.is_terminal:
            return text
        # Rich pads every cell to its width; in a file or a pipe that padding is only
        # trailing spaces, which diff, grep and copy-paste trip over.
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))


assert hasattr(Console, "_render_buffer"), "Console._render_buffer moved: see SafeConsole"


MAX_SIZE = 1_000  # columns or lines: COLUMNS=99999999 would build gigabytes of blanks


def console() -> Console:
    from relance_cli.output import pager

    paged = pager.size()  # stdout is the pager's pipe: a terminal of the real one's size
    return SafeConsole(
        file=terminal.text_stream(sys.stdout),
        highlight=False,
        emoji=False,
        markup=False,
        _environ=_clamped_environ(),
        force_terminal=True if paged else None,
        width=paged.columns if paged else None,
        height=paged.lines if paged else None,
    )


def _clamped_environ() -> dict[str, str]:
    """The environment Rich reads its size from, with COLUMNS and LINES at most MAX_SIZE
    (a number too long for `int()` included)."""
    import os

    environ = dict(os.environ)
    for variable in ("COLUMNS", "LINES"):
        value = environ.get(variable, "")
        if value.isascii() and value.isdigit() and (len(value) > 6 or int(value) > MAX_SIZE):
            environ[variable] = str(MAX_SIZE)
    return environ


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
        out.print(Text(_(MORE[what]).format(count=l10n.integer(hidden)), style="bold"))


NARROW = 60  # columns: below, a table's columns side by side would overflow


def cramped(table: Table, width: int) -> bool:
    """Whether the columns of free width would be left narrower than their minimum (16
    columns at least, to read a word in) beside the fixed ones."""
    columns = table.columns
    fixed = sum(c.width for c in columns if c.width is not None)
    need = sum(max(c.min_width or 0, 16) for c in columns if c.width is None)
    return width - fixed - 3 * (len(columns) - 1) < need


def emit(out: Console, table: Table) -> None:
    """Rich in a terminal; plain text (the same layout, much faster) everywhere else; one
    field per line on a narrow screen."""
    if out.width < NARROW or cramped(table, out.width):
        from relance_cli.output.plain import stacked_text

        terminal.write_text(stacked_text(table, out.width))
    elif out.is_terminal:
        out.print(table)
    else:
        from relance_cli.output.plain import table_text

        terminal.write_text(table_text(table, out.width))


def localized(french_text: str, english: str | None) -> str:
    """Catalog text stays as written, unless the catalog offers it in the language asked."""
    return english if english and language() == "en" else french_text


def prose(text: str, style: str = "") -> Text:
    """Text for people, French spacing kept together; never parsed as markup."""
    return Text(l10n.typography(text), style=style)


def joined(first: Text, *others: Text) -> Text:
    """`first + other + …` without a copy of the text at each step: Rich copies a Text
    it adds to, scanning it for control codes again, which came to half the time of a
    5,000-row table."""
    for other in others:
        first.append_text(other)
    return first


def styled(pair: tuple[str, str]) -> Text:
    """A translated label with its style."""
    return Text(_(pair[0]), style=pair[1])


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


def status_cell(scheme: Scheme, on: date, now: Standing | None = None) -> Text:
    now = now or standing(scheme, on)
    status, end, left = now.status, now.deadline, now.days_left
    cell = styled(STATUS[status])
    if status is SchemeStatus.closed:
        last = max((s.end for s in application_steps(scheme) if s.end), default=None)
        if last is not None:
            cell.append(" " + _("depuis le {day}").format(day=l10n.day(last + _ONE_DAY)))
    if status is SchemeStatus.open and end is not None and left is not None:
        cell.append(" " + _("jusqu'au {end}").format(end=l10n.day(end)))
        remaining = (
            _("dernier jour") if left == 0 else _("encore {days}").format(days=l10n.days(left))
        )
        cell.append(f"\n{remaining}", style="bold red" if left <= CLOSING_SOON_DAYS else "")
    elif status is SchemeStatus.upcoming:
        window = now.step
        if window is not None and window.start is not None:
            opening = _("candidatures à partir du {day}").format(day=l10n.day(window.start))
            cell.append("\n" + opening)
    return cell


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
    cell = joined(
        Text(scheme.id, style="bold"), prose("\n" + localized(scheme.title, scheme.title_en))
    )
    if kinds:
        cell.append("\n" + _("types : {kinds}").format(kinds=", ".join(scheme.kinds)), style="dim")
    return cell


def scheme_table(catalog: LoadedCatalog, schemes: Iterable[Scheme], on: date) -> Table:
    table = _table(
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
            Text(cofinancing(in_force(scheme, on))),
            Text(windows(scheme)),
            status_cell(scheme, on),
        )
    return table


def saved_profile_line(out: Console, name: str | None) -> None:
    """Which saved profile is in force, before what it changed."""
    if name is not None:
        out.print(Text(_("Profil enregistré « {name} »").format(name=name), style="italic"))


IMPORT_SITE = "https://aides-territoires.beta.gouv.fr"
COMPACT_FIXED = 13 + 17 + 2 * 3  # the compact table's other columns, and two gaps


def imported(catalog: LoadedCatalog) -> bool:
    """An import of Aides-territoires: hundreds of aids, a dozen long categories each."""
    return any((s.info.source or "").startswith(IMPORT_SITE) for s in catalog.sources)


def compact_table(catalog: LoadedCatalog, schemes: Iterable[Scheme], on: date, width: int) -> Table:
    """Two lines an aid: its id and title, then its categories as words, each line cut
    at a word boundary to the room it has."""
    table = Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        expand=True,
        pad_edge=False,
        title=" + ".join(s.info.name for s in catalog.sources),
        caption=_("Statut au {day}").format(day=l10n.day(on)),
    )
    room = max(20, width - COMPACT_FIXED)
    table.add_column(_("Dispositif, catégories"), ratio=1, no_wrap=True)
    table.add_column(_("Cofinancement"), width=13)
    table.add_column(_("Statut"), width=17)  # « 1er décembre 2021 » on one line
    for scheme in schemes:
        title = f"{scheme.id} {localized(scheme.title, scheme.title_en)}"
        labels = [catalog.kinds.get(k, k).rpartition("›")[2].strip() for k in scheme.kinds]
        cell = joined(
            Text(cut_words(clean(title), room), style="bold", no_wrap=True),
            Text("\n" + cut_words(clean(", ".join(labels)), room), style="dim", no_wrap=True),
        )
        table.add_row(cell, Text(cofinancing(in_force(scheme, on))), status_cell(scheme, on))
    return table


def cut_words(text: str, room: int) -> str:
    """The text whole, or cut at its last space that leaves room for « … »."""
    if len(text) <= room:
        return text
    head = text[: room - 1]
    space = head.rfind(" ")
    return (head[:space] if space > room // 3 else head).rstrip(" ,") + "…"


def print_list(result: SchemeList) -> None:
    out = console()
    saved_profile_line(out, result.profile_name)
    if not result.catalog.schemes:
        from relance_cli.output.dead_ends import explain

        for sentence in explain(result.filtered, result.on, show_all=True, searched=False):
            out.print(Text(sentence))
        return
    rows, hidden = shown(out, result.catalog.schemes, result.limit)
    if imported(result.catalog):
        emit(out, compact_table(result.catalog, rows, result.on, out.width))
    else:
        emit(out, scheme_table(result.catalog, rows, result.on))
    more_line(out, hidden, "schemes")


def _field(grid: Table, label: str, value: str | Text | None) -> None:
    if value:
        grid.add_row(Text(label, style="bold"), value if isinstance(value, Text) else Text(value))


def applicants(scheme: Scheme) -> str:
    """Who may apply: the exact publics when the source names them, else the categories."""
    rules = scheme.eligibility
    if rules.applicant_types:
        return ", ".join(_(a.label) for a in rules.applicant_types)
    return ", ".join(_(c.label) for c in rules.applicants)


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
    may wrap it, the text stays one piece) between runs of ordinary rows."""
    labels, cells = (list(column.cells) for column in grid.columns)
    width = max((cell_len(str(label)) for label in labels), default=0)
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

    for label, value in zip(labels, cells, strict=True):
        if not isinstance(value, Address):
            pending.append((label, value))
            continue
        flush()
        padding = " " * (width - cell_len(str(label)) + 2)
        heading = Text(str(label) + padding, style="bold")
        out.print(joined(heading, link(out, value.plain)), soft_wrap=True)
    flush()


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"• {item}" for item in items)


def step_table(steps: Iterable[tuple[Scheme, Step]], on: date, *, with_scheme: bool) -> Table:
    table = _table(caption=_("Au {day}").format(day=l10n.day(on)))
    table.add_column(_("Dates"), width=19)
    table.add_column(
        _("Dispositif : étape") if with_scheme else _("Étape"),
        ratio=1,
        min_width=16,
        overflow="fold",
    )
    table.add_column(_("Dépôt"), width=5)
    table.add_column(_("Statut"), width=15)
    for scheme, item in steps:
        name = prose(item.name)
        if with_scheme:
            name = joined(Text(scheme.id, style="bold"), Text("\n"), name)
        cells = [
            Text(span(item)),
            name,
            Text(_("oui") if item.accepts_applications else _("non")),
            step_status_cell(item, on, scheme),
        ]
        table.add_row(*cells)
    return table


def step_status_cell(item: Step, on: date, scheme: Scheme) -> Text:
    status = step_status(item, on, scheme)
    cell = styled(STEP_STATUS[status])
    if status is StepStatus.current and item.end is not None:
        left = (item.end - on).days
        text = _("dernier jour") if left == 0 else _("encore {days}").format(days=l10n.days(left))
        cell.append("\n" + text, style="bold red" if left <= CLOSING_SOON_DAYS else "")
    return cell


def in_force(scheme: Scheme, on: date) -> Scheme:
    """The scheme under the rules of the session that matters on `on`."""
    return in_session(scheme, session_on(scheme, on))


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
    if session is not None and session is not _only_session(scheme):
        _field(grid, _("Session"), f"{session.name}, {period(session)}")
    _field(grid, _("Taille du projet"), project_size(rules))
    funding = cofinancing(rules)
    if rules.funding.note:
        funding += f" ({rules.funding.note})"
    _field(grid, _("Cofinancement"), funding)
    _varying_rules(grid, scheme, rules)
    _field(grid, _("Soutien"), ", ".join(rules.funding.support))
    _field(grid, _("Autres aides"), other_support(scheme))
    _field(grid, _("Conditions"), _bullets(scheme.requirements))
    _field(grid, _("Exemples"), _bullets(scheme.examples))
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
    _field(grid, _("À vérifier"), _bullets(d.reason for d in rules.eligibility.unsettled))
    local = [
        _("département {departements} : {note}").format(
            departements=", ".join(v.departements), note=v.note or _("voir les sources")
        )
        for v in scheme.variants
    ]
    _field(grid, _("Règles locales"), _bullets(local))


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


def _only_session(scheme: Scheme) -> Step | None:
    steps = application_steps(scheme)
    return steps[0] if len(steps) == 1 else None


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
    emit(out, step_table(((scheme, s) for s in scheme.steps), result.on, with_scheme=False))
    note = _("• {step} : {note}")
    notes = [note.format(step=step.name, note=step.note) for step in scheme.steps if step.note]
    if notes:
        out.print(prose("\n".join(notes)))
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
        if advice.session is not None and _only_session(scheme) is None:
            title = _("Éligibilité pour ce profil ({session}) : ").format(
                session=advice.session.name
            )
        out.print(joined(Text(title, style="bold"), styled(VERDICT[advice.verdict])))
        out.print(reason_lines(advice.assessment.reasons))
        if advice.estimate is not None:
            out.print(estimate_text(advice))
        for line in unannounced_lines(advice, result.on):
            out.print(prose("  " + line, style="italic"))
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
            out.print(reason_lines(verdict.assessment.reasons))
            if verdict.estimate is not None:
                out.print(estimate_text(verdict))


def source_lines(scheme: Scheme) -> list[tuple[str, str]]:
    """The scheme's sources, then each step's, as people cite them: (title, address)."""
    lines = []
    for where, sources in (("", scheme.sources), *((s.name, s.sources) for s in scheme.steps)):
        for source in sources:
            when = f", {l10n.day(source.date)}" if source.date else ""
            prefix = f"[{where}] " if where else ""
            lines.append((f"• {prefix}{source.title}{when}", source.url))
    return lines


def reason_lines(reasons: Iterable[Reason]) -> Text:
    return Text("\n").join(Text(f"  {OUTCOME_MARK[r.outcome]} {reason_text(r)}") for r in reasons)


def estimate_text(advice: Advice | SessionVerdict) -> Text:
    value = advice.estimate
    assert value is not None
    text = _(
        "  Estimation : {amount} ({rate} d'une base éligible de {base}) — un plafond "
        "indicatif, pas une promesse."
    )
    return Text(
        text.format(
            amount=l10n.amount(value.amount),
            rate=l10n.rate(value.rate),
            base=l10n.amount(value.eligible_base),
        )
    )


def profile_text(profile: Profile, budget: Budget | None, on: date) -> Text:
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
    return Text(_("Profil : {parts}").format(parts=_(" ; ").join(parts)), style="italic")


def match_table(
    results: list[Advice],
    on: date,
    excerpts: dict[str, Excerpt] | None = None,
    *,
    budget: bool = False,
) -> Table:
    table = _table()
    table.add_column(_("Verdict"), width=12)
    # An id is copied into `show ID`: wide enough to hold it whole, up to a point.
    widest = max((len(advice.scheme.id) for advice in results), default=0)
    table.add_column(
        _("Dispositif, statut"), ratio=1, min_width=max(24, min(widest, 36)), overflow="fold"
    )
    table.add_column(_("Pourquoi"), ratio=1, min_width=24)
    for advice in results:
        cell = advice_cell(advice, on, budget=budget)
        found = (excerpts or {}).get(advice.scheme.id)
        if found is not None and found.text:
            cell.append("\n")
            cell.append_text(excerpt_text(found))
        table.add_row(
            styled(VERDICT[advice.verdict]),
            cell,
            Text("\n").join(prose("• " + reason_text(r)) for r in why(advice)),
        )
    return table


def estimated(advice: Advice, budget: bool) -> bool:
    """Whether a row speaks of money: with a budget, every scheme that may fund the
    project shows an estimate, or « taux non précisé » when its rate is unknown."""
    return budget and advice.verdict is not Verdict.ineligible


def excerpt_text(found: Excerpt) -> Text:
    """The passage that matched, its matching words marked (styles show in a terminal
    only: a pipe gets the plain words)."""
    text = Text(found.text, style="italic")
    for start, end in found.marks:
        text.stylize("bold reverse", start, end)
    return text


def advice_cell(advice: Advice, on: date, *, budget: bool = False) -> Text:
    """The scheme, where it stands, what comes next and what it could bring."""
    now = standing(advice.scheme, on)
    cell = joined(scheme_cell(advice.scheme), Text("\n"), status_cell(advice.scheme, on, now))
    if advice.session is not None and _only_session(advice.scheme) is None:
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


def explanation(advice: Advice, on: date) -> list[Text]:
    """Every rule checked for one scheme, then its next step and estimate."""
    lines = [
        Text(_("{id} : ").format(id=advice.scheme.id), style="bold")
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
    out = console()
    on = result.on
    saved_profile_line(out, result.profile_name)
    out.print(profile_text(result.profile, result.budget, on))
    results, hidden = shown(out, result.results, result.limit)
    if not results:
        from relance_cli.output.dead_ends import explain

        searched = isinstance(result, SearchResult)
        for sentence in explain(result.filtered, on, show_all=result.show_all, searched=searched):
            out.print(Text(sentence))
        return
    excerpts = result.excerpts if isinstance(result, SearchResult) else None
    emit(out, match_table(results, on, excerpts, budget=result.budget is not None))
    more_line(out, hidden, "schemes")
    if result.set_aside:
        text = ngettext(
            "{count} dispositif écarté : --all pour le voir",
            "{count} dispositifs écartés : --all pour les voir",
            result.set_aside,
        )
        out.print(Text(text.format(count=l10n.integer(result.set_aside)), style="dim"))
    if any(estimated(advice, result.budget is not None) for advice in results):
        text = _(
            "Estimations : plafonds indicatifs (taux × base éligible), "
            "pas une promesse de financement."
        )
        out.print(Text(text, style="italic"))
    if result.explain:
        for advice in results:
            out.print()
            for line in explanation(advice, on):
                out.print(line)
    if all(a.status is SchemeStatus.closed for a in result.results):
        text = _("Tous ces dispositifs sont fermés au {day} ; ils restent affichés pour mémoire.")
        out.print(Text(text.format(day=l10n.day(on)), style="dim"))


def why(advice: Advice) -> tuple[Reason, ...]:
    """The short "why" of a table row: what decided the verdict; for an eligible scheme,
    the conditions it meets beyond the project type the user asked for."""
    decisive = advice.assessment.decisive
    if advice.verdict is Verdict.eligible:
        return tuple(r for r in decisive if r.rule != "kind") or decisive
    return decisive


def print_calendar(result: CalendarResult) -> None:
    out = console()
    saved_profile_line(out, result.profile_name)
    if not result.rows and result.filtered is not None and result.filtered.removed:
        from relance_cli.output.dead_ends import explain

        for sentence in explain(result.filtered, result.on, show_all=False, searched=False):
            out.print(Text(sentence))
        return
    if not result.rows:
        out.print(Text(_("Aucune étape datée dans le catalogue.")))
        return
    rows, hidden = shown(out, result.rows, result.limit)
    steps = ((r.scheme, r.step) for r in rows)
    emit(out, step_table(steps, result.on, with_scheme=result.with_scheme))
    more_line(out, hidden, "steps")


def print_timeline(result: CalendarResult) -> None:
    from relance_cli.output.timeline import timeline

    out = console()
    saved_profile_line(out, result.profile_name)
    rows, hidden = shown(out, result.rows, result.limit)
    lines = timeline(rows, result.on, out.width)
    if not lines:
        out.print(Text(_("Aucune étape datée dans le catalogue.")))
    for line in lines[:-1]:
        out.print(line, no_wrap=True, overflow="crop")
    if lines:
        out.print(lines[-1])  # the legend may wrap
    more_line(out, hidden, "steps")


def print_validation(result: ValidationResult) -> None:
    report = result.report
    lines = []
    for checked in report.files:
        lines += [f"✗ {line}" for line in checked.problems]
        if not checked.problems:
            text = ngettext(
                "✓ {file} : {count} dispositif, valide",
                "✓ {file} : {count} dispositifs, valides",
                checked.schemes,
            )
            lines.append(text.format(file=checked.label, count=checked.schemes))
    lines += [f"✗ {line}" for line in report.cross_file]
    lines.append(report.summary())
    terminal.write_text("\n".join(lines) + "\n")


def print_import(result: ImportSummary) -> None:
    report = result.report
    text = _("{read} aide(s) lue(s), {written} écrite(s) dans {file}, {skipped} écartée(s).")
    values = {"read": report.read, "written": len(report.written), "skipped": len(report.skipped)}
    lines = [text.format(file=result.target, **values)]
    if report.duplicates:
        text = ngettext(
            "  {count} doublon : la version la plus récente est gardée",
            "  {count} doublons : la version la plus récente est gardée",
            report.duplicates,
        )
        lines.append(text.format(count=l10n.integer(report.duplicates)))
    for scheme_id, reason in report.skipped:
        lines.append(_("  écartée {id} : {reason}").format(id=scheme_id, reason=reason))
    for scheme_id, message in report.notes:
        lines.append(_("  note {id} : {message}").format(id=scheme_id, message=message))
    if report.unknown_audiences:
        counted = ", ".join(
            f"{label} ({count})" for label, count in report.unknown_audiences.most_common()
        )
        text = _("  publics non reconnus (gardés ; un refus devient « à vérifier ») : {labels}")
        lines.append(text.format(labels=counted))
    terminal.write_text("\n".join(lines) + "\n")


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


def print_kinds(result: KindList) -> None:
    out = console()
    if not result.kinds:  # pragma: no cover - a catalog declares at least one type
        return
    table = _table()
    # An id is what a user types after --type: whole on its line, up to a point.
    widest = max(len(kind.id) for kind in result.kinds)
    table.add_column(_("Type (--type)"), ratio=1, min_width=min(widest, 48), overflow="fold")
    table.add_column(_("Libellé"), ratio=2)
    table.add_column(_("Dispositifs"), width=11, justify="right")
    for kind in result.kinds:
        table.add_row(Text(kind.id, style="bold"), prose(kind.label), l10n.integer(kind.schemes))
    emit(out, table)


@singledispatch
def print_result(result: Any) -> None:
    raise TypeError(f"no table for {type(result).__name__}")  # pragma: no cover


def render(result: Any) -> None:
    """In a terminal, through the pager (see `pager`)."""
    from relance_cli.output import pager

    with pager.paging():
        print_result(result)


@print_result.register(DiffResult)
def _diff(result: DiffResult) -> None:
    from relance_cli.output import changes

    changes.print_table(result)


@print_result.register(ProfileListing)
def _profiles(result: ProfileListing) -> None:
    from relance_cli.output import profiles

    profiles.print_listing(result)


@print_result.register(ProfileDetail)
def _profile(result: ProfileDetail) -> None:
    from relance_cli.output import profiles

    profiles.print_detail(result)


@print_result.register(SchemeHistory)
def print_history(result: SchemeHistory) -> None:
    """Each announcement and each revision of a scheme, oldest first, with its sources."""
    out = console()
    scheme = result.scheme
    out.print(Text(localized(scheme.title, scheme.title_en), style="bold"))
    out.print(Text(scheme.id, style="dim"))
    if not result.changes:
        out.print(Text(_("Aucune date d'annonce : ni le catalogue ni ses sources n'en donnent.")))
    for change in result.changes:
        out.print()
        title = _("{day} : révision") if change.revision else _("{day} : annonce")
        out.print(Text(title.format(day=l10n.day(change.date)), style="bold"))
        if change.revision is not None:
            out.print(prose(change.revision.note))
        lines = [
            *(_("  − remplacée : {step}, {period}") for _step in change.replaced),
            *(_("  + annoncée : {step}, {period}") for _step in change.added),
        ]
        for line, step in zip(lines, [*change.replaced, *change.added], strict=True):
            out.print(prose(line.format(step=step.name, period=period(step))))
        for ref in change.sources:
            when = f", {l10n.day(ref.date)}" if ref.date else ""
            out.print(Text(f"  • {ref.title}{when}"))
            out.print(Text(f"    {ref.url}"), soft_wrap=True)


print_result.register(SchemeList, print_list)
print_result.register(SchemeDetail, print_show)
print_result.register(MatchResult, print_match)
print_result.register(ValidationResult, print_validation)
print_result.register(ImportSummary, print_import)
print_result.register(CaseResults, print_cases)
print_result.register(KindList, print_kinds)


@print_result.register(CalendarResult)
def _calendar(result: CalendarResult) -> None:
    (print_timeline if result.timeline else print_calendar)(result)
