"""iCalendar (RFC 5545) export of the calendar, for the agendas of funding officers.

One all-day event per step. UIDs derive from the scheme id and the step name only, so a
re-export after a date correction updates the same event instead of adding a second one;
a second step of the same name in a scheme adds its rank among them (an agenda keeps one
event per UID, so two deadlines under one UID would lose one).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from relance_cli import l10n
from relance_cli.core.schedule import DatedStep
from relance_cli.i18n import _

NAMESPACE = uuid.UUID("6d1075ba-46b3-4f3c-8a21-0c0a1ce5e1a0")
REMINDER_HOUR = 9


def uid(scheme_id: str, step_name: str, rank: int = 1) -> str:
    """Stable across runs; `rank`: which step of that name in the scheme (from 1)."""
    name = f"{scheme_id}/{step_name}" + (f"/{rank}" if rank > 1 else "")
    return f"{uuid.uuid5(NAMESPACE, name)}@relance"


def _rank(steps: Sequence[Any], step: Any) -> int:
    """1 for the first step of that name in its scheme, 2 for the second…"""
    same = [s for s in steps if s.name == step.name]
    return next((index for index, s in enumerate(same, 1) if s is step), 1)


def calendar(rows: list[DatedStep], *, stamp: datetime, remind_days: int | None) -> bytes:
    """`stamp` is the DTSTAMP of every event (an aware datetime: now, for a real export).
    A step whose opening is not announced becomes an event on its last day."""
    ical = Calendar()
    ical.add("prodid", "-//relance//relance-cli//FR")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", _("relance : calendrier des dispositifs"))
    for row in rows:
        scheme, step = row.scheme, row.step
        first = step.start or step.end
        if first is None:
            continue  # a step with no date at all has no place in an agenda
        event = Event()
        event.add("uid", uid(scheme.id, step.name, _rank(scheme.steps, step)))
        event.add("dtstamp", stamp)
        summary = _("{scheme} : {step}").format(scheme=scheme.title, step=step.name)
        if step.start is None:
            summary = _("{summary} (date limite)").format(summary=summary)
        event.add("summary", summary)
        event.add("dtstart", first)
        if step.end is not None:
            event.add("dtend", step.end + timedelta(days=1))  # DTEND is exclusive
        lines = [
            _("Dispositif : {id}").format(id=scheme.id),
            _("Étape : {step}").format(step=step.name),
        ]
        if step.end is None:
            lines.append(_("À partir du {day}, sans fin annoncée.").format(day=l10n.day(first)))
        if step.start is None:
            lines.append(_("Date d'ouverture non annoncée ; l'événement marque la date limite."))
        if step.accepts_applications:
            lines.append(_("Étape de dépôt des candidatures."))
        if scheme.url:
            lines.append(scheme.url)
            event.add("url", scheme.url)
        event.add("description", "\n".join(lines).replace("\u00a0", " "))
        event.add("categories", ["relance", scheme.id])
        event.add("transp", "TRANSPARENT")
        if remind_days is not None and step.accepts_applications and step.end is not None:
            event.add_component(_reminder(scheme.title, remind_days))
        ical.add_component(event)
    return bytes(ical.to_ical())


def _reminder(title: str, days: int) -> Alarm:
    """At 9 a.m., `days` days before the last day (DTEND is the day after that)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    text = _("Échéance dans {days} : {title}").format(days=l10n.days(days), title=title)
    alarm.add("description", text.replace("\u00a0", " "))
    alarm.add(
        "trigger",
        -timedelta(days=days + 1) + timedelta(hours=REMINDER_HOUR),
        parameters={"RELATED": "END"},
    )
    return alarm


def export(
    rows: list[DatedStep], target: str, *, remind_days: int | None, force: bool, option: str
) -> None:
    """The calendar to a file (never over an existing one without `force`), or to standard
    output for "-"; what was written is said on standard error, after `option` (what
    named the file) when it is about the file."""
    import sys
    from datetime import UTC
    from pathlib import Path

    from relance_cli import files
    from relance_cli.i18n import ngettext
    from relance_cli.output import terminal

    data = calendar(rows, stamp=datetime.now(UTC).replace(microsecond=0), remind_days=remind_days)
    undated = sum(1 for row in rows if row.step.start is None and row.step.end is None)
    if target == "-":
        terminal.write_data(data)
    else:
        others = files.write_new(Path(target), data, force=force, option=option)
        if others:
            note = files.other_links_note(Path(target), others, option)
            terminal.write_text(note + "\n", sys.stderr)
    written = len(rows) - undated
    text = ngettext(
        "{count} événement écrit dans {file}", "{count} événements écrits dans {file}", written
    ).format(count=written, file=_("la sortie standard") if target == "-" else target)
    if undated:
        left = ngettext(
            "{count} étape sans aucune date laissée de côté",
            "{count} étapes sans aucune date laissées de côté",
            undated,
        )
        text += _(" ; {left}").format(left=left.format(count=undated))
    terminal.write_text(text + "\n", sys.stderr)
