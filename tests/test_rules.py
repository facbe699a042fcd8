"""Eligibility, calendar and estimate rules, checked on the core functions directly."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from relance_cli.catalog import loading as catalog
from relance_cli.core import schedule as cal
from relance_cli.core.advisor import match
from relance_cli.core.eligibility import Outcome, Profile, assess
from relance_cli.core.estimate import Budget, estimate
from relance_cli.core.models import Applicant, Scheme
from relance_cli.core.vocabulary import Category, Verdict
from relance_cli.output.reasons import sentence

LOADED = catalog.load([catalog.BUILTIN])
BY_ID = {s.id: s for s in LOADED.schemes}
GUICHETS = ("dematerialisation", "donnees", "cooperation")


def verdict(scheme_id: str, **profile: object) -> Verdict:
    return assess(BY_ID[scheme_id], Profile(**profile)).verdict  # type: ignore[arg-type]


def texts(scheme_id: str, **profile: object) -> list[str]:
    found = assess(BY_ID[scheme_id], Profile(**profile))  # type: ignore[arg-type]
    return [sentence(r).replace("\u00a0", " ").replace("\u202f", " ") for r in found.reasons]


# --- eligibility --------------------------------------------------------------------------


@pytest.mark.parametrize("scheme_id", GUICHETS)
@pytest.mark.parametrize(
    ("population", "expected"),
    [
        (600_000, Verdict.eligible),
        (500_000, Verdict.eligible),
        (499_999, Verdict.possible),
        (450_000, Verdict.possible),
        (449_999, Verdict.ineligible),
        (20_000, Verdict.ineligible),
        (0, Verdict.ineligible),
    ],
)
def test_population_threshold_and_its_margin(
    scheme_id: str, population: int, expected: Verdict
) -> None:
    assert verdict(scheme_id, population=population, applicant=Applicant.epci) is expected


def test_reasons_quote_the_figures() -> None:
    assert (
        "population concernée 20 000 < environ 500 000 habitants"
        in texts("donnees", population=20_000)[1]
    )
    assert texts("donnees", population=480_000)[1] == (
        "population concernée 480 000, à moins de 10 % sous environ 500 000 habitants (marge de "
        "lecture de relance, pas de la source) : à vérifier"
    )
    assert texts("donnees", population=500_000)[1] == (
        "population concernée 500 000 ≥ environ 500 000 habitants"
    )


@pytest.mark.parametrize("applicant", [Applicant.departement, Applicant.region])
@pytest.mark.parametrize("scheme_id", GUICHETS)
def test_departements_and_regions_qualify_whatever_their_population(
    scheme_id: str, applicant: Applicant
) -> None:
    assert verdict(scheme_id, applicant=applicant, population=100) is Verdict.eligible
    assert verdict(scheme_id, applicant=applicant) is Verdict.eligible
    assert any(
        "quelle que soit leur population" in t for t in texts(scheme_id, applicant=applicant)
    )


@pytest.mark.parametrize("applicant", [Applicant.commune, Applicant.epci, Applicant.syndicat])
def test_communes_and_groupements_need_the_population(applicant: Applicant) -> None:
    assert verdict("donnees", applicant=applicant, population=449_999) is Verdict.ineligible
    assert verdict("donnees", applicant=applicant, population=500_000) is Verdict.eligible


def test_a_partner_can_answer_the_consultation_but_not_the_guichets() -> None:
    assert verdict("consultation-incubateur", applicant=Applicant.partenaire) is Verdict.eligible
    for scheme_id in GUICHETS:
        assert (
            verdict(scheme_id, applicant=Applicant.partenaire, population=900_000)
            is Verdict.ineligible
        )
        assert any(
            "ne peuvent pas candidater" in t
            for t in texts(scheme_id, applicant=Applicant.partenaire)
        )


def test_missing_population_makes_a_threshold_scheme_possible() -> None:
    assert verdict("dematerialisation") is Verdict.possible
    assert any("préciser avec --population" in t for t in texts("dematerialisation"))
    assert verdict("consultation-incubateur") is Verdict.eligible


def test_missing_applicant_is_assumed_collectivite_or_groupement() -> None:
    found = assess(BY_ID["dematerialisation"], Profile(population=600_000))
    applicant = next(r for r in found.reasons if r.rule == "applicant")
    assert applicant.outcome is Outcome.passed and "supposé" in sentence(applicant)


def only_for(categories: list[str]) -> Scheme:
    data = BY_ID["donnees"].model_dump(by_alias=True)
    data["eligibility"]["applicants"] = categories
    return Scheme.model_validate(data)


def test_missing_applicant_matters_when_the_scheme_takes_only_one_category() -> None:
    assert assess(only_for(["groupement"]), Profile(population=600_000)).verdict is (
        Verdict.possible
    )
    assert assess(only_for(["partenaire"]), Profile(population=600_000)).verdict is (
        Verdict.ineligible
    )


def test_project_type_filters_and_explains() -> None:
    assert verdict("donnees", kinds=("dematerialisation",), population=600_000) is (
        Verdict.ineligible
    )
    assert texts("donnees", kinds=("dematerialisation",))[0] == (
        "type de projet non couvert : ce dispositif finance donnees"
    )
    assert verdict("donnees", kinds=("dematerialisation", "donnees"), population=600_000) is (
        Verdict.eligible
    )


def test_match_orders_eligible_then_possible_then_ineligible() -> None:
    on = date(2021, 5, 20)
    results = match(LOADED.schemes, Profile(population=480_000), on, include_ineligible=True)
    assert [r.verdict for r in results] == [Verdict.eligible] * 2 + [Verdict.possible] * 5
    # within "possible", the nearest deadline first, then catalog order (on 20 May 2021 the
    # API and préfets' guichets had no end announced yet); the préfets' guichets are to be
    # checked for 480 000 inhabitants: the size admitted varied by préfecture
    assert [r.scheme.id for r in results] == [
        "consultation-incubateur", "investigations", *GUICHETS, "api-franceconnect",
        "guichets-prefets",
    ]  # fmt: skip
    hidden = match(LOADED.schemes, Profile(population=20_000), on)
    assert [r.scheme.id for r in hidden] == [
        "consultation-incubateur", "investigations", "api-franceconnect", "guichets-prefets",
    ]  # fmt: skip


def test_match_puts_open_before_upcoming_before_closed_then_nearest_deadline() -> None:
    on = date(2021, 9, 21)  # the second session just announced, after the consultation
    commune = Profile(applicant=Applicant.commune, population=600_000)
    results = match(LOADED.schemes, commune, on)
    assert [(r.scheme.id, r.status) for r in results] == [
        ("api-franceconnect", cal.SchemeStatus.open),
        ("dematerialisation", cal.SchemeStatus.upcoming),
        ("donnees", cal.SchemeStatus.upcoming),
        ("cooperation", cal.SchemeStatus.upcoming),
        ("consultation-incubateur", cal.SchemeStatus.closed),
        ("investigations", cal.SchemeStatus.closed),
        ("guichets-prefets", cal.SchemeStatus.open),  # to be checked at 600 000 inhabitants
    ]
    assert [r.verdict for r in results] == [Verdict.eligible] * 6 + [Verdict.possible]


def test_closing_within_and_only_open() -> None:
    on = date(2021, 5, 20)
    soon = match(LOADED.schemes, Profile(population=600_000), on, closing_within=8)
    assert [r.scheme.id for r in soon] == list(GUICHETS)
    assert match(LOADED.schemes, Profile(population=600_000), on, closing_within=7) == []
    between = match(LOADED.schemes, Profile(), date(2021, 6, 2), only_open=True)
    assert [r.scheme.id for r in between] == ["api-franceconnect", "guichets-prefets"]
    assert match(LOADED.schemes, Profile(), date(2022, 6, 28), only_open=True) == []


# --- calendar -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "status"),
    [
        (date(2021, 1, 24), cal.SchemeStatus.upcoming),
        (date(2021, 1, 25), cal.SchemeStatus.open),  # first day
        (date(2021, 5, 28), cal.SchemeStatus.open),  # last day, inclusive
        (date(2021, 5, 29), cal.SchemeStatus.upcoming),  # the second session is announced
        (date(2021, 10, 7), cal.SchemeStatus.upcoming),
        (date(2021, 10, 8), cal.SchemeStatus.open),
        (date(2021, 11, 22), cal.SchemeStatus.open),
        (date(2021, 11, 23), cal.SchemeStatus.closed),
    ],
)
def test_scheme_status_boundaries(on: date, status: cal.SchemeStatus) -> None:
    assert cal.scheme_status(BY_ID["dematerialisation"], on) is status


def test_days_left_and_deadline() -> None:
    scheme = BY_ID["dematerialisation"]
    assert cal.days_left(scheme, date(2021, 2, 1)) == 116
    assert cal.days_left(scheme, date(2021, 5, 28)) == 0
    assert cal.days_left(scheme, date(2021, 5, 29)) is None
    assert cal.deadline(scheme, date(2021, 1, 1)) == date(2021, 5, 28)  # next window
    assert cal.deadline(scheme, date(2021, 6, 1)) == date(2021, 11, 22)  # the second one
    assert cal.days_left(scheme, date(2021, 11, 1)) == 21
    assert cal.deadline(scheme, date(2021, 11, 23)) is None


def test_the_consultation_closes_after_its_only_application_window() -> None:
    scheme = BY_ID["consultation-incubateur"]
    assert cal.scheme_status(scheme, date(2021, 3, 15)) is cal.SchemeStatus.open
    assert cal.scheme_status(scheme, date(2021, 3, 16)) is cal.SchemeStatus.closed
    assert cal.deadline(scheme, date(2021, 3, 16)) is None
    step = cal.next_step(scheme, date(2021, 3, 16))
    assert step is not None and step.name.startswith("Soutien aux projets par les collectivités")
    assert step.start == date(2021, 4, 1)
    assert cal.next_step(scheme, date(2021, 7, 5)) is None


def test_step_status_and_open_ended_steps() -> None:
    steps = BY_ID["consultation-incubateur"].steps
    laureats = steps[-1]
    assert cal.step_status(laureats, date(2021, 7, 4)) is cal.StepStatus.upcoming
    assert cal.step_status(laureats, date(2021, 7, 5)) is cal.StepStatus.current
    assert cal.step_status(laureats, date(2099, 1, 1)) is cal.StepStatus.current
    support = steps[1]
    assert cal.step_status(support, date(2021, 5, 1)) is cal.StepStatus.current
    assert cal.step_status(support, date(2021, 5, 2)) is cal.StepStatus.past
    committee = steps[2]
    assert cal.step_status(committee, date(2021, 5, 3)) is cal.StepStatus.current


def test_a_step_without_a_start_begins_no_earlier_than_the_steps_before_it() -> None:
    # The consultation as known on 10 April 2021: its working groups ran from « début mai »
    # (the FAQ of 13 April gave the day), after the support step of 1 April–1 May.
    scheme = cal.known_on(BY_ID["consultation-incubateur"], date(2021, 4, 10))
    groups = scheme.steps[2]
    assert (groups.start, groups.end) == (None, date(2021, 6, 30))
    assert cal.not_before(scheme, groups) == date(2021, 4, 1)
    assert cal.step_status(groups, date(2021, 3, 1), scheme) is cal.StepStatus.upcoming
    assert cal.step_status(groups, date(2021, 4, 1), scheme) is cal.StepStatus.current
    assert cal.step_status(groups, date(2021, 7, 1), scheme) is cal.StepStatus.past
    # Alone, with nothing before it, such a step is open until its end.
    api = BY_ID["api-franceconnect"]
    assert cal.scheme_status(api, date(2021, 1, 1)) is cal.SchemeStatus.open
    assert cal.scheme_status(api, date(2022, 6, 28)) is cal.SchemeStatus.closed


def with_window(start: date, end: date | None) -> Scheme:
    data = BY_ID["donnees"].model_dump(by_alias=True)
    data["steps"] = [{"name": "Dépôt", "start": start, "end": end, "accepts_applications": True}]
    return Scheme.model_validate(data)


def test_days_left_across_month_ends_and_leap_years() -> None:
    leap = with_window(date(2024, 1, 1), date(2024, 3, 1))
    assert cal.days_left(leap, date(2024, 2, 28)) == 2  # 29 February exists in 2024
    common = with_window(date(2023, 1, 1), date(2023, 3, 1))
    assert cal.days_left(common, date(2023, 2, 28)) == 1
    assert cal.days_left(common, date(2023, 1, 31)) == 29
    year_end = with_window(date(2024, 12, 1), date(2025, 1, 2))
    assert cal.days_left(year_end, date(2024, 12, 31)) == 2


def test_an_open_ended_application_step_has_no_deadline() -> None:
    ongoing = with_window(date(2024, 1, 1), None)
    assert cal.scheme_status(ongoing, date(2030, 1, 1)) is cal.SchemeStatus.open
    assert cal.deadline(ongoing, date(2030, 1, 1)) is None
    assert cal.days_left(ongoing, date(2030, 1, 1)) is None


def test_chronology_is_ordered_and_counts_days_of_current_steps() -> None:
    rows = cal.chronology(LOADED.schemes, date(2021, 3, 15))
    starts = [cal.starts(r.step) for r in rows]
    assert starts == sorted(starts)
    statuses = {(r.scheme.id, r.step.name): r.status for r in rows}
    groups = next(name for _, name in statuses if name.startswith("Groupes de travail"))
    assert statuses[("consultation-incubateur", groups)] is cal.StepStatus.upcoming
    current = {(r.scheme.id, r.step.name): r.days_left for r in rows if r.days_left is not None}
    assert (
        current[("consultation-incubateur", "Recueil des besoins et des services existants")] == 0
    )
    assert current[("dematerialisation", "1ère session")] == 74


# --- estimate ---------------------------------------------------------------------------------


def test_estimate_of_the_issue_example() -> None:
    budget = Budget(Decimal(300_000), Decimal(100_000), Decimal(50_000))
    demat = estimate(BY_ID["dematerialisation"], budget)
    assert (demat.eligible_base, demat.amount) == (Decimal(200_000), Decimal(100_000))
    for scheme_id in ("donnees", "cooperation"):
        value = estimate(BY_ID[scheme_id], budget)
        assert (value.eligible_base, value.amount) == (Decimal(150_000), Decimal(75_000))
    whole = estimate(BY_ID["consultation-incubateur"], budget)
    assert (whole.eligible_base, whole.amount) == (Decimal(300_000), Decimal(150_000))


def test_estimate_to_the_cent() -> None:
    budget = Budget(Decimal("1234.57"), Decimal("0.02"))
    value = estimate(BY_ID["dematerialisation"], budget)
    assert value.eligible_base == Decimal("1234.55")
    assert value.amount == Decimal("617.28")  # 617.275 rounds half up


def test_budget_problems() -> None:
    assert Budget(Decimal(100), Decimal(60), Decimal(40)).problem() is None
    assert Budget(Decimal(100), Decimal(60), Decimal(41)).problem() == "costs_over_budget"
    assert Budget(Decimal(-1)).problem() == "negative_budget"
    assert Budget(Decimal(1), Decimal(-1)).problem() == "negative_staff_costs"
    assert Budget(Decimal(1), Decimal(0), Decimal(-1)).problem() == "negative_equipment_costs"


def test_a_scheme_naming_exact_applicant_types_checks_them() -> None:
    data = BY_ID["consultation-incubateur"].model_dump(by_alias=True)
    data["eligibility"]["applicant_types"] = ["departement", "region"]
    scheme = Scheme.model_validate(data)
    refused = assess(scheme, Profile(applicant=Applicant.commune))
    assert refused.verdict is Verdict.ineligible
    assert sentence(refused.reasons[0]) == (
        "les communes ne sont pas parmi les publics visés (les départements, les régions)"
    )
    assert assess(scheme, Profile(applicant=Applicant.region)).verdict is Verdict.eligible
    # No applicant given: a collectivité or a groupement is assumed, and only some may apply.
    unsaid = assess(scheme, Profile())
    assert unsaid.verdict is Verdict.possible
    assert sentence(unsaid.reasons[0]) == (
        "candidat non précisé : ce dispositif ne vise que certains publics (les départements, "
        "les régions) ; préciser avec --applicant"
    )
    assumed = (Category.collectivite, Category.groupement)
    every = [a.value for a in Applicant if a.category in assumed]
    data["eligibility"]["applicant_types"] = every
    assert assess(Scheme.model_validate(data), Profile()).verdict is Verdict.eligible
    data["eligibility"]["applicant_types"] = ["etablissement-public"]
    refused = assess(Scheme.model_validate(data), Profile())
    assert refused.verdict is Verdict.ineligible
    assert "réservé à d'autres publics" in sentence(refused.reasons[0])
