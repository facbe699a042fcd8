"""The JSON shapes scripts rely on: plain dicts with stable English keys.

Dates are `YYYY-MM-DD` strings; rates and amounts are JSON numbers, exact to the cent.
The README documents these shapes and `tests/test_json_shapes.py` holds them to it.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from relance_cli.advisor import Advice
from relance_cli.calendar import (
    DatedStep,
    days_left,
    deadline,
    next_step,
    scheme_status,
    step_status,
)
from relance_cli.catalog import LoadedCatalog
from relance_cli.eligibility import Profile
from relance_cli.estimate import Budget, Estimate
from relance_cli.models import Scheme, Step


def number(value: Decimal | None) -> int | float | None:
    """An exact decimal as a JSON number: an integer when whole, else to the cent."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def step(item: Step, on: date) -> dict[str, Any]:
    return {
        "name": item.name,
        "start": day(item.start),
        "end": day(item.end),
        "accepts_applications": item.accepts_applications,
        "status": step_status(item, on).value,
    }


def next_step_shape(item: Step | None) -> dict[str, Any] | None:
    return {"name": item.name, "start": day(item.start)} if item else None


def scheme(item: Scheme, on: date, origin: str | None = None) -> dict[str, Any]:
    """Everything the catalog says about a scheme, plus where it stands on `on`."""
    rules = item.eligibility
    funding = item.funding
    return {
        "id": item.id,
        "title": item.title,
        "title_en": item.title_en,
        "summary": item.summary,
        "summary_en": item.summary_en,
        "operator": item.operator,
        "kinds": list(item.kinds),
        "requirements": list(item.requirements),
        "examples": list(item.examples),
        "url": item.url,
        "application_url": item.application_url,
        "origin_url": item.origin_url,
        "financers": list(item.financers),
        "programmes": list(item.programmes),
        "categories": list(item.categories),
        "perimeter": item.perimeter,
        "call_for_projects": item.call_for_projects,
        "updated": day(item.updated),
        "eligibility": {
            "applicants": [c.value for c in rules.applicants],
            "applicant_types": [a.value for a in rules.applicant_types],
            "min_population": rules.min_population,
            "population_is_approximate": rules.population_is_approximate,
            "approximate_margin": rules.approximate_margin,
            "departement_qualifies": rules.departement_qualifies,
        },
        "funding": {
            "rate": number(funding.rate),
            "rate_low": number(funding.rate_low),
            "excluded_costs": [c.value for c in funding.excluded_costs],
            "support": list(funding.support),
            "note": funding.note,
        },
        "steps": [step(s, on) for s in item.steps],
        "status": scheme_status(item, on).value,
        "deadline": day(deadline(item, on)),
        "days_left": days_left(item, on),
        "next_step": next_step_shape(next_step(item, on)),
        "catalog": origin,
    }


def scheme_list(catalog: LoadedCatalog, schemes: list[Scheme], on: date) -> dict[str, Any]:
    return {
        "as_of": day(on),
        "schemes": [scheme(s, on, catalog.origin.get(s.id)) for s in schemes],
    }


def estimate_shape(value: Estimate | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "eligible_base": number(value.eligible_base),
        "rate": number(value.rate),
        "amount": number(value.amount),
    }


def profile_shape(profile: Profile, budget: Budget | None) -> dict[str, Any]:
    return {
        "applicant": profile.applicant.value if profile.applicant else None,
        "population": profile.population,
        "types": list(profile.kinds),
        "budget": number(budget.total) if budget else None,
        "staff_costs": number(budget.staff) if budget else None,
        "equipment_costs": number(budget.equipment) if budget else None,
    }


def advice(item: Advice) -> dict[str, Any]:
    return {
        "id": item.scheme.id,
        "title": item.scheme.title,
        "verdict": item.verdict.value,
        "reasons": [
            {"rule": r.rule, "outcome": r.outcome.value, "text": r.text}
            for r in item.assessment.reasons
        ],
        "status": item.status.value,
        "deadline": day(item.deadline),
        "days_left": item.days_left,
        "next_step": next_step_shape(item.next_step),
        "estimate": estimate_shape(item.estimate),
    }


def match(
    results: list[Advice], profile: Profile, budget: Budget | None, on: date
) -> dict[str, Any]:
    return {
        "as_of": day(on),
        "profile": profile_shape(profile, budget),
        "results": [advice(r) for r in results],
    }


def calendar(rows: list[DatedStep], on: date) -> dict[str, Any]:
    return {
        "as_of": day(on),
        "steps": [
            {
                "scheme": row.scheme.id,
                "name": row.step.name,
                "start": day(row.step.start),
                "end": day(row.step.end),
                "status": row.status.value,
                "accepts_applications": row.step.accepts_applications,
                "days_left": row.days_left,
            }
            for row in rows
        ],
    }


def dumps(payload: Any, *, indent: bool = False) -> str:
    """UTF-8 (accents kept as they are), stable key order; indented for a person at a
    terminal, compact for a program (four times faster to write on large catalogs)."""
    return json.dumps(payload, ensure_ascii=False, indent=2 if indent else None)
