"""The timeline is a drawing: it is checked against a snapshot at a fixed width and date.

Regenerate after an intended change with `RELANCE_UPDATE_SNAPSHOTS=1 pytest tests/test_timeline.py`.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.catalog import loading as catalog
from relance_cli.core.schedule import chronology
from relance_cli.output.timeline import Scale, timeline

SNAPSHOTS = Path(__file__).parent / "snapshots"


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("timeline-80-2021-03-15.txt", ["--as-of", "2021-03-15"]),
        ("timeline-80-2026-11-28.txt", ["--as-of", "2026-11-28"]),
        ("timeline-60-consultation-2021-04-01.txt",
         ["consultation-incubateur", "--as-of", "2021-04-01"]),
    ],
)  # fmt: skip
def test_timeline_snapshot(relance: Run, name: str, args: list[str]) -> None:
    width = name.split("-")[1]
    result = relance("calendar", "--timeline", *args, env={"COLUMNS": width})
    assert result.exit_code == 0
    output = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    snapshot = SNAPSHOTS / name
    if os.environ.get("RELANCE_UPDATE_SNAPSHOTS") == "1":
        snapshot.write_text(output, encoding="utf-8")
    assert output == snapshot.read_text(encoding="utf-8")
    assert max(len(line) for line in output.splitlines()) <= int(width)


def test_bars_follow_the_dates() -> None:
    loaded = catalog.load([catalog.BUILTIN])
    rows = chronology(loaded.schemes, date(2021, 3, 15))
    lines = [line.plain for line in timeline(rows, date(2021, 3, 15), 80)]
    marker_column = lines[0].index("▼")
    demat = next(i for i, line in enumerate(lines) if line == "dematerialisation")
    bar = lines[demat + 1]
    scale = Scale(date(2021, 1, 25), date(2022, 6, 27), 80 - 33)  # first start, last end
    offset = 33
    assert bar.index("█") == offset + scale.column(date(2021, 1, 25))
    assert bar.rindex("█") == offset + scale.column(date(2021, 5, 29)) - 1
    assert marker_column == offset + scale.column(date(2021, 3, 15))
    laureats = bar_of(lines, "Sélection des services")  # a long name wraps above its bar
    assert laureats.rstrip().endswith("→") and "░" in laureats
    # No start announced: no earlier than the step before it (3 May), or "←" at the edge.
    groups = bar_of(lines, "Groupes de travail")
    assert groups.index("░") == offset + scale.column(date(2021, 5, 3))
    api = lines[lines.index("api-franceconnect") + 1]
    assert api[offset] == "←" and api.rstrip().endswith("█")
    assert "← début non annoncé" in lines[-1]


def bar_of(lines: list[str], name: str) -> str:
    """The bar of the step whose name starts with `name`: on its name's last line."""
    start = next(i for i, line in enumerate(lines) if name in line)
    return next(line for line in lines[start:] if "░" in line or "█" in line)


def test_scale_maps_months_proportionally() -> None:
    scale = Scale(date(2021, 1, 10), date(2021, 2, 3), 59)  # January and February: 59 days
    assert scale.column(date(2021, 1, 1)) == 0
    assert scale.column(date(2021, 2, 1)) == 31
    assert scale.column(date(2021, 2, 28)) == 58
    assert scale.column(date(2030, 1, 1)) == 58  # clamped
    assert [m.month for m in scale.months()] == [1, 2]


def test_timeline_is_for_tables_only(relance: Run) -> None:
    result = relance("calendar", "--timeline", "--format", "json")
    assert result.exit_code == 2 and "--timeline" in result.stderr


def test_empty_timeline() -> None:
    assert timeline([], date(2021, 1, 1), 80) == []


def test_bars_line_up_whatever_the_width_of_step_names(relance: Run, tmp_path: Path) -> None:
    """Step names of wide characters (CJK, emoji) take the two cells a terminal gives each:
    every bar starts in the same column, counted in cells, as with plain names."""
    from rich.cells import cell_len

    example = (Path(__file__).parents[1] / "examples" / "mon-departement.toml").read_text("utf-8")
    for plain_name, wide in (
        ("Dépôt des dossiers", "申請の受付 🙂"),
        ("Commission d'attribution", "審査"),
    ):
        example = example.replace(f'name = "{plain_name}"', f'name = "{wide}"')
    (tmp_path / "wide.toml").write_text(example, encoding="utf-8")
    outputs = []
    for path in (
        Path(__file__).parents[1] / "examples" / "mon-departement.toml",
        tmp_path / "wide.toml",
    ):
        result = relance(
            "calendar", "--timeline", "--catalog", str(path), "--as-of", "2026-06-01",
            env={"COLUMNS": "80"},
        )  # fmt: skip
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()[:-1]  # the legend aside
        bars = [line for line in lines if "█" in line or "░" in line]
        assert len(bars) == 2
        outputs.append(
            [cell_len(line[: min(line.find(c) for c in "█░←" if c in line)]) for line in bars]
        )
        outputs.append(result.stdout)
    assert "申請の受付 🙂" in outputs[3]  # the names changed, the bars' columns did not
    assert outputs[0] == outputs[2]
