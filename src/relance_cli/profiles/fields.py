"""What a profile holds: one field per command-line option, named after it.

A field is the option without its dashes (`staff-costs`), holding what the option would
be given: a text, a number for counts and amounts, a list for repeatable options. Adding
an option to profiles is one line here and one attribute in `ProfileOptions`.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class Field(NamedTuple):
    key: str  # in the file
    attribute: str  # in ProfileOptions
    many: bool = False  # a list, for a repeatable option
    numeric: bool = False  # a number is accepted too

    @property
    def option(self) -> str:
        return f"--{self.key}"


FIELDS = (
    Field("commune", "commune"),
    Field("epci", "epci"),
    Field("departement", "departement"),
    Field("region", "region"),
    Field("applicant", "applicant"),
    Field("population", "population", numeric=True),
    Field("type", "types", many=True),
    Field("budget", "budget", numeric=True),
    Field("staff-costs", "staff_costs", numeric=True),
    Field("equipment-costs", "equipment_costs", numeric=True),
    Field("catalog", "catalogs", many=True),
    Field("financer", "financer"),
    Field("aid-type", "aid_type"),
)
BY_KEY = {field.key: field for field in FIELDS}
# Options that make one value together: giving one on the command line replaces the
# profile's whole group (a --commune with a saved --epci would name two territories).
GROUPS = (
    ("commune", "epci", "departement", "region"),
    ("budget", "staff-costs", "equipment-costs"),
)


class ProfileOptions(NamedTuple):
    """The profile options as a command receives them from Typer: text, or None when
    not given."""

    applicant: str | None = None
    population: str | None = None
    types: list[str] | None = None
    commune: str | None = None
    epci: str | None = None
    departement: str | None = None
    region: str | None = None
    budget: str | None = None
    staff_costs: str | None = None
    equipment_costs: str | None = None
    catalogs: list[Path] | None = None
    financer: str | None = None
    aid_type: str | None = None

    def places(self) -> dict[str, str | None]:
        """The territory options (named as on the command line: `Field.option`), as
        `params.profile` takes them."""
        return {BY_KEY[key].option: getattr(self, BY_KEY[key].attribute) for key in GROUPS[0]}

    def given(self) -> list[str]:
        """The keys of the fields given."""
        return [f.key for f in FIELDS if getattr(self, f.attribute) not in (None, [])]
