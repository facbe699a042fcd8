"""Help pages and usage errors in relance's words, through its own gettext catalog.

Typer's vendored Click writes "Usage:", "Options", "Show this message and exit." and its
errors ("No such option") in English and has no message catalog of its own. relance's
commands and groups are built from the classes below instead: they lay out the help
page themselves and turn each usage error into one line in the interface language,
which goes through `output.terminal` like everything else relance prints.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from typer import _click
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption
from typer.exceptions import Abort

from relance_cli import environment, i18n
from relance_cli.errors import ExitCode
from relance_cli.i18n import _
from relance_cli.l10n import typography
from relance_cli.limits import TERMINAL_ROWS

Context = _click.core.Context
Command = _click.core.Command
Formatter = _click.formatting.HelpFormatter

HELP_TEXTS = {
    "help": lambda: _("Affiche cette aide et s'arrête."),
    "install_completion": lambda: _(
        "Installe la complétion pour le shell en cours (bash, zsh, fish, PowerShell)."
    ),
    "show_completion": lambda: _(
        "Affiche le script de complétion du shell en cours, à copier ou adapter."
    ),
}


# Values a help text names by placeholder, so that its msgid stays the same when they change.
HELP_VALUES = {"{rows}": str(TERMINAL_ROWS)}


def translated(text: str | None) -> str:
    """A help text, metavar or description in the interface language. They are declared
    as French msgids and translated here, as the help is written, so that the language
    of a run (`--lang en`) decides, not the one in force when the command was declared."""
    if not text:
        return ""  # gettext's "" is the catalog's header
    text = _(text)
    for placeholder, value in HELP_VALUES.items():
        text = text.replace(placeholder, value)
    return text


def _heading(formatter: Formatter, title: str) -> None:
    formatter.write_paragraph()
    formatter.write(_("{title} :").format(title=title) + "\n")


def _usage_pieces(command: Command, ctx: Context) -> list[str]:
    pieces = ["[OPTIONS]"]
    for param in command.get_params(ctx):
        if isinstance(param, TyperArgument):
            name = translated(param.metavar) or param.name or ""
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
    if isinstance(command, TyperGroup):
        pieces.append(_("COMMANDE [ARGUMENTS]..."))
    return pieces


def _option_row(param: TyperOption, ctx: Context) -> tuple[str, str]:
    names = ", ".join(sorted([*param.opts, *param.secondary_opts], key=_dashes))
    if not param.is_flag and param.metavar:
        names += f" {translated(param.metavar)}"
    text = HELP_TEXTS[param.name]() if param.name in HELP_TEXTS else translated(param.help)
    default = param.default
    if not param.is_flag and isinstance(default, str) and default:
        text += "  " + _("[défaut : {default}]").format(default=default)
    if param.required:
        text += "  " + _("[obligatoire]")
    return names, typography(text)


def _dashes(option: str) -> int:
    """-f before --format, as Click shows them."""
    return len(option) - len(option.lstrip("-"))


def _argument_row(param: TyperArgument) -> tuple[str, str]:
    name = (translated(param.metavar) or param.name or "") + ("..." if param.nargs != 1 else "")
    text = translated(getattr(param, "help", None))
    if param.required:
        text += "  " + _("[obligatoire]")
    return name, typography(text)


def write_help(
    command: Command,
    ctx: Context,
    formatter: Formatter,
) -> None:
    """Usage, description, arguments, options and subcommands, in relance's words."""
    write_usage(command, ctx, formatter)
    if command.help:
        formatter.write_paragraph()
        with formatter.indentation():
            formatter.write_text(typography(translated(command.help)))
    params = command.get_params(ctx)
    arguments = [_argument_row(p) for p in params if isinstance(p, TyperArgument)]
    options = [_option_row(p, ctx) for p in params if isinstance(p, TyperOption) and not p.hidden]
    for title, rows in ((_("Arguments"), arguments), (_("Options"), options)):
        if rows:
            _heading(formatter, title)
            with formatter.indentation():
                _write_rows(formatter, rows)
    if isinstance(command, TyperGroup):
        names = command.list_commands(ctx)
        commands = [(n, command.commands[n]) for n in names if not command.commands[n].hidden]
        if commands:
            _heading(formatter, _("Commandes"))
            limit = formatter.width - 6 - max(len(n) for n, _c in commands)
            with formatter.indentation():
                _write_rows(formatter, [(n, c.get_short_help_str(limit)) for n, c in commands])
    if command.epilog:  # last, for a group too
        _heading(formatter, _("Exemples"))
        with formatter.indentation():
            for line in command.epilog.splitlines():  # whole, to be copied as they are
                formatter.write(" " * formatter.current_indent + line + "\n")


