"""`relance diff OLD NEW`: what changed between two catalogs, for everyone or for one
profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relance_cli.cli import params
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.output.results import DiffResult


@command(
    "diff",
    N_(
        "Ce qui a changé d'un catalogue à l'autre : dispositifs nouveaux, disparus, et "
        "modifiés champ par champ (dates, taux, candidats, territoire, titre, liens)."
    ),
)
def diff(
    old: Annotated[
        Path, typer.Argument(metavar="ANCIEN.toml", help=_("Le catalogue de référence."))
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NOUVEAU.toml", help=_("Le catalogue à comparer."))
    ],
    fmt: params.FormatOption = "table",
    as_of: params.AsOfOption = None,
    applicant: params.ApplicantOption = None,
    population: params.PopulationOption = None,
    types: params.TypeOption = None,
    commune: params.CommuneOption = None,
    epci: params.EpciOption = None,
    departement: params.DepartementOption = None,
    region: params.RegionOption = None,
    budget: params.BudgetOption = None,
    staff_costs: params.StaffOption = None,
    equipment_costs: params.EquipmentOption = None,
) -> None:
    output = params.output_format(fmt, DiffResult)
    on = params.as_of(as_of)
    money = params.budget(budget, staff_costs, equipment_costs)
    before = params.load([old])
    after = params.load([new])
    places = {
        "--commune": commune,
        "--epci": epci,
        "--departement": departement,
        "--region": region,
    }
    from relance_cli.core.changes import compare, concerning

    concerns = None
    if any(v is not None for v in (applicant, population, types, money, *places.values())):
        profile = params.profile(after, applicant, population, types, places)
        concerns = concerning(profile, on, money)
    changes = compare(before.schemes, after.schemes, concerns)
    emit(DiffResult(changes, str(old), str(new)), output)
