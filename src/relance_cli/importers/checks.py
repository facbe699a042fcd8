"""Each scheme built from an aid is checked against the catalog model as it is built, so
the catalog written always loads; a refusal names the source's field and value."""

from __future__ import annotations

import json
from typing import Any

from relance_cli.importers.values import clip
from relance_cli.text import printable


class Skipped(Exception):
    """The aid cannot become a scheme; the message says why."""


# Where each scheme field comes from, to name the source's field when a value is refused.
SOURCE_FIELDS = {
    "id": "id",
    "title": "name",
    "summary": "description",
    "requirements": "eligibility",
    "examples": "project_examples",
    "instructors": "instructors",
    "contact": "contact",
    "destinations": "destinations",
    "mobilization_steps": "mobilization_steps",
    "financers": "financers",
    "programmes": "programs",
    "categories": "categories",
    "kinds": "categories",
    "perimeter": "perimeter",
    "url": "url",
    "application_url": "application_url",
    "origin_url": "origin_url",
    "call_for_projects": "is_call_for_project",
    "updated": "date_updated",
    "created": "date_created",
    "eligibility": "targeted_audiences",
    "funding.rate": "subvention_rate_upper_bound",
    "funding.rate_low": "subvention_rate_lower_bound",
    "funding.rate_up_to": "subvention_rate_upper_bound",
    "funding.support": "aid_types",
    "funding.note": "subvention_comment",
    "funding.loan_amount": "loan_amount",
    "funding.recoverable_advance_amount": "recoverable_advance_amount",
    "funding.charged": "is_charged",
    "steps.start": "start_date",
    "steps.end": "submission_deadline",
}


def check_scheme(scheme: dict[str, Any], aid: dict[str, Any]) -> None:
    """Refuse, naming the source's field and value, a scheme the catalog would refuse."""
    from pydantic import ValidationError

    from relance_cli.catalog.diagnostics import validation_message
    from relance_cli.core.models import Scheme

    try:
        Scheme.model_validate(scheme)
    except ValidationError as error:
        detail = error.errors()[0]
        loc = tuple(detail["loc"])
        source = _source_field(loc, scheme)
        value = aid.get(source)
        shown = value if isinstance(value, str) else json.dumps(value, default=str)
        where = f"{source} « {printable(clip(shown, 60))} »"
        raise Skipped(validation_message(where, {}, {}, detail)) from None


def _source_field(loc: tuple[str | int, ...], scheme: dict[str, Any]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    if (
        names[:1] == ["steps"]
        and len(scheme["steps"]) == 2
        and (loc[1:2], names[-1:])
        in (
            ((0,), ["end"]),
            ((1,), ["start"]),
        )
    ):
        return "predeposit_date"  # the pre-deposit step ends on it, the next starts after
    for size in (2, 1):
        found = SOURCE_FIELDS.get(".".join(names[:size]))
        if found:
            return found
    return str(loc[0]) if loc else "?"
