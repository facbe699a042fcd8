"""Eligibility as rules that explain themselves.

Each rule gives one reason: passed, failed, or unknown when the answer depends on
something the user did not say. The verdict follows from the reasons: any failure is
`ineligible`, else any unknown is `possible` ("à vérifier"), else `eligible`.

A reason is data, the same in every language: the rule, its outcome, a stable `code`
(one per distinct message) and the `params` the message needs (numbers, ids, ISO dates,
catalog text). `output/reasons.py` puts it into words for the language in force.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, NamedTuple, TypeAlias

from relance_cli.core.places import Fit, Perimeter, Territory, Where, fit
from relance_cli.core.profiles import Profile as Profile
from relance_cli.core.vocabulary import Applicant, Category, Scale, Verdict
from relance_cli.text import fold

if TYPE_CHECKING:  # the core reads the compiled records as it reads the models
    from relance_cli.core.models import Scheme

# Département and région projects cover at least a whole département.
COVERS_A_DEPARTEMENT = {Applicant.departement, Applicant.region}
# Partners an import tells apart; `partenaire` is any of them.
_PARTNERS = (Applicant.association, Applicant.entreprise, Applicant.recherche)

Params = dict[str, Any]
"""A reason's values, JSON as they are: ints, floats, booleans, strings (ids, ISO dates,
catalog text), lists of them. Shared by cached reasons: never changed in place."""


class Outcome(StrEnum):
    passed = "pass"
    failed = "fail"
    unknown = "unknown"


@dataclass(frozen=True, slots=True)
class Reason:
    """What one rule found, as data: `code` names the message, `params` fill it."""

    rule: str
    outcome: Outcome
    code: str
    params: Params = field(default_factory=dict)


class Assessment(NamedTuple):
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def decisive(self) -> tuple[Reason, ...]:
        """The reasons behind the verdict: failures, else unknowns, else every pass."""
        wanted = {
            Verdict.ineligible: Outcome.failed,
            Verdict.possible: Outcome.unknown,
            Verdict.eligible: Outcome.passed,
        }[self.verdict]
        return tuple(r for r in self.reasons if r.outcome is wanted)


Rule: TypeAlias = "Callable[[Scheme, Profile], Reason | None]"
"""A rule judges one scheme for one profile: a reason, or None when it does not apply
(no project type asked for, no population threshold)."""


def assess(scheme: Scheme, profile: Profile) -> Assessment:
    reasons = [reason for rule in RULES if (reason := rule(scheme, profile)) is not None]
    outcomes = {r.outcome for r in reasons}
    if Outcome.failed in outcomes:
        verdict = Verdict.ineligible
    elif Outcome.unknown in outcomes:
        verdict = Verdict.possible
    else:
        verdict = Verdict.eligible
    return Assessment(verdict, tuple(reasons))


def kind_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    if not profile.kinds:
        return None
    covered = [k for k in profile.kinds if k in scheme.kinds]
    if covered:
        return Reason("kind", Outcome.passed, "kind_covered", _kinds(covered, profile))
    return Reason("kind", Outcome.failed, "kind_not_covered", _kinds(scheme.kinds, profile))


def _kinds(kinds: list[str], profile: Profile) -> Params:
    """Project types by id, with the labels the loaded catalogs give them."""
    labels = dict(profile.kind_labels)
    return {"kinds": list(kinds), "kind_labels": {k: labels[k] for k in kinds if k in labels}}


def applicant_rule(scheme: Scheme, profile: Profile) -> Reason:
    """Who may apply. Audiences the source names but relance does not recognise never
    narrow that: a refusal becomes "à vérifier", naming them."""
    rules = scheme.eligibility
    return _applicant_rule(
        tuple(rules.applicants),
        tuple(rules.applicant_types),
        tuple(rules.other_audiences),
        profile.applicant,
        _may_be_overseas(profile.territory),
    )


def _may_be_overseas(territory: Territory | None) -> bool:
    """Whether the applicant may be a collectivité d'outre-mer à statut particulier (or
    Corsica's, which Aides-territoires counts with them): not on the mainland elsewhere."""
    if territory is None:
        return True
    return territory.overseas or bool(territory.departements & CORSICA)


CORSICA = frozenset({"2A", "2B"})


@lru_cache(maxsize=512)
def _applicant_rule(
    admitted: tuple[Category, ...],
    listed: tuple[Applicant, ...],
    others: tuple[str, ...],
    applicant: Applicant | None,
    overseas: bool = True,
) -> Reason:
    """The same few combinations come back across a catalog: worked out once each."""
    reason = _applicant_reason(list(admitted), list(listed), applicant)
    if reason.outcome is Outcome.failed and applicant is not None:
        reason = _nuanced(reason, listed, applicant, overseas)
    if reason.outcome is Outcome.failed and others:
        params = {"refusal": reason.code, **reason.params, "others": list(others)}
        return Reason("applicant", Outcome.unknown, "unrecognised_publics", params)
    return reason


