"""The options commands share, declared once: Typer's `Annotated` aliases, and the
profile options as one group (`profile_options`) that a command takes whole or in part.

Parsing their text into core values is `params`' work; nothing here reads a file.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from relance_cli.cli import completion
from relance_cli.core.vocabulary import Applicant
from relance_cli.i18n import _
from relance_cli.output import CsvDialect, OutputFormat
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


WHO = ("applicant", "population", "types", "commune", "epci", "departement", "region")
"""The profile options that say who carries the project, where, and what it is."""
MONEY = ("budget", "staff_costs", "equipment_costs")
CATALOGS = ("catalogs",)
FILTERS = ("financer", "aid_type")
EVERY = (*WHO, *MONEY, *CATALOGS, *FILTERS)
GIVEN = ProfileOptions()
"""The default of a command's `given` parameter, which `profile_options` always fills."""

PROFILE: dict[str, Any] = {
    "applicant": ApplicantOption,
    "population": PopulationOption,
    "types": TypeOption,
    "commune": CommuneOption,
    "epci": EpciOption,
    "departement": DepartementOption,
    "region": RegionOption,
    "budget": BudgetOption,
    "staff_costs": StaffOption,
    "equipment_costs": EquipmentOption,
    "catalogs": CatalogOption,
    "financer": FinancerOption,
    "aid_type": AidTypeOption,
}
"""Each profile option by its `ProfileOptions` attribute (a test checks they agree)."""


def profile_options(*groups: tuple[str, ...]) -> Callable[[Callable[..., Any]], Any]:
    """Gives a command the profile options of `groups` (WHO, MONEY, CATALOGS, FILTERS),
    in their one declaration here. The command takes a parameter `given: ProfileOptions`
    where the options go in its help; it receives them together there, those it does not
    take left None."""
    taken = [name for name in ProfileOptions._fields if any(name in g for g in groups)]

    def decorate(function: Callable[..., Any]) -> Any:
        signature = inspect.signature(function, eval_str=True)
        if "given" not in signature.parameters:  # pragma: no cover - a programming error
            raise TypeError(f"{function.__name__} takes no `given: ProfileOptions`")
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name != "given":
                parameters.append(parameter)
                continue
            parameters += [
                inspect.Parameter(
                    name,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    default=None,
                    annotation=PROFILE[name],
                )
                for name in taken
            ]

        @functools.wraps(function)
        def run(**kwargs: Any) -> Any:
            given = ProfileOptions(**{name: kwargs.pop(name) for name in taken})
            return function(**kwargs, given=given)

        run.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
