"""The app: its global options, the one way a command is declared, and the run.

Importing this module, or any command's, changes nothing: `command` only marks a
function, and `build` makes a fresh app of the marked ones, on demand, once per run
(`main`) or per test. Only Typer and the standard library load at start-up; the catalog,
Pydantic and Rich are imported inside the commands that need them, so `relance --help`
and `--version` stay as fast as Python allows.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Annotated, Any, NamedTuple, TypeVar

import typer

from relance_cli import __version__, environment, i18n
from relance_cli.cli.usage import RelanceCommand, RelanceGroup
from relance_cli.errors import ExitCode, RelanceError
from relance_cli.i18n import N_, _
from relance_cli.text import quoted

# Help texts are French msgids, translated when the help is written (`cli/usage.py`).
HELP = N_(
    "relance : quels dispositifs publics de financement du numérique conviennent au projet "
    "d'une collectivité (commune, département, région, EPCI, syndicat) ou de ses partenaires ? "
    "Éligibilité expliquée, cofinancement estimé, calendrier de chaque dispositif."
)
# Real command lines, shown at the end of `relance --help` (and run by a test).
EXAMPLES = (
    "relance match --population 600000 --type dematerialisation",
    "relance show dematerialisation",
)

F = TypeVar("F", bound=Callable[..., Any])


class Group(NamedTuple):
    """A group of commands (`relance profile …`), declared where its commands are."""

    name: str
    help_text: str
    examples: tuple[str, ...] = ()  # real command lines, shown at the end of its help

    @property
    def epilog(self) -> str | None:
        return "\n".join(self.examples) or None


class Declared(NamedTuple):
    """What `command` noted on a function, for `build` to register."""

    name: str
    help_text: str
    group: Group | None
    examples: tuple[str, ...]
    run: Callable[..., Any]


IMPORT = Group(
    "import",
    N_("Importe un catalogue d'aides d'une autre source."),
    examples=(
        "relance import aides-territoires tests/data/aides-territoires/django-2022-05.json"
        " --output aides.toml",
    ),
)


def fail(message: str) -> None:
    from relance_cli.output import terminal

    terminal.write_text(
        _("Erreur : {message}").format(message=message) + "\n", environment.current().stderr
    )


def command(
    name: str,
    help_text: str,
    parent: Group | None = None,
    examples: tuple[str, ...] = (),
) -> Callable[[F], F]:
    """Declare a command whose expected failures end in one line and a documented code.
    Every command goes through here (a test checks it): a bare `@app.command` would lose
    that contract. `examples` are real command lines, shown at the end of its help (and
    run by a test). Nothing is registered here: `build` does it."""

    def declare(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except RelanceError as error:
                for line in worded(error):
                    fail(line)
                raise typer.Exit(error.exit_code) from None
            except BrokenPipeError:
                reader_stopped()
                raise typer.Exit(ExitCode.OK) from None
            except (typer.Exit, KeyboardInterrupt):
                raise
            except Exception as error:
                stderr = environment.current().stderr
                if environment.current().debug:
                    import traceback

                    traceback.print_exc(file=stderr)
                text = _(
                    "Erreur interne (un bogue de relance) : {error}. Merci de la signaler avec "
                    "la commande lancée ; --debug ou RELANCE_DEBUG=1 affiche le détail."
                )
                stderr.write(text.format(error=type(error).__name__) + "\n")
                raise typer.Exit(ExitCode.INTERNAL_ERROR) from None

        run.relance_command = True  # type: ignore[attr-defined]
        function.relance_declared = Declared(  # type: ignore[attr-defined]
            name, help_text, parent, examples, run
        )
        return function

    return declare


def worded(error: RelanceError) -> list[str]:
    """An error's lines as the command line says them: where the core only says what went
    wrong, the command line adds the option that would change it."""
    from relance_cli.files import FileExists

    if isinstance(error, FileExists):
        text = _("{option} : {file} existe déjà ; ajoutez --force pour le remplacer")
        from relance_cli.system_errors import shown

        return [text.format(option=error.option, file=shown(error.path))]
    return error.lines


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


def main_options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            "-V",
            help=N_("Affiche la version et s'arrête."),
            callback=_version,
            is_eager=True,
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=N_("Affiche la trace complète d'une erreur interne."))
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help=N_(
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
            help=N_("Langue de l'interface : fr (défaut) ou en. Par défaut : $RELANCE_LANG."),
        ),
    ] = None,
) -> None:
    choice = (lang or "fr").strip().lower()
    run = environment.current()
    environment.update(
        debug=debug or run.debug,
        paging=not no_pager,
        language=choice if choice in i18n.LANGUAGES else "fr",
    )
    if choice not in i18n.LANGUAGES:
        text = _("--lang : « {value} » n'est pas une langue possible ; langues : fr, en")
        fail(text.format(value=quoted(lang or "")))
        raise typer.Exit(ExitCode.USAGE_ERROR)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


def _typer(help_text: str, **settings: Any) -> typer.Typer:
    return typer.Typer(cls=RelanceGroup, help=help_text, rich_markup_mode=None, **settings)


def _listed() -> None:
    """A command as the app's own help page lists it: its name and help text (`build`)."""


