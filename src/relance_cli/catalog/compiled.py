"""The compiled catalog: what `list`, `match`, `search`, `calendar`, `diff` and `show`
work on, and what the cache stores.

A catalog is validated once, by the Pydantic models of `core/models.py` (the catalog's
definition, with every located message). What the commands then read is these records:
typed, immutable msgspec Structs with the same fields, in the same order, with the same
names and types, so that the core's rules read them as they read the models (the Structs'
fields are checked against the models' by a test). A cache entry is decoded straight into
them, its types checked as it is decoded (a misshapen entry is refused), without Pydantic:
on the 10,000-scheme benchmark catalog, 0.22 s against 0.96 s for the JSON and models
before (loaded machine), and a warm `match` peaks at 205 MB instead of 288 MB.

`model_dump` gives what the models' own gives (the JSON shape of a scheme in `show` and
`diff`), and `near_threshold` what `Eligibility`'s gives.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

import msgspec

from relance_cli.core.vocabulary import Applicant, Category, CostCategory, Scale, Verdict
from relance_cli.decimals import json_number


class Record(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """Immutable, written as the list of its values (no field names in an entry), and not
    tracked by the garbage collector: records hold no cycles."""

    def model_dump(self, *, mode: str = "python", by_alias: bool = False) -> dict[str, Any]:
        """The record as a dict, as the model's `model_dump` gives it: in "json" mode,
        dates as ISO text, rates and amounts as numbers, enums as their values."""
        if mode == "json":
            return _json(self)  # type: ignore[no-any-return]
        return _python(self)  # type: ignore[no-any-return]


def _json(value: Any) -> Any:
    if isinstance(value, Record):
        return {name: _json(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, list):
        return [_json(item) for item in value]
    if isinstance(value, dict):
        return {key: _json(item) for key, item in value.items()}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):  # rates and amounts: JSON numbers, as the models write them
        return json_number(value)
    return value


def _python(value: Any) -> Any:
    if isinstance(value, Record):
        return {name: _python(getattr(value, name)) for name in value.__struct_fields__}
    if isinstance(value, list):
        return [_python(item) for item in value]
    if isinstance(value, dict):
        return {key: _python(item) for key, item in value.items()}
    return value


class SourceRef(Record, frozen=True):
    title: str
    url: str
    date: dt.date | None
    note: str | None


class Unsettled(Record, frozen=True):
    reason: str
    applicant_types: list[Applicant]
    population_at_least: int | None


class Eligibility(Record, frozen=True):
    applicants: list[Category]
    applicant_types: list[Applicant]
    other_audiences: list[str]
    unjudged_audiences: list[str]
    min_population: int | None
    population_is_approximate: bool
    approximate_margin: float
    departement_qualifies: bool
    population_below: int | None
    unsettled: list[Unsettled]

    @property
    def near_threshold(self) -> int | None:
        """Lowest population still worth checking when the threshold is approximate."""
        if self.min_population is None or not self.population_is_approximate:
            return None
        return round(self.min_population * (1 - self.approximate_margin))


class Funding(Record, frozen=True):
    rate: Decimal | None
    rate_low: Decimal | None
    rate_up_to: bool
    excluded_costs: list[CostCategory]
    support: list[str]
    note: str | None
    loan_amount: Decimal | None
    recoverable_advance_amount: Decimal | None
    charged: bool | None


class EligibilityChange(Record, frozen=True):
    applicants: list[Category] | None
    applicant_types: list[Applicant] | None
    min_population: int | None
    population_is_approximate: bool | None
    approximate_margin: float | None
    departement_qualifies: bool | None
    population_below: int | None
    unsettled: list[Unsettled] | None


class FundingChange(Record, frozen=True):
    rate: Decimal | None
    rate_low: Decimal | None
    excluded_costs: list[CostCategory] | None
    support: list[str] | None
    note: str | None


class Area(Record, frozen=True):
    scale: Scale
    code: str | None
    departements: list[str]


class Step(Record, frozen=True):
    name: str
    start: dt.date | None
    end: dt.date | None
    accepts_applications: bool
    eligibility: EligibilityChange | None
    funding: FundingChange | None
    note: str | None
    sources: list[SourceRef]
    announced: dt.date | None


class Variant(Record, frozen=True):
    departements: list[str]
    eligibility: EligibilityChange | None
    funding: FundingChange | None
    note: str | None
    sources: list[SourceRef]


class Revision(Record, frozen=True):
    date: dt.date
    note: str
    replaced: list[Step]
    sources: list[SourceRef]


class Scheme(Record, frozen=True):
    id: str
    title: str
    title_en: str | None
    summary: str
    summary_en: str | None
    operator: str | None
    instructors: list[str]
    contact: str | None
    kinds: list[str]
    requirements: list[str]
    examples: list[str]
    url: str | None
    application_url: str | None
    origin_url: str | None
    financers: list[str]
    programmes: list[str]
    categories: list[str]
    destinations: list[str]
    mobilization_steps: list[str]
    perimeter: str | None
    area: Area | None
    call_for_projects: bool | None
    updated: dt.date | None
    created: dt.date | None
    eligibility: Eligibility
    funding: Funding
    steps: list[Step]
    sources: list[SourceRef]
    announced: dt.date | None
    revisions: list[Revision]
    variants: list[Variant]


class Envelope(Record, frozen=True):
    name: str
    amount: Decimal
    sources: list[SourceRef]


class CatalogInfo(Record, frozen=True):
    name: str
    source: str | None
    source_title: str | None
    published: dt.date | None
    source_updated: dt.date | None
    reviewed: dt.date | None
    carriers: list[str]
    website: str | None
    budget: list[Envelope]
    notes: list[str]
    sources: list[SourceRef]


class Case(Record, frozen=True):
    name: str
    as_of: dt.date
    applicant: Applicant | None
    population: int | None
    types: list[str]
    commune: str | None
    epci: str | None
    departement: str | None
    region: str | None
    budget: Decimal | None
    staff_costs: Decimal | None
    equipment_costs: Decimal | None
    expect: dict[str, Verdict]
    estimates: dict[str, Decimal]
    hindsight: bool


class Catalog(Record, frozen=True):
    catalog: CatalogInfo
    kinds: dict[str, str]
    schemes: list[Scheme]
    cases: list[Case]


RECORDS: tuple[type[Record], ...] = (
    SourceRef, Unsettled, Eligibility, Funding, EligibilityChange, FundingChange, Area, Step,
    Variant, Revision, Scheme, Envelope, CatalogInfo, Case, Catalog,
)  # fmt: skip


class Entry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    """A cache entry: its format, its key, the catalog (see `catalog/cache.py`)."""

    format: int
    key: str
    catalog: Catalog


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(Entry)


def encode_entry(entry: Entry) -> bytes:
    return _ENCODER.encode(entry)


def decode_entry(body: bytes | memoryview) -> Entry:
    """The entry these bytes hold, each value of the type its field says; a value of any
    other shape raises (msgspec.ValidationError), and the entry is then ignored."""
    return _DECODER.decode(body)


def from_models(catalog: Any) -> Catalog:
    """A validated catalog (the models) as records: read from the models' attributes, so
    nothing is validated again."""
    return msgspec.convert(catalog, Catalog, from_attributes=True)
