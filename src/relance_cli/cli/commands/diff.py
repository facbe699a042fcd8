"""`relance diff OLD NEW`: what changed between two catalogs, for everyone or for one
profile."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relance_cli.cli import options, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "diff",
    N_(
        "Ce qui a changé d'un catalogue à l'autre : dispositifs nouveaux, disparus, et "
        "modifiés champ par champ (dates, taux, candidats, territoire, titre, liens)."
    ),
    examples=(
        "relance diff schemes.toml examples/mon-departement.toml",
        "relance diff schemes.toml examples/mon-departement.toml --format json",
    ),
)
@options.profile_options(options.WHO, options.MONEY)
def diff(
    old: Annotated[
        Path, typer.Argument(metavar="ANCIEN.toml", help=_("Le catalogue de référence."))
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NOUVEAU.toml", help=_("Le catalogue à comparer."))
    ],
    fmt: options.FormatOption = "table",
    as_of: options.AsOfOption = None,
    given: ProfileOptions = options.GIVEN,
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    force: options.ForceOption = False,
    dialect: options.CsvDialectOption = None,
) -> None:
    from relance_cli.output.results import DiffResult

    output = params.output_format(fmt, DiffResult)
    csv_dialect = params.csv_dialect(dialect, output)
    path = params.destination(target, force, output)
    on = params.as_of(as_of)
    applied = params.applied(profile_name, given)
    chosen = applied.options  # the profile's catalogs are not read: OLD and NEW are
    before = params.load([old])
    after = params.load([new])
    from relance_cli.core.changes import compare, concerning

    concerns = None
    if set(chosen.given()) - {"catalog"}:
        with applied.blame():
            money = params.budget(chosen.budget, chosen.staff_costs, chosen.equipment_costs)
            profile = params.profile(
                after, chosen.applicant, chosen.population, chosen.types, chosen.places()
            )
        concerns = concerning(profile, on, money)
    changes = compare(before.schemes, after.schemes, concerns)
    result = DiffResult(changes, str(old), str(new), profile_name=applied.name)
    emit(result, output, target=path, force=force, dialect=csv_dialect)
