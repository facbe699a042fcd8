"""The app: its global options, and the one way a command is registered.

Only Typer and the standard library load at start-up; the catalog, Pydantic and Rich
are imported inside the commands that need them, so `relance --help` and `--version`
stay as fast as Python allows.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer

from relance_cli import __version__, i18n
from relance_cli.cli.usage import RelanceCommand, RelanceGroup
from relance_cli.errors import ExitCode, RelanceError, enable_debug
from relance_cli.i18n import _
from relance_cli.text import printable

# Help texts are read when the app is built, so the language is settled first.
i18n.use(i18n.detect(sys.argv[1:], os.environ))

HELP = _(
    "relance : quels dispositifs publics de financement du numérique conviennent au projet "
    "d'une collectivité (commune, département, région, EPCI, syndicat) ou de ses partenaires ? "
    "Éligibilité expliquée, cofinancement estimé, calendrier de chaque dispositif.\n\n"
    "Exemple : relance match --population 600000 --type dematerialisation"
)

app = typer.Typer(
    name="relance",
    cls=RelanceGroup,
    help=HELP,
    rich_markup_mode=None,
    add_completion=True,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
import_app = typer.Typer(
    cls=RelanceGroup,
    help=_("Importe un catalogue d'aides d'une autre source."),
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

_state = {"debug": False}

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> None:
    from relance_cli.output import terminal

    terminal.write_text(_("Erreur : {message}").format(message=message) + "\n", sys.stderr)


def command(
    name: str,
    help_text: str,
    parent: typer.Typer | None = None,
    examples: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Register a command whose expected failures end in one line and a documented code.
    Every command goes through here (a test checks it): a bare `@app.command` would lose
    that contract. `examples` are real command lines, shown at the end of its help (and
    run by a test)."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except RelanceError as error:
                for line in error.lines:
                    fail(line)
                raise typer.Exit(error.exit_code) from None
            except BrokenPipeError:
                reader_stopped()
                raise typer.Exit(ExitCode.OK) from None
            except (typer.Exit, KeyboardInterrupt):
                raise
            except Exception as error:
                if _state["debug"] or os.environ.get("RELANCE_DEBUG") == "1":
                    import traceback

                    traceback.print_exc()
                text = _(
                    "Erreur interne (un bogue de relance) : {error}. Merci de la signaler avec "
                    "la commande lancée ; --debug ou RELANCE_DEBUG=1 affiche le détail."
                )
                sys.stderr.write(text.format(error=type(error).__name__) + "\n")
                raise typer.Exit(ExitCode.INTERNAL_ERROR) from None

        run.relance_command = True  # type: ignore[attr-defined]
        epilog = "\n".join(examples) or None  # laid out by usage.write_help
        (parent or app).command(name, help=_(help_text), epilog=epilog, cls=RelanceCommand)(run)
        return function

    return register


def reader_stopped() -> None:
    """The reader of a pipe stopped reading (`relance list | head`): not an error of
    relance's. Output goes nowhere from now on, so the final flush cannot fail either, and
    the command ends quietly with 0 (the README documents it)."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"relance {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help=_("Affiche la version et s'arrête."),
            callback=_version,
            is_eager=True,
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Affiche la trace complète d'une erreur interne."))
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help=_(
                "N'utilise pas de pager pour les longues tables. Par défaut, un terminal les "
                "montre avec $PAGER (ou less -FRX)."
            ),
        ),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="fr|en",
            envvar="RELANCE_LANG",
            help=_("Langue de l'interface : fr (défaut) ou en. Par défaut : $RELANCE_LANG."),
        ),
    ] = None,
) -> None:
    _state["debug"] = debug
    from relance_cli.output import pager

    pager.use(not no_pager)
    if debug:
        enable_debug()
    choice = (lang or "fr").strip().lower()
    i18n.use(choice if choice in i18n.LANGUAGES else "fr")  # each run makes its own choice
    if choice not in i18n.LANGUAGES:
        text = _("--lang : « {value} » n'est pas une langue possible ; langues : fr, en")
        fail(text.format(value=printable(lang or "")))
        raise typer.Exit(ExitCode.USAGE_ERROR)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def main() -> None:
    """Entry point of the `relance` command.

    The cyclic garbage collector is switched off: a command lives for a fraction of a
    second and builds its objects once, and collecting while a 10,000-scheme catalog is
    loaded costs several times the loading itself. `--version` alone is answered
    before Typer builds its parsers, and no arguments at all means `--help`: both then
    print without loading Pydantic, which Typer uses to coerce every option it parses."""
    if sys.stdout is None or sys.stderr is None:  # `>&-`: see reopen_closed_streams
        from relance_cli.output import terminal

        terminal.reopen_closed_streams()
    if sys.argv[1:] in (["--version"], ["-V"]):
        sys.stdout.write(f"relance {__version__}\n")
        return
    gc.disable()
    # relance uses no Pydantic plugin: do not scan every installed package for one.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = sys.argv[1:] or ["--help"]
    registered = app.registered_commands, app.registered_groups
    only_invoked(args)
    try:
        app(prog_name="relance", args=args)
    except BrokenPipeError:
        reader_stopped()
        sys.exit(ExitCode.OK)
    finally:
        app.registered_commands, app.registered_groups = registered


def only_invoked(args: list[str]) -> None:
    """Typer builds the parser of every command on each run (about 15 ms, 5 % of a
    command); a run needs only the one it names. Without a known command name (help,
    completion, a typo to correct), every command stays."""
    name = None
    words = iter(args)
    for word in words:
        if word == "--lang":
            next(words, None)  # its value
        elif not word.startswith("-"):
            name = word
            break
    if name == "help":  # `relance help match` needs the command it describes
        return
    commands = [c for c in app.registered_commands if c.name == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups
