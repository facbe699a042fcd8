"""Eligibility as rules that explain themselves.

Each rule gives one reason: passed, failed, or unknown when the answer depends on
something the user did not say. The verdict follows from the reasons: any failure is
`ineligible`, else any unknown is `possible` ("à vérifier"), else `eligible`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from relance_cli import french
from relance_cli.models import Applicant, Category, Scheme

CATEGORY = {
    Applicant.commune: Category.collectivite,
    Applicant.departement: Category.collectivite,
    Applicant.region: Category.collectivite,
    Applicant.epci: Category.groupement,
    Applicant.syndicat: Category.groupement,
    Applicant.partenaire: Category.partenaire,
}

# Département and région projects cover at least a whole département.
COVERS_A_DEPARTEMENT = {Applicant.departement, Applicant.region}

_APPLICANT_PLURAL = {
    Applicant.commune: "les communes",
    Applicant.departement: "les départements",
    Applicant.region: "les régions",
    Applicant.epci: "les EPCI",
    Applicant.syndicat: "les syndicats",
    Applicant.partenaire: "les partenaires des collectivités (associations, entreprises…)",
}
_ADMITTED = {
    Category.collectivite: "sont des collectivités, admises à candidater",
    Category.groupement: "sont des groupements de collectivités, admis à candidater",
    Category.partenaire: "sont admis à candidater",
}
_CATEGORY_PLURAL = {
    Category.collectivite: "collectivités",
    Category.groupement: "groupements de collectivités",
    Category.partenaire: "partenaires des collectivités",
}


class Outcome(StrEnum):
    passed = "pass"
    failed = "fail"
    unknown = "unknown"


class Verdict(StrEnum):
    eligible = "eligible"
    possible = "possible"
    ineligible = "ineligible"


@dataclass(frozen=True)
class Reason:
    rule: str
    outcome: Outcome
    text: str


@dataclass(frozen=True)
class Profile:
    """What the user told us about the project; None means "not said"."""

    applicant: Applicant | None = None
    population: int | None = None
    kinds: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Assessment:
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


def assess(scheme: Scheme, profile: Profile) -> Assessment:
    reasons = [
        *kind_rule(scheme, profile),
        applicant_rule(scheme, profile),
        *population_rule(scheme, profile),
    ]
    outcomes = {r.outcome for r in reasons}
    if Outcome.failed in outcomes:
        verdict = Verdict.ineligible
    elif Outcome.unknown in outcomes:
        verdict = Verdict.possible
    else:
        verdict = Verdict.eligible
    return Assessment(verdict, tuple(reasons))


def kind_rule(scheme: Scheme, profile: Profile) -> list[Reason]:
    if not profile.kinds:
        return []
    covered = [k for k in profile.kinds if k in scheme.kinds]
    if covered:
        return [Reason("kind", Outcome.passed, f"type de projet couvert : {', '.join(covered)}")]
    return [
        Reason(
            "kind",
            Outcome.failed,
            f"type de projet non couvert : ce dispositif finance {', '.join(scheme.kinds)}",
        )
    ]


def applicant_rule(scheme: Scheme, profile: Profile) -> Reason:
    admitted = scheme.eligibility.applicants
    admitted_text = " et ".join(_CATEGORY_PLURAL[c] for c in admitted)
    if profile.applicant is None:
        assumed = {Category.collectivite, Category.groupement}
        accepted = assumed & set(admitted)
        if accepted == assumed:
            return Reason(
                "applicant",
                Outcome.passed,
                "candidat non précisé : collectivité ou groupement supposé, tous deux admis",
            )
        if accepted:
            return Reason(
                "applicant",
                Outcome.unknown,
                f"candidat non précisé : seuls les {admitted_text} sont admis "
                "(préciser avec --applicant)",
            )
        return Reason(
            "applicant",
            Outcome.failed,
            f"candidat supposé collectivité ou groupement : réservé aux {admitted_text}",
        )
    category = CATEGORY[profile.applicant]
    who = _APPLICANT_PLURAL[profile.applicant]
    listed = scheme.eligibility.applicant_types
    if listed and profile.applicant not in listed:
        publics = ", ".join(_APPLICANT_PLURAL[a].removeprefix("les ") for a in listed)
        return Reason(
            "applicant", Outcome.failed, f"{who} ne sont pas parmi les publics visés ({publics})"
        )
    if listed:
        return Reason("applicant", Outcome.passed, f"{who} sont parmi les publics visés")
    if category in admitted:
        return Reason(
            "applicant",
            Outcome.passed,
            f"{who} {_ADMITTED[category]}",
        )
    return Reason(
        "applicant",
        Outcome.failed,
        f"{who} ne peuvent pas candidater : réservé aux {admitted_text}",
    )


def population_rule(scheme: Scheme, profile: Profile) -> list[Reason]:
    rules = scheme.eligibility
    if rules.min_population is None:
        return []
    threshold = _threshold_text(scheme)
    if rules.departement_qualifies and profile.applicant in COVERS_A_DEPARTEMENT:
        who = _APPLICANT_PLURAL[profile.applicant]
        return [
            Reason(
                "population",
                Outcome.passed,
                f"{who} sont éligibles quelle que soit leur population "
                "(le projet couvre au moins un département)",
            )
        ]
    alternative = " ou un département entier" if rules.departement_qualifies else ""
    if profile.population is None:
        return [
            Reason(
                "population",
                Outcome.unknown,
                f"population concernée non précisée : il faut {threshold}{alternative} "
                "(préciser avec --population)",
            )
        ]
    given = french.integer(profile.population)
    if profile.population >= rules.min_population:
        return [Reason("population", Outcome.passed, f"population concernée {given} ≥ {threshold}")]
    near = rules.near_threshold
    if near is not None and profile.population >= near:
        margin = french.rate(Decimal(str(rules.approximate_margin)))
        return [
            Reason(
                "population",
                Outcome.unknown,
                f"population concernée {given}, à moins de {margin} sous {threshold} : à vérifier",
            )
        ]
    hint = " (un projet couvrant tout un département serait éligible)" if alternative else ""
    return [
        Reason("population", Outcome.failed, f"population concernée {given} < {threshold}{hint}")
    ]


def _threshold_text(scheme: Scheme) -> str:
    rules = scheme.eligibility
    assert rules.min_population is not None
    about = "environ " if rules.population_is_approximate else ""
    return f"{about}{french.integer(rules.min_population)} habitants"
