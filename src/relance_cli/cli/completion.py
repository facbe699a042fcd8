"""What the shell offers on TAB after an option or a command. Completion runs relance on
every TAB, so these read nothing heavy: no Pydantic, no Rich; scheme ids and project
types come from the cache's index of a catalog read before."""

from __future__ import annotations

from collections.abc import Iterable

import typer

from relance_cli.core.vocabulary import Applicant
from relance_cli.output import OutputFormat


def _starting(incomplete: str, values: Iterable[str]) -> list[str]:
    return [value for value in values if value.startswith(incomplete)]


def _catalogs(ctx: typer.Context) -> list[str] | None:
    given = ctx.params.get("catalogs")
    return [str(path) for path in given] if given else None


def formats(incomplete: str) -> list[str]:
    return _starting(incomplete, OutputFormat)


def formats_without_csv(incomplete: str) -> list[str]:
    return _starting(incomplete, (OutputFormat.table, OutputFormat.json))


def applicants(incomplete: str) -> list[str]:
    return _starting(incomplete, Applicant)


def kinds(ctx: typer.Context, incomplete: str) -> list[str]:
    from relance_cli.catalog.index import names

    return _starting(incomplete, names(_catalogs(ctx))[1])


def scheme_ids(ctx: typer.Context, incomplete: str) -> list[str]:
    from relance_cli.catalog.index import names

    return _starting(incomplete, names(_catalogs(ctx))[0])


def profiles(incomplete: str) -> list[str]:
    """The saved profiles' names; nothing when the file cannot be read."""
    from relance_cli.errors import RelanceError
    from relance_cli.profiles import store

    try:
        return _starting(incomplete, store.names())
    except (RelanceError, OSError):
        return []
