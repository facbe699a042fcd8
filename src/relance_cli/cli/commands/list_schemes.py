"""`relance list`: every scheme of the loaded catalogs."""

from __future__ import annotations

from relance_cli.cli import params
from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import emit
from relance_cli.output.results import SchemeList
from relance_cli.profiles.fields import ProfileOptions


@command(
    "list",
    N_("Tous les dispositifs : types, cofinancement, dates de candidature, statut."),
    examples=(
        "relance list --as-of 2021-03-01",
        "relance list --format xlsx --output dispositifs.xlsx",
    ),
)
def list_schemes(
    fmt: params.FormatOption = "table",
    catalogs: params.CatalogOption = None,
    as_of: params.AsOfOption = None,
    limit: params.LimitOption = None,
    profile_name: params.ProfileOption = None,
    target: params.OutputOption = None,
    force: params.ForceOption = False,
    dialect: params.CsvDialectOption = None,
) -> None:
    output = params.output_format(fmt, SchemeList)
    csv_dialect = params.csv_dialect(dialect, output)
    on = params.as_of(as_of)
    rows = params.limit(limit)
    path = params.destination(target, force, output)
    applied = params.applied(profile_name, ProfileOptions(catalogs=catalogs))
    loaded = params.load(applied.options.catalogs)
    from relance_cli.core.schedule import known_on, scheme_announced

    known = [
        known_on(scheme, on)
        for scheme in loaded.schemes
        if (scheme_announced(scheme) or on) <= on  # not yet announced: not listed
    ]
    result = SchemeList(loaded._replace(schemes=known), on, rows, profile_name=applied.name)
    emit(result, output, target=path, force=force, dialect=csv_dialect)
