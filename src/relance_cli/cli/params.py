"""The options several commands share, and how their raw text becomes core values.

Typer hands every option over as text (or None when not given), and the conversions
here raise UsageError with the option's name, so each bad value ends in one line and
exit code 2 before any catalog is read.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple

import typer

from relance_cli import environment
from relance_cli.cli import completion, values
from relance_cli.core.vocabulary import Applicant
from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.limits import MAX_POPULATION
from relance_cli.output import CsvDialect, OutputFormat
from relance_cli.text import printable

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.advisor import Filters
    from relance_cli.core.eligibility import Profile
    from relance_cli.core.estimate import Budget
    from relance_cli.core.models import Scheme
    from relance_cli.core.places import Territory
    from relance_cli.profiles.applying import Applied
    from relance_cli.profiles.fields import ProfileOptions

APPLICANTS = tuple(Applicant)

FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="|".join(OutputFormat),
        help=_("Format de sortie."),
        autocompletion=completion.formats,
    ),
]
NoCsvFormatOption = Annotated[  # for the results that have no rows to tabulate
    str,
    typer.Option(
        "--format",
        "-f",
        metavar="table|json",
        help=_("Format de sortie."),
        autocompletion=completion.formats_without_csv,
    ),
]
CatalogOption = Annotated[
    list[Path] | None,
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
HindsightOption = Annotated[
    bool,
    typer.Option(
        "--hindsight",
        help=_(
            "Avec --as-of : juge avec tout ce qui est connu aujourd'hui et dit ce qui "
            "n'était pas encore annoncé à cette date."
        ),
    ),
]
ApplicantOption = Annotated[
    str | None,
    typer.Option(
        "--applicant",
        metavar="|".join(APPLICANTS),
        help=_("Qui dépose le projet. Omis : supposé collectivité ou groupement."),
        autocompletion=completion.applicants,
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
            "Type de projet, répétable : son identifiant ou son libellé (relance types les "
            "liste ; majuscules et accents indifférents)."
        ),
        autocompletion=completion.kinds,
    ),
]

FinancerOption = Annotated[
    str | None,
    typer.Option(
        "--financer",
        metavar=_("TEXTE"),
        help=_(
            "Seulement les dispositifs dont un financeur contient ce texte (p. ex. « Banque des "
            "Territoires » ; majuscules et accents indifférents)."
        ),
    ),
]
AidTypeOption = Annotated[
    str | None,
    typer.Option(
        "--aid-type",
        metavar=_("TEXTE"),
        help=_(
            "Seulement les dispositifs dont une forme d'aide contient ce texte (p. ex. "
            "subvention, prêt, avance récupérable, ingénierie ; celles des catalogues chargés)."
        ),
    ),
]


def _territory_option(name: str, metavar: str, help_text: str) -> Any:
    return typer.Option(name, metavar=metavar, help=help_text)


CommuneOption = Annotated[
    str | None,
    _territory_option(
        "--commune",
        _("CODE|NOM"),
        _(
            "La commune qui porte le projet (code INSEE ou nom) : candidat commune, "
            "population officielle."
        ),
    ),
]
EpciOption = Annotated[
    str | None,
    _territory_option(
        "--epci",
        _("SIREN|NOM"),
        _("L'EPCI qui porte le projet (SIREN ou nom) : candidat EPCI, population totale."),
    ),
]
DepartementOption = Annotated[
    str | None,
    _territory_option(
        "--departement",
        _("CODE|NOM"),
        _("Le département qui porte le projet (code ou nom) : candidat département."),
    ),
]
RegionOption = Annotated[
    str | None,
    _territory_option(
        "--region",
        _("CODE|NOM"),
        _("La région qui porte le projet (code ou nom) : candidat région."),
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
        ),  # {rows}: cli/usage.py's HELP_VALUES
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
OpenOption = Annotated[
    bool, typer.Option("--open", help=_("Seulement les dispositifs ouverts à cette date."))
]
AllOption = Annotated[
    bool, typer.Option("--all", help=_("Montre aussi les dispositifs écartés, et pourquoi."))
]
ExplainOption = Annotated[
    bool, typer.Option("--explain", help=_("Détaille chaque règle vérifiée, réussie ou non."))
]
ClosingWithinOption = Annotated[
    str | None,
    typer.Option(
        "--closing-within",
        metavar=_("JOURS"),
        help=_("Seulement les dispositifs ouverts dont l'échéance tombe dans ce délai."),
    ),
]
OpeningWithinOption = Annotated[
    str | None,
    typer.Option(
        "--opening-within",
        metavar=_("JOURS"),
        help=_("Seulement les dispositifs dont une étape de dépôt ouvre dans ce délai."),
    ),
]
PublishedSinceOption = Annotated[
    str | None,
    typer.Option(
        "--published-since",
        metavar=_("AAAA-MM-JJ"),
        help=_("Seulement les dispositifs publiés par leur source depuis cette date (incluse)."),
    ),
]
UpdatedSinceOption = Annotated[
    str | None,
    typer.Option(
        "--updated-since",
        metavar=_("AAAA-MM-JJ"),
        help=_("Seulement les dispositifs mis à jour par leur source depuis cette date (incluse)."),
    ),
]
ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar=_("NOM"),
        help=_(
            "Profil enregistré (relance profile save) dont les options s'appliquent ; une "
            "option donnée remplace celle du profil. Par défaut : $RELANCE_PROFILE, sinon le "
            "profil par défaut."
        ),
        autocompletion=completion.profiles,
    ),
]


def applied(name: str | None, given: ProfileOptions) -> Applied:
    """The options in force: those given, completed by the saved profile."""
    from relance_cli.profiles.applying import apply

    return apply(name, given, "--profile")


class Judged(NamedTuple):
    """What `match` and `search` judge with: the options in force (a saved profile's
    included), the catalogs, the profile, the budget and the funder and aid-type filters."""

    applied: Applied
    loaded: LoadedCatalog
    profile: Profile
    budget: Budget | None
    filters: Filters


def judged(name: str | None, given: ProfileOptions) -> Judged:
    """The options given, completed by the saved profile, turned into core values; a bad
    value that came from the profile file is said with its place in that file."""
    chosen = applied(name, given)
    options = chosen.options
    with chosen.blame():
        money = budget(options.budget, options.staff_costs, options.equipment_costs)
        loaded = load(options.catalogs)
        found = profile(
            loaded, options.applicant, options.population, options.types, options.places()
        )
        wanted = filters(loaded, options.financer, options.aid_type)
    return Judged(chosen, loaded, found, money, wanted)


def since(option: str, value: str | None) -> date | None:
    return values.day(option, value) if value is not None else None


OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar=_("FICHIER"),
        help=_("Écrit le résultat dans ce fichier au lieu de la sortie standard."),
    ),
]
ForceOption = Annotated[
    bool, typer.Option("--force", help=_("Avec --output : remplace un fichier existant."))
]
CsvDialectOption = Annotated[
    str | None,
    typer.Option(
        "--csv-dialect",
        metavar="|".join(CsvDialect),
        help=_(
            "Avec --format csv : « standard » (virgule, point décimal : le format stable "
            "pour les scripts) ou « excel-fr » (point-virgule, virgule décimale)."
        ),
    ),
]


def output_format(value: str, result: type[Any]) -> OutputFormat:
    """One of the formats the command's result can be printed in."""
    return OutputFormat(values.choice("--format", value, [f.value for f in result.formats]))


