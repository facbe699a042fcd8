"""Workbooks (.xlsx) for people who open results in Excel or LibreOffice.

A CSV opened in a French spreadsheet is guessed at: the separator, the decimal point,
dates and rates all come out as text. A workbook says what each cell is: one sheet per
result, French headers, the header row frozen with filters on, rates as percentages,
amounts in euros, dates as dates and addresses as links. openpyxl loads only here, when
`--format xlsx` is asked for.

A result type gets a workbook with one function registered on `sheet`, returning its
`Sheet`: a title, its columns and its rows.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum
from functools import singledispatch
from typing import Any, NamedTuple

from relance_cli.core.schedule import application_steps, in_session, standing
from relance_cli.i18n import N_, _
from relance_cli.output import terminal
from relance_cli.output.human import cells
from relance_cli.output.reasons import sentence
from relance_cli.output.results import (
    CalendarResult,
    DiffResult,
    KindList,
    MatchResult,
    ProfileListing,
    SchemeList,
    first,
)
from relance_cli.output.spreadsheet import FORMULA_STARTS
from relance_cli.output.terminal import clean


class Kind(StrEnum):
    """What a column holds, hence its cell type and number format."""

    text = "text"
    whole = "whole"
    rate = "rate"
    euros = "euros"
    day = "day"
    link = "link"


FORMATS = {
    Kind.whole: "#,##0",
    Kind.rate: "0%",
    Kind.euros: '#,##0.00 "€"',
    Kind.day: "DD/MM/YYYY",
}
WIDTHS = {Kind.text: 30, Kind.whole: 12, Kind.rate: 12, Kind.euros: 14, Kind.day: 12}


class Column(NamedTuple):
    header: str  # a message id, translated when written
    kind: Kind = Kind.text
    width: int | None = None


class Sheet(NamedTuple):
    title: str  # a message id; at most 31 characters once translated
    columns: Sequence[Column]
    rows: Iterable[Sequence[object]]


@singledispatch
def sheet(result: Any) -> Sheet:
    raise TypeError(f"no workbook for {type(result).__name__}")  # pragma: no cover


def _put(worksheet: Any, row: int, column: int, value: object, kind: Kind) -> None:
    if value is None or value == "":
        return
    if isinstance(value, Decimal):
        value = float(value)
    if isinstance(value, str):
        value = clean(value)
    cell = worksheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if kind is Kind.link and not value.startswith(FORMULA_STARTS):
            cell.hyperlink = value
            cell.style = "Hyperlink"
    elif kind in FORMATS:
        cell.number_format = FORMATS[kind]


def workbook(content: Sheet) -> bytes:
    """The sheet as the bytes of an .xlsx file."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    worksheet = book.active
    worksheet.title = _(content.title)[:31]
    bold = Font(bold=True)
    for index, column in enumerate(content.columns, start=1):
        header = worksheet.cell(row=1, column=index, value=_(column.header))
        header.font = bold
        width = column.width or WIDTHS.get(column.kind, 40)
        worksheet.column_dimensions[get_column_letter(index)].width = width
    count = 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for count, row in enumerate(content.rows, start=2):
        for index, (value, column) in enumerate(zip(row, content.columns, strict=True), 1):
            _put(worksheet, count, index, value, column.kind)
            if column.kind is Kind.text:
                worksheet.cell(row=count, column=index).alignment = wrap
    worksheet.freeze_panes = "A2"
    last = get_column_letter(len(content.columns))
    worksheet.auto_filter.ref = f"A1:{last}{count}"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def render(result: Any) -> None:
    terminal.write_binary(workbook(sheet(result)))


def _lines(items: Iterable[str]) -> str:
    return "\n".join(items)


def _json(params: dict[str, Any]) -> str:
    """A reason's values, one line of JSON (as in CSV's `reason_params`)."""
    return json.dumps(params, ensure_ascii=False, separators=(",", ":"))


SCHEME_COLUMNS = (
    Column(N_("Identifiant"), width=24),
    Column(N_("Dispositif"), width=50),
    Column(N_("Types de projet"), width=40),
    Column(N_("Taux de cofinancement"), Kind.rate),
    Column(N_("Cofinancement"), width=24),
    Column(N_("Candidats"), width=30),
    Column(N_("Population minimale"), Kind.whole),
    Column(N_("Candidatures"), width=36),
    Column(N_("Statut")),
    Column(N_("Date limite"), Kind.day),
    Column(N_("Jours restants"), Kind.whole),
    Column(N_("Lien"), Kind.link, 50),
    Column(N_("Territoire")),
    Column(N_("Catalogue")),
)


@sheet.register(SchemeList)
def _list(result: SchemeList) -> Sheet:
    catalog, on = result.catalog, result.on
    rows = []
    for scheme in first(catalog.schemes, result.limit):
        now = standing(scheme, on)
        rules = in_session(scheme, now.session)
        rows.append(
            (
                scheme.id,
                cells.localized(scheme.title, scheme.title_en),
                _lines(catalog.kinds.get(k, k) for k in scheme.kinds),
                rules.funding.rate,
                cells.cofinancing(rules),
                cells.applicants(rules),
                rules.eligibility.min_population,
                _lines(cells.period(s) for s in application_steps(scheme)),
                _(cells.STATUS[now.status][0]),
                now.deadline,
                now.days_left,
                scheme.url,
                scheme.perimeter,
                catalog.origin.get(scheme.id),
            )
        )
    return Sheet(N_("Dispositifs"), SCHEME_COLUMNS, rows)


