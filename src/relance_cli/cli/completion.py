"""What the shell offers on TAB after an option or a command. Completion runs relance on
every TAB, so these read nothing heavy: no Pydantic, no Rich; scheme ids and project
types come from the cache's index of a catalog read before."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import typer

from relance_cli.core.vocabulary import Applicant
from relance_cli.output import OutputFormat


def _starting(incomplete: str, values: Iterable[str]) -> list[str]:
    return [value for value in values if value.startswith(incomplete)]


def _catalogs(ctx: typer.Context) -> list[str] | None:
    given = ctx.params.get("catalogs")
    return [str(path) for path in given] if given else None


def formats(incomplete: str) -> list[str]:
    return _starting(incomplete, OutputFormat)


def formats_without_csv(incomplete: str) -> list[str]:
    return _starting(incomplete, (OutputFormat.table, OutputFormat.json))


def applicants(incomplete: str) -> list[str]:
    return _starting(incomplete, Applicant)


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from relance_cli.catalog.index import names

    return _starting(incomplete, names(_catalogs(ctx))[1])


def scheme_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from relance_cli.catalog.index import names

    return _starting(incomplete, names(_catalogs(ctx))[0])


def profiles(incomplete: str) -> list[str]:
    """The saved profiles' names; nothing when the file cannot be read."""
    from relance_cli.errors import RelanceError
    from relance_cli.profiles import store

    try:
        return _starting(incomplete, store.names())
    except (RelanceError, OSError):
        return []


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def install(ctx: Any, param: object, value: object) -> object:
    """`--install-completion`, in relance's words: Typer's installer, but nothing is
    created outside an existing home folder, and a file in the way or a startup file
    that cannot be written is one French line (exit 1), never a traceback."""
    if not value or ctx.resilient_parsing:
        return value
    import os
    import sys
    from pathlib import Path

    from typer import _completion_shared as shared

    from relance_cli.i18n import _
    from relance_cli.output import terminal
    from relance_cli.system_errors import reason, shown

    def stop(message: str) -> typer.Exit:
        terminal.write_text(_("Erreur : {message}").format(message=message) + "\n", sys.stderr)
        return typer.Exit(1)

    home = Path(os.environ.get("HOME") or Path.home())
    if not home.is_dir():
        text = _("--install-completion : le dossier personnel {home} n'existe pas ; rien installé")
        raise stop(text.format(home=shown(home)))
    shell = value if isinstance(value, str) else shared._get_shell_name()
    if shell not in SHELLS:
        text = _(
            "--install-completion : shell {shell} non pris en charge (bash, zsh, fish, PowerShell)"
        )
        raise stop(text.format(shell=shown(shell or "?")))
    try:
        shell, path = shared.install(shell=shell)
    except OSError as error:
        text = _("--install-completion : installation impossible dans {file} ({reason})")
        raise stop(text.format(file=shown(error.filename or home), reason=reason(error))) from None
    text = _(
        "Complétion {shell} installée dans {file} ; elle prendra effet dans un nouveau terminal"
    )
    terminal.write_text(text.format(shell=shell, file=shown(path)) + "\n")
    raise typer.Exit(0)
