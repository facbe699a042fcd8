"""The result of each command, as it is handed to the output: data only, no formatting.

Each type lists the formats it can be printed in, so the command line refuses
`--format csv` for `show` before it loads anything. Plain dataclasses, without generated
equality or repr: a result is built once and printed, and each generated method costs
start-up time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from relance_cli.output import OutputFormat

if TYPE_CHECKING:
    from relance_cli.catalog.loading import LoadedCatalog, Report
    from relance_cli.core.advisor import Advice, Filtered, SessionVerdict
    from relance_cli.core.cases import CaseReport
    from relance_cli.core.changes import Changes
    from relance_cli.core.eligibility import Profile
    from relance_cli.core.estimate import Budget
    from relance_cli.core.kinds import KindCount
    from relance_cli.core.models import Scheme
    from relance_cli.core.schedule import Change, DatedStep
    from relance_cli.importers.aides_territoires import Report as ImportReport
    from relance_cli.profiles.store import ProfileFile, SavedProfile
    from relance_cli.search.excerpt import Excerpt

EVERY_FORMAT = tuple(OutputFormat)
NO_CSV = (OutputFormat.table, OutputFormat.json)


def first(rows: list[Any], limit: int | None) -> list[Any]:
    """What --limit keeps for JSON and CSV: the first `limit` rows, or all (None or 0)."""
    return rows[:limit] if limit else rows


@dataclass(repr=False, eq=False)
class SchemeList:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    catalog: LoadedCatalog
    on: date
    limit: int | None = None
    profile_name: str | None = None  # the saved profile in force
    filtered: Filtered | None = None  # with --open or --closing-within


@dataclass(repr=False, eq=False)
class SchemeDetail:
    formats: ClassVar[tuple[OutputFormat, ...]] = NO_CSV
    catalog: LoadedCatalog
    scheme: Scheme
    on: date
    advice: Advice | None = None
    sessions: list[SessionVerdict] = field(default_factory=list)  # with --explain
    profile_name: str | None = None  # the saved profile in force


@dataclass(repr=False, eq=False)
class SchemeHistory:
    formats: ClassVar[tuple[OutputFormat, ...]] = NO_CSV
    scheme: Scheme
    changes: list[Change]


@dataclass(repr=False, eq=False)
class MatchResult:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    results: list[Advice]
    profile: Profile
    budget: Budget | None
    on: date
    explain: bool = False
    limit: int | None = None
    set_aside: int = 0  # schemes that do not fit, left out (without --all)
    profile_name: str | None = None  # the saved profile in force
    filtered: Filtered | None = None  # what each filter removed, to explain an empty answer
    show_all: bool = False


@dataclass(repr=False, eq=False)
class SearchResult(MatchResult):
    """The results of a search: those of `match`, best match first, with each one's
    relevance score and, for the rows shown, an excerpt (both by scheme id)."""

    scores: dict[str, float] = field(default_factory=dict)
    excerpts: dict[str, Excerpt] = field(default_factory=dict)


@dataclass(repr=False, eq=False)
class CalendarResult:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    rows: list[DatedStep]
    on: date
    with_scheme: bool = True
    timeline: bool = False
    limit: int | None = None
    profile_name: str | None = None  # the saved profile in force
    filtered: Filtered | None = None  # with profile options or --open


@dataclass(repr=False, eq=False)
class KindList:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    kinds: list[KindCount]


@dataclass(repr=False, eq=False)
class ValidationResult:
    formats: ClassVar[tuple[OutputFormat, ...]] = NO_CSV
    report: Report


@dataclass(repr=False, eq=False)
class CaseResults:
    formats: ClassVar[tuple[OutputFormat, ...]] = NO_CSV
    report: CaseReport


@dataclass(repr=False, eq=False)
class SchemaDocument:
    formats: ClassVar[tuple[OutputFormat, ...]] = (OutputFormat.json,)
    document: dict[str, Any]


@dataclass(repr=False, eq=False)
class ImportSummary:
    formats: ClassVar[tuple[OutputFormat, ...]] = (OutputFormat.table,)
    report: ImportReport
    target: str


@dataclass(repr=False, eq=False)
class DiffResult:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    changes: Changes
    old: str  # the catalogs compared, as named on the command line
    new: str
    profile_name: str | None = None


@dataclass(repr=False, eq=False)
class ProfileListing:
    formats: ClassVar[tuple[OutputFormat, ...]] = EVERY_FORMAT
    profiles: ProfileFile


@dataclass(repr=False, eq=False)
class ProfileDetail:
    formats: ClassVar[tuple[OutputFormat, ...]] = NO_CSV
    profile: SavedProfile
    default: bool
