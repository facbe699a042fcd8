"""The command line: parse, call the core, hand the result to a renderer.

Only Typer and the standard library load at start-up; the catalog, Pydantic and Rich
are imported inside the commands that need them, so `relance --help` and `--version`
stay as fast as Python allows.
"""

from __future__ import annotations

import functools
import gc
import os
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from relance_cli import __version__, i18n, options
from relance_cli.errors import ExitCode, RelanceError, UsageError, printable
from relance_cli.i18n import N_, _, ngettext
from relance_cli.limits import TERMINAL_ROWS

if TYPE_CHECKING:
    from relance_cli.catalog import LoadedCatalog
    from relance_cli.eligibility import Profile
    from relance_cli.estimate import Budget
    from relance_cli.models import Scheme

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
    help=HELP,
    rich_markup_mode=None,
    add_completion=False,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

FORMATS = ("table", "json", "csv")
APPLICANTS = ("commune", "departement", "region", "epci", "syndicat", "partenaire")

_state = {"debug": False}

F = TypeVar("F", bound=Callable[..., Any])


def _command(name: str, help_text: str, parent: typer.Typer | None = None) -> Callable[[F], F]:
    """Register a command whose expected failures end in one line and a documented code."""

    def register(function: F) -> F:
        @functools.wraps(function)
        def run(*args: Any, **kwargs: Any) -> Any:
            try:
                return function(*args, **kwargs)
            except RelanceError as error:
                for line in error.lines:
                    sys.stderr.write(_("Erreur : {message}").format(message=line) + "\n")
                raise typer.Exit(error.exit_code) from None
            except (typer.Exit, KeyboardInterrupt, BrokenPipeError):
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

        (parent or app).command(name, help=_(help_text))(run)
        return function

    return register


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
            "--version", help=_("Affiche la version et s'arrête."), callback=_version, is_eager=True
        ),
    ] = False,
    debug: Annotated[
        bool, typer.Option("--debug", help=_("Affiche la trace complète d'une erreur interne."))
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
    choice = (lang or "fr").strip().lower()
    i18n.use(choice if choice in i18n.LANGUAGES else "fr")  # each run makes its own choice
    if choice not in i18n.LANGUAGES:
        text = _("--lang : « {value} » n'est pas une langue possible ; langues : fr, en")
        message = text.format(value=printable(lang or ""))
        sys.stderr.write(_("Erreur : {message}").format(message=message) + "\n")
        raise typer.Exit(ExitCode.USAGE_ERROR)
    if ctx.invoked_subcommand is None:
        typer.echo(ctx.get_help())
        raise typer.Exit()


# --- options shared by the commands ----------------------------------------------------

FormatOption = Annotated[
    str, typer.Option("--format", "-f", metavar="table|json|csv", help=_("Format de sortie."))
]
CatalogOption = Annotated[
    list[str] | None,
    typer.Option(
        "--catalog",
        metavar=_("CHEMIN"),
        help=_(
            "Catalogue TOML à charger au lieu du catalogue intégré (répétable ; "
            "« builtin » désigne le catalogue intégré). Par défaut : $RELANCE_CATALOG."
        ),
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of", metavar=_("AAAA-MM-JJ"), help=_("Date de référence (défaut : aujourd'hui).")
    ),
]
ApplicantOption = Annotated[
    str | None,
    typer.Option(
        "--applicant",
        metavar="|".join(APPLICANTS),
        help=_("Qui dépose le projet. Omis : supposé collectivité ou groupement."),
    ),
]
PopulationOption = Annotated[
    str | None,
    typer.Option(
        "--population",
        metavar="N",
        help=_(
            "Population concernée par le projet (pour un projet mutualisé : "
            "tous les partenaires ensemble)."
        ),
    ),
]
TypeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--type",
        metavar="TYPE",
        help=_(
            "Type de projet, répétable, parmi ceux des catalogues chargés (catalogue "
            "intégré : mutualisation, dematerialisation, donnees, cooperation ; majuscules et "
            "accents indifférents)."
        ),
    ),
]
LimitOption = Annotated[
    str | None,
    typer.Option(
        "--limit",
        metavar="N",
        help=_(
            "Au plus N lignes (0 : toutes). Par défaut, un terminal en montre {rows} et dit "
            "combien il en reste ; un tube, un fichier, JSON et CSV : toutes."
        ).format(rows=TERMINAL_ROWS),
    ),
]
BudgetOption = Annotated[
    str | None, typer.Option("--budget", metavar="EUR", help=_("Coût total du projet, en euros."))
]
StaffOption = Annotated[
    str | None,
    typer.Option("--staff-costs", metavar="EUR", help=_("Dont frais de personnel, en euros.")),
]
EquipmentOption = Annotated[
    str | None,
    typer.Option("--equipment-costs", metavar="EUR", help=_("Dont frais de matériel, en euros.")),
]


