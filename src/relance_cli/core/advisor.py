"""The advisor: every scheme of a catalog weighed against one profile on one date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from relance_cli.core.eligibility import Assessment, Outcome, Profile, Reason, assess
from relance_cli.core.estimate import Budget, Estimate, estimate
from relance_cli.core.schedule import (
    SchemeStatus,
    application_steps,
    in_session,
    in_variant,
    known_on,
    next_step,
    opens_within,
    scheme_announced,
    standing,
    unannounced,
    variant_for,
    with_steps,
)
from relance_cli.core.vocabulary import Verdict

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme, Step


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
    # With --hindsight: the sessions judged with that were not yet announced on the date.
    unannounced: tuple[Step, ...] = ()

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


def advise(
    scheme: Scheme,
    profile: Profile,
    on: date,
    budget: Budget | None = None,
    *,
    hindsight: bool = False,
) -> Advice:
    """A scheme weighed as it was known on `on`: a scheme not yet announced then is not
    one anybody could apply to. With `hindsight`, as it is known today, naming what was
    not yet known on `on`."""
    if hindsight:
        return _advise(scheme, profile, on, budget, tuple(unannounced(scheme, on)))
    when = scheme_announced(scheme)
    if when is not None and when > on:
        params = {"announced": when.isoformat(), "date": on.isoformat()}
        reason = Reason("announced", Outcome.failed, "announced_later", params)
        advice = _advise(known_on(scheme, on), profile, on, budget)
        return advice._replace(assessment=Assessment(Verdict.ineligible, (reason,)))
    return _advise(known_on(scheme, on), profile, on, budget)


def _advise(
    scheme: Scheme,
    profile: Profile,
    on: date,
    budget: Budget | None,
    unknown: tuple[Step, ...] = (),
) -> Advice:
    now = standing(scheme, on)
    rules = _rules(scheme, now.session, profile)
    assessment = _assess(scheme, rules, profile)
    return Advice(
        scheme=scheme,
        assessment=assessment,
        status=now.status,
        deadline=now.deadline,
        days_left=now.days_left,
        next_step=next_step(scheme, on),
        estimate=_estimate(rules, budget, assessment),
        session=now.session,
        unannounced=unknown,
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
        rules = _rules(scheme, session, profile)
        assessment = _assess(scheme, rules, profile)
        verdicts.append(SessionVerdict(session, assessment, _estimate(rules, budget, assessment)))
    return verdicts


def _rules(scheme: Scheme, session: Step | None, profile: Profile) -> Scheme:
    """The rules that judge a profile: the session's, then the variant of the profile's
    départements, if the sources give one."""
    rules = in_session(scheme, session)
    territory = profile.territory
    return in_variant(rules, territory.departements) if territory is not None else rules


def _assess(scheme: Scheme, rules: Scheme, profile: Profile) -> Assessment:
    """The verdict, first naming the local rules used when a variant applies."""
    found = assess(rules, profile)
    territory = profile.territory
    variant = variant_for(scheme, territory.departements) if territory is not None else None
    if variant is None:
        return found
    params = {"departements": list(variant.departements), "note": variant.note}
    reason = Reason("variant", Outcome.passed, "local_rules", params)
    return Assessment(found.verdict, (reason, *found.reasons))


class Matches(list[Advice]):
    """The advice to show, in order, and how many schemes were set aside because they do
    not fit the profile (so a table can say so); and, so that an empty answer can say
    why, how many schemes each filter removed, in the order they apply, and the last day
    a scheme the date filters removed was open."""

    set_aside: int = 0
    filtered: Filtered | None = None


class Sieve(StrEnum):
    """What can set a scheme aside: the profile's verdict, an announcement still to come,
    or a filter the user asked for (the command line names each with its option)."""

    profile = "profile"
    announced = "announced"
    financer = "financer"
    aid_type = "aid-type"
    published_since = "published-since"
    updated_since = "updated-since"
    open = "open"
    closing_within = "closing-within"
    opening_within = "opening-within"


class Filtered(NamedTuple):
    """What the filters did: the schemes considered, how many each sieve removed, and of
    those the date filters removed, how many were closed and the last day one of them
    took applications."""

    considered: int
    removed: tuple[tuple[Sieve, int], ...]
    closed: int = 0
    last_closed: date | None = None

    def removed_by(self, sieve: Sieve) -> int:
        return sum(count for name, count in self.removed if name is sieve)


class Filters(NamedTuple):
    """What a scheme must offer besides fitting the profile: part of a funder's name, part
    of an aid type's label (both folded: case and accents aside)."""

    financer: str | None = None
    aid_type: str | None = None


