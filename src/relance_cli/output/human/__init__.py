"""Output for people: one module per result, in the interface language (French unless
asked otherwise).

Each module describes its output as light data (`output/layout.py`: `Styled` lines and
`Grid` tables) and prints it on a `screen.Screen`: Rich's console in a terminal (colour
unless NO_COLOR), `output/plain.py`'s layout of the same characters everywhere else, which
imports neither Rich's console, table nor text. Catalog values reach Rich as `Text`, never
as markup, so a title like `[bold red]x[/]` prints literally.
`render` is what `output.emit` calls; `print_result` picks the module of the result's type
and imports only that one.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

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
    ValidationResult,
)


def render(result: Any) -> None:
    """In a terminal, through the pager (see `pager`)."""
    from relance_cli.output import pager

    with pager.paging():
        print_result(result)


@singledispatch
def print_result(result: Any) -> None:
    raise TypeError(f"no table for {type(result).__name__}")  # pragma: no cover


@print_result.register(SchemeList)
def _list(result: SchemeList) -> None:
    from relance_cli.output.human.lists import print_list

    print_list(result)


@print_result.register(SchemeDetail)
def _show(result: SchemeDetail) -> None:
    from relance_cli.output.human.detail import print_show

    print_show(result)


@print_result.register(SchemeHistory)
def _history(result: SchemeHistory) -> None:
    from relance_cli.output.human.history import print_history

    print_history(result)


@print_result.register(MatchResult)  # and SearchResult, its subclass
def _match(result: MatchResult) -> None:
    from relance_cli.output.human.matches import print_match

    print_match(result)


@print_result.register(CalendarResult)
def _calendar(result: CalendarResult) -> None:
    from relance_cli.output.human.calendars import print_calendar, print_timeline

    (print_timeline if result.timeline else print_calendar)(result)


@print_result.register(ValidationResult)
def _validation(result: ValidationResult) -> None:
    from relance_cli.output.human.validation import print_validation

    print_validation(result)


@print_result.register(ImportSummary)
def _import(result: ImportSummary) -> None:
    from relance_cli.output.human.imports import print_import

    print_import(result)


@print_result.register(CaseResults)
def _cases(result: CaseResults) -> None:
    from relance_cli.output.human.cases import print_cases

    print_cases(result)


@print_result.register(KindList)
def _kinds(result: KindList) -> None:
    from relance_cli.output.human.kinds import print_kinds

    print_kinds(result)


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
