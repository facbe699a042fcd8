"""JSON for scripts: plain dicts with stable English keys.

Dates are `YYYY-MM-DD` strings; rates and amounts are JSON numbers, exact to the cent.
The README documents these shapes, `schemas/output.schema.json` defines them, and
`tests/test_interop.py` validates every command's output against it.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from decimal import Decimal
from functools import singledispatch
from typing import TYPE_CHECKING, Any

from relance_cli.core.advisor import Advice
from relance_cli.core.eligibility import Assessment, Profile, Reason
from relance_cli.core.estimate import Budget, Estimate
from relance_cli.core.schedule import (
    Change,
    DatedStep,
    announced,
    next_step,
    scheme_announced,
    standing,
    step_status,
)
from relance_cli.decimals import json_number
from relance_cli.output import terminal
from relance_cli.output.reasons import sentence
from relance_cli.output.results import (
    CalendarResult,
    CaseResults,
    DiffResult,
    KindList,
    MatchResult,
    ProfileDetail,
    ProfileListing,
    SchemaDocument,
    SchemeDetail,
    SchemeHistory,
    SchemeList,
    SearchResult,
    ValidationResult,
    first,
)
from relance_cli.text import UNSAFE

if TYPE_CHECKING:
    from relance_cli.core.models import Scheme, Step


def number(value: Decimal | None) -> int | float | None:
    """An exact decimal as a JSON number: an integer when whole, else to the cent."""
    return None if value is None else json_number(value)


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def next_step_shape(item: Step | None) -> dict[str, Any] | None:
    return {"name": item.name, "start": day(item.start)} if item else None


def session_shape(item: Step | None, scheme: Scheme) -> dict[str, Any] | None:
    """The session whose rules judged a profile, and when it became known."""
    if item is None:
        return None
    return {
        "name": item.name,
        "start": day(item.start),
        "end": day(item.end),
        "announced": day(announced(item, scheme)),
    }


def _announced_steps(shapes: list[dict[str, Any]], steps: list[Step], scheme: Scheme) -> None:
    """Each step's `announced` as relance reads it (written, or its earliest source)."""
    for step_shape, step in zip(shapes, steps, strict=True):
        step_shape["announced"] = day(announced(step, scheme))


def reason_shape(reason: Reason) -> dict[str, Any]:
    """A reason as data (`code`, `params`: the same in every language) and in words."""
    return {
        "rule": reason.rule,
        "outcome": reason.outcome.value,
        "code": reason.code,
        "params": reason.params,
        "text": sentence(reason),
    }


def reasons_shape(assessment: Assessment) -> list[dict[str, Any]]:
    return [reason_shape(r) for r in assessment.reasons]


def scheme(item: Scheme, on: date, origin: str | None = None) -> dict[str, Any]:
    """Everything the catalog says about a scheme (the model's own fields), plus where it
    stands on `on`."""
    shape = item.model_dump(mode="json", by_alias=False)
    for step_shape, step in zip(shape["steps"], item.steps, strict=True):
        step_shape["status"] = step_status(step, on, item).value
    _announced_steps(shape["steps"], item.steps, item)
    shape["announced"] = day(scheme_announced(item))
    for revision_shape, revision in zip(shape["revisions"], item.revisions, strict=True):
        _announced_steps(revision_shape["replaced"], revision.replaced, item)
    now = standing(item, on)
    shape.update(
        session=session_shape(now.session, item),
        status=now.status.value,
        deadline=day(now.deadline),
        days_left=now.days_left,
        next_step=next_step_shape(next_step(item, on)),
        catalog=origin,
    )
    return shape


def estimate_shape(value: Estimate | None) -> dict[str, Any] | None:
    if value is None:
        return None
    return {
        "eligible_base": number(value.eligible_base),
        "rate": number(value.rate),
        "amount": number(value.amount),
    }


def territory_shape(profile: Profile) -> dict[str, Any] | None:
    territory = profile.territory
    if territory is None:
        return None
    return {
        "scale": territory.scale.value,
        "code": territory.code,
        "name": territory.name,
        "population": territory.population,
    }


def profile_shape(
    profile: Profile, budget: Budget | None, name: str | None = None
) -> dict[str, Any]:
    return {
        "name": name,
        "applicant": profile.applicant.value if profile.applicant else None,
        "territory": territory_shape(profile),
        "population": profile.population,
        "population_source": profile.population_source,
        "types": list(profile.kinds),
        "budget": number(budget.total) if budget else None,
        "staff_costs": number(budget.staff) if budget else None,
        "equipment_costs": number(budget.equipment) if budget else None,
    }


