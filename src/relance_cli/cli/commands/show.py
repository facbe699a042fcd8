"""`relance show ID`: everything about one scheme; with a profile, every rule checked."""

from __future__ import annotations

from typing import Annotated

import typer

from relance_cli.cli import completion, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.output.results import SchemeDetail, SchemeHistory
from relance_cli.profiles.fields import ProfileOptions


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
    hindsight: params.HindsightOption = False,
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
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help=_("Les annonces et révisions du dispositif, dans l'ordre, avec leurs sources."),
        ),
    ] = False,
    profile_name: params.ProfileOption = None,
    target: params.OutputOption = None,
    force: params.ForceOption = False,
) -> None:
    output = params.output_format(fmt, SchemeDetail)
    on = params.as_of(as_of)
    with_hindsight = params.hindsight(hindsight, as_of)
    path = params.destination(target, force, output)
    given = ProfileOptions(
        applicant, population, types, commune, epci, departement, region,
        budget, staff_costs, equipment_costs, catalogs,
    )  # fmt: skip
    applied = params.applied(profile_name, given)
    chosen = applied.options
    with applied.blame():
        money = params.budget(chosen.budget, chosen.staff_costs, chosen.equipment_costs)
        loaded = params.load(chosen.catalogs)
        scheme = params.scheme(loaded, scheme_id)
        if history:
            from relance_cli.core.schedule import history as changes

            emit(SchemeHistory(scheme, changes(scheme)), output, target=path, force=force)
            return
        profile = params.profile(
            loaded, chosen.applicant, chosen.population, chosen.types, chosen.places()
        )
    from relance_cli.core.advisor import advise, every_session
    from relance_cli.core.schedule import known_on

    advice = None
    if set(chosen.given()) - {"catalog"}:
        advice = advise(scheme, profile, on, money, hindsight=with_hindsight)
    shown = scheme if with_hindsight else known_on(scheme, on)
    sessions = every_session(shown, profile, money) if explain else []
    result = SchemeDetail(loaded, shown, on, advice, sessions, profile_name=applied.name)
    emit(result, output, target=path, force=force)
