"""`relance types`: the project types of the loaded catalogs, so a user can name one to
`--type` by its id or its label."""

from __future__ import annotations

from relance_cli.cli import options, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "types",
    N_("Les types de projet des catalogues chargés : identifiant, libellé, nombre de dispositifs."),
    examples=("relance types", "relance types --format csv"),
)
@options.profile_options(options.CATALOGS)
def types(
    fmt: options.FormatOption = "table",
    given: ProfileOptions = options.GIVEN,
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    force: options.ForceOption = False,
    dialect: options.CsvDialectOption = None,
) -> None:
    from relance_cli.output.results import KindList

    output = params.output_format(fmt, KindList)
    csv_dialect = params.csv_dialect(dialect, output)
    path = params.destination(target, force, output)
    applied = params.applied(profile_name, given)
    with applied.blame():  # the types of the catalogs a profile names, too
        loaded = params.load(applied.options.catalogs)
    from relance_cli.core.kinds import counts

    emit(KindList(counts(loaded)), output, target=path, force=force, dialect=csv_dialect)
