"""A Gantt chart of the calendar, drawn as styled lines on a month axis.

People read a calendar faster than a table of dates: one bar per step, full blocks
for steps that take applications, light shade for the others, and a column marking the
reference date. The layout is plain arithmetic on dates, so it is the same at every run
for the same width and date.
"""

from __future__ import annotations

from datetime import date, timedelta

from relance_cli import l10n
from relance_cli.core.schedule import DatedStep, StepStatus, not_before
from relance_cli.i18n import _
from relance_cli.output.layout import Styled

APPLICATION = "█"
OTHER = "░"
OPEN_END = "→"
UNKNOWN_START = "←"
MARKER = "│"


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


class Scale:
    """Maps dates to columns of the bar area, from the first day of the first month to
    the last day of the last month."""

    def __init__(self, first: date, last: date, width: int) -> None:
        self.first = _month_start(first)
        self.end = _next_month(last)  # exclusive
        self.width = width
        self.days = (self.end - self.first).days

    def column(self, day: date) -> int:
        offset = (min(max(day, self.first), self.end) - self.first).days
        return min(self.width - 1, offset * self.width // self.days)

    def contains(self, day: date) -> bool:
        return self.first <= day < self.end

    def months(self) -> list[date]:
        found, current = [], self.first
        while current < self.end:
            found.append(current)
            current = _next_month(current)
        return found


def timeline(rows: list[DatedStep], on: date, width: int) -> list[Styled]:
    """The chart as lines of text at most `width` columns wide: one group of bars per
    scheme (schemes in the order they start), each step on its own line."""
    if not rows:
        return []
    label_width = max(16, min(32, width * 2 // 5))
    bar_width = max(20, width - label_width - 1)
    known = [d for r in rows for d in (r.step.start, r.step.end) if d is not None] or [on]
    last = max(known)
    if any(r.step.end is None for r in rows) and on > last:
        last = min(on, last + timedelta(days=92))
    scale = Scale(min(known), last, bar_width)
    marker = scale.column(on) if scale.contains(on) else None

    lines = []
    if marker is not None:
        lines.append(_marker_line(scale, on, marker, label_width))
    lines.extend(_axis(scale, label_width))
    groups: dict[str, list[DatedStep]] = {}
    for row in rows:
        groups.setdefault(row.scheme.id, []).append(row)
    several = len(groups) > 1
    for scheme_id, steps in groups.items():
        if several:
            lines.append(Styled(_fit(scheme_id, width), style="bold"))
        for row in steps:
            lines.extend(_bar(row, scale, marker, label_width, indent=2 if several else 0))
    unknown_start = any(_begins(row) is None for row in rows)
    lines.append(_legend(on, marker, unknown_start=unknown_start))
    return lines


def _begins(row: DatedStep) -> date | None:
    """Where a bar starts: the step's start, else no earlier than the steps before it."""
    return row.step.start or not_before(row.scheme, row.step)


def _fit(text: str, width: int) -> str:
    """The text on one line of `width` terminal cells, cut with « … » if need be."""
    from rich.cells import cell_len, set_cell_size

    return text if cell_len(text) <= width else set_cell_size(text, width - 1) + "…"


def _padded(text: str, width: int) -> str:
    """The text and spaces up to `width` terminal cells: a CJK character or an emoji takes
    two, so `ljust` would push that row's bar a column right of the others'."""
    from rich.cells import cell_len

    return text + " " * (width - cell_len(text))


def _marker_line(scale: Scale, on: date, marker: int, label_width: int) -> Styled:
    label = f"▼ {l10n.day(on)}"
    start = marker
    if start + len(label) > scale.width:  # keep the label on screen: point from its right end
        label = f"{l10n.day(on)} ▼"
        start = max(0, marker - len(label) + 1)
    return Styled(" " * (label_width + 1 + start) + label, style="bold")


def _axis(scale: Scale, label_width: int) -> list[Styled]:
    months = scale.months()
    per_month = scale.width / len(months)
    axis = [" "] * scale.width
    ticks = ["─"] * scale.width
    for month in months:
        first_of_year = month.month == 1 or month == months[0]
        if per_month >= 5:
            name = l10n.short_month(month.month)
        elif first_of_year:
            name = str(month.year)
        else:
            continue
        column = scale.column(month)
        ticks[column] = "┬"
        if all(c == " " for c in axis[max(0, column - 1) : column + len(name) + 1]):
            for offset, char in enumerate(name[: scale.width - column]):
                axis[column + offset] = char
    first, last = months[0].year, months[-1].year
    years = str(first) if first == last else f"{first} → {last}"
    return [
        Styled(years.ljust(label_width) + " " + "".join(axis).rstrip(), style="dim"),
        Styled(" " * label_width + " " + "".join(ticks), style="dim"),
    ]


def _bar(
    row: DatedStep, scale: Scale, marker: int | None, label_width: int, indent: int
) -> list[Styled]:
    """The step's bar, after its name; a name longer than the label column wraps onto
    lines of its own above the bar, whole, rather than being cut."""
    from relance_cli.output.plain import wrap

    names = wrap(row.step.name, label_width - indent)
    rule = "" if marker is None else " " + " " * marker + MARKER  # the date line goes on
    above = [
        Styled(" " * indent + (_padded(name, label_width - indent) + rule).rstrip())
        for name in names[:-1]
    ]
    line = Styled(" " * indent + _padded(names[-1], label_width - indent))
    line.append(" ")
    begins = _begins(row)
    start = scale.column(begins) if begins else 0
    if row.step.end is None:
        stop = scale.width - 1
    else:
        stop = max(start, scale.column(row.step.end + timedelta(days=1)) - 1)
    fill = APPLICATION if row.step.accepts_applications else OTHER
    colour = {
        StepStatus.past: "dim",
        StepStatus.current: "bold green",
        StepStatus.upcoming: "cyan",
    }[row.status]
    for column in range(scale.width):
        if start <= column <= stop:
            char = fill
            if row.step.end is None and column == stop:
                char = OPEN_END
            elif begins is None and column == start and stop > start:
                char = UNKNOWN_START
            line.append(char, style=colour)
        elif column == marker:
            line.append(MARKER, style="bold")
        else:
            line.append(" ")
    line.rstrip()
    return [*above, line]


def _legend(on: date, marker: int | None, *, unknown_start: bool) -> Styled:
    parts = [
        f"{APPLICATION} " + _("dépôt de candidatures"),
        f"{OTHER} " + _("autre étape"),
        *([f"{UNKNOWN_START} " + _("début non annoncé")] if unknown_start else []),
        f"{OPEN_END} " + _("sans fin annoncée"),
        f"{MARKER} {l10n.day(on)}"
        if marker is not None
        else _("{day} : hors de l'axe").format(day=l10n.day(on)),
    ]
    return Styled("   ".join(parts), style="dim")
