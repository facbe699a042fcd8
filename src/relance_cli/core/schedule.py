"""Where a scheme's calendar stands on a given date.

Dates are always passed in, never read from the clock here, so every rule can be
checked at any date. Step ends are inclusive: a step ending on 28 May is still open
on 28 May.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from relance_cli.core.vocabulary import earliest

if TYPE_CHECKING:  # the core reads the compiled records as it reads the models
    from pydantic import BaseModel

    from relance_cli.core.models import Revision, Scheme, SourceRef, Step, Variant

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


class Standing(NamedTuple):
    """Where a scheme's applications stand on a date, worked out in one pass: `step` is
    the application step that matters now (the current one ending first, else the next
    to open), `session` the one whose rules judge a profile (that step, else the last)."""

    status: SchemeStatus
    step: Step | None
    session: Step | None
    deadline: date | None
    days_left: int | None


def standing(scheme: Scheme, on: date) -> Standing:
    """Open while a step accepting applications covers the date; a scheme whose steps
    take no applications at all is never open."""
    current: list[Step] = []
    upcoming: list[Step] = []
    steps = application_steps(scheme)
    for step in steps:
        status = step_status(step, on, scheme)
        if status is StepStatus.current:
            current.append(step)
        elif status is StepStatus.upcoming:
            upcoming.append(step)
    if current:
        found: Step | None = min(current, key=lambda s: s.end or date.max)
        state = SchemeStatus.open
    else:
        found = min(upcoming, key=starts) if upcoming else None
        state = SchemeStatus.upcoming if upcoming else SchemeStatus.closed
    end = found.end if found else None
    left = (end - on).days if state is SchemeStatus.open and end else None
    session = found or (max(steps, key=starts) if steps else None)
    return Standing(state, found, session, end, left)


def scheme_status(scheme: Scheme, on: date) -> SchemeStatus:
    return standing(scheme, on).status


def deadline(scheme: Scheme, on: date) -> date | None:
    """End of the current or next application step; None when closed or open-ended."""
    return standing(scheme, on).deadline


def days_left(scheme: Scheme, on: date) -> int | None:
    """Days from `on` to the deadline, while applications are open (0 on the last day)."""
    return standing(scheme, on).days_left


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
    return standing(scheme, on).session


def in_session(scheme: Scheme, session: Step | None) -> Scheme:
    """The scheme with a session's own rules in place of its own (itself when the session
    changes nothing): a session's threshold, rate, exclusions or applicants."""
    if session is None or (session.eligibility is None and session.funding is None):
        return scheme
    update: dict[str, object] = {}
    if session.eligibility is not None:
        update["eligibility"] = _with(scheme.eligibility, _given(session.eligibility))
    if session.funding is not None:
        update["funding"] = _with(scheme.funding, _given(session.funding))
    return _with(scheme, update)


def in_variant(scheme: Scheme, departements: frozenset[str]) -> Scheme:
    """The scheme under the rules its sources give for these départements (a territory's),
    when one variant covers all of them; itself otherwise."""
    variant = variant_for(scheme, departements)
    if variant is None:
        return scheme
    update: dict[str, object] = {}
    if variant.eligibility is not None:
        update["eligibility"] = _with(scheme.eligibility, _given(variant.eligibility))
    if variant.funding is not None:
        update["funding"] = _with(scheme.funding, _given(variant.funding))
    return _with(scheme, update)


def variant_for(scheme: Scheme, departements: frozenset[str]) -> Variant | None:
    if not departements:
        return None
    return next((v for v in scheme.variants if departements <= set(v.departements)), None)


M = TypeVar("M", bound="BaseModel")


def _given(change: BaseModel) -> dict[str, object]:
    fields = getattr(change, "__struct_fields__", None)  # a compiled record (catalog/compiled)
    if fields is not None:
        return {name: value for name in fields if (value := getattr(change, name)) is not None}
    return {name: value for name, value in change.__dict__.items() if value is not None}


def _with(model: M, changes: dict[str, object]) -> M:
    """A copy with some fields replaced, values already validated (they come from the
    session's own model): what `model_copy(update=…)` does, at a third of its cost, which
    counts on a 10,000-scheme catalog."""
    if hasattr(model, "__struct_fields__"):  # a compiled record: msgspec copies it
        import msgspec

        return msgspec.structs.replace(model, **changes)  # type: ignore[type-var]
    copy = object.__new__(type(model))
    object.__setattr__(copy, "__dict__", {**model.__dict__, **changes})
    object.__setattr__(copy, "__pydantic_fields_set__", model.model_fields_set | changes.keys())
    object.__setattr__(copy, "__pydantic_extra__", None)
    object.__setattr__(copy, "__pydantic_private__", None)
    return copy