def advice(item: Advice) -> dict[str, Any]:
    return {
        "id": item.scheme.id,
        "title": item.scheme.title,
        "verdict": item.verdict.value,
        "session": session_shape(item.session, item.scheme),
        "reasons": reasons_shape(item.assessment),
        "status": item.status.value,
        "deadline": day(item.deadline),
        "days_left": item.days_left,
        "next_step": next_step_shape(item.next_step),
        "estimate": estimate_shape(item.estimate),
        "perimeter": item.scheme.perimeter,
        "not_yet_announced": [
            {"name": step.name, "announced": day(announced(step, item.scheme))}
            for step in item.unannounced
        ],
    }


def dated_step(row: DatedStep) -> dict[str, Any]:
    return {
        "scheme": row.scheme.id,
        "name": row.step.name,
        "start": day(row.step.start),
        "end": day(row.step.end),
        "status": row.status.value,
        "accepts_applications": row.step.accepts_applications,
        "days_left": row.days_left,
        "announced": day(announced(row.step, row.scheme)),
    }


def dumps(payload: Any, *, indent: bool = False) -> str:
    """UTF-8 (accents kept as they are), stable key order; indented for a person at a
    terminal, compact for a program (four times faster to write on large catalogs).
    JSON escapes C0 controls itself; DEL, C1 controls and bidi overrides, which it would
    keep as they are, are escaped too, so JSON on a terminal cannot drive it."""
    return _escaped(json.dumps(payload, ensure_ascii=False, indent=2 if indent else None))


def _escaped(text: str) -> str:
    """JSON text with the characters JSON keeps as they are escaped. ASCII text holds none
    but DEL (JSON escapes the C0 controls), and Python knows whether a text is ASCII
    without reading it: most answers of a catalog with few accents skip the scan."""
    if text.isascii() and "\x7f" not in text:
        return text
    return UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


def match_data(result: MatchResult) -> bytes:
    """`dumps(shape(result))`, compact, as the UTF-8 bytes `terminal.write_data` would
    write, to the byte, for a `match` answer: the text of each result but its id (its
    judgement, calendar, reasons, estimate: what schemes holding the same parts share, see
    `core.advisor.judged`) is encoded, escaped, unglued and made bytes once, then given to
    every result that has it. On 10,000 schemes of a few distinct shapes, that costs a few
    strings each instead of a whole shape each, and no pass over the 7 MB answer."""
    head = _data(dumps({**_match_head(result), "results": []}))  # ends with `[]}`
    bodies: dict[tuple[object, ...], bytes] = {}
    items = []
    string = json.encoder.encode_basestring  # ensure_ascii=False's own, in C
    for item in first(result.results, result.limit):
        source = item.scheme
        key = (
            source.title,
            source.perimeter,
            source.announced,
            id(source.sources),
            id(item.assessment),
            id(item.session),
            item.status,
            item.deadline,
            item.days_left,
            id(item.next_step),
            id(item.estimate),
            tuple(map(id, item.unannounced)),
        )  # all that `advice` reads but the id: objects the results hold, alive throughout
        body = bodies.get(key)
        if body is None:
            whole = advice(item)
            del whole["id"]
            body = bodies[key] = _data(dumps(whole)[1:])  # `"title": …}`
        items.append(b'{"id": %s, %s' % (_data(_escaped(string(source.id))), body))
    return b"%s[%s]}" % (head[:-3], b", ".join(items))


def _data(text: str) -> bytes:
    return terminal.unglue(text).encode("utf-8")


def write(payload: Any) -> None:
    terminal.write_data(dumps(payload, indent=sys.stdout.isatty()) + "\n")


@singledispatch
def shape(result: Any) -> Any:
    raise TypeError(f"no JSON shape for {type(result).__name__}")  # pragma: no cover


@shape.register(SchemeList)
def _list(result: SchemeList) -> dict[str, Any]:
    origin = result.catalog.origin
    return {
        "as_of": day(result.on),
        "profile": result.profile_name,
        "schemes": [
            scheme(s, result.on, origin.get(s.id))
            for s in first(result.catalog.schemes, result.limit)
        ],
    }


