"""Saved profiles for people (one line each), scripts (JSON) and spreadsheets (one row per
profile, one column per field)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from relance_cli.i18n import _
from relance_cli.output import terminal
from relance_cli.profiles.fields import FIELDS

if TYPE_CHECKING:
    from relance_cli.output.results import ProfileDetail, ProfileListing
    from relance_cli.profiles.store import SavedProfile


def _text(value: str | list[str]) -> str:
    return ", ".join(value) if isinstance(value, list) else value


def summary(profile: SavedProfile) -> str:
    """« commune 69123 ; type dematerialisation, donnees »."""
    return " ; ".join(f"{key} {_text(value)}" for key, value in profile.values.items())


def print_listing(result: ProfileListing) -> None:
    found = result.profiles
    if not found.profiles:
        text = _(
            "Aucun profil enregistré ({file}) ; relance profile save NOM [options] en crée un."
        )
        terminal.write_text(text.format(file=found.path) + "\n")
        return
    width = max(len(name) for name in found.profiles)
    lines = [_("Profils de {file} :").format(file=found.path)]
    for name, profile in found.profiles.items():
        mark = "*" if name == found.default else " "
        lines.append(f"{mark} {name.ljust(width)}  {summary(profile) or _('(vide)')}")
    if found.default:
        lines.append(_("* : le profil par défaut"))
    terminal.write_text("\n".join(lines) + "\n")


def print_detail(result: ProfileDetail) -> None:
    profile = result.profile
    head = _("Profil « {name} »").format(name=profile.name)
    if result.default:
        head += _(" (par défaut)")
    lines = [f"{head} : {profile.path}"]
    width = max((len(key) for key in profile.values), default=0)
    lines += [f"  {key.ljust(width)}  {_text(value)}" for key, value in profile.values.items()]
    terminal.write_text("\n".join(lines) + "\n")


def profile_shape(profile: SavedProfile, default: bool) -> dict[str, Any]:
    return {"name": profile.name, "default": default, "fields": dict(profile.values)}


def listing_shape(result: ProfileListing) -> dict[str, Any]:
    found = result.profiles
    return {
        "file": str(found.path),
        "default": found.default,
        "profiles": [profile_shape(p, p.name == found.default) for p in found.profiles.values()],
    }


def detail_shape(result: ProfileDetail) -> dict[str, Any]:
    shape = profile_shape(result.profile, result.default)
    shape["file"] = str(result.profile.path)
    return shape


HEADER = ("name", "default", *(field.key for field in FIELDS))


def rows(result: ProfileListing) -> list[tuple[Any, ...]]:
    found = result.profiles
    return [
        (
            profile.name,
            profile.name == found.default,
            *("; ".join(v) if isinstance(v, list) else v for v in _values(profile)),
        )
        for profile in found.profiles.values()
    ]


def _values(profile: SavedProfile) -> list[str | list[str] | None]:
    return [profile.values.get(field.key) for field in FIELDS]