def _limit(value: str | None) -> int | None:
    return options.count("--limit", value) if value is not None else None


def _first(items: list[Any], limit: int | None) -> list[Any]:
    return items[:limit] if limit else items


def _format(value: str, valid: tuple[str, ...] = FORMATS) -> str:
    return options.choice("--format", value, valid)


def _as_of(value: str | None) -> date:
    return options.day("--as-of", value) if value is not None else date.today()


def _load(catalogs: list[str] | None) -> LoadedCatalog:
    from relance_cli import catalog

    return catalog.load(catalog.catalog_paths(catalogs))


def _profile(
    loaded: LoadedCatalog,
    applicant: str | None,
    population: str | None,
    types: list[str] | None,
) -> Profile:
    from relance_cli.eligibility import Profile
    from relance_cli.models import Applicant

    return Profile(
        applicant=Applicant(options.choice("--applicant", applicant, APPLICANTS))
        if applicant is not None
        else None,
        population=options.count("--population", population) if population is not None else None,
        kinds=options.choices("--type", types or [], list(loaded.kinds)),
    )


def _budget(budget: str | None, staff: str | None, equipment: str | None) -> Budget | None:
    from decimal import Decimal

    from relance_cli.estimate import Budget

    if budget is None:
        if staff is not None or equipment is not None:
            raise UsageError(
                _("--staff-costs et --equipment-costs précisent un budget : ajoutez --budget EUR")
            )
        return None
    result = Budget(
        options.amount("--budget", budget),
        options.amount("--staff-costs", staff) if staff is not None else Decimal(0),
        options.amount("--equipment-costs", equipment) if equipment is not None else Decimal(0),
    )
    problem = result.problem()
    if problem:
        raise UsageError(f"--budget : {problem}")
    return result


def _scheme(loaded: LoadedCatalog, scheme_id: str) -> Scheme:
    found = loaded.find(scheme_id)
    if found is not None:
        return found
    ids = [s.id for s in loaded.schemes]
    close = options.closest(scheme_id, ids)
    if close:
        hint = _("vouliez-vous dire : {ids} ?").format(ids=", ".join(close))
    else:
        hint = _("dispositifs : {ids}").format(ids=", ".join(ids))
    text = _("dispositif inconnu « {id} » ; {hint}")
    raise UsageError(text.format(id=printable(scheme_id), hint=hint))


def _emit_json(payload: Any) -> None:
    from relance_cli.shapes import dumps

    sys.stdout.write(dumps(payload, indent=sys.stdout.isatty()) + "\n")


def _emit(text: str) -> None:
    sys.stdout.write(text)


# --- commands ---------------------------------------------------------------------------


@_command("list", N_("Tous les dispositifs : types, cofinancement, dates de candidature, statut."))
def list_schemes(
    fmt: FormatOption = "table",
    catalogs: CatalogOption = None,
    as_of: AsOfOption = None,
    limit: LimitOption = None,
) -> None:
    output = _format(fmt)
    on = _as_of(as_of)
    rows = _limit(limit)
    loaded = _load(catalogs)
    if output == "json":
        from relance_cli import shapes

        _emit_json(shapes.scheme_list(loaded, _first(loaded.schemes, rows), on))
        return
    if output == "csv":
        from relance_cli import spreadsheet

        _emit(spreadsheet.schemes(_first(loaded.schemes, rows), on, loaded.origin))
        return
    from relance_cli import render

    render.print_list(loaded, loaded.schemes, on, limit=rows)


@_command(
    "show",
    N_("Tout sur un dispositif, calendrier compris ; avec un profil, chaque règle vérifiée."),
)
def show(
    scheme_id: Annotated[str, typer.Argument(metavar="ID", help=_("Identifiant du dispositif."))],
    fmt: FormatOption = "table",
    catalogs: CatalogOption = None,
    as_of: AsOfOption = None,
    applicant: ApplicantOption = None,
    population: PopulationOption = None,
    types: TypeOption = None,
    budget: BudgetOption = None,
    staff_costs: StaffOption = None,
    equipment_costs: EquipmentOption = None,
) -> None:
    output = _format(fmt, ("table", "json"))
    on = _as_of(as_of)
    money = _budget(budget, staff_costs, equipment_costs)
    loaded = _load(catalogs)
    scheme = _scheme(loaded, scheme_id)
    profile = _profile(loaded, applicant, population, types)
    from relance_cli.advisor import advise

    given = any(v is not None for v in (applicant, population, types, money))
    advice = advise(scheme, profile, on, money) if given else None
    if output == "json":
        from relance_cli import shapes

        payload = shapes.scheme(scheme, on, loaded.origin.get(scheme.id))
        if advice is not None:
            payload["assessment"] = shapes.advice(advice)
        _emit_json(payload)
        return
    from relance_cli import render

    render.print_show(scheme, loaded, on, advice)