def destination(target: Path | None, force: bool, output: OutputFormat) -> Path | None:
    """The file --output names, checked before any work (None: standard output). A
    workbook is binary: it goes to a file or a pipe, never to a terminal."""
    if target is not None and str(target) == "-":
        target = None
    if target is None:
        if force:
            raise UsageError(_("--force accompagne --output FICHIER"))
        if output is OutputFormat.xlsx and sys.stdout.isatty():
            text = _(
                "--format xlsx : un classeur ne s'affiche pas dans un terminal ; "
                "ajoutez --output FICHIER, p. ex. --output resultats.xlsx"
            )
            raise UsageError(text)
        return None
    from relance_cli import files

    files.check_target(target, force=force, option="--output")
    return target


def csv_dialect(value: str | None, output: OutputFormat) -> CsvDialect:
    if value is None:
        return CsvDialect.standard
    if output is not OutputFormat.csv:
        raise UsageError(_("--csv-dialect accompagne --format csv"))
    return CsvDialect(values.choice("--csv-dialect", value, list(CsvDialect)))


def limit(value: str | None) -> int | None:
    return values.rows("--limit", value) if value is not None else None


def as_of(value: str | None) -> date:
    return values.day("--as-of", value) if value is not None else environment.current().today


def hindsight(flag: bool, as_of: str | None) -> bool:
    """Without --as-of the date is today, when everything known is known: the option would
    change nothing, so it is refused rather than ignored."""
    if flag and as_of is None:
        raise UsageError(_("--hindsight accompagne --as-of AAAA-MM-JJ"))
    return flag


def load(catalogs: list[Path] | None) -> LoadedCatalog:
    from relance_cli.catalog import loading, paths

    given = [str(path) for path in catalogs] if catalogs else None
    return loading.load(paths.catalog_paths(given))


def profile(
    loaded: LoadedCatalog,
    applicant: str | None,
    population: str | None,
    types: list[str] | None,
    places: dict[str, str | None] | None = None,
) -> Profile:
    """The profile: what the options say, completed by the territory when one is named
    (its applicant type and official population, unless --applicant or --population
    says otherwise)."""
    from relance_cli.core.eligibility import Profile

    territory = _territory(places or {})
    who = Applicant(values.choice("--applicant", applicant, APPLICANTS)) if applicant else None
    if who is None and territory is not None:
        who = Applicant(territory.scale.value)
    if who is not None and territory is not None:
        _check_scale(who, territory)
    people = (
        values.count("--population", population, MAX_POPULATION) if population is not None else None
    )
    official = people is None and territory is not None and territory.population is not None
    return Profile(
        applicant=who,
        population=territory.population if official and territory else people,
        kinds=kinds(loaded, types or []),
        territory=territory,
        official_population=official,
        kind_labels=tuple(loaded.kinds.items()),
    )


