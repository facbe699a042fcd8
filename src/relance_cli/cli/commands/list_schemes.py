"""`relance list`: every scheme of the loaded catalogs."""

from __future__ import annotations

from typing import Annotated

import typer

from relance_cli.cli import params, values
from relance_cli.cli.program import command
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.output.results import SchemeList


@command("list", N_("Tous les dispositifs : types, cofinancement, dates de candidature, statut."))
def list_schemes(
    fmt: params.FormatOption = "table",
    catalogs: params.CatalogOption = None,
    as_of: params.AsOfOption = None,
    limit: params.LimitOption = None,
    only_open: Annotated[
        bool, typer.Option("--open", help=_("Seulement les dispositifs ouverts à cette date."))
    ] = False,
    closing_within: Annotated[
        str | None,
        typer.Option(
            "--closing-within",
            metavar=_("JOURS"),
            help=_("Seulement les dispositifs ouverts dont l'échéance tombe dans ce délai."),
        ),
    ] = None,
) -> None:
    output = params.output_format(fmt, SchemeList)
    on = params.as_of(as_of)
    rows = params.limit(limit)
    within = (
        values.count("--closing-within", closing_within, values.MAX_DAYS)
        if closing_within is not None
        else None
    )
    loaded = params.load(catalogs)
    if not only_open and within is None:
        emit(SchemeList(loaded, on, rows), output)
        return
    from relance_cli.core.advisor import by_date

    kept, filtered = by_date(loaded.schemes, on, only_open=only_open, closing_within=within)
    emit(SchemeList(loaded._replace(schemes=kept), on, rows, filtered), output)
