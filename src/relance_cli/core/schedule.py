"""Where a scheme's calendar stands on a given date.

Dates are always passed in, never read from the clock here, so every rule can be
checked at any date. Step ends are inclusive: a step ending on 28 May is still open
on 28 May.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from relance_cli.core.models import Scheme, Step

# A deadline this close is "closing soon": highlighted in tables, as Aides-territoires does.
CLOSING_SOON_DAYS = 30


class StepStatus(StrEnum):
    past = "past"
    current = "current"
    upcoming = "upcoming"


class SchemeStatus(StrEnum):
    open = "open"
    upcoming = "upcoming"
    closed = "closed"


def step_status(step: Step, on: date, scheme: Scheme | None = None) -> StepStatus:
    """Where a step stands. A step whose opening is not announced cannot have begun
    before the steps listed ahead of it in its scheme (they are in date order)."""
    start = step.start if step.start is not None or scheme is None else not_before(scheme, step)
    if start is not None and on < start:
        return StepStatus.upcoming
    if step.end is not None and on > step.end:
        return StepStatus.past
    return StepStatus.current


def not_before(scheme: Scheme, step: Step) -> date | None:
    """The latest start announced for the steps listed ahead of `step`."""
    earlier = [s.start for s in scheme.steps[: _index(scheme, step)] if s.start is not None]
    return max(earlier, default=None)


def _index(scheme: Scheme, step: Step) -> int:
    return next((i for i, s in enumerate(scheme.steps) if s is step), 0)


def starts(step: Step) -> date:
    """When a step begins, for ordering: its start, else (not announced) its end."""
    return step.start or step.end or date.min


def application_steps(scheme: Scheme) -> list[Step]:
    return [step for step in scheme.steps if step.accepts_applications]


def scheme_status(scheme: Scheme, on: date) -> SchemeStatus:
    """Open while a step accepting applications covers the date; a scheme whose steps
    take no applications at all is never open."""
    statuses = {step_status(step, on, scheme) for step in application_steps(scheme)}
    if StepStatus.current in statuses:
        return SchemeStatus.open
    if StepStatus.upcoming in statuses:
        return SchemeStatus.upcoming
    return SchemeStatus.closed


def current_or_next_application(scheme: Scheme, on: date) -> Step | None:
    """The application step that matters now: the current one ending first, else the
    next one to open."""
    steps = application_steps(scheme)
    current = [s for s in steps if step_status(s, on, scheme) is StepStatus.current]
    if current:
        return min(current, key=lambda s: s.end or date.max)
    upcoming = [s for s in steps if step_status(s, on, scheme) is StepStatus.upcoming]
    return min(upcoming, key=starts) if upcoming else None


def deadline(scheme: Scheme, on: date) -> date | None:
    """End of the current or next application step; None when closed or open-ended."""
    step = current_or_next_application(scheme, on)
    return step.end if step else None


def days_left(scheme: Scheme, on: date) -> int | None:
    """Days from `on` to the deadline, while applications are open (0 on the last day)."""
    if scheme_status(scheme, on) is not SchemeStatus.open:
        return None
    end = deadline(scheme, on)
    return (end - on).days if end else None


def opens_within(scheme: Scheme, on: date, days: int) -> bool:
    """An application step opens after `on` and at most `days` days later ("opening soon",
    as Aides-territoires users ask for it)."""
    return any(
        step.start is not None and 0 < (step.start - on).days <= days
        for step in application_steps(scheme)
    )


def session_on(scheme: Scheme, on: date) -> Step | None:
    """The session (step taking applications) whose rules judge a profile on `on`: the
    open one, else the next to open, else the last one."""
    steps = application_steps(scheme)
    if not steps:
        return None
    return current_or_next_application(scheme, on) or max(steps, key=starts)


def in_session(scheme: Scheme, session: Step | None) -> Scheme:
    """The scheme with a session's own rules in place of its own (itself when the session
    changes nothing): a session's threshold, rate, exclusions or applicants."""
    if session is None or (session.eligibility is None and session.funding is None):
        return scheme
    update: dict[str, object] = {}
    if session.eligibility is not None:
        changes = session.eligibility.model_dump(exclude_none=True)
        update["eligibility"] = scheme.eligibility.model_copy(update=changes)
    if session.funding is not None:
        changes = session.funding.model_dump(exclude_none=True)
        update["funding"] = scheme.funding.model_copy(update=changes)
    return scheme.model_copy(update=update)


def next_step(scheme: Scheme, on: date) -> Step | None:
    """The next step to begin after `on`, whatever it is (a vote, a deployment…)."""
    later = [step for step in scheme.steps if step.start is not None and step.start > on]
    return min(later, key=starts) if later else None


@dataclass(frozen=True)
class DatedStep:
    """A step with its scheme, for the chronological calendar of a whole catalog."""

    scheme: Scheme
    step: Step
    status: StepStatus
    days_left: int | None


def chronology(schemes: list[Scheme], on: date) -> list[DatedStep]:
    """Every step of the given schemes, oldest first."""
    rows = []
    for scheme in schemes:
        for step in scheme.steps:
            status = step_status(step, on, scheme)
            left = (
                (step.end - on).days
                if status is StepStatus.current and step.end is not None
                else None
            )
            rows.append(DatedStep(scheme, step, status, left))
    rows.sort(key=lambda r: (starts(r.step), r.step.end or date.max))
    return rows
