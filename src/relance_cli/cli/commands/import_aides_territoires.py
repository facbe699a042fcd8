"""`relance import aides-territoires`: saved API pages, or the live API, to a catalog."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from relance_cli.cli.program import IMPORT, command
from relance_cli.errors import CatalogError, UsageError
from relance_cli.i18n import N_, _, ngettext
from relance_cli.output import OutputFormat, emit
from relance_cli.system_errors import shown

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme


@command(
    "aides-territoires",
    N_("Aides-territoires → catalogue relance : chaque aide devient un dispositif at-ID."),
    parent=IMPORT,
    examples=(
        "relance import aides-territoires tests/data/aides-territoires/django-2022-05.json"
        " --output aides.toml",
    ),
)
def import_aides_territoires(
    inputs: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="PAGE.json",
            help=_("Pages enregistrées de l'API (ou listes JSON d'aides)."),
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar=_("FICHIER.toml"), help=_("Catalogue à écrire.")),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Remplace un fichier de sortie existant."))
    ] = False,
    allow_shrink: Annotated[
        bool,
        typer.Option(
            "--allow-shrink",
            help=_(
                "Avec --force : accepte de remplacer un catalogue par un autre sans aide, "
                "ou qui en a perdu plus de la moitié."
            ),
        ),
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
    show_diff: Annotated[
        bool,
        typer.Option(
            "--diff",
            help=_(
                "Sur un catalogue existant : détaille chaque aide nouvelle, disparue ou "
                "modifiée (comme relance diff), au lieu d'une ligne de résumé."
            ),
        ),
    ] = False,
) -> None:
    from relance_cli import environment, files
    from relance_cli.core.models import Catalog
    from relance_cli.importers import aides_territoires as at
    from relance_cli.output.results import ImportSummary

    if output is None or not str(output):
        raise UsageError(_("--output FICHIER.toml : le catalogue à écrire est obligatoire"))
    target = output
    replaced = files.check_target(target, force=force, option="--output")
    if fetch == bool(inputs):
        raise UsageError(_("donnez des pages JSON enregistrées, ou --fetch, mais pas les deux"))
    if api_url is not None and not fetch:
        raise UsageError(_("--api-url accompagne --fetch"))
    if fetch:
        from relance_cli.importers import client
        from relance_cli.output.progress import counted

        url = api_url or at.API_URL
        try:
            client.origin(url)
        except client.BadAddress as error:
            raise UsageError(error.words("--api-url")) from None
        token = os.environ.get("RELANCE_AT_TOKEN", "").strip()
        if not token:
            raise UsageError(_("--fetch : définissez RELANCE_AT_TOKEN (jeton de l'API)"))
        client.check_token(token)
        pages = counted(lambda progress: client.pages(url, token, progress=progress))
    else:
        pages = at.read_pages([str(page) for page in inputs or []])
    catalog, report = at.build(pages, environment.current().today)
    if replaced is not None and not allow_shrink:
        _refuse_to_shrink(target, [s["id"] for s in catalog.get("scheme", [])])
    previous = _previous_schemes(target) if replaced is not None else None
    # Each scheme was checked as it was built; the whole must hold too, or it is a bug.
    written = Catalog.model_validate(catalog)
    data = at.to_toml(catalog).encode("utf-8")
    others = files.write_new(target, data, force=force, option="--output")
    emit(ImportSummary(report, str(output)), OutputFormat.table)
    if others:
        import sys

        from relance_cli.output import terminal

        note = files.other_links_note(target, others, "--output")
        terminal.write_text(note + "\n", sys.stderr)
    if previous is not None:
        _print_changes(previous, written.schemes, str(output), full=show_diff)
    # The catalog just validated is cached (compiled) under the bytes written, after the
    # answer, so the first command that reads it is warm (no parsing, no validating again).
    from relance_cli.catalog import cache

    cache.store(data, written)


def _previous_schemes(target: Path) -> list[Scheme] | None:
    """The schemes of the catalog being replaced, or None when relance cannot read it."""
    from relance_cli.catalog.loading import read

    try:
        return read(target, str(target)).schemes
    except CatalogError:
        return None


def _print_changes(old: list[Scheme], new: list[Scheme], target: str, *, full: bool) -> None:
    """What this import changed in the catalog it replaced: one line, or every change."""
    from relance_cli.core.changes import compare
    from relance_cli.output import changes as described
    from relance_cli.output import terminal
    from relance_cli.output.results import DiffResult

    found = compare(old, new)
    if full:
        before = _("l'ancien {file}").format(file=target)
        emit(DiffResult(found, before, target), OutputFormat.table)
        return
    text = _("Depuis le précédent {file} : {summary} (--diff pour le détail).")
    terminal.write_text(text.format(file=target, summary=described.summary(found)) + "\n")


def _refuse_to_shrink(target: Path, new_ids: list[str]) -> None:
    """A catalog is never replaced by an empty one, or by one that lost more than half of
    its aids, without --allow-shrink: an API answering `{"results": []}` must not wipe a
    month of work."""
    from relance_cli.catalog.loading import read

    try:
        old_ids = [s.id for s in read(target, str(target)).schemes]
    except CatalogError as error:
        # Unreadable, invalid or too large: nothing to compare with, so nothing shows the
        # new import keeps what the old catalog held (a typo must not let 40 aids
        # replace 3,000).
        text = _(
            "--output : {file} ne peut pas être comparé au nouvel import ({reason}) ; "
            "--allow-shrink pour le remplacer quand même"
        )
        raise CatalogError(text.format(file=shown(target), reason=error.lines[0])) from None
    kept = set(new_ids)
    lost = [i for i in old_ids if i not in kept]
    if new_ids and len(lost) * 2 <= len(old_ids):
        return
    had = ngettext("{count} aide", "{count} aides", len(old_ids)).format(count=len(old_ids))
    if not new_ids:
        text = _("--output : ce nouvel import n'a aucune aide ; {file} ({had}) est gardé")
    else:
        text = _("--output : ce nouvel import perd {lost} des {had} de {file} ({ids})")
    listed = ", ".join(lost[:5]) + (", …" if len(lost) > 5 else "")
    text = text.format(file=shown(target), had=had, lost=len(lost), ids=listed)
    raise CatalogError(text + _(" ; --allow-shrink pour le remplacer quand même"))
