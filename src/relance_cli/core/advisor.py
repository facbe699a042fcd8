"""The advisor: every scheme of a catalog weighed against one profile on one date."""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from relance_cli.core.eligibility import Assessment, Profile, assess
from relance_cli.core.estimate import Budget, Estimate, estimate
from relance_cli.core.models import Scheme, Step
from relance_cli.core.schedule import (
    SchemeStatus,
    application_steps,
    in_session,
    next_step,
    opens_within,
    standing,
)
from relance_cli.core.vocabulary import Verdict


class Advice(NamedTuple):
    """A scheme weighed for a profile on a date, by the rules of the session that matters
    then (`session`; None when no step takes applications)."""

    scheme: Scheme
    assessment: Assessment
    status: SchemeStatus
    deadline: date | None
    days_left: int | None
    next_step: Step | None
    estimate: Estimate | None
    session: Step | None = None

    @property
    def verdict(self) -> Verdict:
        return self.assessment.verdict


class SessionVerdict(NamedTuple):
    """One session's own answer, so that `show --explain` can set them side by side."""

    session: Step
    assessment: Assessment
    estimate: Estimate | None


_VERDICT_ORDER = {Verdict.eligible: 0, Verdict.possible: 1, Verdict.ineligible: 2}
_STATUS_ORDER = {SchemeStatus.open: 0, SchemeStatus.upcoming: 1, SchemeStatus.closed: 2}


def advise(scheme: Scheme, profile: Profile, on: date, budget: Budget | None = None) -> Advice:
    now = standing(scheme, on)
    rules = in_session(scheme, now.session)
    assessment = assess(rules, profile)
    return Advice(
        scheme=scheme,
        assessment=assessment,
        status=now.status,
        deadline=now.deadline,
        days_left=now.days_left,
        next_step=next_step(scheme, on),
        estimate=_estimate(rules, budget, assessment),
        session=now.session,
    )


def _estimate(rules: Scheme, budget: Budget | None, assessment: Assessment) -> Estimate | None:
    """A scheme that will not fund the project has nothing to estimate: an amount under
    « non éligible » reads as a promise the verdict denies."""
    if budget is None or assessment.verdict is Verdict.ineligible:
        return None
    return estimate(rules, budget)


def every_session(
    scheme: Scheme, profile: Profile, budget: Budget | None = None
) -> list[SessionVerdict]:
    """The verdict of each session, by its own rules."""
    verdicts = []
    for session in application_steps(scheme):
        rules = in_session(scheme, session)
        assessment = assess(rules, profile)
        verdicts.append(SessionVerdict(session, assessment, _estimate(rules, budget, assessment)))
    return verdicts


class Matches(list[Advice]):
    """The advice to show, in order, and how many schemes were set aside because they do
    not fit the profile (so a table can say so)."""

    set_aside: int = 0


def match(
    schemes: list[Scheme],
    profile: Profile,
    on: date,
    *,
    budget: Budget | None = None,
    include_ineligible: bool = False,
    only_open: bool = False,
    closing_within: int | None = None,
    opening_within: int | None = None,
) -> Matches:
    """Eligible first, then possible, then (if asked) ineligible; within each, open
    before upcoming before closed, then the nearest deadline, then catalog order."""
    results = [advise(scheme, profile, on, budget) for scheme in schemes]
    fitting = [r for r in results if r.verdict is not Verdict.ineligible]
    set_aside = 0 if include_ineligible else len(results) - len(fitting)
    if not include_ineligible:
        results = fitting
    if only_open or closing_within is not None:
        results = [r for r in results if r.status is SchemeStatus.open]
    if closing_within is not None:
        results = [r for r in results if r.days_left is not None and r.days_left <= closing_within]
    if opening_within is not None:
        results = [r for r in results if opens_within(r.scheme, on, opening_within)]
    results.sort(
        key=lambda r: (
            _VERDICT_ORDER[r.verdict],
            _STATUS_ORDER[r.status],
            r.deadline or date.max,
        )
    )
    matches = Matches(results)
    matches.set_aside = set_aside
    return matches
