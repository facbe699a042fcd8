"""The two table renderers: Rich in a terminal, plain text for pipes and files.

Both must lay a table out the same way, and neither may cut a number or a date in two.
"""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from helpers import Run
from rich.console import Console

from relance_cli.catalog import loading
from relance_cli.core.advisor import match
from relance_cli.core.eligibility import Profile
from relance_cli.core.estimate import Budget
from relance_cli.core.schedule import chronology
from relance_cli.output import plain
from relance_cli.output.human import calendars, lists, matches
from relance_cli.output.human.console import keep_spaces_whole
from relance_cli.output.human.rich_layout import rich_table
from relance_cli.output.layout import Grid

ON = date(2021, 5, 20)
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def rich_text(table: Grid, width: int) -> list[str]:
    keep_spaces_whole()  # as every console relance builds does
    buffer = io.StringIO()
    Console(file=buffer, width=width, color_system=None, highlight=False).print(
        rich_table(table, width)
    )
    return [line.rstrip() for line in buffer.getvalue().splitlines()]


def plain_text(table: Grid, width: int) -> list[str]:
    return [line.rstrip() for line in plain.table_text(table, width).splitlines()]


def every_table() -> dict[str, Grid]:
    loaded = loading.load([loading.BUILTIN])
    from decimal import Decimal

    results = match(
        loaded.schemes, Profile(population=480_000), ON, budget=Budget(Decimal(300_000))
    )
    steps = ((row.scheme, row.step) for row in chronology(loaded.schemes, ON))
    return {
        "list": lists.scheme_table(loaded, loaded.schemes, ON),
        "match": matches.match_table(results, ON),
        "calendar": calendars.step_table(steps, ON, with_scheme=True),
    }


@pytest.mark.parametrize("width", [80, 100, 132])
@pytest.mark.parametrize("kind", ["list", "match", "calendar"])
def test_plain_text_lays_tables_out_as_rich_does(kind: str, width: int) -> None:
    table = every_table()[kind]
    assert plain_text(table, width) == rich_text(table, width)


def test_numbers_and_dates_stay_whole_in_a_terminal(relance: Run) -> None:
    """In a forced terminal (Rich's own renderer), at a width where the reasons wrap, a
    population or a date is never split at its inner space."""
    result = relance(
        "match", "--population", "480000", "--as-of", "2021-05-20",
        env={"TTY_COMPATIBLE": "1", "COLUMNS": "60"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [ANSI.sub("", line).rstrip() for line in result.stdout.splitlines()]
    text = "\n".join(lines)
    assert len(lines) > 20  # the table really wrapped
    assert re.findall(r"\b480\D000\b", text) and re.findall(r"\b500\D000\b", text)
    assert not [line for line in lines if re.search(r"\b(480|500|31|28)$", line)], text
    assert not [line for line in lines if re.match(r"\s*(000|mai|2021)\b", line)], text