def _nuanced(
    reason: Reason, listed: tuple[Applicant, ...], applicant: Applicant, overseas: bool
) -> Reason:
    """A refusal by the list of publics that the list itself cannot settle: a generic
    partner where only some partners are named, a département or a région that may be a
    collectivité à statut particulier (Mayotte, Guyane, Corse…) where those are named."""
    publics = [a.value for a in listed]
    if applicant is Applicant.partenaire and any(a in _PARTNERS for a in listed):
        return Reason("applicant", Outcome.unknown, "partners_unspecified", {"publics": publics})
    if Applicant.outre_mer in listed and applicant in COVERS_A_DEPARTEMENT and overseas:
        params = {"applicant": applicant.value, "publics": publics}
        return Reason("applicant", Outcome.unknown, "overseas_status", params)
    return reason


def _applicant_reason(
    admitted: list[Category], listed: list[Applicant], applicant: Applicant | None
) -> Reason:
    categories = {"admitted": [c.value for c in admitted]}
    if applicant is None:
        return _unsaid_applicant(admitted, listed, categories)
    category = applicant.category
    who = {"applicant": applicant.value}
    if listed and applicant in _PARTNERS and Applicant.partenaire in listed:
        listed = [*listed, applicant]  # an earlier import's partners, all of them
    if listed and applicant not in listed:
        params = {**who, "publics": [a.value for a in listed]}
        return Reason("applicant", Outcome.failed, "applicant_not_listed", params)
    if listed:
        return Reason("applicant", Outcome.passed, "applicant_listed", who)
    if category in admitted:
        return Reason("applicant", Outcome.passed, "applicant_admitted", who)
    if category is Category.etablissement_public:
        return _public_establishment(admitted, categories)
    return Reason("applicant", Outcome.failed, "applicant_refused", {**who, **categories})


_ASSUMED = (Category.collectivite, Category.groupement)


def _unsaid_applicant(
    admitted: list[Category], listed: list[Applicant], categories: Params
) -> Reason:
    """Without --applicant, a collectivité or a groupement is assumed: passed only when
    every kind of them may apply (a list of publics that leaves out syndicats does not)."""
    assumed = [a for a in Applicant if a.category in _ASSUMED and a is not Applicant.outre_mer]
    if listed:
        accepted = [a for a in assumed if a in listed]
        publics = {"publics": [a.value for a in listed]}
        if len(accepted) == len(assumed):
            return Reason("applicant", Outcome.passed, "unsaid_all_listed", {})
        if accepted:
            return Reason("applicant", Outcome.unknown, "unsaid_some_listed", publics)
        return Reason("applicant", Outcome.failed, "unsaid_not_listed", publics)
    accepted_categories = set(_ASSUMED) & set(admitted)
    if len(accepted_categories) == len(_ASSUMED):
        return Reason("applicant", Outcome.passed, "unsaid_all_admitted", {})
    if accepted_categories:
        return Reason("applicant", Outcome.unknown, "unsaid_some_admitted", categories)
    return Reason("applicant", Outcome.failed, "unsaid_not_admitted", categories)


def _public_establishment(admitted: list[Category], categories: Params) -> Reason:
    """A library or a school is often a service of its collectivité, which then applies;
    where partners are admitted without more detail, the source cannot settle it."""
    if Category.partenaire in admitted:
        return Reason("applicant", Outcome.unknown, "public_body_unlisted", categories)
    return Reason("applicant", Outcome.failed, "public_body_refused", categories)


def population_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    rules = scheme.eligibility
    if rules.min_population is None:
        return None
    threshold = Threshold(
        rules.min_population,
        rules.population_is_approximate,
        rules.approximate_margin,
        rules.departement_qualifies,
        rules.near_threshold,
    )
    return _population_reason(threshold, profile)


class Threshold(NamedTuple):
    """What the population rule reads of a scheme's eligibility, as a key."""

    min_population: int
    population_is_approximate: bool
    approximate_margin: float
    departement_qualifies: bool
    near_threshold: int | None


