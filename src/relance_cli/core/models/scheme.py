"""A funding scheme and its parts: who may apply, how much it funds, where it applies, its
calendar of steps (sessions with rules of their own), its local variants and revisions."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from pydantic import Field, ValidationError, ValidationInfo, model_validator
from pydantic_core import InitErrorDetails

from relance_cli.core.models.fields import (
    AreaCode,
    Day,
    Flag,
    Identifier,
    Label,
    LowerRate,
    Money,
    Rate,
    Text,
    Url,
    _error,
    _located,
    _Model,
)
from relance_cli.core.vocabulary import Applicant, Category, CostCategory, Scale, earliest
from relance_cli.limits import MAX_POPULATION

SHARED_PARTS = "shared_parts"  # a validation's context: the checked sets of shared parts


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
    def _steps_in_date_order(self, info: ValidationInfo) -> Scheme:
        # Run once per scheme of every catalog parsed: each check below looks first for
        # what it needs (a step out of order, a session with rules of its own, a
        # revision), so a scheme without any costs a few comparisons. What it reads
        # (steps, eligibility, funding, revisions) is often parts other schemes hold too,
        # validated once (`catalog/parts.py`): a validation given a set as its context
        # `SHARED_PARTS` checks each combination of them once, named by identity (the
        # parts live as long as the validation).
        checked = info.context.get(SHARED_PARTS) if isinstance(info.context, dict) else None
        if checked is not None:
            key = (
                tuple(map(id, self.steps)),
                id(self.eligibility),
                id(self.funding),
                tuple(map(id, self.revisions)),
            )
            if key in checked:
                return self
        errors: list[InitErrorDetails] = []
        latest: date | None = None  # the start of the last step with an announced one
        ruled = False  # a step has rules of its own
        for index, step in enumerate(self.steps):
            start = step.start
            if latest is not None:
                if start is not None:
                    if start < latest:
                        context = {"name": step.name, "previous": str(latest), "start": str(start)}
                        errors.append(
                            _error(("steps", index, "start"), "steps_order", context, start)
                        )
                elif step.end is not None and step.end < latest:
                    # no start: it begins no earlier than the steps before it
                    context = {"name": step.name, "previous": str(latest), "end": str(step.end)}
                    errors.append(
                        _error(("steps", index, "end"), "steps_end_order", context, step.end)
                    )
            if start is not None:
                latest = start
            if step.eligibility is not None or step.funding is not None:
                ruled = True
        if ruled:
            errors += [
                e for index, step in enumerate(self.steps) for e in self._session(index, step)
            ]
            errors += self._sessions_apart()
        if self.revisions:
            errors += self._revisions_after_what_they_replace()
        if errors:
            raise ValidationError.from_exception_data("Scheme", errors)
        if checked is not None:
            checked.add(key)
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


def _has_rules(step: Step) -> bool:
    return step.eligibility is not None or step.funding is not None
