"""The catalog format, as Pydantic models.

Every model forbids unknown keys, so a misspelt key in a hand-written catalog is an
error instead of a silently ignored setting. Cross-field rules (step order, unique
ids, declared kinds) raise errors located at the offending field, so that the loader
can point at the right line of the TOML file.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from itertools import combinations
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from relance_cli.core.vocabulary import Applicant, Category, CostCategory, Scale, Verdict
from relance_cli.decimals import json_number as _json_number
from relance_cli.i18n import N_
from relance_cli.limits import (
    FIRST_DAY,
    IDENTIFIER_MAX,
    LABEL_MAX,
    LAST_DAY,
    MAX_AMOUNT,
    MAX_POPULATION,
    TEXT_MAX,
)
from relance_cli.text import UNSAFE_CLASS

__all__ = ["Applicant", "Category", "CostCategory", "Scale", "Verdict"]

# The messages of the rules written here, by error type; Pydantic carries them in French,
# and the catalog's error locator translates them with the rest.
MESSAGES = {
    "unsafe_character": N_("caractère interdit U+{code} ({name}) à la position {position}"),
    "blank": N_("ne doit pas être vide"),
    "single_line": N_(
        "une seule ligne attendue : retour à la ligne ou tabulation à la position {position}"
    ),
    "url": N_("adresse web attendue (http:// ou https://, sans espace)"),
    "date_out_of_range": N_("date hors limites (entre 1900-01-01 et 2999-12-31)"),
    "identifier": N_(
        "identifiant invalide : lettres minuscules sans accent, chiffres, « - » ou « _ »"
    ),
    "number_as_text": N_("nombre attendu, sans guillemets"),
    "end_before_start": N_("la fin ({end}) précède le début ({start})"),
    "steps_order": N_(
        "étape « {name} » : commence le {start}, avant l'étape précédente ({previous})"
    ),
    "duplicate_id": N_("identifiant « {id} » déjà utilisé par le dispositif n°{first}"),
    "unknown_kind": N_("type de projet inconnu « {kind} » ; types déclarés dans [kinds] : {known}"),
    "rate_range": N_("le taux bas ne doit pas dépasser le taux (rate)"),
    "no_applicant": N_("au moins un candidat attendu (applicants, ou other_audiences)"),
    "unknown_scheme": N_("dispositif « {id} » inconnu dans ce fichier"),
    "steps_end_order": N_(
        "étape « {name} » : sans début annoncé, elle finit le {end}, avant le début de "
        "l'étape précédente ({previous})"
    ),
    "sessions_overlap": N_(
        "session « {name} » : ses dates chevauchent celles de « {other} », alors que l'une "
        "des deux a ses propres règles"
    ),
    "types_outside_applicants": N_(
        "publics ({types}) hors des candidats admis (applicants) de cette session ; "
        "précisez applicant_types dans la session"
    ),
    "one_territory": N_("un seul territoire par cas (donnés : {given})"),
    "costs_without_budget": N_("des coûts sans budget : ajoutez budget"),
    "costs_above_budget": N_("les coûts ({costs} €) dépassent le budget ({budget} €)"),
    "estimate_without_verdict": N_(
        "estimation pour « {id} » sans verdict attendu : ajoutez-le à expect"
    ),
    "replaced_after_revision": N_(
        "étape remplacée « {name} » : annoncée le {announced}, après la révision du {date}"
    ),
    "revisions_order": N_(
        "révision du {date} : elle suit celle du {previous} ; une révision par date, dans l'ordre"
    ),
    "rules_without_session": N_(
        "étape « {name} » : seule une étape de dépôt (accepts_applications = true) peut "
        "avoir ses propres règles"
    ),
}


def _problem(error_type: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, MESSAGES[error_type], context)


# Catalog text is untrusted: characters that could drive a terminal are refused once,
# here, not escaped at each print. Field checks are patterns and bounds that pydantic-core
# applies in Rust, so a 10,000-scheme catalog validates without a Python call per field;
# `catalog.diagnostics` turns a failed pattern back into the message of its rule.
SAFE_TEXT = f"^[^{UNSAFE_CLASS}]*$"
# A label is one line: no newline nor tab (a title, a name), and not blank.
SAFE_LABEL = f"^[^\\n\\t{UNSAFE_CLASS}]*[^\\s{UNSAFE_CLASS}][^\\n\\t{UNSAFE_CLASS}]*$"
WEB_ADDRESS = f"^https?://[^\\s{UNSAFE_CLASS}]+$"  # Rust's `$` is the very end of the text
IDENTIFIER = r"^[a-z0-9][a-z0-9_-]*$"
AREA_CODE = r"^[0-9][0-9AB][0-9]{0,7}$"  # région, département, INSEE code, SIREN


def _not_text(value: Any) -> Any:
    """Numbers in a catalog are TOML numbers: "0.5" in quotes is a mistake, not a rate."""
    if isinstance(value, str | bool):
        raise _problem("number_as_text")
    return value


Day = Annotated[date, Field(strict=True, ge=FIRST_DAY, le=LAST_DAY)]
Text = Annotated[str, Field(max_length=TEXT_MAX, pattern=SAFE_TEXT)]
Label = Annotated[str, Field(max_length=LABEL_MAX, pattern=SAFE_LABEL)]
Url = Annotated[str, Field(max_length=LABEL_MAX, pattern=WEB_ADDRESS)]
Flag = Annotated[bool, Field(strict=True)]
Identifier = Annotated[str, Field(pattern=IDENTIFIER, max_length=IDENTIFIER_MAX)]


# Rates and amounts are exact decimals; JSON gets them as numbers (0.5), not strings.
Rate = Annotated[
    Decimal,
    BeforeValidator(_not_text),
    Field(gt=0, le=1, decimal_places=6),
    PlainSerializer(_json_number, when_used="json"),
]
LowerRate = Annotated[
    Decimal,
    BeforeValidator(_not_text),
    Field(ge=0, le=1, decimal_places=6),
    PlainSerializer(_json_number, when_used="json"),
]
Money = Annotated[
    Decimal,
    BeforeValidator(_not_text),
    Field(ge=0, le=MAX_AMOUNT, decimal_places=2),
    PlainSerializer(_json_number, when_used="json"),
]


class _Model(BaseModel):
    # Schemas are built on first validation only: a catalog read from the cache needs none.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class SourceRef(_Model):
    """Where a fact comes from: a page or a file a reader can open, and when it said so."""

    title: Label
    url: Url
    date: Day | None = None
    note: Text | None = None  # what it says, or where it differs from another source


class Unsettled(_Model):
    """A rule the sources give differently (one préfecture admits syndicats, another does
    not): relance cannot decide, so the profiles it touches are "à vérifier", with the
    reason. It touches the applicants listed, and populations of at least the size given."""

    reason: Label
    applicant_types: list[Applicant] = Field(default_factory=list)
    population_at_least: int | None = Field(default=None, strict=True, ge=0, le=MAX_POPULATION)


class Eligibility(_Model):
    """Who may apply, and how large the project must be."""

    applicants: list[Category] = Field(default_factory=list)
    # When the source names exactly which applicants it targets (e.g. départements only).
    applicant_types: list[Applicant] = Field(default_factory=list)
    # Audiences the source names that relance does not recognise (an import's labels):
    # they never narrow who may apply, so a refusal becomes "à vérifier".
    other_audiences: list[Label] = Field(default_factory=list)
    # Audiences the source names that relance does not advise (private persons, farmers):
    # shown, never judged.
    unjudged_audiences: list[Label] = Field(default_factory=list)
    min_population: int | None = Field(default=None, strict=True, ge=0, le=MAX_POPULATION)
    population_is_approximate: Flag = False
    approximate_margin: float = Field(default=0.0, strict=True, ge=0, lt=1)
    departement_qualifies: Flag = False
    # A ceiling: the population must be below it (a préfecture's "moins de 100 000").
    population_below: int | None = Field(default=None, strict=True, ge=1, le=MAX_POPULATION)
    unsettled: list[Unsettled] = Field(default_factory=list)

    @property
    def near_threshold(self) -> int | None:
        """Lowest population still worth checking when the threshold is approximate."""
        if self.min_population is None or not self.population_is_approximate:
            return None
        return round(self.min_population * (1 - self.approximate_margin))

    @model_validator(mode="after")
    def _someone_may_apply(self) -> Eligibility:
        if not self.applicants and not self.other_audiences:
            raise _located("Eligibility", ("applicants",), "no_applicant", {}, self.applicants)
        return self


class Funding(_Model):
    """How much the scheme co-finances (at most `rate`; from `rate_low` when the source
    gives a range or only a floor), and what the eligible base leaves out. No rate: the
    source gives none."""

    rate: Rate | None = None
    rate_low: LowerRate | None = None
    # `rate` is only a ceiling (« jusqu'à 80 % »): the source gives no floor.
    rate_up_to: Flag = False
    excluded_costs: list[CostCategory] = Field(default_factory=list)
    support: list[Label] = Field(default_factory=list)
    note: Text | None = None
    # Other forms of support, in euros, where the source gives them.
    loan_amount: Money | None = None
    recoverable_advance_amount: Money | None = None
    # The beneficiary pays for the service (Aides-territoires' "aide payante", is_charged).
    charged: Flag | None = None

    @model_validator(mode="after")
    def _range_in_order(self) -> Funding:
        if self.rate_low is not None and self.rate is not None and self.rate_low > self.rate:
            raise _located(
                "Funding",
                ("rate_low",),
                "rate_range",
                {},
                float(self.rate_low),
            )
        return self


class EligibilityChange(_Model):
    """A session's own eligibility: each field given replaces the scheme's."""

    applicants: list[Category] | None = None
    applicant_types: list[Applicant] | None = None
    min_population: int | None = Field(default=None, strict=True, ge=0, le=MAX_POPULATION)
    population_is_approximate: Flag | None = None
    approximate_margin: float | None = Field(default=None, strict=True, ge=0, lt=1)
    departement_qualifies: Flag | None = None
    population_below: int | None = Field(default=None, strict=True, ge=1, le=MAX_POPULATION)
    unsettled: list[Unsettled] | None = None


class FundingChange(_Model):
    """A session's own funding: each field given replaces the scheme's."""

    rate: Rate | None = None
    rate_low: LowerRate | None = None
    excluded_costs: list[CostCategory] | None = None
    support: list[Label] | None = None
    note: Text | None = None


AreaCode = Annotated[str, Field(pattern=AREA_CODE, max_length=9)]


class Area(_Model):
    """Where a scheme applies, as the official geography knows it: its scale and, when
    found, the code of the région, département, EPCI (SIREN) or commune (INSEE), and the
    départements it lies in. A scheme without one is national."""

    scale: Scale
    code: AreaCode | None = None
    departements: list[AreaCode] = Field(default_factory=list)


class Step(_Model):
    """One step of a scheme's calendar; `end` is inclusive, absent when open-ended;
    `start` absent when the source announces no opening date (open until `end`)."""

    name: Label
    start: Day | None = None
    end: Day | None = None
    accepts_applications: Flag = False
    # A session (a step taking applications) may have rules of its own.
    eligibility: EligibilityChange | None = None
    funding: FundingChange | None = None
    note: Text | None = None
    sources: list[SourceRef] = Field(default_factory=list)
    # When the step (its dates and its rules) became known; by default the date of its
    # earliest dated source (`schedule.announced`), so that `--as-of` judges with what
    # was known then.
    announced: Day | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Step:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise _located(
                "Step",
                ("end",),
                "end_before_start",
                {"end": self.end.isoformat(), "start": self.start.isoformat()},
                self.end,
            )
        return self


class Variant(_Model):
    """Rules that some départements gave themselves (a préfecture's own call for projects):
    they replace the scheme's for a territory lying wholly in those départements."""

    departements: list[AreaCode] = Field(min_length=1)
    eligibility: EligibilityChange | None = None
    funding: FundingChange | None = None
    note: Text | None = None
    sources: list[SourceRef] = Field(min_length=1)


class Revision(_Model):
    """A change of a scheme's calendar as a source published it: the steps it withdrew,
    kept as they were announced, so that a date before the revision still sees them and
    `show --history` can say what changed. The steps that replaced them are in the
    scheme's `steps`, each with its own `announced` date."""

    date: Day
    note: Text
    replaced: list[Step] = Field(min_length=1)
    sources: list[SourceRef] = Field(min_length=1)


class Scheme(_Model):
    """A funding scheme: what it finances, for whom, how much, and when."""

    id: Identifier
    title: Label
    title_en: Label | None = None
    summary: Text = ""
    summary_en: Text | None = None
    operator: Label | None = None
    # Who examines the applications, when the source says (not who carries the scheme).
    instructors: list[Label] = Field(default_factory=list)
    contact: Text | None = None
    kinds: list[Identifier] = Field(min_length=1)
    requirements: list[Label] = Field(default_factory=list)
    examples: list[Label] = Field(default_factory=list)
    url: Url | None = None
    application_url: Url | None = None
    origin_url: Url | None = None
    financers: list[Label] = Field(default_factory=list)
    programmes: list[Label] = Field(default_factory=list)
    categories: list[Label] = Field(default_factory=list)
    # What the aid pays for (« Dépenses d'investissement ») and at which stage of the
    # project it comes (« Réflexion / conception »), as the source words them.
    destinations: list[Label] = Field(default_factory=list)
    mobilization_steps: list[Label] = Field(default_factory=list)
    perimeter: Label | None = None  # as the source writes it, for people
    area: Area | None = None  # the same, for the perimeter rule
    call_for_projects: Flag | None = None
    updated: Day | None = None
    created: Day | None = None  # first published by the source
    eligibility: Eligibility
    funding: Funding
    steps: list[Step] = Field(min_length=1)
    sources: list[SourceRef] = Field(default_factory=list)
    # When the scheme and its own rules became known; by default its earliest dated source.
    announced: Day | None = None
    revisions: list[Revision] = Field(default_factory=list)
    variants: list[Variant] = Field(default_factory=list)

    @model_validator(mode="after")
    def _steps_in_date_order(self) -> Scheme:
        errors: list[InitErrorDetails] = []
        latest: Step | None = None  # the last step with an announced start
        for index, step in enumerate(self.steps):
            if latest is not None and latest.start is not None:
                context = {"name": step.name, "previous": str(latest.start)}
                if step.start is not None and step.start < latest.start:
                    context["start"] = str(step.start)
                    errors.append(
                        _error(("steps", index, "start"), "steps_order", context, step.start)
                    )
                elif step.start is None and step.end is not None and step.end < latest.start:
                    # no start: it begins no earlier than the steps before it
                    context["end"] = str(step.end)
                    errors.append(
                        _error(("steps", index, "end"), "steps_end_order", context, step.end)
                    )
            if step.start is not None:
                latest = step
        errors += [e for index, step in enumerate(self.steps) for e in self._session(index, step)]
        errors += self._sessions_apart()
        errors += self._revisions_after_what_they_replace()
        if errors:
            raise ValidationError.from_exception_data("Scheme", errors)
        return self

    def _sessions_apart(self) -> list[InitErrorDetails]:
        """Two sessions open on the same day could judge one profile two ways: when either
        has rules of its own, their dates may not overlap."""
        errors: list[InitErrorDetails] = []
        begins: list[date] = []  # each step's start, or the latest announced before it
        for step in self.steps:
            begins.append(step.start or (begins[-1] if begins else date.min))
        sessions = [(i, s) for i, s in enumerate(self.steps) if s.accepts_applications]
        for (before, first), (index, second) in combinations(sessions, 2):
            if not (_has_rules(first) or _has_rules(second)):
                continue
            first_end, second_end = first.end or date.max, second.end or date.max
            if begins[before] <= second_end and begins[index] <= first_end:
                context = {"name": second.name, "other": first.name}
                errors.append(_error(("steps", index), "sessions_overlap", context, None))
        return errors

    def _revisions_after_what_they_replace(self) -> list[InitErrorDetails]:
        """A revision withdraws steps that were known before it: one announced later is a
        wrong date, and `--as-of` would never show it. Revisions come in date order, one
        per date, as `show --history` tells them."""
        errors: list[InitErrorDetails] = []
        for index, revision in enumerate(self.revisions):
            previous = self.revisions[index - 1].date if index else None
            if previous is not None and revision.date <= previous:
                context = {"date": str(revision.date), "previous": str(previous)}
                errors.append(
                    _error(("revisions", index, "date"), "revisions_order", context, None)
                )
            for position, step in enumerate(revision.replaced):
                announced = step.announced or earliest(step.sources)
                if announced is not None and announced > revision.date:
                    where = ("revisions", index, "replaced", position, "announced")
                    context = {
                        "name": step.name,
                        "announced": str(announced),
                        "date": str(revision.date),
                    }
                    errors.append(_error(where, "replaced_after_revision", context, announced))
        return errors

    def _session(self, index: int, step: Step) -> list[InitErrorDetails]:
        """A step's own rules: only a session (a step taking applications) has some, and
        once merged with the scheme's they must still make sense."""
        errors: list[InitErrorDetails] = []
        for field_name in ("eligibility", "funding"):
            if getattr(step, field_name) is not None and not step.accepts_applications:
                where: tuple[str | int, ...] = ("steps", index, field_name)
                errors.append(_error(where, "rules_without_session", {"name": step.name}, None))
        change = step.eligibility
        if change is not None and change.applicants == [] and not self.eligibility.other_audiences:
            where = ("steps", index, "eligibility", "applicants")
            errors.append(_error(where, "no_applicant", {}, []))
        if change is not None and (change.applicants or change.applicant_types):
            # the exact publics must still belong to the categories admitted
            admitted = change.applicants or self.eligibility.applicants
            listed = change.applicant_types
            if listed is None:
                listed = self.eligibility.applicant_types
            outside = [a.value for a in listed if a.category not in admitted]
            if outside:
                field = "applicant_types" if change.applicant_types else "applicants"
                where = ("steps", index, "eligibility", field)
                context = {"types": ", ".join(outside)}
                errors.append(_error(where, "types_outside_applicants", context, outside))
        if step.funding is not None:
            rate = step.funding.rate if step.funding.rate is not None else self.funding.rate
            low = (
                step.funding.rate_low
                if step.funding.rate_low is not None
                else (self.funding.rate_low)
            )
            if rate is not None and low is not None and low > rate:
                own_low = step.funding.rate_low is not None
                where = ("steps", index, "funding", "rate_low" if own_low else "rate")
                errors.append(_error(where, "rate_range", {}, float(low if own_low else rate)))
        return errors


def earliest(sources: Sequence[SourceRef]) -> date | None:
    """The date a fact became known by default: that of its earliest dated source."""
    return min((ref.date for ref in sources if ref.date is not None), default=None)


def _has_rules(step: Step) -> bool:
    return step.eligibility is not None or step.funding is not None


class Envelope(_Model):
    """An amount of money the source gives for the whole fund or a part of it."""

    name: Label
    amount: Money
    sources: list[SourceRef] = Field(default_factory=list)


class CatalogInfo(_Model):
    """Where a catalog's facts come from, and when they were last checked."""

    name: Label
    source: Url | None = None
    source_title: Label | None = None
    published: Day | None = None
    source_updated: Day | None = None
    reviewed: Day | None = None
    carriers: list[Label] = Field(default_factory=list)
    website: Url | None = None
    budget: list[Envelope] = Field(default_factory=list)
    notes: list[Text] = Field(default_factory=list)
    sources: list[SourceRef] = Field(default_factory=list)


class Case(_Model):
    """A verdict case kept with the catalog, like OpenFisca's tests: a profile on a date,
    the verdict expected of each scheme named and, optionally, its estimate. `relance
    test` runs them."""

    name: Label
    as_of: Day
    applicant: Applicant | None = None
    population: int | None = Field(default=None, strict=True, ge=0, le=MAX_POPULATION)
    types: list[Identifier] = Field(default_factory=list)
    commune: Label | None = None
    epci: Label | None = None
    departement: Label | None = None
    region: Label | None = None
    budget: Money | None = None
    staff_costs: Money | None = None
    equipment_costs: Money | None = None
    expect: dict[Identifier, Verdict] = Field(min_length=1)
    estimates: dict[Identifier, Money] = Field(default_factory=dict)
    # Judge with everything known today (`--hindsight`), not with what was known on as_of.
    hindsight: Flag = False

    @model_validator(mode="after")
    def _a_profile_the_command_line_would_accept(self) -> Case:
        """What `match` refuses as options, a case refuses too: two territories, costs
        without a budget or above it, an estimate for a scheme without a verdict."""
        errors: list[InitErrorDetails] = []
        places = [p for p in ("commune", "epci", "departement", "region") if getattr(self, p)]
        if len(places) > 1:
            errors.append(_error((places[1],), "one_territory", {"given": ", ".join(places)}, None))
        costs = (self.staff_costs or Decimal(0)) + (self.equipment_costs or Decimal(0))
        if costs and self.budget is None:
            field = "staff_costs" if self.staff_costs else "equipment_costs"
            errors.append(_error((field,), "costs_without_budget", {}, None))
        elif self.budget is not None and costs > self.budget:
            context = {"costs": str(costs), "budget": str(self.budget)}
            errors.append(_error(("staff_costs",), "costs_above_budget", context, None))
        for scheme_id in self.estimates:
            if scheme_id not in self.expect:
                loc = ("estimates", scheme_id)
                errors.append(_error(loc, "estimate_without_verdict", {"id": scheme_id}, None))
        if errors:
            raise ValidationError.from_exception_data("Case", errors)
        return self


class Catalog(_Model):
    """One catalog file: its provenance, its vocabulary of project kinds, its schemes."""

    catalog: CatalogInfo
    kinds: dict[Identifier, Label] = Field(min_length=1)
    schemes: list[Scheme] = Field(default_factory=list, alias="scheme")
    cases: list[Case] = Field(default_factory=list, alias="test")

    @model_validator(mode="after")
    def _ids_unique_and_kinds_declared(self) -> Catalog:
        errors = cross_errors(self.kinds, [(s.id, s.kinds) for s in self.schemes])
        errors += case_errors({s.id for s in self.schemes}, self.kinds, self.cases)
        if errors:
            raise ValidationError.from_exception_data("Catalog", errors)
        return self


def cross_errors(
    declared_kinds: Collection[object], schemes: Sequence[tuple[object, Sequence[object]]]
) -> list[InitErrorDetails]:
    """Rules across schemes: each id once, each kind declared in [kinds]. Kept apart from
    the model so the loader can apply them to a file whose fields have other errors too."""
    errors: list[InitErrorDetails] = []
    first_index: dict[object, int] = {}
    known = ", ".join(str(k) for k in declared_kinds)
    for index, (scheme_id, kinds) in enumerate(schemes):
        if scheme_id in first_index:
            errors.append(
                _error(
                    ("scheme", index, "id"),
                    "duplicate_id",
                    {"id": str(scheme_id), "first": first_index[scheme_id] + 1},
                    scheme_id,
                )
            )
        first_index.setdefault(scheme_id, index)
        for position, kind in enumerate(kinds):
            if kind not in declared_kinds:
                errors.append(
                    _error(
                        ("scheme", index, "kinds", position),
                        "unknown_kind",
                        {"kind": str(kind), "known": known},
                        kind,
                    )
                )
    return errors


def case_errors(
    ids: Collection[str], declared_kinds: Collection[str], cases: Sequence[Case]
) -> list[InitErrorDetails]:
    """A case names schemes of its own file and project types the file declares."""
    errors: list[InitErrorDetails] = []
    for index, case in enumerate(cases):
        for field_name in ("expect", "estimates"):
            for scheme_id in getattr(case, field_name):
                if scheme_id not in ids:
                    loc = ("test", index, field_name, scheme_id)
                    errors.append(_error(loc, "unknown_scheme", {"id": scheme_id}, scheme_id))
        for position, kind in enumerate(case.types):
            if kind not in declared_kinds:
                known = ", ".join(declared_kinds)
                loc = ("test", index, "types", position)
                errors.append(_error(loc, "unknown_kind", {"kind": kind, "known": known}, kind))
    return errors


def _error(
    loc: tuple[str | int, ...], kind: str, context: dict[str, Any], value: Any
) -> InitErrorDetails:
    error_type = PydanticCustomError(kind, MESSAGES[kind], context)
    return InitErrorDetails(type=error_type, loc=loc, input=value)


def _located(
    title: str, loc: tuple[str | int, ...], kind: str, context: dict[str, Any], value: Any
) -> ValidationError:
    return ValidationError.from_exception_data(title, [_error(loc, kind, context, value)])


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of a catalog file, as TOML editors (Taplo) read it."""
    schema = Catalog.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Catalogue relance"
    return schema
