"""One catalog file: its provenance, its project kinds, its schemes and its `[[test]]`
cases; the rules across schemes; the JSON Schema editors read."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from decimal import Decimal
from typing import Any

from pydantic import Field, ValidationError, model_validator
from pydantic_core import InitErrorDetails

from relance_cli.core.models.fields import (
    Day,
    Flag,
    Identifier,
    Label,
    Money,
    Text,
    Url,
    _error,
    _Model,
)
from relance_cli.core.models.scheme import Scheme, SourceRef
from relance_cli.core.vocabulary import Applicant, Verdict
from relance_cli.limits import MAX_POPULATION


class Envelope(_Model):
    """An amount of money the source gives for the whole fund or a part of it."""

    name: Label
    amount: Money
    sources: list[SourceRef] = Field(default_factory=list)


class CatalogInfo(_Model):
    """Where a catalog's facts come from, and when they were last checked."""

    name: Label
    source: Url | None = None
    source_title: Label | None = None
    published: Day | None = None
    source_updated: Day | None = None
    reviewed: Day | None = None
    carriers: list[Label] = Field(default_factory=list)
    website: Url | None = None
    budget: list[Envelope] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Case(_Model):
    """A verdict case kept with the catalog, like OpenFisca's tests: a profile on a date,
    the verdict expected of each scheme named and, optionally, its estimate. `relance
    test` runs them."""

    name: Label
    as_of: Day
    applicant: Applicant | None = None
    population: int | None = Field(default=None, strict=True, ge=0, le=MAX_POPULATION)
    types: list[Identifier] = Field(default_factory=list)
    commune: Label | None = None
    epci: Label | None = None
    departement: Label | None = None
    region: Label | None = None
    budget: Money | None = None
    staff_costs: Money | None = None
    equipment_costs: Money | None = None
    expect: dict[Identifier, Verdict] = Field(min_length=1)
    estimates: dict[Identifier, Money] = Field(default_factory=dict)
    # Judge with everything known today (`--hindsight`), not with what was known on as_of.
    hindsight: Flag = False

    @model_validator(mode="after")
    def _a_profile_the_command_line_would_accept(self) -> Case:
        """What `match` refuses as options, a case refuses too: two territories, costs
        without a budget or above it, an estimate for a scheme without a verdict."""
        errors: list[InitErrorDetails] = []
        places = [p for p in ("commune", "epci", "departement", "region") if getattr(self, p)]
        if len(places) > 1:
            errors.append(_error((places[1],), "one_territory", {"given": ", ".join(places)}, None))
        costs = (self.staff_costs or Decimal(0)) + (self.equipment_costs or Decimal(0))
        if costs and self.budget is None:
            field = "staff_costs" if self.staff_costs else "equipment_costs"
            errors.append(_error((field,), "costs_without_budget", {}, None))
        elif self.budget is not None and costs > self.budget:
            context = {"costs": str(costs), "budget": str(self.budget)}
            errors.append(_error(("staff_costs",), "costs_above_budget", context, None))
        for scheme_id in self.estimates:
            if scheme_id not in self.expect:
                loc = ("estimates", scheme_id)
                errors.append(_error(loc, "estimate_without_verdict", {"id": scheme_id}, None))
        if errors:
            raise ValidationError.from_exception_data("Case", errors)
        return self


class Catalog(_Model):
    """One catalog file: its provenance, its vocabulary of project kinds, its schemes."""

    catalog: CatalogInfo
    kinds: dict[Identifier, Label] = Field(min_length=1)
    schemes: list[Scheme] = Field(default_factory=list, alias="scheme")
    cases: list[Case] = Field(default_factory=list, alias="test")

    @model_validator(mode="after")
    def _ids_unique_and_kinds_declared(self) -> Catalog:
        errors = cross_errors(self.kinds, [(s.id, s.kinds) for s in self.schemes])
        errors += case_errors({s.id for s in self.schemes}, self.kinds, self.cases)
        if errors:
            raise ValidationError.from_exception_data("Catalog", errors)
        return self


def cross_errors(
    declared_kinds: Collection[object], schemes: Sequence[tuple[object, Sequence[object]]]
) -> list[InitErrorDetails]:
    """Rules across schemes: each id once, each kind declared in [kinds]. Kept apart from
    the model so the loader can apply them to a file whose fields have other errors too."""
    errors: list[InitErrorDetails] = []
    first_index: dict[object, int] = {}
    known = ", ".join(str(k) for k in declared_kinds)
    for index, (scheme_id, kinds) in enumerate(schemes):
        if scheme_id in first_index:
            errors.append(
                _error(
                    ("scheme", index, "id"),
                    "duplicate_id",
                    {"id": str(scheme_id), "first": first_index[scheme_id] + 1},
                    scheme_id,
                )
            )
        first_index.setdefault(scheme_id, index)
        for position, kind in enumerate(kinds):
            if kind not in declared_kinds:
                errors.append(
                    _error(
                        ("scheme", index, "kinds", position),
                        "unknown_kind",
                        {"kind": str(kind), "known": known},
                        kind,
                    )
                )
    return errors


def case_errors(
    ids: Collection[str], declared_kinds: Collection[str], cases: Sequence[Case]
) -> list[InitErrorDetails]:
    """A case names schemes of its own file and project types the file declares."""
    errors: list[InitErrorDetails] = []
    for index, case in enumerate(cases):
        for field_name in ("expect", "estimates"):
            for scheme_id in getattr(case, field_name):
                if scheme_id not in ids:
                    loc = ("test", index, field_name, scheme_id)
                    errors.append(_error(loc, "unknown_scheme", {"id": scheme_id}, scheme_id))
        for position, kind in enumerate(case.types):
            if kind not in declared_kinds:
                known = ", ".join(declared_kinds)
                loc = ("test", index, "types", position)
                errors.append(_error(loc, "unknown_kind", {"kind": kind, "known": known}, kind))
    return errors


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of a catalog file, as TOML editors (Taplo) read it."""
    schema = Catalog.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Catalogue relance"
    return schema
