"""A territory named on the command line: the lookup's problems worded with the option
that named it (`--commune : « Lyonn » inconnu ; vouliez-vous dire : Lyon …`)."""

from __future__ import annotations

from relance_cli.core.places import Territory
from relance_cli.core.vocabulary import Scale
from relance_cli.errors import UsageError
from relance_cli.territory.problems import TerritoryProblem


def option(scale: Scale) -> str:
    """The option that names a territory of that scale."""
    return f"--{scale.value}"


def find(scale: Scale, text: str) -> Territory:
    """The territory `--<scale> text` names, or a usage error that names the option."""
    from relance_cli.territory.lookup import find as look_up

    try:
        return look_up(scale, text)
    except TerritoryProblem as problem:
        raise UsageError(problem.words(option(scale))) from None
