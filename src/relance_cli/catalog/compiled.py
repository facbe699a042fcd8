"""The compiled catalog: what `list`, `match`, `search`, `calendar`, `diff` and `show`
work on, and what the cache stores.

A catalog is validated once, by the Pydantic models of `core/models.py` (the catalog's
definition, with every located message). What the commands then read is these records:
typed, immutable msgspec Structs with the same fields, in the same order, with the same
names and types, so that the core's rules read them as they read the models (the Structs'
fields are checked against the models' by a test). A cache entry is decoded straight into
them, its types checked as it is decoded (a misshapen entry is refused), without Pydantic:
on the 10,000-scheme benchmark catalog, 0.22 s against 0.96 s for the JSON and models
before (loaded machine), and a warm `match` peaks at 205 MB instead of 288 MB. An entry
stores the parts that schemes hold identically (rules, calendars, funding, lists of
text…) once, by number, and decoding gives every scheme that holds one the same object
(`_pack`, `unpack`): that entry is 0.6 MB instead of 30.3, decoded in 0.01 s instead of
0.14, and the warm `match` peaks at 75 MB instead of 169.

`model_dump` gives what the models' own gives (the JSON shape of a scheme in `show` and
`diff`), and `near_threshold` what `Eligibility`'s gives.
"""

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from enum import Enum
from operator import attrgetter
from types import UnionType
from typing import Annotated, Any, get_args, get_type_hints

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


# What an entry holds: the schemes by column, each part that schemes hold identically
# stored once. A column is one field of `Scheme`: the distinct values the schemes hold
# there (`values`), and for each scheme in turn the number of its own (`at`). Decoded,
# every scheme that holds a part holds the same Python object: the benchmark's 10,000
# schemes hold 7 titles, 5 eligibility rules, 6 calendars; the 541 aids imported from
# the 2021 and 2022 pages of Aides-territoires 106 rules, 121 fundings, 113 calendars,
# 46 areas, 8 lists of mobilization steps. Records are immutable, so a shared part is
# never changed through one of them. Built from `Scheme`'s own annotations, so the
# columns follow its fields (and the cache's fingerprint, which reads this file).
_Number = Annotated[int, msgspec.Meta(ge=0)]  # a negative one would count from the end


def _column(name: str, annotation: Any) -> type[msgspec.Struct]:
    fields = [("values", list[annotation]), ("at", list[_Number])]
    return msgspec.defstruct(
        f"{name}Column", fields, frozen=True, array_like=True, gc=False, module=__name__
    )


_HINTS = get_type_hints(Scheme)
_COLUMNS = tuple(_column(name, _HINTS[name]) for name in Scheme.__struct_fields__)
Columns = msgspec.defstruct(
    "_Schemes",
    list(zip(Scheme.__struct_fields__, _COLUMNS, strict=True)),
    frozen=True,
    array_like=True,
    gc=False,
    module=__name__,
)


class _PackedCatalog(msgspec.Struct, frozen=True, array_like=True, gc=False):
    catalog: CatalogInfo
    kinds: dict[str, str]
    schemes: Columns  # type: ignore[valid-type]
    cases: list[Case]


class _PackedEntry(msgspec.Struct, frozen=True, array_like=True, gc=False):
    format: int
    key: str
    catalog: _PackedCatalog


_ENCODER = msgspec.msgpack.Encoder()
_DECODER = msgspec.msgpack.Decoder(_PackedEntry)


class Packed(msgspec.Struct, frozen=True, gc=False):
    """A catalog as an entry stores it (`packed`), and as reading that entry gives it
    back (`catalog`): every scheme holding a part holds the same object."""

    catalog: Catalog
    packed: _PackedCatalog


def packed(catalog: Catalog) -> Packed:
    """The catalog with the parts its schemes hold identically numbered once, and the
    same catalog as a warm read decodes it: on a first run, the answer is then judged
    and written from the same objects as on every later one (the parts shared judged
    once: the 10,000-scheme benchmark's `match` 0.3 s less than scheme by scheme), and
    the entry is encoded from these columns without numbering them again."""
    columns = _pack(catalog.schemes)
    shared = Catalog(catalog.catalog, catalog.kinds, unpack(columns), catalog.cases)
    return Packed(shared, _PackedCatalog(catalog.catalog, catalog.kinds, columns, catalog.cases))


def packed_models(catalog: Any, schemes: Any = None) -> Packed:
    """`packed(from_models(catalog))`, converting each part once: schemes whose parts were
    validated once (`catalog/parts.py`) hold the same models, found by identity, so each is
    converted and encoded once (10,000-scheme benchmark: 0.09 s instead of 0.23 s).
    `schemes`: their columns, when worked out already (`catalog/halves.py`)."""
    if schemes is None:
        schemes = columns_of_models(catalog.schemes)
    info = msgspec.convert(catalog.catalog, CatalogInfo, from_attributes=True)
    cases = msgspec.convert(catalog.cases, list[Case], from_attributes=True)
    kinds = dict(catalog.kinds)
    shared = Catalog(info, kinds, unpack(schemes), cases)
    return Packed(shared, _PackedCatalog(info, kinds, schemes, cases))