MATCH_COLUMNS = (
    Column(N_("Identifiant"), width=24),
    Column(N_("Dispositif"), width=50),
    Column(N_("Verdict"), width=14),
    Column(N_("Raisons"), width=60),
    Column(N_("Codes des raisons"), width=30),
    Column(N_("Paramètres des raisons"), width=60),
    Column(N_("Statut")),
    Column(N_("Date limite"), Kind.day),
    Column(N_("Jours restants"), Kind.whole),
    Column(N_("Prochaine étape"), width=36),
    Column(N_("Début de la prochaine étape"), Kind.day),
    Column(N_("Base éligible"), Kind.euros),
    Column(N_("Taux de cofinancement"), Kind.rate),
    Column(N_("Estimation"), Kind.euros),
    Column(N_("Territoire")),
    Column(N_("Session")),
    Column(N_("Lien"), Kind.link, 50),
)


@sheet.register(MatchResult)
def _match(result: MatchResult) -> Sheet:
    rows = []
    for advice in first(result.results, result.limit):
        scheme, estimate, upcoming = advice.scheme, advice.estimate, advice.next_step
        rows.append(
            (
                scheme.id,
                cells.localized(scheme.title, scheme.title_en),
                _(cells.VERDICT[advice.verdict][0]),
                _lines(sentence(reason) for reason in advice.assessment.reasons),
                _lines(reason.code for reason in advice.assessment.reasons),
                _lines(_json(reason.params) for reason in advice.assessment.reasons),
                _(cells.STATUS[advice.status][0]),
                advice.deadline,
                advice.days_left,
                upcoming.name if upcoming else None,
                upcoming.start if upcoming else None,
                estimate.eligible_base if estimate else None,
                estimate.rate if estimate else None,
                estimate.amount if estimate else None,
                scheme.perimeter,
                advice.session.name if advice.session else None,
                scheme.url,
            )
        )
    return Sheet(N_("Résultats"), MATCH_COLUMNS, rows)


CALENDAR_COLUMNS = (
    Column(N_("Identifiant"), width=24),
    Column(N_("Étape"), width=50),
    Column(N_("Début"), Kind.day),
    Column(N_("Fin"), Kind.day),
    Column(N_("Statut")),
    Column(N_("Dépôt"), width=8),
    Column(N_("Jours restants"), Kind.whole),
)


@sheet.register(CalendarResult)
def _calendar(result: CalendarResult) -> Sheet:
    rows = [
        (
            row.scheme.id,
            row.step.name,
            row.step.start,
            row.step.end,
            _(cells.STEP_STATUS[row.status][0]),
            _("oui") if row.step.accepts_applications else _("non"),
            row.days_left,
        )
        for row in first(result.rows, result.limit)
    ]
    return Sheet(N_("Calendrier"), CALENDAR_COLUMNS, rows)


DIFF_COLUMNS = (
    Column(N_("Changement"), width=14),
    Column(N_("Identifiant"), width=24),
    Column(N_("Dispositif"), width=50),
    Column(N_("Champ"), width=24),
    Column(N_("Avant"), width=40),
    Column(N_("Après"), width=40),
)
CHANGE_WORDS = {"added": N_("nouveau"), "removed": N_("disparu"), "changed": N_("modifié")}


@sheet.register(DiffResult)
def _diff(result: DiffResult) -> Sheet:
    from relance_cli.output.changes import value_text, where

    found = result.changes
    rows: list[tuple[object, ...]] = []
    rows += [(_(CHANGE_WORDS["added"]), s.id, s.title, None, None, None) for s in found.added]
    rows += [(_(CHANGE_WORDS["removed"]), s.id, s.title, None, None, None) for s in found.removed]
    for item in found.changed:
        rows += [
            (
                _(CHANGE_WORDS["changed"]),
                item.new.id,
                item.new.title,
                where(change.field, item.old, item.new),
                value_text(change.old, change.field),
                value_text(change.new, change.field),
            )
            for change in item.changes
        ]
    return Sheet(N_("Changements"), DIFF_COLUMNS, rows)


KIND_COLUMNS = (
    Column(N_("Type (--type)"), width=30),
    Column(N_("Libellé"), width=60),
    Column(N_("Dispositifs"), Kind.whole),
)


@sheet.register(KindList)
def _kinds(result: KindList) -> Sheet:
    rows = [(kind.id, kind.label, kind.schemes) for kind in result.kinds]
    return Sheet(N_("Types de projet"), KIND_COLUMNS, rows)


@sheet.register(ProfileListing)
def _profiles(result: ProfileListing) -> Sheet:
    from relance_cli.output import profiles

    columns = [Column(N_("Profil"), width=20), Column(N_("Par défaut"), width=12)]
    columns += [Column(key, width=24) for key in profiles.HEADER[2:]]
    rows = [
        (name, _("oui") if default else _("non"), *values)
        for name, default, *values in profiles.rows(result)
    ]
    return Sheet(N_("Profils"), columns, rows)