HELP_TEXT_MIN = 16  # cells: a narrower column of help beside the names reads badly
TERM_MAX = 30  # Click's widest first column


def _write_rows(formatter: Formatter, rows: list[tuple[str, str]]) -> None:
    """Names and their help side by side, as Click does; on a narrow screen, where the
    help's column beside the names would be too thin, each help under its name instead."""
    first = min(max(len(name) for name, _text in rows), TERM_MAX) + 2
    if formatter.width - formatter.current_indent - first >= HELP_TEXT_MIN:
        formatter.write_dl(rows)
        return
    indent = formatter.current_indent + 4
    for name, text in rows:
        for line in _words_wrapped(name, formatter.width - formatter.current_indent):
            formatter.write(" " * formatter.current_indent + line + "\n")
        for line in _words_wrapped(text, formatter.width - indent):
            formatter.write(" " * indent + line + "\n")


def _words_wrapped(text: str, width: int) -> list[str]:
    """Greedy lines of whole words (at ASCII spaces: non-breaking ones hold), a word wider
    than the line alone on its own. Help texts are of one-cell characters; Rich, whose
    `rich.cells` would measure others, is not imported for a help page (its speed)."""
    lines: list[str] = []
    for word in filter(None, text.replace("\n", " ").split(" ")):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def write_usage(
    command: Command,
    ctx: Context,
    formatter: Formatter,
) -> None:
    formatter.write_usage(
        ctx.command_path, " ".join(_usage_pieces(command, ctx)), prefix=_("Utilisation : ")
    )


HELP_MIN_COLUMNS = 20  # a narrower COLUMNS is laid out as this


def help_width(max_width: int | None) -> int:
    """The help's width: the terminal's, COLUMNS first, as everything relance prints
    (Click's own never goes below 50, too wide for a narrow screen), at most `max_width`,
    less a margin of 2 as Click leaves."""
    import shutil

    columns = max(shutil.get_terminal_size().columns, HELP_MIN_COLUMNS)
    return min(columns, max_width or 80) - 2


def _closest(word: str, choices: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)


def explain(error: _click.exceptions.ClickException) -> str:
    """A usage error of Click's, in one line of relance's words."""
    from relance_cli.text import quoted

    if isinstance(error, _click.exceptions.NoSuchOption):
        text = _("option inconnue : {option}").format(option=quoted(error.option_name))
        close = _closest(error.option_name, error.possibilities or ())
        if close:
            text += _(" ; vouliez-vous dire {options} ?").format(options=", ".join(close))
        return text
    if isinstance(error, _click.exceptions.MissingParameter):
        param = error.param
        name = (translated(param.metavar) or param.name or "") if param is not None else ""
        if isinstance(param, TyperOption):
            name = param.opts[-1] if param.opts else name
            return _("option obligatoire manquante : {name}").format(name=name)
        return _("argument obligatoire manquant : {name}").format(name=name)
    if isinstance(error, _click.exceptions.BadOptionUsage):
        option = quoted(error.option_name)
        if "does not take a value" in error.message:
            return _("l'option {option} ne prend pas de valeur").format(option=option)
        return _("l'option {option} attend une valeur").format(option=option)
    message = error.message
    if message.startswith("No such command"):
        name = message.split("'")[1] if "'" in message else message
        ctx = getattr(error, "ctx", None)
        known = list(ctx.command.commands) if ctx and isinstance(ctx.command, TyperGroup) else []
        text = _("commande inconnue « {name} »").format(name=quoted(name))
        close = _closest(name, known)
        if close:
            return text + _(" ; vouliez-vous dire {commands} ?").format(commands=", ".join(close))
        return text + _(" ; commandes : {commands}").format(commands=", ".join(known))
    if message.startswith("Got unexpected extra argument"):
        extra = message.rpartition(" (")[2].rstrip(")")
        return _("argument en trop : {arguments}").format(arguments=quoted(extra))
    return _("{message}").format(message=quoted(message))


def report(error: _click.exceptions.ClickException) -> int:
    """Print a usage error as relance does (one line, then where to find help); the exit
    code to end with."""
    from relance_cli.output import terminal

    ctx = getattr(error, "ctx", None)
    if isinstance(error, _click.exceptions.NoArgsIsHelpError) and ctx is not None:
        terminal.write_text(ctx.get_help() + "\n")
        return int(ExitCode.OK)
    lines = [_("Erreur : {message}").format(message=explain(error))]
    if ctx is not None:
        hint = " ".join([ctx.command_path, *ctx.help_option_names[:1]])
        lines.append(_("Aide : {command}").format(command=hint))
    terminal.write_text("\n".join(lines) + "\n", environment.current().stderr)
    return int(ExitCode.USAGE_ERROR)


