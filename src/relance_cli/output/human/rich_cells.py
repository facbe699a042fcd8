"""The shared cells as Rich `Text`, for `show` (`detail`), which prints through Rich's
console everywhere: the same words as `cells`, converted once by `rich_layout`."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from relance_cli.output.human import cells
from relance_cli.output.human.calendars import step_table
from relance_cli.output.human.cells import (
    VERDICT,
    applicants,
    bullets,
    cofinancing,
    in_force,
    localized,
    only_session,
    other_support,
    period,
    source_lines,
    unannounced_lines,
)
from relance_cli.output.human.rich_layout import rich_text
from relance_cli.output.human.screen import RichScreen
from relance_cli.output.layout import Grid

if TYPE_CHECKING:
    from collections.abc import Iterable

    from relance_cli.core.advisor import Advice, SessionVerdict
    from relance_cli.core.eligibility import Reason
    from relance_cli.core.models import Scheme
    from relance_cli.core.schedule import Standing

__all__ = [
    "VERDICT",
    "applicants",
    "bullets",
    "cofinancing",
    "estimate_text",
    "in_force",
    "joined",
    "localized",
    "only_session",
    "other_support",
    "period",
    "prose",
    "reason_lines",
    "saved_profile_line",
    "source_lines",
    "status_cell",
    "step_table",
    "styled",
    "unannounced_lines",
    "write_table",
]


def joined(first: Text, *others: Text) -> Text:
    """`first + other + …` without a copy of the text at each step."""
    for other in others:
        first.append_text(other)
    return first


def prose(text: str, style: str = "") -> Text:
    return rich_text(cells.prose(text, style))


def styled(pair: tuple[str, str]) -> Text:
    return rich_text(cells.styled(pair))


def status_cell(scheme: Scheme, on: date, now: Standing | None = None) -> Text:
    return rich_text(cells.status_cell(scheme, on, now))


def reason_lines(reasons: Iterable[Reason]) -> Text:
    return rich_text(cells.reason_lines(reasons))


def estimate_text(advice: Advice | SessionVerdict) -> Text:
    return rich_text(cells.estimate_text(advice))


def saved_profile_line(out: Console, name: str | None) -> None:
    cells.saved_profile_line(RichScreen(out), name)


def write_table(out: Console, grid: Grid) -> None:
    """Rich's table in a terminal, the plain one elsewhere (`show` builds Rich's console
    either way)."""
    if out.is_terminal:
        RichScreen(out).table(grid)
    else:
        from relance_cli.output.human.screen import PlainScreen

        PlainScreen(out.width).table(grid)