def kinds(loaded: LoadedCatalog, given: list[str]) -> tuple[str, ...]:
    """The project types named by --type, each by its id or its label; an unknown one gets
    the closest ids, with their labels, and the command that lists them all."""
    from relance_cli.core import kinds as vocabulary

    picked: list[str] = []
    for value in given:
        found = vocabulary.resolve(value, loaded.kinds)
        if found is None:
            close = vocabulary.closest(value, loaded.kinds)
            shown = ", ".join(f"{kind} ({loaded.kinds[kind]})" for kind in close)
            if close:
                text = _(
                    "--type : « {value} » n'est pas un type de projet des catalogues chargés ; "
                    "les plus proches : {close} ; relance types les liste tous"
                )
            else:
                text = _(
                    "--type : « {value} » n'est pas un type de projet des catalogues chargés ; "
                    "relance types les liste tous"
                )
            raise UsageError(text.format(value=printable(value), close=shown))
        if found not in picked:
            picked.append(found)
    return tuple(picked)


def filters(loaded: LoadedCatalog, financer: str | None, aid_type: str | None) -> Filters:
    """--financer and --aid-type, folded; a text no funder or aid type of the loaded
    catalogs holds is a mistake (exit 2), told with the closest names."""
    from relance_cli.core.advisor import Filters
    from relance_cli.text import fold

    wanted = {}
    for option, value, names in (
        ("--financer", financer, {n for s in loaded.schemes for n in s.financers}),
        ("--aid-type", aid_type, {n for s in loaded.schemes for n in s.funding.support}),
    ):
        if value is None:
            continue
        folded = fold(value)
        if not folded or not any(folded in fold(name) for name in names):
            by_key = {fold(name): name for name in sorted(names, key=fold)}
            if len(by_key) > 12:
                close = [by_key[k] for k in values.closest(value, list(by_key))]
            else:
                close = list(by_key.values())
            text = _("{option} : aucun élément des catalogues chargés ne contient « {value} »")
            message = text.format(option=option, value=printable(value))
            if close:
                hint = (
                    _("valeurs proches : {names}") if len(by_key) > 12 else _("valeurs : {names}")
                )
                hint = hint.format(names=", ".join(close))
                message = _("{message} ; {hint}").format(message=message, hint=hint)
            raise UsageError(message)
        wanted[option] = folded
    return Filters(wanted.get("--financer"), wanted.get("--aid-type"))


def _check_scale(who: Applicant, territory: Territory) -> None:
    from relance_cli.core.places import too_large_for

    if too_large_for(who, territory):
        text = _(
            "--applicant {applicant} : le territoire donné est {scale} ({name}), plus petit "
            "que le candidat ; donnez le territoire du candidat (--{option}) ou un autre "
            "candidat"
        )
        raise UsageError(
            text.format(
                applicant=who.value,
                scale=_(territory.scale.label),
                name=territory.name,
                option=who.value,
            )
        )


def _territory(places: dict[str, str | None]) -> Territory | None:
    """The one territory named by --commune, --epci, --departement or --region."""
    given = {option: value for option, value in places.items() if value is not None}
    if not given:
        return None
    if len(given) > 1:
        text = _("{options} : un seul territoire à la fois")
        raise UsageError(text.format(options=", ".join(given)))
    ((option, value),) = given.items()
    from relance_cli.cli.territories import find
    from relance_cli.core.vocabulary import Scale

    return find(Scale(option.removeprefix("--")), value)


def budget(total: str | None, staff: str | None, equipment: str | None) -> Budget | None:
    from decimal import Decimal

    from relance_cli.core.estimate import Budget

    if total is None:
        if staff is not None or equipment is not None:
            raise UsageError(
                _("--staff-costs et --equipment-costs précisent un budget : ajoutez --budget EUR")
            )
        return None
    result = Budget(
        values.amount("--budget", total),
        values.amount("--staff-costs", staff) if staff is not None else Decimal(0),
        values.amount("--equipment-costs", equipment) if equipment is not None else Decimal(0),
    )
    problem = result.problem()
    if problem:
        raise UsageError(f"--budget : {problem}")
    return result


def scheme(loaded: LoadedCatalog, scheme_id: str) -> Scheme:
    """The scheme with that id, or a usage error offering the closest ids."""
    found = loaded.find(scheme_id)
    if found is not None:
        return found
    ids = [s.id for s in loaded.schemes]
    close = values.closest(scheme_id, ids)
    if close:
        hint = _("vouliez-vous dire : {ids} ?").format(ids=", ".join(close))
    else:
        hint = _("dispositifs : {ids}").format(ids=", ".join(ids))
    text = _("dispositif inconnu « {id} » ; {hint}")
    raise UsageError(text.format(id=printable(scheme_id), hint=hint))
