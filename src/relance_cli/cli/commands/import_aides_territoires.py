"""`relance import aides-territoires`: saved API pages, or the live API, to a catalog."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from relance_cli.cli.app import command, import_app
from relance_cli.errors import UsageError
from relance_cli.i18n import N_, _
from relance_cli.output import OutputFormat, emit
from relance_cli.output.results import ImportSummary


@command(
    "aides-territoires",
    N_("Aides-territoires → catalogue relance : chaque aide devient un dispositif at-ID."),
    parent=import_app,
)
def import_aides_territoires(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="PAGE.json",
            help=_("Pages enregistrées de l'API (ou listes JSON d'aides)."),
        ),
    ] = None,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar=_("FICHIER.toml"), help=_("Catalogue à écrire.")),
    ] = "",
    force: Annotated[
        bool, typer.Option("--force", help=_("Remplace un fichier de sortie existant."))
    ] = False,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch",
            help=_(
                "Lit l'API en ligne (jeton dans RELANCE_AT_TOKEN) au lieu de pages enregistrées."
            ),
        ),
    ] = False,
    api_url: Annotated[
        str | None,
        typer.Option("--api-url", metavar="URL", help=_("Adresse de l'API (avec --fetch).")),
    ] = None,
) -> None:
    from datetime import date
    from pathlib import Path

    from relance_cli import files
    from relance_cli.catalog.loading import parse
    from relance_cli.importers import aides_territoires as at

    if not output:
        raise UsageError(_("--output FICHIER.toml : le catalogue à écrire est obligatoire"))
    target = Path(output)
    if target.exists() and not force:
        text = _("{option} : {file} existe déjà ; ajoutez --force pour le remplacer")
        raise UsageError(text.format(option="--output", file=target))
    if fetch == bool(inputs):
        raise UsageError(_("donnez des pages JSON enregistrées, ou --fetch, mais pas les deux"))
    if api_url is not None and not fetch:
        raise UsageError(_("--api-url accompagne --fetch"))
    if fetch:
        token = os.environ.get("RELANCE_AT_TOKEN", "").strip()
        if not token:
            raise UsageError(_("--fetch : définissez RELANCE_AT_TOKEN (jeton de l'API)"))
        from relance_cli.importers import client
        from relance_cli.output.progress import counted

        pages = counted(
            lambda progress: client.pages(api_url or at.API_URL, token, progress=progress)
        )
    else:
        pages = at.read_pages(inputs or [])
    catalog, report = at.build(pages, date.today())
    text = at.to_toml(catalog)
    parse(text, output)  # what we write must load: a bug here is caught before writing
    files.write_new(target, text.encode("utf-8"), force=force, option="--output")
    emit(ImportSummary(report, output), OutputFormat.table)