@_command(
    "match", N_("Les dispositifs qui conviennent à un profil, avec verdict, raisons et échéances.")
)
def match(
    applicant: ApplicantOption = None,
    population: PopulationOption = None,
    types: TypeOption = None,
    as_of: AsOfOption = None,
    only_open: Annotated[
        bool, typer.Option("--open", help=_("Seulement les dispositifs ouverts à cette date."))
    ] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help=_("Montre aussi les dispositifs écartés, et pourquoi."))
    ] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help=_("Détaille chaque règle vérifiée, réussie ou non."))
    ] = False,
    closing_within: Annotated[
        str | None,
        typer.Option(
            "--closing-within",
            metavar=_("JOURS"),
            help=_("Seulement les dispositifs ouverts dont l'échéance tombe dans ce délai."),
        ),
    ] = None,
    budget: BudgetOption = None,
    staff_costs: StaffOption = None,
    equipment_costs: EquipmentOption = None,
    fmt: FormatOption = "table",
    catalogs: CatalogOption = None,
    limit: LimitOption = None,
) -> None:
    output = _format(fmt)
    rows = _limit(limit)
    on = _as_of(as_of)
    within = options.count("--closing-within", closing_within) if closing_within else None
    money = _budget(budget, staff_costs, equipment_costs)
    loaded = _load(catalogs)
    profile = _profile(loaded, applicant, population, types)
    from relance_cli import advisor

    results = advisor.match(
        loaded.schemes,
        profile,
        on,
        budget=money,
        include_ineligible=show_all,
        only_open=only_open,
        closing_within=within,
    )
    if output == "json":
        from relance_cli import shapes

        _emit_json(shapes.match(_first(results, rows), profile, money, on))
        return
    if output == "csv":
        from relance_cli import spreadsheet

        _emit(spreadsheet.advice(_first(results, rows)))
        return
    from relance_cli import render

    render.print_match(results, profile, money, on, explain=explain, limit=rows)


@_command(
    "calendar",
    N_("Chaque étape datée, dans l'ordre chronologique, avec son statut à la date donnée."),
)
def calendar(
    scheme_id: Annotated[
        str | None,
        typer.Argument(metavar="ID", help=_("Un seul dispositif (défaut : tous).")),
    ] = None,
    timeline: Annotated[
        bool,
        typer.Option("--timeline", help=_("Dessine les étapes en barres sur un axe des mois.")),
    ] = False,
    ics: Annotated[
        str | None,
        typer.Option(
            "--ics",
            metavar=_("FICHIER"),
            help=_("Écrit les étapes dans un fichier iCalendar (.ics) ; « - » : sortie standard."),
        ),
    ] = None,
    remind: Annotated[
        str | None,
        typer.Option(
            "--remind",
            metavar=_("JOURS"),
            help=_("Avec --ics : une alarme JOURS jours avant chaque date limite de dépôt."),
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help=_("Avec --ics : remplace un fichier existant."))
    ] = False,
    fmt: FormatOption = "table",
    catalogs: CatalogOption = None,
    as_of: AsOfOption = None,
    limit: LimitOption = None,
) -> None:
    output = _format(fmt)
    count = _limit(limit)
    if timeline and output != "table":
        text = _("--timeline : un dessin pour le terminal, pas pour --format {format}")
        raise UsageError(text.format(format=output))
    if ics is None and (remind is not None or force):
        raise UsageError(_("--remind et --force accompagnent --ics FICHIER"))
    remind_days = options.count("--remind", remind) if remind is not None else None
    on = _as_of(as_of)
    loaded = _load(catalogs)
    schemes = [_scheme(loaded, scheme_id)] if scheme_id is not None else loaded.schemes
    from relance_cli.calendar import chronology

    rows = chronology(schemes, on)
    if ics is not None:
        _export_ics(_first(rows, count), ics, remind_days, force)
        return
    if output == "json":
        from relance_cli import shapes

        _emit_json(shapes.calendar(_first(rows, count), on))
        return
    if output == "csv":
        from relance_cli import spreadsheet

        _emit(spreadsheet.steps(_first(rows, count)))
        return
    from relance_cli import render

    if timeline:
        render.print_timeline(rows, on, limit=count)
    else:
        render.print_calendar(rows, on, with_scheme=scheme_id is None, limit=count)


