"""`relance search`: the schemes whose texts hold some words, best match first, each
judged for the profile as `match` judges it."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from relance_cli.cli import options, params, values
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.limits import TERMINAL_ROWS
from relance_cli.output import OutputFormat, emit
from relance_cli.profiles.fields import ProfileOptions


@command(
    "search",
    N_(
        "Cherche des mots dans tous les textes des dispositifs (titre, description, "
        "conditions, exemples, financeurs…), classés par pertinence et jugés pour le profil. "
        'Tous les mots doivent y être ; "une expression" entre guillemets ; -mot exclut '
        "(après --, p. ex. relance search -- numérique -formation)."
    ),
    examples=(
        "relance search bibliothèque --commune Évron",
        'relance search "open data" --format json',
    ),
)
@options.profile_options(options.EVERY)
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar=_("MOTS"),
            show_default=False,
            help=_('Les mots à trouver, "une expression", -mot à exclure.'),
        ),
    ],
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
    from relance_cli.output.results import SearchResult, first
    from relance_cli.search import query as parsing

    output = params.output_format(fmt, SearchResult)
    csv_dialect = params.csv_dialect(dialect, output)
    rows = params.limit(limit)
    on = params.as_of(as_of)
    with_hindsight = params.hindsight(hindsight, as_of)
    asked = parsing.parse(words)
    within = values.days("--closing-within", closing_within) if closing_within is not None else None
    opening = (
        values.days("--opening-within", opening_within) if opening_within is not None else None
    )
    published = params.since("--published-since", published_since)
    updated = params.since("--updated-since", updated_since)
    path = params.destination(target, force, output)
    applied, loaded, profile, money, wanted = params.judged(profile_name, given)
    from relance_cli.core import advisor
    from relance_cli.search import engine

    with engine.Search(loaded, asked) as search:
        found = search.find()
        scores = {f.scheme.id: f.score for f in found}
        candidates = [f.scheme for f in found]
        results = advisor.match(
            candidates,
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
        set_aside = results.set_aside
        results.sort(key=lambda r: (-round(scores[r.scheme.id], 9), r.deadline or date.max))
        shown = first(results, _excerpted(rows, output))
        by_id = {f.scheme.id: f for f in found}
        excerpts = search.with_excerpts([by_id[r.scheme.id] for r in shown])
    result = SearchResult(
        results,
        profile,
        money,
        on,
        explain=explain,
        limit=rows,
        set_aside=set_aside,
        profile_name=applied.name,
        filtered=results.filtered,
        show_all=show_all,
        scores=scores,
        excerpts={f.scheme.id: f.excerpt for f in excerpts if f.excerpt is not None},
    )
    emit(result, output, target=path, force=force, dialect=csv_dialect)


def _excerpted(rows: int | None, output: OutputFormat) -> int | None:
    """How many results get an excerpt: those printed (a terminal's table shows the first
    TERMINAL_ROWS unless --limit says otherwise)."""
    if rows is not None or output is not OutputFormat.table:
        return rows
    return TERMINAL_ROWS if sys.stdout.isatty() else 0