@lru_cache(maxsize=1024)
def _population_reason(rules: Threshold, profile: Profile) -> Reason:
    """Schemes share a handful of thresholds: each is worked out once per profile rather
    than once per scheme of a 10,000-scheme catalog."""
    threshold: Params = {
        "min_population": rules.min_population,
        "approximate": rules.population_is_approximate,
    }
    whole = rules.departement_qualifies
    if whole and profile.applicant in COVERS_A_DEPARTEMENT:
        assert profile.applicant is not None
        params = {"applicant": profile.applicant.value}
        return Reason("population", Outcome.passed, "population_any_size", params)
    if profile.population is None:
        code = "population_unsaid_or_departement" if whole else "population_unsaid"
        return Reason("population", Outcome.unknown, code, threshold)
    given: Params = {**_population(profile), **threshold}
    if profile.population >= rules.min_population:
        return Reason("population", Outcome.passed, "population_reached", given)
    near = rules.near_threshold
    if near is not None and profile.population >= near:
        near_params: Params = {**given, "margin": rules.approximate_margin}
        return Reason("population", Outcome.unknown, "population_near_threshold", near_params)
    code = "population_below_departement" if whole else "population_below"
    return Reason("population", Outcome.failed, code, given)


def _population(profile: Profile) -> Params:
    """The population, and where it comes from when a territory was given."""
    assert profile.population is not None
    params: Params = {"population": profile.population}
    territory = profile.territory
    if territory is not None and territory.population is not None:
        params["population_source"] = profile.population_source
        params.update(_territory(territory))
        params["territory_population"] = territory.population
    return params


def _territory(territory: Territory) -> Params:
    return {
        "territory_scale": territory.scale.value,
        "territory_code": territory.code,
        "territory_name": territory.name,
    }


def perimeter_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """Where the scheme applies: it covers the user's territory, it does not, or relance
    cannot tell (a water basin: no official basin data is shipped yet; a PETR, an unresolved
    name): never a silent pass or fail."""
    area: Perimeter | None = scheme.area
    where = {"perimeter": scheme.perimeter or (area.code if area and area.code else "")}
    if area is None and scheme.perimeter and fold(scheme.perimeter) not in NATIONAL:
        area = Where(Scale.other)  # a perimeter written as text only
    territory = profile.territory
    if territory is None:
        if area is None or area.scale.national:
            return None
        return Reason("perimeter", Outcome.unknown, "perimeter_unsaid", where)
    here = _territory(territory)
    if area is None:
        return Reason("perimeter", Outcome.passed, "national", here)
    result = fit(area, territory)
    if result is Fit.inside:
        return Reason("perimeter", Outcome.passed, "perimeter_inside", {**here, **where})
    if result is Fit.outside:
        return Reason("perimeter", Outcome.failed, "perimeter_outside", {**here, **where})
    if result is Fit.partly:
        return Reason("perimeter", Outcome.unknown, "perimeter_partly", {**here, **where})
    return Reason("perimeter", Outcome.unknown, "perimeter_unplaced", {**here, **where})


def population_cap_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """A ceiling some sources set (a préfecture's "moins de 100 000 habitants")."""
    below = scheme.eligibility.population_below
    if below is None:
        return None
    ceiling = {"ceiling": below}
    if profile.population is None:
        return Reason("population_cap", Outcome.unknown, "population_cap_unsaid", ceiling)
    given = {**_population(profile), **ceiling}
    if profile.population < below:
        return Reason("population_cap", Outcome.passed, "population_under_cap", given)
    return Reason("population_cap", Outcome.failed, "population_over_cap", given)


def unsettled_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """Rules the sources give differently: the profiles they touch are "à vérifier", with
    the reason, never a silent pass or fail. Without --applicant, a collectivité or a
    groupement is assumed, of any kind: a doubt on one of them is a doubt on the profile."""
    for doubt in scheme.eligibility.unsettled:
        why = {"reason": doubt.reason}
        size = doubt.population_at_least
        if size is not None and profile.population is not None and profile.population >= size:
            params = {**_population(profile), **why}
            return Reason("unsettled", Outcome.unknown, "unsettled_population", params)
        if profile.applicant is not None and profile.applicant in doubt.applicant_types:
            return Reason("unsettled", Outcome.unknown, "unsettled_applicant", why)
        assumed = [a for a in doubt.applicant_types if a.category in _ASSUMED]
        if profile.applicant is None and assumed:
            return Reason("unsettled", Outcome.unknown, "unsettled_unsaid_applicant", why)
    return None


NATIONAL = {"france", "europe"}

RULES: tuple[Rule, ...] = (
    kind_rule,
    applicant_rule,
    population_rule,
    population_cap_rule,
    unsettled_rule,
    perimeter_rule,
)
"""Every rule, in the order reasons are shown; a new rule is one function and one entry."""
