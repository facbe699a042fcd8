"""What can go wrong naming a territory, as data: the scale, what was given, the names
that come close. The territory package words nothing about where the name came from;
the command line says which option (`--commune`), `relance test` which case of which
catalog, at which line. Each is a usage error (exit 2) unless its reader says otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from relance_cli.core.vocabulary import Scale
from relance_cli.errors import InputProblem
from relance_cli.i18n import _
from relance_cli.text import quoted


class TerritoryProblem(InputProblem):
    """A territory that cannot be told from what was given; its subject is the scale's
    name (`commune`), as a catalog's [[test]] case keys it."""

    def __init__(self, scale: Scale, given: str) -> None:
        self.scale = scale
        self.given = given
        super().__init__(scale.value)


class UnknownTerritory(TerritoryProblem):
    """No territory of that scale by that name or code; `suggestions` are the closest."""

    def __init__(self, scale: Scale, given: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = tuple(suggestions)
        super().__init__(scale, given)

    def words(self, subject: str) -> str:
        if self.suggestions:
            text = _("{option} : « {given} » inconnu ; vouliez-vous dire : {names} ?")
            names = ", ".join(self.suggestions)
            return text.format(option=subject, given=quoted(self.given), names=names)
        text = _(
            "{option} : « {given} » inconnu (ni un code ni un nom de la géographie officielle)"
        )
        return text.format(option=subject, given=quoted(self.given))


class AmbiguousTerritory(TerritoryProblem):
    """Several territories of that scale answer to that name: `candidates`, as shown."""

    def __init__(self, scale: Scale, given: str, candidates: Sequence[str]) -> None:
        self.candidates = tuple(candidates)
        super().__init__(scale, given)

    def words(self, subject: str) -> str:
        text = _(
            "{option} : « {given} » désigne {count} territoires : {candidates} ; donnez le code"
        )
        return text.format(
            option=subject,
            given=quoted(self.given),
            count=len(self.candidates),
            candidates=", ".join(self.candidates),
        )


class SharedPostcode(TerritoryProblem):
    """A postal code that serves several communes: `communes`, as shown."""

    def __init__(self, given: str, communes: Sequence[str]) -> None:
        self.communes = tuple(communes)
        super().__init__(Scale.commune, given)

    def words(self, subject: str) -> str:
        text = _(
            "{option} : le code postal {given} dessert {count} communes : {candidates} ; "
            "donnez le code INSEE ou le nom"
        )
        return text.format(
            option=subject,
            given=quoted(self.given),
            count=len(self.communes),
            candidates=", ".join(self.communes),
        )
