"""`relance search`: the schemes whose texts hold some words, best match first, each
judged for the profile as `match` judges it."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from relance_cli.cli import options, params
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
    sieves = params.Sieves(
        as_of, hindsight, only_open, show_all, closing_within, opening_within,
        published_since, updated_since,
    )  # fmt: skip
    asked = parsing.parse(words)
    path = params.destination(target, force, output)
    judged = params.judged(profile_name, given)
    from relance_cli.search import engine

    search = engine.Search(judged.loaded, asked)
    found = search.find()
    scores = {f.scheme.id: f.score for f in found}
    matches = params.matched([f.scheme for f in found], judged, sieves)
    matches.sort(key=lambda r: (-round(scores[r.scheme.id], 9), r.deadline or date.max))
    shown = first(matches, _excerpted(rows, output))
    by_id = {f.scheme.id: f for f in found}
    excerpts = search.with_excerpts([by_id[r.scheme.id] for r in shown])
    result = params.matches_result(
        SearchResult,
        matches,
        judged,
        sieves,
        explain=explain,
        limit=rows,
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
