"""iCalendar (RFC 5545) export of the calendar, for the agendas of funding officers.

One all-day event per step. UIDs derive from the scheme id and the step name only, so a
re-export after a date correction updates the same event instead of adding a second one.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from icalendar import Alarm, Calendar, Event

from relance_cli import formats
from relance_cli.calendar import DatedStep

NAMESPACE = uuid.UUID("6d1075ba-46b3-4f3c-8a21-0c0a1ce5e1a0")
REMINDER_HOUR = 9


def uid(scheme_id: str, step_name: str) -> str:
    return f"{uuid.uuid5(NAMESPACE, f'{scheme_id}/{step_name}')}@relance"


def calendar(rows: list[DatedStep], *, stamp: datetime, remind_days: int | None) -> bytes:
    """`stamp` is the DTSTAMP of every event (an aware datetime: now, for a real export).
    A step whose opening is not announced becomes an event on its last day."""
    ical = Calendar()
    ical.add("prodid", "-//relance//relance-cli//FR")
    ical.add("version", "2.0")
    ical.add("calscale", "GREGORIAN")
    ical.add("x-wr-calname", "relance : calendrier des dispositifs")
    for row in rows:
        scheme, step = row.scheme, row.step
        first = step.start or step.end
        if first is None:
            continue  # a step with no date at all has no place in an agenda
        event = Event()
        event.add("uid", uid(scheme.id, step.name))
        event.add("dtstamp", stamp)
        summary = f"{scheme.title} : {step.name}"
        event.add("summary", summary if step.start else f"{summary} (date limite)")
        event.add("dtstart", first)
        if step.end is not None:
            event.add("dtend", step.end + timedelta(days=1))  # DTEND is exclusive
        lines = [f"Dispositif : {scheme.id}", f"Étape : {step.name}"]
        if step.end is None:
            lines.append(f"À partir du {formats.day(first)}, sans fin annoncée.")
        if step.start is None:
            lines.append("Date d'ouverture non annoncée ; l'événement marque la date limite.")
        if step.accepts_applications:
            lines.append("Étape de dépôt des candidatures.")
        if scheme.url:
            lines.append(scheme.url)
            event.add("url", scheme.url)
        event.add("description", "\n".join(lines).replace("\u00a0", " "))
        event.add("categories", ["relance", scheme.id])
        event.add("transp", "TRANSPARENT")
        if remind_days is not None and step.accepts_applications and step.end is not None:
            event.add_component(_reminder(scheme.title, step.end, remind_days))
        ical.add_component(event)
    return bytes(ical.to_ical())


def _reminder(title: str, end: object, days: int) -> Alarm:
    """At 9 a.m., `days` days before the last day (DTEND is the day after that)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Échéance dans {days} jour(s) : {title}")
    alarm.add(
        "trigger",
        -timedelta(days=days + 1) + timedelta(hours=REMINDER_HOUR),
        parameters={"RELATED": "END"},
    )
    return alarm
