"""`relance search`: the schemes whose texts hold some words, best match first, each
judged for the profile as `match` judges it."""

from __future__ import annotations

import sys
from datetime import date
from typing import Annotated

import typer

from relance_cli.cli import params, values
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.limits import TERMINAL_ROWS
from relance_cli.output import OutputFormat, emit
from relance_cli.output.results import SearchResult, first
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
def search(
    words: Annotated[
        list[str],
        typer.Argument(
            metavar=_("MOTS"),
            show_default=False,
            help=_('Les mots à trouver, "une expression", -mot à exclure.'),
        ),
    ],
    applicant: params.ApplicantOption = None,
    population: params.PopulationOption = None,
    types: params.TypeOption = None,
    commune: params.CommuneOption = None,
    epci: params.EpciOption = None,
    departement: params.DepartementOption = None,
    region: params.RegionOption = None,
    as_of: params.AsOfOption = None,
    hindsight: params.HindsightOption = False,
    only_open: params.OpenOption = False,
    show_all: params.AllOption = False,
    explain: params.ExplainOption = False,
    closing_within: params.ClosingWithinOption = None,
    opening_within: params.OpeningWithinOption = None,
    financer: params.FinancerOption = None,
    aid_type: params.AidTypeOption = None,
    budget: params.BudgetOption = None,
    staff_costs: params.StaffOption = None,
    equipment_costs: params.EquipmentOption = None,
    fmt: params.FormatOption = "table",
    catalogs: params.CatalogOption = None,
    limit: params.LimitOption = None,
    published_since: params.PublishedSinceOption = None,
    updated_since: params.UpdatedSinceOption = None,
    profile_name: params.ProfileOption = None,
    target: params.OutputOption = None,
    force: params.ForceOption = False,
    dialect: params.CsvDialectOption = None,
) -> None:
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
    options = ProfileOptions(
        applicant, population, types, commune, epci, departement, region,
        budget, staff_costs, equipment_costs, catalogs, financer, aid_type,
    )  # fmt: skip
    applied, loaded, profile, money, wanted = params.judged(profile_name, options)
    chosen = applied.options
    from relance_cli.catalog.paths import catalog_paths
    from relance_cli.core import advisor
    from relance_cli.search import engine

    given = [str(path) for path in chosen.catalogs] if chosen.catalogs else None
    found = engine.find(loaded, engine.contents(catalog_paths(given)), asked)
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
    excerpts = engine.with_excerpts([by_id[r.scheme.id] for r in shown], loaded.kinds, asked)
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