def with_steps(scheme: Scheme, steps: list[Step]) -> Scheme:
    """The scheme with this calendar in place of its own."""
    return _with(scheme, {"steps": steps})


def next_step(scheme: Scheme, on: date) -> Step | None:
    """The next step to begin after `on`, whatever it is (a vote, a deployment…)."""
    later = [step for step in scheme.steps if step.start is not None and step.start > on]
    return min(later, key=starts) if later else None


class DatedStep(NamedTuple):
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


# --- Knowledge time: what had been announced on a date -------------------------------------


def scheme_announced(scheme: Scheme) -> date | None:
    """When a scheme and its own rules became known: as written, else its earliest dated
    source; None when nothing dates it (known at any date)."""
    return scheme.announced or earliest(scheme.sources)


def announced(step: Step, scheme: Scheme) -> date | None:
    """When a step, its dates and its rules became known: as written, else its earliest
    dated source, else when its scheme did."""
    return step.announced or earliest(step.sources) or scheme_announced(scheme)


def _known(step: Step, scheme: Scheme, on: date) -> bool:
    when = announced(step, scheme)
    return when is None or when <= on


def _known_from(step: Step, on: date) -> bool:
    """`_known` for a step of a scheme known on `on`."""
    when = step.announced or (earliest(step.sources) if step.sources else None)
    return when is None or when <= on


def known_on(scheme: Scheme, on: date) -> Scheme:
    """The scheme as it stood on `on` for someone reading its sources that day: only the
    steps announced by then, and the steps a later revision withdrew still in place (no
    step at all when the scheme itself was not yet announced). The scheme itself when
    nothing differs, so that today's answers cost nothing more."""
    when = scheme_announced(scheme)
    if when is not None and when > on:
        return _with(scheme, {"steps": []})
    # The scheme is known by then: a step dated by nothing of its own is known with it
    # (what `_known` says, without asking the scheme again for each step).
    steps = [step for step in scheme.steps if _known_from(step, on)]
    withdrawn_later = [
        step
        for revision in scheme.revisions
        if revision.date > on
        for step in revision.replaced
        if _known_from(step, on)
    ]
    if not withdrawn_later and len(steps) == len(scheme.steps):
        return scheme
    steps = sorted(steps + withdrawn_later, key=_calendar_order)  # stable: listed order on ties
    return _with(scheme, {"steps": steps})


def unannounced(scheme: Scheme, on: date) -> list[Step]:
    """The sessions of today's calendar, and the next step it shows, that nobody knew of
    on `on`, for `--hindsight` to say what it judged and showed with."""
    wanted = application_steps(scheme)
    upcoming = next_step(scheme, on)
    if upcoming is not None and all(upcoming is not step for step in wanted):
        wanted = [*wanted, upcoming]
    return [step for step in wanted if not _known(step, scheme, on)]


@dataclass(frozen=True, slots=True)
class Change:
    """One entry of a scheme's history: on `date`, `added` steps were announced and
    `replaced` ones withdrawn (by `revision`, whose note says what changed)."""

    date: date
    added: list[Step]
    replaced: list[Step]
    revision: Revision | None
    sources: list[SourceRef]


def history(scheme: Scheme) -> list[Change]:
    """Every announcement and every revision of a scheme, oldest first: the steps as
    first announced, then each revision with what it withdrew and what it brought."""
    dates: dict[date, list[Step]] = {}
    for revision in scheme.revisions:
        for step in revision.replaced:
            when = announced(step, scheme)
            if when is not None:
                dates.setdefault(when, []).append(step)
    for step in scheme.steps:
        when = announced(step, scheme)
        if when is not None:
            dates.setdefault(when, []).append(step)
    revisions = {revision.date: revision for revision in scheme.revisions}
    changes = []
    for when in sorted(dates.keys() | revisions.keys()):
        added = sorted(dates.get(when, []), key=_calendar_order)
        found = revisions.get(when)
        replaced = found.replaced if found else []
        sources = list(found.sources) if found else _first_sources(added, when)
        changes.append(Change(when, added, replaced, found, sources))
    return changes


def _calendar_order(step: Step) -> date:
    """Steps in the order of the calendar; a step with no date at all, last."""
    return step.start or step.end or date.max


def _first_sources(steps: list[Step], when: date) -> list[SourceRef]:
    """The sources dated `when` that announced these steps, each once."""
    found: list[SourceRef] = []
    for step in steps:
        for ref in step.sources:
            if ref.date == when and ref.url not in {f.url for f in found}:
                found.append(ref)
    return found
