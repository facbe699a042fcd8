"""`relance test [CATALOG...]`: the verdict cases kept with the catalogs, run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relance_cli.cli import options, params
from relance_cli.cli.program import command
from relance_cli.errors import CatalogError, ExitCode
from relance_cli.i18n import N_, _
from relance_cli.output import emit


@command(
    "test",
    N_("Vérifie les cas [[test]] des catalogues : verdicts et estimations attendus."),
    examples=(
        "relance test",
        "relance test examples/mon-departement.toml",
    ),
)
def catalog_tests(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar=_("CATALOGUE"),
            help=_(
                "Catalogues dont vérifier les cas (défaut : ceux de --catalog, sinon le "
                "catalogue intégré)."
            ),
        ),
    ] = None,
    fmt: options.NoCsvFormatOption = "table",
    catalogs: options.CatalogOption = None,
) -> None:
    from relance_cli.output.results import CaseResults

    output = params.output_format(fmt, CaseResults)
    loaded = params.load(paths or catalogs)
    from relance_cli.catalog.diagnostics import case_line
    from relance_cli.core.cases import CaseProblem, run
    from relance_cli.territory.lookup import find

    try:
        report = run(loaded.cases, {s.id: s for s in loaded.schemes}, find, loaded.kinds)
    except CaseProblem as problem:
        where = case_line(problem.label, problem.index, problem.problem.subject)
        raise CatalogError(problem.located(where)) from None
    emit(CaseResults(report), output)
    if not report.passed:  # a miss, or nothing checked
        raise typer.Exit(ExitCode.DATA_ERROR)
