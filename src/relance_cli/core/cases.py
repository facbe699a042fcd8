"""The verdict cases a catalog carries, run against its own rules (`relance test`), as
OpenFisca runs its YAML tests and Publicodes its examples: a profile on a date, the
verdict expected of each scheme named, and optionally its estimate."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from relance_cli.core.advisor import Advice, advise
from relance_cli.core.eligibility import Outcome, Reason
from relance_cli.core.estimate import Budget
from relance_cli.core.places import Territory
from relance_cli.core.profiles import Profile
from relance_cli.core.profiles import profile as build
from relance_cli.core.vocabulary import Scale, Verdict
from relance_cli.errors import CatalogError, InputProblem
from relance_cli.i18n import _

if TYPE_CHECKING:
    from relance_cli.core.models import Case, Scheme

Find = Callable[[Scale, str], Territory]


class Miss(NamedTuple):
    """One scheme of one case that did not answer as expected."""

    case: str
    catalog: str
    scheme: str
    expected: Verdict
    verdict: Verdict
    expected_estimate: Decimal | None
    estimate: Decimal | None
    session: str | None
    deciding: tuple[Reason, ...]


@dataclass(frozen=True, slots=True)
class CaseReport:
    cases: int
    checks: int
    misses: list[Miss]

    @property
    def passed(self) -> bool:
        """Every check answered as expected, and there was at least one."""
        return self.checks > 0 and not self.misses


class CaseProblem(CatalogError):
    """A case whose territory cannot be found: which case (its catalog's label, its index
    among that catalog's cases, its name) and the problem. Said with the label alone;
    `located` says it with the line the caller found (`catalog.diagnostics.case_line`)."""

    def __init__(self, label: str, index: int, name: str, problem: InputProblem) -> None:
        self.label, self.index, self.name, self.problem = label, index, name, problem
        super().__init__(self.located(label))

    def located(self, where: str) -> str:
        text = _("{catalog} : cas [[test]] « {case} » : {error}")
        words = self.problem.words(self.problem.subject)
        return text.format(catalog=where, case=self.name, error=words)


def profile_of(
    case: Case, find: Find, kinds: dict[str, str] | None = None
) -> tuple[Profile, Budget | None]:
    """The case's profile, as the command line would build it from the same options."""
    territory = None
    for scale in (Scale.commune, Scale.epci, Scale.departement, Scale.region):
        named = getattr(case, scale.value)
        if named is not None:
            territory = find(scale, named)
    profile = build(
        applicant=case.applicant,
        population=case.population,
        kinds=case.types,
        territory=territory,
        kind_labels=kinds,
    )
    budget = None
    if case.budget is not None:
        budget = Budget(
            case.budget, case.staff_costs or Decimal(0), case.equipment_costs or Decimal(0)
        )
    return profile, budget


def run(
    cases: Iterable[tuple[str, Case]],
    schemes: dict[str, Scheme],
    find: Find,
    kinds: dict[str, str] | None = None,
) -> CaseReport:
    """Every case of every catalog (label, case), each scheme it names judged on its date;
    `kinds` names the project types in the reasons."""
    misses: list[Miss] = []
    count = checks = 0
    index: dict[str, int] = {}
    for label, case in cases:
        count += 1
        index[label] = index.get(label, -1) + 1
        try:
            profile, budget = profile_of(case, find, kinds)
        except InputProblem as problem:  # a territory the geography does not know
            raise CaseProblem(label, index[label], case.name, problem) from None
        for scheme_id, expected in case.expect.items():
            checks += 1
            advice = advise(
                schemes[scheme_id], profile, case.as_of, budget, hindsight=case.hindsight
            )
            wanted = case.estimates.get(scheme_id)
            found = advice.estimate.amount if advice.estimate else None
            if advice.verdict is not expected or (wanted is not None and wanted != found):
                misses.append(_miss(case, label, scheme_id, expected, advice, wanted))
    return CaseReport(count, checks, misses)


def _miss(
    case: Case,
    label: str,
    scheme_id: str,
    expected: Verdict,
    advice: Advice,
    wanted: Decimal | None,
) -> Miss:
    """What went wrong, with the reasons that decided (every reason when the verdict is
    right but the estimate is not)."""
    reasons = advice.assessment.decisive
    if advice.verdict is expected:
        reasons = tuple(r for r in advice.assessment.reasons if r.outcome is Outcome.passed)
    return Miss(
        case=case.name,
        catalog=label,
        scheme=scheme_id,
        expected=expected,
        verdict=advice.verdict,
        expected_estimate=wanted,
        estimate=advice.estimate.amount if advice.estimate else None,
        session=advice.session.name if advice.session else None,
        deciding=reasons,
    )