def offers(scheme: Scheme, filters: Filters) -> tuple[bool, bool]:
    """Whether the scheme passes the funder filter, then the aid-type filter."""
    from relance_cli.text import fold

    by_financer = filters.financer is None or any(
        filters.financer in fold(name) for name in scheme.financers
    )
    by_type = filters.aid_type is None or any(
        filters.aid_type in fold(label) for label in scheme.funding.support
    )
    return by_financer, by_type


def last_open_day(scheme: Scheme) -> date | None:
    """The last day a scheme took applications, when its calendar says."""
    ends = [step.end for step in application_steps(scheme) if step.end is not None]
    return max(ends) if ends else None


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
    hindsight: bool = False,
    filters: Filters | None = None,
    published_since: date | None = None,
    updated_since: date | None = None,
) -> Matches:
    """Eligible first, then possible, then (if asked) ineligible; within each, open
    before upcoming before closed, then the nearest deadline, then catalog order."""
    removed: list[tuple[Sieve, int]] = []
    considered = len(schemes)
    if filters is not None and filters != Filters():
        schemes = _offered(schemes, filters, removed)
    for sieve, since in (
        (Sieve.published_since, published_since),
        (Sieve.updated_since, updated_since),
    ):
        if since is not None:
            schemes = _fresh(schemes, sieve, since, removed)
    results = judged(schemes, profile, on, budget, hindsight=hindsight)
    fitting = [r for r in results if r.verdict is not Verdict.ineligible]
    set_aside = 0 if include_ineligible else len(results) - len(fitting)
    if not include_ineligible:
        unknown = sum(1 for r in results if _not_yet_announced(r))
        results = fitting
        removed.append((Sieve.announced, unknown))  # nobody could apply to them yet
        removed.append((Sieve.profile, set_aside - unknown))
    dated = results
    if only_open or closing_within is not None:
        results = _counted(removed, Sieve.open, results, lambda r: r.status is SchemeStatus.open)
    if closing_within is not None:
        results = _counted(
            removed,
            Sieve.closing_within,
            results,
            lambda r: r.days_left is not None and r.days_left <= closing_within,
        )
    if opening_within is not None:
        results = _counted(
            removed,
            Sieve.opening_within,
            results,
            lambda r: opens_within(r.scheme, on, opening_within),
        )
    results.sort(
        key=lambda r: (
            _VERDICT_ORDER[r.verdict],
            _STATUS_ORDER[r.status],
            r.deadline or date.max,
        )
    )
    matches = Matches(results)
    matches.set_aside = set_aside
    matches.filtered = Filtered(considered, tuple(removed))
    if len(results) < len(dated):
        kept = {id(r) for r in results}
        closed = [r for r in dated if id(r) not in kept and r.status is SchemeStatus.closed]
        ends = [d for d in (last_open_day(r.scheme) for r in closed) if d is not None and d < on]
        matches.filtered = matches.filtered._replace(
            closed=len(closed), last_closed=max(ends, default=None)
        )
    return matches


