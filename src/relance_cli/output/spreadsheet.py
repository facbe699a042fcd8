"""CSV for spreadsheets: one row per scheme or step, lists joined with "; ".

UTF-8 with a byte-order mark: Excel reads a CSV without one in the machine's legacy code
page and garbles every accent; with it, Excel, LibreOffice and Python's `utf-8-sig` all
read the accents right. Cells that a spreadsheet would take for a formula are neutralised.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from datetime import date
from functools import singledispatch
from typing import Any

from relance_cli.core.advisor import Advice
from relance_cli.core.models import Scheme
from relance_cli.core.schedule import DatedStep, Standing, application_steps, in_session, standing
from relance_cli.output import terminal
from relance_cli.output.results import CalendarResult, KindList, MatchResult, SchemeList, first
from relance_cli.output.shapes import day, number
from relance_cli.output.terminal import clean

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A spreadsheet cell: text that could start a formula gets a leading apostrophe."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = clean(str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def joined(values: Iterable[object]) -> str:
    return "; ".join(str(v) for v in values)


def table(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return BOM + buffer.getvalue()


SCHEME_HEADER = (
    "id", "title", "kinds", "rate", "excluded_costs", "applicants", "min_population",
    "application_windows", "status", "deadline", "days_left", "url", "perimeter", "catalog",
)  # fmt: skip


def schemes(items: Sequence[Scheme], on: date, origin: dict[str, str]) -> str:
    """One row per scheme; its rules are those of the session in force on `on`."""
    return table(SCHEME_HEADER, (_scheme_row(s, standing(s, on), origin) for s in items))


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
    "id", "title", "verdict", "reasons", "status", "deadline", "days_left",
    "next_step", "next_step_start", "eligible_base", "rate", "amount", "perimeter", "session",
)  # fmt: skip


def advice(results: Sequence[Advice]) -> str:
    return table(
        MATCH_HEADER,
        (
            (
                r.scheme.id,
                r.scheme.title,
                r.verdict.value,
                joined(reason.text for reason in r.assessment.reasons),
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
    )


CALENDAR_HEADER = ("scheme", "name", "start", "end", "status", "accepts_applications", "days_left")


def steps(rows: Sequence[DatedStep]) -> str:
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
            )
            for r in rows
        ),
    )


@singledispatch
def sheet(result: Any) -> str:
    raise TypeError(f"no CSV for {type(result).__name__}")  # pragma: no cover


@sheet.register(SchemeList)
def _list(result: SchemeList) -> str:
    return schemes(first(result.catalog.schemes, result.limit), result.on, result.catalog.origin)


@sheet.register(MatchResult)
def _match(result: MatchResult) -> str:
    return advice(first(result.results, result.limit))


@sheet.register(CalendarResult)
def _calendar(result: CalendarResult) -> str:
    return steps(first(result.rows, result.limit))


@sheet.register(KindList)
def _kinds(result: KindList) -> str:
    return table(("id", "label", "schemes"), ((k.id, k.label, k.schemes) for k in result.kinds))


def render(result: Any) -> None:
    terminal.write_data(sheet(result))
