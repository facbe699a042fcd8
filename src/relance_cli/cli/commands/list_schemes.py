"""`relance list`: every scheme of the loaded catalogs."""

from __future__ import annotations

from dataclasses import replace

from relance_cli.cli import options, params, values
from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "list",
    N_("Tous les dispositifs : types, cofinancement, dates de candidature, statut."),
    examples=(
        "relance list --as-of 2021-03-01",
        "relance list --format xlsx --output dispositifs.xlsx",
    ),
)
@options.profile_options(options.CATALOGS)
def list_schemes(
    fmt: options.FormatOption = "table",
    given: ProfileOptions = options.GIVEN,
    as_of: options.AsOfOption = None,
    limit: options.LimitOption = None,
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    force: options.ForceOption = False,
    dialect: options.CsvDialectOption = None,
    only_open: options.OpenOption = False,
    closing_within: options.ClosingWithinOption = None,
) -> None:
    from relance_cli.output.results import SchemeList

    output = params.output_format(fmt, SchemeList)
    csv_dialect = params.csv_dialect(dialect, output)
    on = params.as_of(as_of)
    rows = params.limit(limit)
    within = values.days("--closing-within", closing_within) if closing_within is not None else None
    path = params.destination(target, force, output)
    applied = params.applied(profile_name, given)
    with applied.blame():
        loaded = params.load(applied.options.catalogs)
    from relance_cli.core.schedule import known_on, scheme_announced

    known = [
        known_on(scheme, on)
        for scheme in loaded.schemes
        if (scheme_announced(scheme) or on) <= on  # not yet announced: not listed
    ]
    filtered = None
    if only_open or within is not None:
        from relance_cli.core.advisor import by_date

        known, filtered = by_date(known, on, only_open=only_open, closing_within=within)
    result = SchemeList(
        replace(loaded, schemes=known), on, rows, profile_name=applied.name, filtered=filtered
    )
    emit(result, output, target=path, force=force, dialect=csv_dialect)
