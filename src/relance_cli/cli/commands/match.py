"""`relance match`: the schemes that fit a profile, with verdicts, reasons and deadlines."""

from __future__ import annotations

from relance_cli.cli import options, params
from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "match",
    N_("Les dispositifs qui conviennent à un profil, avec verdict, raisons et échéances."),
    examples=(
        "relance match --population 600000 --type dematerialisation",
        'relance match --commune Évron --budget "80 000 €" --all',
    ),
)
@options.profile_options(options.EVERY)
def match(
    given: ProfileOptions = options.GIVEN,
    as_of: options.AsOfOption = None,
    hindsight: options.HindsightOption = False,
    only_open: options.OpenOption = False,
    show_all: options.AllOption = False,
    explain: options.ExplainOption = False,
    closing_within: options.ClosingWithinOption = None,
    opening_within: options.OpeningWithinOption = None,
    fmt: options.FormatOption = "table",
    limit: options.LimitOption = None,
    published_since: options.PublishedSinceOption = None,
    updated_since: options.UpdatedSinceOption = None,
    profile_name: options.ProfileOption = None,
    target: options.OutputOption = None,
    force: options.ForceOption = False,
    dialect: options.CsvDialectOption = None,
) -> None:
    from relance_cli.output.results import MatchResult

    output = params.output_format(fmt, MatchResult)
    csv_dialect = params.csv_dialect(dialect, output)
    rows = params.limit(limit)
    sieves = params.Sieves(
        as_of, hindsight, only_open, show_all, closing_within, opening_within,
        published_since, updated_since,
    )  # fmt: skip
    path = params.destination(target, force, output)
    judged = params.judged(profile_name, given)
    matches = params.matched(judged.loaded.schemes, judged, sieves)
    result = params.matches_result(
        MatchResult, matches, judged, sieves, explain=explain, limit=rows
    )
    emit(result, output, target=path, force=force, dialect=csv_dialect)
