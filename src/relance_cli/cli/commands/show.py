"""`relance show ID`: everything about one scheme; with a profile, every rule checked."""

from __future__ import annotations

from typing import Annotated

import typer

from relance_cli.cli import completion, options, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "show",
    N_("Tout sur un dispositif, calendrier compris ; avec un profil, chaque règle vérifiée."),
    examples=(
        "relance show dematerialisation",
        "relance show donnees --applicant epci --population 350000 --budget 100000",
    ),
)
@options.profile_options(options.WHO, options.MONEY, options.CATALOGS)
def show(
    scheme_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help=_("Identifiant du dispositif."),
            autocompletion=completion.scheme_ids,
        ),
    ],
    fmt: options.NoCsvFormatOption = "table",
    as_of: options.AsOfOption = None,
    hindsight: options.HindsightOption = False,
    given: ProfileOptions = options.GIVEN,
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
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    force: options.ForceOption = False,
) -> None:
    from relance_cli.output.results import SchemeDetail, SchemeHistory

    output = params.output_format(fmt, SchemeDetail)
    on = params.as_of(as_of)
    with_hindsight = params.hindsight(hindsight, as_of)
    path = params.destination(target, force, output)
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
    from relance_cli.core.schedule import known_on

    advice = None
    if set(chosen.given()) - {"catalog"}:  # judged only against a profile given
        from relance_cli.core.advisor import advise

        advice = advise(scheme, profile, on, money, hindsight=with_hindsight)
    shown = scheme if with_hindsight else known_on(scheme, on)
    sessions = []
    if explain:
        from relance_cli.core.advisor import every_session

        sessions = every_session(shown, profile, money)
    result = SchemeDetail(loaded, shown, on, advice, sessions, profile_name=applied.name)
    emit(result, output, target=path, force=force)
