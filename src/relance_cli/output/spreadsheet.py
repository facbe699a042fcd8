"""CSV for spreadsheets: one row per scheme or step, lists joined with "; ".

UTF-8 with a byte-order mark: Excel reads a CSV without one in the machine's legacy code
page and garbles every accent; with it, Excel, LibreOffice and Python's `utf-8-sig` all
read the accents right. Cells that a spreadsheet would take for a formula are neutralised.
This is the stable machine format (English headers and values, decimal point); the
`excel-fr` dialect only changes the separator to « ; » and the decimal point to a comma,
which a French Excel or LibreOffice expects. For people, `--format xlsx` is better.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from relance_cli.core.advisor import Advice
from relance_cli.core.eligibility import Reason
from relance_cli.core.schedule import (
    DatedStep,
    Standing,
    announced,
    application_steps,
    in_session,
    standing,
)
from relance_cli.output import terminal
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
from relance_cli.output.shapes import day, number
from relance_cli.output.terminal import clean

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object, decimal: str = ".") -> str:
    """A spreadsheet cell: text that could start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(value).replace(".", decimal)
    text = clean(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


def reason_params(reasons: Iterable[Reason]) -> str:
    """The values of each reason, in the order of `reason_codes`: one JSON array."""
    return json.dumps([r.params for r in reasons], ensure_ascii=False, separators=(",", ":"))


def table(
    header: Sequence[str], rows: Iterable[Sequence[object]], dialect: str = "standard"
) -> str:
    french = dialect == "excel-fr"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(header)
    decimal = "," if french else "."
    for row in rows:
        writer.writerow([cell(v, decimal) for v in row])
    return BOM + buffer.getvalue()


SCHEME_HEADER = (
    "id", "title", "kinds", "rate", "excluded_costs", "applicants", "min_population",
    "application_windows", "status", "deadline", "days_left", "url", "perimeter", "catalog",
)  # fmt: skip


def schemes(
    items: Sequence[Scheme], on: date, origin: dict[str, str], dialect: str = "standard"
) -> str:
    """One row per scheme; its rules are those of the session in force on `on`."""
    rows = (_scheme_row(s, standing(s, on), origin) for s in items)
    return table(SCHEME_HEADER, rows, dialect)


def _scheme_row(s: Scheme, now: Standing, origin: dict[str, str]) -> tuple[Any, ...]:
    rules = in_session(s, now.session)
    return (
        s.id,
        s.title,
        joined(s.kinds),
        number(rules.funding.rate),
        joined(c.value for c in rules.funding.excluded_costs),
        joined(c.value for c in rules.eligibility.applicants),
        rules.eligibility.min_population,
        joined(f"{day(w.start) or ''}/{day(w.end) or ''}" for w in application_steps(s)),
        now.status.value,
        day(now.deadline),
        now.days_left,
        s.url,
        s.perimeter,
        origin.get(s.id),
    )


MATCH_HEADER = (
    "id", "title", "verdict", "reasons", "reason_codes", "reason_params", "status", "deadline",
    "days_left",
    "next_step", "next_step_start", "eligible_base", "rate", "amount", "perimeter", "session",
)  # fmt: skip


def advice(results: Sequence[Advice], dialect: str = "standard") -> str:
    return table(
        MATCH_HEADER,
        (
            (
                r.scheme.id,
                r.scheme.title,
                r.verdict.value,
                joined(sentence(reason) for reason in r.assessment.reasons),
                joined(reason.code for reason in r.assessment.reasons),
                reason_params(r.assessment.reasons),
                r.status.value,
                day(r.deadline),
                r.days_left,
                r.next_step.name if r.next_step else None,
                day(r.next_step.start) if r.next_step else None,
                number(r.estimate.eligible_base) if r.estimate else None,
                number(r.estimate.rate) if r.estimate else None,
                number(r.estimate.amount) if r.estimate else None,
                r.scheme.perimeter,
                r.session.name if r.session else None,
            )
            for r in results
        ),
        dialect,
    )


CALENDAR_HEADER = (
    "scheme",
    "name",
    "start",
    "end",
    "status",
    "accepts_applications",
    "days_left",
    "announced",
)


def steps(rows: Sequence[DatedStep], dialect: str = "standard") -> str:
    return table(
        CALENDAR_HEADER,
        (
            (
                r.scheme.id,
                r.step.name,
                day(r.step.start),
                day(r.step.end),
                r.status.value,
                r.step.accepts_applications,
                r.days_left,
                day(announced(r.step, r.scheme)),
            )
            for r in rows
        ),
        dialect,
    )


@singledispatch
def sheet(result: Any, dialect: str = "standard") -> str:
    raise TypeError(f"no CSV for {type(result).__name__}")  # pragma: no cover


@sheet.register(SchemeList)
def _list(result: SchemeList, dialect: str = "standard") -> str:
    rows = first(result.catalog.schemes, result.limit)
    return schemes(rows, result.on, result.catalog.origin, dialect)


@sheet.register(MatchResult)
def _match(result: MatchResult, dialect: str = "standard") -> str:
    return advice(first(result.results, result.limit), dialect)


@sheet.register(CalendarResult)
def _calendar(result: CalendarResult, dialect: str = "standard") -> str:
    return steps(first(result.rows, result.limit), dialect)


@sheet.register(DiffResult)
def _diff(result: DiffResult, dialect: str = "standard") -> str:
    from relance_cli.output import changes

    return table(changes.HEADER, changes.rows(result), dialect)


@sheet.register(ProfileListing)
def _profiles(result: ProfileListing, dialect: str = "standard") -> str:
    from relance_cli.output import profiles

    return table(profiles.HEADER, profiles.rows(result), dialect)


@sheet.register(KindList)
def _kinds(result: KindList, dialect: str = "standard") -> str:
    rows = ((k.id, k.label, k.schemes) for k in result.kinds)
    return table(("id", "label", "schemes"), rows, dialect)


def render(result: Any, dialect: str = "standard") -> None:
    terminal.write_data(sheet(result, dialect))
