"""`relance profile save|list|show|delete|default`: the saved profiles."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Annotated, Any

import typer

from relance_cli.cli import options, params
from relance_cli.cli.program import Group, command
from relance_cli.decimals import json_number as _number
from relance_cli.errors import UsageError
from relance_cli.i18n import N_, _
from relance_cli.output import emit
from relance_cli.profiles.fields import ProfileOptions

if TYPE_CHECKING:
    from pathlib import Path

PROFILE = Group(
    "profile",
    N_(
        "Profils enregistrés : les options d'un projet (territoire, candidat, types, budget, "
        "catalogues) gardées sous un nom, appliquées par --profile NOM."
    ),
    examples=(
        "relance profile save mairie --commune Lyon --type dematerialisation",
        "relance profile list",
    ),
)

NameArgument = Annotated[str, typer.Argument(metavar=_("NOM"), help=_("Nom du profil."))]


@command(
    "save",
    N_("Enregistre (ou redéfinit) un profil avec les options données."),
    parent=PROFILE,
    examples=("relance profile save mairie --commune Lyon --type dematerialisation",),
)
@options.profile_options(options.EVERY)
def save(
    name: NameArgument,
    given: ProfileOptions = options.GIVEN,
) -> None:
    from relance_cli.output import terminal
    from relance_cli.profiles import store

    store.check_name(name, _("NOM"))
    if not given.given():
        raise UsageError(_("profile save : donnez au moins une option à enregistrer"))
    values, notes = _checked_values(given)
    path = store.save(name, values, notes)
    text = _("Profil « {name} » enregistré dans {file}.")
    terminal.write_text(text.format(name=name, file=path) + "\n")


def _checked_values(given: ProfileOptions) -> tuple[dict[str, Any], dict[str, str]]:
    """What to write: each option checked as a command would check it, in its canonical
    form (a territory by its code, with its name as a comment; catalogs as absolute
    paths, so the profile works from any folder)."""
    money = params.budget(given.budget, given.staff_costs, given.equipment_costs)
    loaded = params.load(given.catalogs)
    profile = params.profile(loaded, given.applicant, given.population, given.types, given.places())
    values: dict[str, Any] = {}
    notes: dict[str, str] = {}
    if profile.territory is not None:
        key = profile.territory.scale.value
        values[key] = profile.territory.code
        notes[key] = profile.territory.name
    if given.applicant is not None and profile.applicant is not None:
        values["applicant"] = profile.applicant.value
    if given.population is not None and profile.population is not None:
        values["population"] = profile.population
    if profile.kinds:
        values["type"] = list(profile.kinds)
    if money is not None:
        values["budget"] = _number(money.total)
        if given.staff_costs is not None:
            values["staff-costs"] = _number(money.staff)
        if given.equipment_costs is not None:
            values["equipment-costs"] = _number(money.equipment)
    if given.catalogs:
        values["catalog"] = [_catalog(path) for path in given.catalogs]
    params.filters(loaded, given.financer, given.aid_type)  # a text no catalog holds: refused
    if given.financer is not None:
        values["financer"] = given.financer.strip()
    if given.aid_type is not None:
        values["aid-type"] = given.aid_type.strip()
    return values, notes


def _catalog(path: Path) -> str:
    from relance_cli.catalog.paths import BUILTIN

    return BUILTIN if str(path) == BUILTIN else str(os.path.abspath(path))


@command(
    "list",
    N_("Les profils enregistrés, le profil par défaut marqué *."),
    parent=PROFILE,
    examples=("relance profile list", "relance profile list --format json"),
)
def list_profiles(
    fmt: options.FormatOption = "table",
    target: options.OutputOption = None,
    force: options.ForceOption = False,
    dialect: options.CsvDialectOption = None,
) -> None:
    from relance_cli.output.results import ProfileListing

    output = params.output_format(fmt, ProfileListing)
    csv_dialect = params.csv_dialect(dialect, output)
    path = params.destination(target, force, output)
    from relance_cli.profiles import store

    emit(ProfileListing(store.read()), output, target=path, force=force, dialect=csv_dialect)


@command(
    "show",
    N_("Les options d'un profil enregistré."),
    parent=PROFILE,
    examples=("relance profile show mairie",),
)
def show(name: NameArgument, fmt: options.NoCsvFormatOption = "table") -> None:
    from relance_cli.output.results import ProfileDetail

    output = params.output_format(fmt, ProfileDetail)
    from relance_cli.profiles import store

    profiles = store.read()
    found = store.find(profiles, name, _("NOM"))
    emit(ProfileDetail(found, profiles.default == found.name), output)


@command(
    "delete",
    N_("Supprime un profil enregistré."),
    parent=PROFILE,
    examples=("relance profile delete mairie",),
)
def delete(name: NameArgument) -> None:
    from relance_cli.output import terminal
    from relance_cli.profiles import store

    was_default = store.delete(name, _("NOM"))
    text = _("Profil « {name} » supprimé.").format(name=name)
    if was_default:
        text += " " + _("Aucun profil ne s'applique plus par défaut.")
    terminal.write_text(text + "\n")


@command(
    "default",
    N_("Choisit le profil appliqué quand aucun n'est donné (--none : aucun) ; sans rien, le dit."),
    parent=PROFILE,
    examples=("relance profile default mairie", "relance profile default --none"),
)
def default(
    name: Annotated[str | None, typer.Argument(metavar=_("NOM"), help=_("Nom du profil."))] = None,
    none: Annotated[bool, typer.Option("--none", help=_("Plus aucun profil par défaut."))] = False,
) -> None:
    from relance_cli.output import terminal
    from relance_cli.profiles import store

    if name is not None and none:
        raise UsageError(_("profile default : un NOM ou --none, pas les deux"))
    if name is None and not none:
        current = store.read().default
        if current is None:
            text = _("Aucun profil par défaut.")
        else:
            text = _("Profil par défaut : « {name} ».").format(name=current)
        terminal.write_text(text + "\n")
        return
    store.set_default(name, _("NOM"))
    if name is None:
        text = _("Aucun profil ne s'applique plus par défaut.")
    else:
        text = _("Profil par défaut : « {name} ».").format(name=name)
    terminal.write_text(text + "\n")