def _export_ics(rows: list[Any], target: str, remind_days: int | None, force: bool) -> None:
    from datetime import UTC, datetime
    from pathlib import Path

    from relance_cli import files, ics

    data = ics.calendar(
        rows, stamp=datetime.now(UTC).replace(microsecond=0), remind_days=remind_days
    )
    if target == "-":
        sys.stdout.write(data.decode("utf-8"))
        return
    files.write_new(Path(target), data, force=force, option="--ics")
    text = ngettext(
        "{count} étape écrite dans {file}", "{count} étapes écrites dans {file}", len(rows)
    )
    sys.stderr.write(text.format(count=len(rows), file=target) + "\n")


@_command(
    "validate",
    N_("Vérifie des catalogues et liste chaque erreur (fichier, ligne, dispositif, champ)."),
)
def validate(
    paths: Annotated[
        list[str], typer.Argument(metavar=_("FICHIER"), help=_("Catalogues à vérifier."))
    ],
    fmt: FormatOption = "table",
) -> None:
    output = _format(fmt, ("table", "json"))
    from relance_cli import catalog

    report = catalog.check(paths)
    if output == "json":
        _emit_json(
            {
                "valid": report.valid,
                "files": [
                    {
                        "path": f.label,
                        "valid": not f.problems,
                        "schemes": f.schemes,
                        "errors": f.problems,
                    }
                    for f in report.files
                ],
                "errors": report.cross_file,
            }
        )
    else:
        for checked in report.files:
            if checked.problems:
                for line in checked.problems:
                    sys.stdout.write(f"✗ {line}\n")
            else:
                text = ngettext(
                    "✓ {file} : {count} dispositif, valide",
                    "✓ {file} : {count} dispositifs, valides",
                    checked.schemes,
                )
                sys.stdout.write(text.format(file=checked.label, count=checked.schemes) + "\n")
        for line in report.cross_file:
            sys.stdout.write(f"✗ {line}\n")
        sys.stdout.write(report.summary() + "\n")
    if not report.valid:
        raise typer.Exit(ExitCode.DATA_ERROR)


@_command(
    "schema", N_("Affiche le schéma JSON du format de catalogue (pour Taplo / Even Better TOML).")
)
def schema() -> None:
    from relance_cli.models import catalog_schema

    _emit_json(catalog_schema())


import_app = typer.Typer(
    help=_("Importe un catalogue d'aides d'une autre source."),
    rich_markup_mode=None,
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")


@_command(
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
    from datetime import date as day_type
    from pathlib import Path

    from relance_cli import aides_territoires as at
    from relance_cli import files

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
        pages = _fetch_with_progress(api_url or at.API_URL, token)
    else:
        pages = at.read_pages(inputs or [])
    catalog, report = at.build(pages, day_type.today())
    from relance_cli.catalog import parse

    text = at.to_toml(catalog)
    parse(text, output)  # what we write must load: a bug here is caught before writing
    files.write_new(target, text.encode("utf-8"), force=force, option="--output")
    _print_report(report, output)


def _fetch_with_progress(url: str, token: str) -> Any:
    from relance_cli import fetch

    if not sys.stderr.isatty():
        return fetch.pages(url, token)
    from rich.console import Console
    from rich.progress import Progress

    def generate() -> Any:
        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Aides-territoires", total=None)

            def advance(done: int, total: int | None) -> None:
                bar.update(task, completed=done, total=total)

            yield from fetch.pages(url, token, progress=advance)

    return generate()


def _print_report(report: Any, output: str) -> None:
    write = sys.stdout.write
    text = _("{read} aide(s) lue(s), {written} écrite(s) dans {file}, {skipped} écartée(s).")
    values = {"read": report.read, "written": len(report.written), "skipped": len(report.skipped)}
    write(text.format(file=output, **values) + "\n")
    for scheme_id, reason in report.skipped:
        write(_("  écartée {id} : {reason}").format(id=scheme_id, reason=reason) + "\n")
    for scheme_id, message in report.notes:
        write(_("  note {id} : {message}").format(id=scheme_id, message=message) + "\n")
    if report.unknown_audiences:
        counted = ", ".join(
            f"{printable(label)} ({count})"
            for label, count in report.unknown_audiences.most_common()
        )
        write(_("  publics non reconnus (ignorés) : {labels}").format(labels=counted) + "\n")


def main() -> None:
    """Entry point of the `relance` command.

    The cyclic garbage collector is switched off: a command lives for a fraction of a
    second and builds its objects once, and collecting while a 10,000-scheme catalog is
    unpickled costs four times the unpickling itself. `--version` alone is answered
    before Typer builds its parsers, and no arguments at all means `--help`: both then
    print without loading Pydantic, which Typer uses to coerce every option it parses."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"relance {__version__}\n")
        return
    gc.disable()
    app(prog_name="relance", args=sys.argv[1:] or ["--help"])