def readable(text: str) -> str:
    """The help as it leaves: laid out with non-breaking spaces, printed with plain ones."""
    from relance_cli.output.terminal import clean

    return clean(text)


def _install_completion(ctx: Context, param: Any, value: Any) -> Any:
    from relance_cli.cli.completion import install

    return install(ctx, param, value)


if TYPE_CHECKING:
    _Shown = Command
else:
    _Shown = object


class _InRelanceWords(_Shown):
    """Help and usage lines written by relance, in the interface language; relance's own
    coercion for its parameters (`cli/coercion.py`)."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        from relance_cli.cli import coercion

        params = self.get_params(ctx)
        coercion.adopt(params)  # Typer adds some (completion) after __init__
        for param in params:
            if param.name == "install_completion":
                param.callback = _install_completion
        return super().parse_args(ctx, args)

    def get_help(self, ctx: Context) -> str:
        if ctx.terminal_width is None and _click.formatting.FORCED_WIDTH is None:
            ctx.terminal_width = help_width(ctx.max_content_width)
        text = readable(super().get_help(ctx))
        return "\n".join(line.rstrip(" ") for line in text.split("\n"))

    def get_short_help_str(self, limit: int = 45) -> str:
        """The first sentence of the help, in the interface language (as Click cuts it)."""
        if self.short_help:
            return translated(self.short_help)
        return _click.utils.make_default_short_help(translated(self.help), limit)

    def format_help(self, ctx: Context, formatter: Formatter) -> None:
        write_help(self, ctx, formatter)

    def format_usage(self, ctx: Context, formatter: Formatter) -> None:
        write_usage(self, ctx, formatter)


class RelanceCommand(_InRelanceWords, TyperCommand):
    """Every command of relance."""


def detect_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """The language asked for, before Click parses anything (an eager `--help` may come
    first): `--lang X` on the command line, else RELANCE_LANG, else fr."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            return i18n.normalise(argv[index + 1])
        if arg.startswith("--lang="):
            return i18n.normalise(arg.split("=", 1)[1])
    return i18n.normalise(environ.get("RELANCE_LANG", ""))


GLOBAL_FLAGS = ("--debug",)
GLOBAL_VALUED = ("--lang",)


def hoisted(args: Sequence[str]) -> list[str]:
    """The global options given after the command name (`relance match --lang en`), moved
    before it, where the app reads them; everything else keeps its place, and nothing
    after `--` is touched."""
    words = list(args)
    moved: list[str] = []
    kept: list[str] = []
    named = False
    index = 0
    while index < len(words):
        word = words[index]
        if word == "--":
            kept += words[index:]
            break
        valued = word in GLOBAL_VALUED and index + 1 < len(words)
        if not named:
            named = not word.startswith("-")
            step = 2 if valued else 1
            kept += words[index : index + step]
        elif word in GLOBAL_FLAGS or word.startswith(tuple(f"{o}=" for o in GLOBAL_VALUED)):
            step = 1
            moved.append(word)
        elif valued:
            step = 2
            moved += words[index : index + 2]
        else:
            step = 1
            kept.append(word)
        index += step
    return moved + kept


class RelanceGroup(_InRelanceWords, TyperGroup):
    """The app and its sub-apps: relance's help, and usage errors in its words."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        if ctx.parent is None:  # the app itself: its options may come after the command
            args = hoisted(args)
        return super().parse_args(ctx, args)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """One run: its environment, made from the process as it is now (the streams and
        variables a test runner set) and the language its command line asks for, is
        current until it ends (`environment.running`)."""
        words = list(sys.argv[1:] if args is None else args)
        run = environment.Environment.from_process(language=detect_language(words, os.environ))
        with environment.running(run):
            try:
                result = super().main(
                    args, prog_name, complete_var, False, windows_expand_args, **extra
                )
            except _click.exceptions.ClickException as error:
                if not standalone_mode:
                    raise
                sys.exit(report(error))
            except Abort:
                if not standalone_mode:
                    raise
                sys.exit(ExitCode.INTERRUPTED)
            if not standalone_mode:
                return result
            sys.exit(result if isinstance(result, int) else ExitCode.OK)