def build(only: str | None = None, *, listed_only: bool = False) -> typer.Typer:
    """A new app with every declared command, or only the command or group named `only`
    (a run needs only the parser of the command it names: see `invoked`); a name that is
    no command keeps them all. Only the module declaring `only` is imported, when it is
    known (each of the others costs its imports and the building of its options).
    `listed_only`: each command has its name and help text only, no parameters, which is
    all the app's own help page shows of it (`overview`)."""
    from relance_cli.cli.commands import DECLARED_IN, MODULES

    app = _typer(
        HELP,
        name="relance",
        add_completion=True,
        invoke_without_command=True,
        pretty_exceptions_enable=False,
        epilog="\n".join(EXAMPLES),
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    app.callback()(main_options)
    groups = {IMPORT: _typer(IMPORT.help_text, no_args_is_help=True, epilog=IMPORT.epilog)}
    declared: list[Declared] = []
    with i18n.speaking("fr"):  # module-level msgids stay msgids whoever imports first
        for name in (DECLARED_IN[only],) if only in DECLARED_IN else MODULES:
            module = importlib.import_module(f"relance_cli.cli.commands.{name}")
            for value in vars(module).values():
                if isinstance(value, Group) and value not in groups:
                    groups[value] = _typer(
                        value.help_text, no_args_is_help=True, epilog=value.epilog
                    )
                found = getattr(value, "relance_declared", None)
                if isinstance(found, Declared) and value.__module__ == module.__name__:
                    declared.append(found)
    names = {item.name for item in declared if item.group is None} | {g.name for g in groups}
    only = only if only in names else None
    for item in declared:
        parent = groups[item.group] if item.group is not None else app
        if item.group is None and only is not None and item.name != only:
            continue
        epilog = "\n".join(item.examples) or None  # laid out by usage.write_help
        run = _listed if listed_only else item.run
        parent.command(item.name, help=item.help_text, epilog=epilog, cls=RelanceCommand)(run)
    for group, sub in groups.items():
        if only is None or group.name == only:
            app.add_typer(sub, name=group.name)
    return app


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
    completed = completing()
    if completed is None and overview(args):
        app = build(listed_only=True)
    else:
        app = build(invoked(args if completed is None else completed))
    try:
        app(prog_name="relance", args=args)
    except BrokenPipeError:
        reader_stopped()
        sys.exit(ExitCode.OK)


def invoked(args: Sequence[str]) -> str | None:
    """The command or group a command line names, when the run needs no other: Typer
    builds the parser of every registered command on each run (about 15 ms, 5 % of a
    command). `relance help …` needs them all; so does a name that is no command (help,
    completion, a typo to correct), which `build` keeps whole."""
    name = None
    words = iter(args)
    for word in words:
        if word == "--lang":
            next(words, None)  # its value
        elif not word.startswith("-"):
            name = word
            break
    if name == "help":  # `relance help match` needs the command it describes
        return None
    return name


def overview(args: Sequence[str]) -> bool:
    """The run shows the app's own help page and nothing else (`relance`, `relance -h`,
    `relance --lang en --help`): it lists each command by its name and first sentence, so
    no command's parameters need to be built (Typer builds them all: about 15 ms)."""
    words = iter(args)
    asked = False
    for word in words:
        if word in ("--help", "-h"):
            asked = True
        elif word == "--lang":
            next(words, None)  # its value
        elif word not in ("--debug", "--no-pager") and not word.startswith("--lang="):
            return False
    return asked


COMPLETE = "_RELANCE_COMPLETE"  # Typer's variable for `relance`: `complete_bash` on TAB


def completing() -> list[str] | None:
    """On TAB, the words before the one being completed, as Typer's completion for that
    shell reads them (`relance match --ap<TAB>`: `match`), so that the run builds that
    command's parser only; None when the run is no completion (or one Typer refuses)."""
    instruction, _, shell = os.environ.get(COMPLETE, "").partition("_")
    if instruction != "complete":
        return None
    from typer._click.shell_completion import get_completion_class
    from typer._completion_classes import completion_init

    completion_init()  # what Typer does before it completes
    kind = get_completion_class(shell)
    if kind is None:
        return None
    try:
        words, _ = kind(None, {}, "relance", COMPLETE).get_completion_args()  # type: ignore[arg-type]
    except (KeyError, ValueError):  # no COMP_WORDS, a COMP_CWORD that is no number
        return None
    return words
