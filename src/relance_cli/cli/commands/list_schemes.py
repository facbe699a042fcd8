"""`relance list`: every scheme of the loaded catalogs."""

from __future__ import annotations

from relance_cli.cli import params
from relance_cli.cli.program import command
from relance_cli.i18n import N_
from relance_cli.output import emit
from relance_cli.output.results import SchemeList
from relance_cli.profiles.fields import ProfileOptions


@command("list", N_("Tous les dispositifs : types, cofinancement, dates de candidature, statut."))
def list_schemes(
    fmt: params.FormatOption = "table",
    catalogs: params.CatalogOption = None,
    as_of: params.AsOfOption = None,
    limit: params.LimitOption = None,
    profile_name: params.ProfileOption = None,
) -> None:
    output = params.output_format(fmt, SchemeList)
    on = params.as_of(as_of)
    rows = params.limit(limit)
    applied = params.applied(profile_name, ProfileOptions(catalogs=catalogs))
    loaded = params.load(applied.options.catalogs)
    from relance_cli.core.schedule import known_on, scheme_announced

    known = [
        known_on(scheme, on)
        for scheme in loaded.schemes
        if (scheme_announced(scheme) or on) <= on  # not yet announced: not listed
    ]
    emit(SchemeList(loaded._replace(schemes=known), on, rows, profile_name=applied.name), output)
