"""`relance show ID`: everything about one scheme; with a profile, every rule checked."""

from __future__ import annotations

from typing import Annotated

import typer

from relance_cli.cli import completion, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.output.results import SchemeDetail


@command(
    "show",
    N_("Tout sur un dispositif, calendrier compris ; avec un profil, chaque règle vérifiée."),
    examples=(
        "relance show dematerialisation",
        "relance show donnees --applicant epci --population 350000 --budget 100000",
    ),
)
def show(
    scheme_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("Identifiant du dispositif."),
            autocompletion=completion.scheme_ids,
        ),
    ],
    fmt: params.NoCsvFormatOption = "table",
    catalogs: params.CatalogOption = None,
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
    explain: Annotated[
        bool,
        typer.Option(
            "--explain",
            help=_("Juge aussi le profil session par session, chacune selon ses règles."),
        ),
    ] = False,
    target: params.OutputOption = None,
    force: params.ForceOption = False,
) -> None:
    output = params.output_format(fmt, SchemeDetail)
    on = params.as_of(as_of)
    money = params.budget(budget, staff_costs, equipment_costs)
    path = params.destination(target, force, output)
    loaded = params.load(catalogs)
    scheme = params.scheme(loaded, scheme_id)
    places = {
        "--commune": commune,
        "--epci": epci,
        "--departement": departement,
        "--region": region,
    }
    profile = params.profile(loaded, applicant, population, types, places)
    from relance_cli.core.advisor import advise, every_session

    advice = None
    if any(v is not None for v in (applicant, population, types, money, *places.values())):
        advice = advise(scheme, profile, on, money)
    sessions = every_session(scheme, profile, money) if explain else []
    emit(SchemeDetail(loaded, scheme, on, advice, sessions), output, target=path, force=force)
