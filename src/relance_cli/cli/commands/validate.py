"""`relance validate FILE...`: every error of every catalog, located."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from relance_cli.cli import options, params
from relance_cli.cli.program import command
from relance_cli.errors import ExitCode
from relance_cli.i18n import N_, _
from relance_cli.output import emit


@command(
    "validate",
    N_("Vérifie des catalogues et liste chaque erreur (fichier, ligne, dispositif, champ)."),
    examples=("relance validate examples/mon-departement.toml",),
)
def validate(
    paths: Annotated[
        list[Path], typer.Argument(metavar=_("FICHIER"), help=_("Catalogues à vérifier."))
    ],
    fmt: options.NoCsvFormatOption = "table",
) -> None:
    from relance_cli.output.results import ValidationResult

    output = params.output_format(fmt, ValidationResult)
    from relance_cli.catalog import loading

    report = loading.check(
        [str(path) for path in paths]
    )  # never from the cache: a check reads the file itself
    emit(ValidationResult(report), output)
    if not report.valid:
        raise typer.Exit(ExitCode.DATA_ERROR)
