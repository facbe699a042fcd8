"""What changed between two catalogs: the schemes added, removed, and changed field by
field.

Only the facts a funding officer acts on are compared: dates and deadlines, rates and
amounts, who may apply, the perimeter, the title and the links. A reworded summary or a
new `updated` date alone is no change worth reading about every week.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from relance_cli.core.eligibility import Profile
    from relance_cli.core.estimate import Budget
    from relance_cli.core.models import Scheme

# (field as reported, path in the scheme's JSON form), in the order a reader wants them.
WATCHED = (
    ("title", ("title",)),
    ("perimeter", ("perimeter",)),
    ("eligibility.applicants", ("eligibility", "applicants")),
    ("eligibility.applicant_types", ("eligibility", "applicant_types")),
    ("eligibility.other_audiences", ("eligibility", "other_audiences")),
    ("eligibility.min_population", ("eligibility", "min_population")),
    ("funding.rate", ("funding", "rate")),
    ("funding.rate_low", ("funding", "rate_low")),
    ("funding.loan_amount", ("funding", "loan_amount")),
    ("funding.recoverable_advance_amount", ("funding", "recoverable_advance_amount")),
    ("url", ("url",)),
    ("application_url", ("application_url",)),
    ("origin_url", ("origin_url",)),
)
STEP_FIELDS = ("name", "start", "end")


class FieldChange(NamedTuple):
    field: str
    old: Any  # as in the scheme's JSON form: text, number, ISO date, list, or None
    new: Any


@dataclass(frozen=True, slots=True)
class Changed:
    old: Scheme
    new: Scheme
    changes: list[FieldChange]


@dataclass(frozen=True, slots=True)
class Changes:
    added: list[Scheme]
    removed: list[Scheme]
    changed: list[Changed]


Concerns = Callable[["Scheme"], bool]


def facts(scheme: Scheme) -> dict[str, Any]:
    """The compared facts of a scheme, flat: each watched field, then each step's name,
    start and end by position (`steps[1].end` is the second step's deadline)."""
    shape = scheme.model_dump(mode="json")
    found: dict[str, Any] = {}
    for name, path in WATCHED:
        value: Any = shape
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        found[name] = value
    for index, step in enumerate(shape["steps"]):
        for key in STEP_FIELDS:
            found[f"steps[{index}].{key}"] = step[key]
    return found


def field_changes(old: Scheme, new: Scheme) -> list[FieldChange]:
    before, after = facts(old), facts(new)
    names = list(before) + [name for name in after if name not in before]
    return [
        FieldChange(name, before.get(name), after.get(name))
        for name in names
        if before.get(name) != after.get(name)
    ]


def compare(
    old: Iterable[Scheme], new: Iterable[Scheme], concerns: Concerns | None = None
) -> Changes:
    """The changes from `old` to `new`, in the order of `new` (removed ones in the order of
    `old`). With `concerns`, only the schemes it accepts in either catalog."""
    before = {scheme.id: scheme for scheme in old}
    after = {scheme.id: scheme for scheme in new}
    keep = concerns or (lambda _scheme: True)
    added = [s for i, s in after.items() if i not in before and keep(s)]
    removed = [s for i, s in before.items() if i not in after and keep(s)]
    changed = []
    for scheme_id, scheme in after.items():
        previous = before.get(scheme_id)
        if previous is None:
            continue
        found = field_changes(previous, scheme)
        if found and (keep(scheme) or keep(previous)):
            changed.append(Changed(previous, scheme, found))
    return Changes(added, removed, changed)


def concerning(profile: Profile, on: date, budget: Budget | None = None) -> Concerns:
    """Whether a scheme concerns a profile: eligible, or possibly so, on `on`."""
    from relance_cli.core.advisor import advise
    from relance_cli.core.vocabulary import Verdict

    def concerns(scheme: Scheme) -> bool:
        return advise(scheme, profile, on, budget).verdict is not Verdict.ineligible

    return concerns