@shape.register(SchemeDetail)
def _show(result: SchemeDetail) -> dict[str, Any]:
    payload = scheme(result.scheme, result.on, result.catalog.origin.get(result.scheme.id))
    if result.advice is not None:
        payload["assessment"] = advice(result.advice)
    payload["profile"] = result.profile_name
    if result.sessions:
        payload["sessions"] = [
            {
                "session": session_shape(item.session, result.scheme),
                "verdict": item.assessment.verdict.value,
                "reasons": reasons_shape(item.assessment),
                "estimate": estimate_shape(item.estimate),
            }
            for item in result.sessions
        ]
    return payload


def _step_brief(step: Step, scheme: Scheme) -> dict[str, Any]:
    return {
        "name": step.name,
        "start": day(step.start),
        "end": day(step.end),
        "announced": day(announced(step, scheme)),
    }


def _source(ref: Any) -> dict[str, Any]:
    return {"title": ref.title, "url": ref.url, "date": day(ref.date), "note": ref.note}


def change_shape(change: Change, scheme: Scheme) -> dict[str, Any]:
    return {
        "date": day(change.date),
        "revision": change.revision is not None,
        "note": change.revision.note if change.revision else None,
        "announced": [_step_brief(step, scheme) for step in change.added],
        "replaced": [_step_brief(step, scheme) for step in change.replaced],
        "sources": [_source(ref) for ref in change.sources],
    }


@shape.register(SchemeHistory)
def _history(result: SchemeHistory) -> dict[str, Any]:
    return {
        "id": result.scheme.id,
        "history": [change_shape(change, result.scheme) for change in result.changes],
    }


@shape.register(MatchResult)
def _match(result: MatchResult) -> dict[str, Any]:
    return {
        **_match_head(result),
        "results": [advice(r) for r in first(result.results, result.limit)],
    }


def _match_head(result: MatchResult) -> dict[str, Any]:
    return {
        "as_of": day(result.on),
        "profile": profile_shape(result.profile, result.budget, result.profile_name),
    }


@shape.register(SearchResult)
def _search(result: SearchResult) -> dict[str, Any]:
    """The shape of `match`, each result with its relevance and the excerpt shown."""
    payload = _match(result)
    for item in payload["results"]:
        item["score"] = round(result.scores[item["id"]], 6)
        found = result.excerpts.get(item["id"])
        item["excerpt"] = found.text if found is not None else None
    return payload


@shape.register(KindList)
def _kinds(result: KindList) -> dict[str, Any]:
    return {"types": [{"id": k.id, "label": k.label, "schemes": k.schemes} for k in result.kinds]}


@shape.register(CalendarResult)
def _calendar(result: CalendarResult) -> dict[str, Any]:
    return {
        "as_of": day(result.on),
        "profile": result.profile_name,
        "steps": [dated_step(row) for row in first(result.rows, result.limit)],
    }


@shape.register(ValidationResult)
def _validation(result: ValidationResult) -> dict[str, Any]:
    report = result.report
    return {
        "valid": report.valid,
        "files": [
            {"path": f.label, "valid": not f.problems, "schemes": f.schemes, "errors": f.problems}
            for f in report.files
        ],
        "errors": report.cross_file,
    }


@shape.register(CaseResults)
def _cases(result: CaseResults) -> dict[str, Any]:
    report = result.report
    return {
        "passed": report.passed,
        "cases": report.cases,
        "checks": report.checks,
        "failures": [
            {
                "case": miss.case,
                "catalog": miss.catalog,
                "scheme": miss.scheme,
                "session": miss.session,
                "expected": miss.expected.value,
                "verdict": miss.verdict.value,
                "expected_estimate": number(miss.expected_estimate),
                "estimate": number(miss.estimate),
                "reasons": [reason_shape(r) for r in miss.deciding],
            }
            for miss in report.misses
        ],
    }


@shape.register(SchemaDocument)
def _schema(result: SchemaDocument) -> dict[str, Any]:
    return result.document


@shape.register(DiffResult)
def _diff(result: DiffResult) -> dict[str, Any]:
    from relance_cli.output import changes

    return changes.shape(result)


@shape.register(ProfileListing)
def _profiles(result: ProfileListing) -> dict[str, Any]:
    from relance_cli.output import profiles

    return profiles.listing_shape(result)


@shape.register(ProfileDetail)
def _profile(result: ProfileDetail) -> dict[str, Any]:
    from relance_cli.output import profiles

    return profiles.detail_shape(result)


def render(result: Any) -> None:
    if type(result) is MatchResult and not sys.stdout.isatty():
        terminal.write_data(match_data(result) + b"\n", unglued=True)
        return
    write(shape(result))
