"""`relance help [COMMAND]`: the help of the app or of one command, for those who type
`help` first, as git and many tools allow."""

from __future__ import annotations

from typing import Annotated

import typer

from relance_cli.cli import values
from relance_cli.cli.program import command
from relance_cli.errors import UsageError
from relance_cli.i18n import N_, _
from relance_cli.text import quoted


@command(
    "help",
    N_("Affiche l'aide de relance, ou celle d'une commande."),
    examples=("relance help", "relance help match"),
)
def help_page(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(metavar=_("COMMANDE"), help=_("La commande à décrire (défaut : toutes).")),
    ] = None,
) -> None:
    root = ctx.find_root()
    group = root.command
    target, target_ctx = group, root
    for name in names or []:
        found = target.get_command(target_ctx, name) if hasattr(target, "get_command") else None
        if found is None:
            known = (
                list(target.list_commands(target_ctx)) if hasattr(target, "list_commands") else []
            )
            close = values.closest(name, known)
            hint = ", ".join(close or known)
            text = _("help : commande inconnue « {name} » ; commandes : {commands}")
            raise UsageError(text.format(name=quoted(name), commands=hint))
        target_ctx = found.make_context(name, [], parent=target_ctx, resilient_parsing=True)
        target = found
    from relance_cli.output import terminal

    terminal.write_text(target.get_help(target_ctx) + "\n")
