"""The options several commands share, and how their raw text becomes core values.

Typer hands every option over as text (or None when not given), and the conversions
here raise UsageError with the option's name, so each bad value ends in one line and
exit code 2 before any catalog is read.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from relance_cli import environment
from relance_cli.cli import values
from relance_cli.core.vocabulary import Applicant
from relance_cli.errors import UsageError
from relance_cli.i18n import _
from relance_cli.limits import MAX_POPULATION
from relance_cli.output import CsvDialect, OutputFormat
from relance_cli.text import quoted

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog
    from relance_cli.core.advisor import Filters, Matches
    from relance_cli.core.estimate import Budget
    from relance_cli.core.models import Scheme
    from relance_cli.core.places import Territory
    from relance_cli.core.profiles import Profile
    from relance_cli.output.results import MatchResult
    from relance_cli.profiles.applying import Applied
    from relance_cli.profiles.fields import ProfileOptions

    Result = TypeVar("Result", bound=MatchResult)

APPLICANTS = tuple(Applicant)


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


class Sieves:
    """The day `match` and `search` judge on and what they keep of the judged schemes:
    --as-of, --hindsight, --open, --all, --closing-within, --opening-within,
    --published-since and --updated-since, checked before any catalog is read. (A plain
    class: a NamedTuple costs a fraction of a millisecond to define.)"""

    __slots__ = (
        "closing_within", "hindsight", "on", "only_open", "opening_within",
        "published_since", "show_all", "updated_since",
    )  # fmt: skip

    def __init__(
        self,
        day: str | None,
        looking_back: bool,
        only_open: bool,
        show_all: bool,
        closing: str | None,
        opening: str | None,
        published: str | None,
        updated: str | None,
    ) -> None:
        self.on = as_of(day)
        self.hindsight = hindsight(looking_back, day)
        self.only_open = only_open
        self.show_all = show_all
        self.closing_within = _days("--closing-within", closing)
        self.opening_within = _days("--opening-within", opening)
        self.published_since = since("--published-since", published)
        self.updated_since = since("--updated-since", updated)


def _days(option: str, value: str | None) -> int | None:
    return values.days(option, value) if value is not None else None


def matched(schemes: list[Scheme], judged: Judged, sieves: Sieves) -> Matches:
    """The schemes judged for the profile and kept by the sieves, in `match`'s order."""
    from relance_cli.core import advisor

    return advisor.match(
        schemes,
        judged.profile,
        sieves.on,
        budget=judged.budget,
        include_ineligible=sieves.show_all,
        only_open=sieves.only_open,
        closing_within=sieves.closing_within,
        opening_within=sieves.opening_within,
        hindsight=sieves.hindsight,
        filters=judged.filters,
        published_since=sieves.published_since,
        updated_since=sieves.updated_since,
    )


def matches_result(
    kind: type[Result],
    matches: Matches,
    judged: Judged,
    sieves: Sieves,
    *,
    explain: bool,
    limit: int | None,
    **more: Any,
) -> Result:
    """What `match` and `search` print: the matches with what the table says of them."""
    return kind(
        matches,
        judged.profile,
        judged.budget,
        sieves.on,
        explain=explain,
        limit=limit,
        set_aside=matches.set_aside,
        profile_name=judged.applied.name,
        filtered=matches.filtered,
        show_all=sieves.show_all,
        **more,
    )


def since(option: str, value: str | None) -> date | None:
    return values.day(option, value) if value is not None else None


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
    from relance_cli.core.profiles import profile as build

    territory = _territory(places or {})
    who = Applicant(values.choice("--applicant", applicant, APPLICANTS)) if applicant else None
    if who is not None and territory is not None:
        _check_scale(who, territory)
    people = (
        values.count("--population", population, MAX_POPULATION) if population is not None else None
    )
    return build(
        applicant=who,
        population=people,
        kinds=kinds(loaded, types or []),
        territory=territory,
        kind_labels=loaded.kinds,
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
            raise UsageError(text.format(value=quoted(value), close=shown))
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
            message = text.format(option=option, value=quoted(value))
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
            "--applicant {applicant} : le territoire donné, {name} ({scale}), est plus petit "
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
    if problem is not None:
        raise UsageError(f"--budget : {_budget_problem(problem, result)}")
    return result


def _budget_problem(code: str, money: Budget) -> str:
    """A budget's problem (`Budget.problem`) in words."""
    from relance_cli import l10n

    if code == "costs_over_budget":
        text = _(
            "les frais de personnel et de matériel dépassent le budget total ({costs} > {total})"
        )
        costs = l10n.amount(money.staff + money.equipment)
        return text.format(costs=costs, total=l10n.amount(money.total))
    return {
        "negative_budget": _("budget négatif"),
        "negative_staff_costs": _("frais de personnel négatifs"),
        "negative_equipment_costs": _("frais de matériel négatifs"),
    }[code]


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
    raise UsageError(text.format(id=quoted(scheme_id), hint=hint))