def judged(
    schemes: list[Scheme],
    profile: Profile,
    on: date,
    budget: Budget | None = None,
    *,
    hindsight: bool = False,
) -> list[Advice]:
    """Each scheme's advice, as `advise` gives it, with the parts schemes share judged
    once: a verdict, a standing, an estimate are functions of the parts a scheme holds
    (its calendar, rules, funding, variants, kinds, area…), and a compiled catalog gives
    every scheme holding a part the same object. Schemes holding the same parts get the
    same answer, each as itself (or as it was known on `on`). The memo lives for this
    call only; its keys name parts by identity, which the schemes (alive throughout)
    hold."""
    memo: dict[tuple[object, ...], tuple[Scheme, Advice]] = {}
    results = []
    for scheme in schemes:
        key = _judged_parts(scheme)
        found = memo.get(key)
        if found is None:
            advice = advise(scheme, profile, on, budget, hindsight=hindsight)
            memo[key] = (scheme, advice)
            results.append(advice)
            continue
        first, advice = found
        seen = advice.scheme
        if seen is first:
            results.append(advice._replace(scheme=scheme))
        else:  # the calendar as known on `on`: the same steps as the first scheme's
            results.append(advice._replace(scheme=with_steps(scheme, seen.steps)))
    return results


def _judged_parts(scheme: Scheme) -> tuple[object, ...]:
    """What `advise` reads of a scheme, by identity (parts) or value (dates, text)."""
    return (
        id(scheme.steps),
        id(scheme.revisions),
        id(scheme.sources),
        scheme.announced,
        id(scheme.eligibility),
        id(scheme.funding),
        id(scheme.variants),
        id(scheme.kinds),
        id(scheme.area),
        scheme.perimeter,
    )


def by_date(
    schemes: list[Scheme], on: date, *, only_open: bool, closing_within: int | None
) -> tuple[list[Scheme], Filtered]:
    """The schemes open on `on` (and closing within so many days), with what the date
    removed, for `list`, which judges no profile."""
    now = [(scheme, standing(scheme, on)) for scheme in schemes]
    removed: list[tuple[Sieve, int]] = []
    kept = now
    if only_open or closing_within is not None:
        kept = [(s, n) for s, n in kept if n.status is SchemeStatus.open]
        removed.append((Sieve.open, len(now) - len(kept)))
    if closing_within is not None:
        before = len(kept)
        kept = [
            (s, n) for s, n in kept if n.days_left is not None and n.days_left <= closing_within
        ]
        removed.append((Sieve.closing_within, before - len(kept)))
    closed = [s for s, n in now if n.status is SchemeStatus.closed]
    ends = [d for d in (last_open_day(s) for s in closed) if d is not None and d < on]
    filtered = Filtered(len(schemes), tuple(removed), len(closed), max(ends, default=None))
    return [s for s, _n in kept], filtered


def _offered(
    schemes: list[Scheme], filters: Filters, removed: list[tuple[Sieve, int]]
) -> list[Scheme]:
    """The schemes offering what the filters ask, each filter's removals counted."""
    passes = [offers(scheme, filters) for scheme in schemes]
    if filters.financer is not None:
        removed.append((Sieve.financer, sum(1 for f, _t in passes if not f)))
    if filters.aid_type is not None:
        removed.append((Sieve.aid_type, sum(1 for f, t in passes if f and not t)))
    return [s for s, (f, t) in zip(schemes, passes, strict=True) if f and t]


def _not_yet_announced(advice: Advice) -> bool:
    return any(reason.rule == "announced" for reason in advice.assessment.reasons)


def _fresh(
    schemes: list[Scheme], sieve: Sieve, since: date, removed: list[tuple[Sieve, int]]
) -> list[Scheme]:
    """The schemes published (or updated) on or after `since`, the others counted."""
    from relance_cli.core.freshness import fresh

    if sieve is Sieve.published_since:
        kept = fresh(schemes, published_since=since)
    else:
        kept = fresh(schemes, updated_since=since)
    removed.append((sieve, len(schemes) - len(kept)))
    return kept


def _counted(
    removed: list[tuple[Sieve, int]],
    sieve: Sieve,
    results: list[Advice],
    keep: Callable[[Advice], bool],
) -> list[Advice]:
    kept = [r for r in results if keep(r)]
    removed.append((sieve, len(results) - len(kept)))
    return kept
