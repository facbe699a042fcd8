"""`relance match`: the schemes that fit a profile, with verdicts, reasons and deadlines."""

from __future__ import annotations

from relance_cli.cli import options, params, values
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
    on = params.as_of(as_of)
    with_hindsight = params.hindsight(hindsight, as_of)
    within = values.days("--closing-within", closing_within) if closing_within is not None else None
    opening = (
        values.days("--opening-within", opening_within) if opening_within is not None else None
    )
    published = params.since("--published-since", published_since)
    updated = params.since("--updated-since", updated_since)
    path = params.destination(target, force, output)
    applied, loaded, profile, money, wanted = params.judged(profile_name, given)
    from relance_cli.core import advisor

    results = advisor.match(
        loaded.schemes,
        profile,
        on,
        budget=money,
        include_ineligible=show_all,
        only_open=only_open,
        closing_within=within,
        opening_within=opening,
        hindsight=with_hindsight,
        filters=wanted,
        published_since=published,
        updated_since=updated,
    )
    result = MatchResult(
        results,
        profile,
        money,
        on,
        explain=explain,
        limit=rows,
        set_aside=results.set_aside,
        profile_name=applied.name,
        filtered=results.filtered,
        show_all=show_all,
    )
    emit(result, output, target=path, force=force, dialect=csv_dialect)
