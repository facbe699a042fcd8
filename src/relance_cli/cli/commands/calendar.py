"""`relance calendar [ID]`: every dated step in order, as a table, a chart or an .ics file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relance_cli.cli import completion, options, params, values
from relance_cli.cli.program import command
from relance_cli.errors import UsageError
from relance_cli.i18n import N_, _
from relance_cli.output import OutputFormat, emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "calendar",
    N_("Chaque étape datée, dans l'ordre chronologique, avec son statut à la date donnée."),
    examples=(
        "relance calendar --as-of 2021-03-01",
        "relance calendar dematerialisation --ics relance.ics",
    ),
)
@options.profile_options(options.WHO, options.CATALOGS)
def calendar(
    scheme_ids: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="ID",
            help=_("Les dispositifs à montrer, un ou plusieurs (défaut : tous)."),
            autocompletion=completion.scheme_ids,
            show_default=False,
        ),
    ] = None,
    given: ProfileOptions = options.GIVEN,
    only_open: options.OpenOption = False,
    upcoming: Annotated[
        bool,
        typer.Option(
            "--upcoming", help=_("Seulement les étapes qui ne sont pas finies à cette date.")
        ),
    ] = False,
    timeline: Annotated[
        bool,
        typer.Option("--timeline", help=_("Dessine les étapes en barres sur un axe des mois.")),
    ] = False,
    ics: Annotated[
        Path | None,
        typer.Option(
            "--ics",
            metavar=_("FICHIER"),
            help=_("Écrit les étapes dans un fichier iCalendar (.ics) ; « - » : sortie standard."),
        ),
    ] = None,
    remind: Annotated[
        str | None,
        typer.Option(
            "--remind",
            metavar=_("JOURS"),
            help=_("Avec --ics : une alarme JOURS jours avant chaque date limite de dépôt."),
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help=_("Avec --ics ou --output : remplace un fichier existant.")),
    ] = False,
    fmt: options.FormatOption = "table",
    as_of: options.AsOfOption = None,
    limit: options.LimitOption = None,
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    dialect: options.CsvDialectOption = None,
) -> None:
    from relance_cli.output.results import CalendarResult, first

    output = params.output_format(fmt, CalendarResult)
    csv_dialect = params.csv_dialect(dialect, output)
    count = params.limit(limit)
    if timeline and output is not OutputFormat.table:
        text = _("--timeline : un dessin pour le terminal, pas pour --format {format}")
        raise UsageError(text.format(format=output))
    if timeline and ics is not None:
        raise UsageError(_("--timeline et --ics : l'un ou l'autre (un dessin, ou un fichier)"))
    if ics is not None and target is not None:
        raise UsageError(_("--ics et --output : un seul fichier à la fois"))
    if ics is None and remind is not None:
        raise UsageError(_("--remind accompagne --ics FICHIER"))
    path = params.destination(target, force, output) if ics is None else None
    remind_days = values.days("--remind", remind) if remind is not None else None
    if ics is not None and str(ics) != "-":
        from relance_cli import files

        files.check_target(ics, force=force, option="--ics")  # before any work
    on = params.as_of(as_of)
    applied = params.applied(profile_name, given)
    chosen = applied.options
    with applied.blame():
        loaded = params.load(chosen.catalogs)
        wanted = dict.fromkeys(scheme_ids or [])
        schemes = [params.scheme(loaded, i) for i in wanted] or loaded.schemes
        judged = bool(set(chosen.given()) - {"catalog", "budget", "staff-costs", "equipment-costs"})
        filtered = None
        if judged or only_open:
            from relance_cli.core import advisor

            profile = params.profile(
                loaded, chosen.applicant, chosen.population, chosen.types, chosen.places()
            )
            matches = advisor.match(
                schemes, profile, on, include_ineligible=not judged, only_open=only_open
            )
            kept = {a.scheme.id for a in matches}  # advice judges a scheme as known then
            schemes, filtered = [s for s in schemes if s.id in kept], matches.filtered
    from relance_cli.core.schedule import StepStatus, chronology, known_on

    rows = chronology([known_on(scheme, on) for scheme in schemes], on)
    if upcoming:
        rows = [row for row in rows if row.status is not StepStatus.past]
    if ics is not None:
        from relance_cli.output import ics as icalendar

        icalendar.export(
            first(rows, count), str(ics), remind_days=remind_days, force=force, option="--ics"
        )
        return
    result = CalendarResult(
        rows,
        on,
        with_scheme=len(schemes) != 1 or not scheme_ids,
        timeline=timeline,
        limit=count,
        profile_name=applied.name,
        filtered=filtered,
    )
    emit(result, output, target=path, force=force, dialect=csv_dialect)
