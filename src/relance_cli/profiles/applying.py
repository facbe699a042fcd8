"""A profile applied to a command: the options it saves, under those the user gives.

Every command with profile options calls `apply` once, with what Typer parsed; the
options it returns go through the same conversions as typed ones, inside `blame`, so a
bad saved value is reported at its line in the profiles file (exit 1) rather than as a
mistyped option.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from relance_cli.errors import CatalogError, RelanceError
from relance_cli.profiles import store
from relance_cli.profiles.fields import BY_KEY, FIELDS, GROUPS, ProfileOptions


class Applied(NamedTuple):
    """The options in force, and the profile they partly come from (None: no profile)."""

    options: ProfileOptions
    profile: store.SavedProfile | None = None
    from_profile: tuple[str, ...] = ()  # the keys of the fields the profile supplied

    @property
    def name(self) -> str | None:
        return self.profile.name if self.profile else None

    @contextlib.contextmanager
    def blame(self) -> Iterator[None]:
        """An error about an option the profile supplied becomes a located error of the
        profiles file: an error that starts with the option (`Field.option`) names the
        field; a catalog the profile names that cannot be read is said with the
        profile's line."""
        try:
            yield
        except RelanceError as error:
            profile, first = self.profile, error.lines[0] if error.lines else ""
            if profile is None:
                raise
            for key in self.from_profile:
                option = BY_KEY[key].option
                head, colon, rest = first.removeprefix(option).partition(":")
                if first.startswith(option) and colon and len(head.split()) <= 1:
                    where = f"{profile.where(key)}: profiles.{profile.name}.{key}"
                    raise store.ProfileError(f"{where} : {rest.strip()}") from None
            if isinstance(error, CatalogError) and "catalog" in self.from_profile:
                where = f"{profile.where('catalog')}: profiles.{profile.name}.catalog"
                raise store.ProfileError(*(f"{where} : {line}" for line in error.lines)) from None
            raise


def chosen(
    option: str | None, environ: dict[str, str] | None = None, *, named_by: str = ""
) -> store.SavedProfile | None:
    """The profile in force: the one named by the command line (`named_by` is the option
    that named it, for messages), else RELANCE_PROFILE, else the file's default."""
    env_name = store.environ_name(environ)
    profiles = store.read()
    if option is not None:
        return store.find(profiles, option, named_by)
    if env_name is not None:
        return store.find(profiles, env_name, store.ENV_VAR)
    return profiles.profiles[profiles.default] if profiles.default else None


def apply(option: str | None, given: ProfileOptions, named_by: str) -> Applied:
    """The options given, completed by the profile in force (`option`, named by the
    command line's `named_by`): any option given replaces that field of the profile (a
    territory or budget option, its whole group)."""
    profile = chosen(option, named_by=named_by)
    if profile is None:
        return Applied(given)
    explicit = set(given.given())
    for group in GROUPS:
        if explicit & set(group):
            explicit |= set(group)
    merged: dict[str, Any] = given._asdict()
    taken = []
    for field in FIELDS:
        if field.key in explicit or field.key not in profile.values:
            continue
        value = profile.values[field.key]
        if field.attribute == "catalogs":
            merged[field.attribute] = [Path(item) for item in value]
        else:
            merged[field.attribute] = value
        taken.append(field.key)
    return Applied(ProfileOptions(**merged), profile, tuple(taken))