def columns_of_models(schemes: Sequence[Any]) -> Any:
    """The schemes' models by column, identical values numbered once (`packed_models`)."""
    fields = Scheme.__struct_fields__
    rows = map(attrgetter(*fields), schemes)
    by_field = list(zip(*rows, strict=True)) or [()] * len(fields)
    columns = []
    for name, column, found in zip(fields, _COLUMNS, by_field, strict=True):
        keys: Sequence[Any]
        values: Sequence[Any] = found
        if name in SCALARS:
            keys = values
        elif name in TEXTS:
            keys = list(map(tuple, values))
        else:
            keys, values = _converted(values, _HINTS[name])
        distinct = dict(zip(keys, values, strict=True))  # in order of first appearance
        numbers = {found: number for number, found in enumerate(distinct)}
        kept = list(distinct.values())
        if name in TEXTS:  # lists of their own, not the models'
            kept = list(map(list, kept))
        columns.append(column(kept, list(map(numbers.__getitem__, keys))))
    return Columns(*columns)


def _converted(models: Sequence[Any], hint: Any) -> tuple[list[bytes], list[Any]]:
    """Each value of a column of parts as a record, and its encoding (which decides
    which values are identical, as in `_pack`), computed once per model: the models
    stay alive meanwhile, so their identities name them."""
    encode = _ENCODER.encode
    done: dict[object, tuple[bytes, Any]] = {}
    keys, records = [], []
    for model in models:
        identity = tuple(map(id, model)) if isinstance(model, list) else id(model)
        found = done.get(identity)
        if found is None:
            record = msgspec.convert(model, hint, from_attributes=True)
            found = done[identity] = (encode(record), record)
        keys.append(found[0])
        records.append(found[1])
    return keys, records


def encode_packed(version: int, key: str, catalog: Packed) -> bytes:
    return _ENCODER.encode(_PackedEntry(version, key, catalog.packed))


def encode_entry(entry: Entry) -> bytes:
    return encode_packed(entry.format, entry.key, packed(entry.catalog))


def decode_entry(body: bytes | memoryview) -> Entry:
    """The entry these bytes hold, each value of the type its field says; a value of any
    other shape raises (msgspec.ValidationError), so does a number its column does not
    have (IndexError) or columns of unequal lengths (ValueError): the entry is ignored."""
    entry = _DECODER.decode(body)
    packed = entry.catalog
    catalog = Catalog(packed.catalog, packed.kinds, unpack(packed.schemes), packed.cases)
    return Entry(entry.format, entry.key, catalog)


def _pack(schemes: list[Scheme]) -> Any:
    """The schemes by column, identical values numbered once. Two values are identical
    when their MessagePack is: what decoding gives back is then the same whichever scheme
    it came from. Text, flags and dates are their own key (a column holds one type, and
    None); anything else (a list, a record, a decimal: Decimal("1.5") and Decimal("1.50")
    are equal in Python but are written apart) its encoding; lists of text their tuple."""
    encode = _ENCODER.encode
    fields = Scheme.__struct_fields__
    rows = map(msgspec.structs.astuple, schemes)  # every row holds every field
    by_field = list(zip(*rows, strict=True)) or [()] * len(fields)
    columns = []
    for name, column, values in zip(fields, _COLUMNS, by_field, strict=True):
        keys: Sequence[object]
        if name in SCALARS:
            keys = values
        elif name in TEXTS:
            keys = list(map(tuple, values))  # equal tuples of text: the same encoding
        else:
            keys = list(map(encode, values))
        distinct = dict(zip(keys, values, strict=True))  # in order of first appearance
        numbers = {found: number for number, found in enumerate(distinct)}
        columns.append(column(list(distinct.values()), list(map(numbers.__getitem__, keys))))
    return Columns(*columns)


# The fields whose values are their own key: text, flags, dates, or None.
SCALARS = frozenset(
    name
    for name in Scheme.__struct_fields__
    if set(get_args(_HINTS[name]) if isinstance(_HINTS[name], UnionType) else [_HINTS[name]])
    <= {str, bool, dt.date, type(None)}
)
TEXTS = frozenset(name for name in Scheme.__struct_fields__ if _HINTS[name] == list[str])


def unpack(packed: Any) -> list[Scheme]:
    columns = [getattr(packed, name) for name in Scheme.__struct_fields__]
    count = len(columns[0].at)
    if any(len(column.at) != count for column in columns):
        raise ValueError("columns of unequal lengths")
    return list(map(Scheme, *(map(column.values.__getitem__, column.at) for column in columns)))


def from_models(catalog: Any) -> Catalog:
    """A validated catalog (the models) as records, from their attributes: no validation."""
    return msgspec.convert(catalog, Catalog, from_attributes=True)
