"""One Aides-territoires aid to one relance scheme `at-<id>`: who may apply, its steps, its
funding and links; what the source leaves empty stays empty, and what cannot be used is
noted (a value) or reported with its reason (the whole aid)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from relance_cli import l10n
from relance_cli.core.vocabulary import Applicant, Category
from relance_cli.decimals import json_number as _number
from relance_cli.i18n import _
from relance_cli.importers.audiences import recognise
from relance_cli.importers.categories import ID_MAX, AidCategory, parse_category, slug
from relance_cli.importers.checks import Skipped, check_scheme
from relance_cli.importers.details import cut, details
from relance_cli.importers.html import html_to_text
from relance_cli.importers.perimeters import perimeter_of, postcodes_of
from relance_cli.importers.values import (
    TEXT_MAX,
    TITLE_MAX,
    absolute_url,
    clip,
    label_of,
    labels_of,
    paragraphs,
    parse_day,
    parse_floor,
    parse_money,
    parse_rate,
)
from relance_cli.territory.areas import area
from relance_cli.text import fold, printable

UNCLASSIFIED = ("non-classe", "Aides sans catégorie dans Aides-territoires")


ONGOING = {"ongoing", "permanente", "permanent"}  # recurrence: slug, then label


PREDEPOSIT_STEP = "Pré-dépôt des candidatures"


SUBMISSION_STEP = "Dépôt des candidatures"


ONGOING_STEP = "Dépôt des candidatures (aide permanente)"


BOTH_STEP = "Pré-dépôt et dépôt des candidatures"


@dataclass
class Report:
    read: int = 0
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    unknown_audiences: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0  # aids read more than once: only the newest version is kept


Note = Callable[[str | None], None]


def _name(aid: dict[str, Any]) -> str:
    return label_of(aid.get("name")) or label_of(aid.get("short_title"))


def scheme_id_of(aid: dict[str, Any]) -> str | None:
    raw_id = aid.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, int | str) or not str(raw_id).strip():
        return None
    return f"at-{slug(str(raw_id))}"


@dataclass
class Built:
    """A scheme ready to write, and its categories, whose kind ids are given once every
    category of the import is known."""

    scheme: dict[str, Any]
    categories: list[AidCategory]


def to_scheme(aid: dict[str, Any], report: Report) -> Built | None:
    """The scheme for one aid, or None (with the reason reported)."""
    scheme_id = scheme_id_of(aid)
    if scheme_id is None:
        report.skipped.append(("?", _("sans identifiant")))
        return None
    name = _name(aid)
    if not name:
        report.skipped.append((scheme_id, _("sans nom")))
        return None

    notes: list[tuple[str, str]] = []

    def note(message: str | None) -> None:
        if message:
            notes.append((scheme_id, message))

    try:
        built = _build_scheme(aid, scheme_id, name, note, report)
        check_scheme(built.scheme, aid)
    except Skipped as reason:  # what else was wrong with it no longer matters
        report.skipped.append((scheme_id, str(reason)))
        return None
    report.notes.extend(notes)
    return built


def _build_scheme(
    aid: dict[str, Any], scheme_id: str, name: str, note: Note, report: Report
) -> Built:
    eligibility = applicants(aid, report)
    found = categories_of(aid)
    scheme: dict[str, Any] = {
        "id": scheme_id,
        "title": name,
        "summary": summary(aid, note),
        "kinds": [slug(c.name)[:ID_MAX] for c in found] or [UNCLASSIFIED[0]],
        "requirements": paragraphs(aid.get("eligibility")),
        "examples": paragraphs(aid.get("project_examples")),
        "financers": labels_of(aid.get("financers")),
        "programmes": labels_of(aid.get("programs")),
        "categories": [clip(c.label, TITLE_MAX) for c in found],
        "eligibility": eligibility,
        "funding": funding(aid, note),
        "steps": steps(aid, note),
    }
    scheme.update(details(aid, labels_of))
    scheme.update(links(aid, note))
    perimeter = label_of(aid.get("perimeter"))
    if perimeter:
        scheme["perimeter"] = perimeter
        placed = perimeter_of(aid)
        if placed is not None:
            scheme["area"] = area(placed[0], placed[1], postcodes_of(aid))
    if isinstance(aid.get("is_call_for_project"), bool):
        scheme["call_for_projects"] = aid["is_call_for_project"]
    updated, problem = parse_day(aid.get("date_updated"))
    note(problem)
    if updated:
        scheme["updated"] = updated
    scheme.update(created(aid, note))
    return Built(scheme, found)


def created(aid: dict[str, Any], note: Note) -> dict[str, date]:
    """When Aides-territoires first published the aid: with `updated`, what tells a
    reader how fresh a record is (`match --published-since`)."""
    day, problem = parse_day(aid.get("date_created"))
    note(problem)
    return {"created": day} if day else {}


def summary(aid: dict[str, Any], note: Note) -> str:
    """The description, cut at a word boundary with a visible note when too long."""
    text, was_cut = cut(html_to_text(aid.get("description")), TEXT_MAX)
    if was_cut:
        told = _("description coupée à {limit} caractères, à un espace, avec une note")
        note(told.format(limit=l10n.integer(TEXT_MAX)))
    return text


def applicants(aid: dict[str, Any], report: Report) -> dict[str, Any]:
    """Who may apply, from the audiences: the applicant types they name, and their
    categories. A label relance does not recognise never narrows nor widens that: it is
    kept in `other_audiences` (a refusal becomes « à vérifier ») and reported; one it
    does not advise (private persons, farmers) is kept in `unjudged_audiences`, for
    people. Only an aid whose labels are all recognised, and none served, is left out."""
    labels = labels_of(aid.get("targeted_audiences"))
    types: set[Applicant] = set()
    others: list[str] = []
    unjudged: list[str] = []
    for label in labels:
        audience = recognise(label)
        if audience is None:
            others.append(label)
            report.unknown_audiences[label] += 1
        elif audience.category is not None:
            types.update(audience.applicants)
        else:
            unjudged.append(label)
    if not types and not others:
        publics = ", ".join(labels) or _("aucun public indiqué")
        text = _(
            "aucun public collectivité, groupement, établissement public ou partenaire ({publics})"
        )
        raise Skipped(text.format(publics=publics))
    categories = {t.category for t in types}
    eligibility: dict[str, Any] = {
        "applicants": [c.value for c in Category if c in categories],
        "applicant_types": [a.value for a in Applicant if a in types],
    }
    if others:
        eligibility["other_audiences"] = others
    if unjudged:
        eligibility["unjudged_audiences"] = unjudged
    return eligibility


def _day(aid: dict[str, Any], key: str, note: Note) -> date | None:
    day, problem = parse_day(aid.get(key))
    note(problem)
    return day


def steps(aid: dict[str, Any], note: Note) -> list[dict[str, Any]]:
    """The application steps: a pre-deposit deadline, when there is one, is a step of its
    own before the final deadline (from the opening to the pre-deposit date, then from the
    next day to the deadline), so calendars and `--closing-within` see both."""
    start = _day(aid, "start_date", note)
    predeposit = _day(aid, "predeposit_date", note)
    end = _day(aid, "submission_deadline", note)
    ongoing = fold(str(aid.get("recurrence") or "")) in ONGOING
    if ongoing:
        end = None
    if start and end and end < start:
        text = _("date limite ({end}) avant l'ouverture ({start}) : dates incohérentes")
        raise Skipped(text.format(end=end, start=start))
    if predeposit and start and predeposit < start:
        text = _("date de pré-dépôt ({predeposit}) avant l'ouverture ({start}) ignorée")
        note(text.format(predeposit=predeposit, start=start))
        predeposit = None
    if predeposit and end and predeposit > end:
        text = _("date de pré-dépôt ({predeposit}) après la date limite ({end}) ignorée")
        note(text.format(predeposit=predeposit, end=end))
        predeposit = None
    final = ONGOING_STEP if ongoing else SUBMISSION_STEP
    if predeposit is None:
        return [_step(final, start, end)]
    if predeposit == end:
        return [_step(BOTH_STEP, start, end)]
    return [
        _step(PREDEPOSIT_STEP, start, predeposit),
        _step(final, predeposit + timedelta(days=1), end),
    ]


def _step(name: str, start: date | None, end: date | None) -> dict[str, Any]:
    step: dict[str, Any] = {"name": name, "accepts_applications": True}
    if start:
        step["start"] = start
    if end:
        step["end"] = end
    return step


def categories_of(aid: dict[str, Any]) -> list[AidCategory]:
    """The aid's categories, each once; one that names no category makes the aid
    unusable rather than silently unclassified."""
    found: dict[tuple[str, str], AidCategory] = {}
    for text in labels_of(aid.get("categories")):
        category = parse_category(text)
        if category is None:
            raise Skipped(
                _("{field} « {value} » inutilisable : catégorie sans nom").format(
                    field="categories", value=printable(text[:60])
                )
            )
        found.setdefault(category.key, category)
    return list(found.values())


def funding(aid: dict[str, Any], note: Note) -> dict[str, Any]:
    """The rates (a range, a fixed rate, or a floor alone), the comment on them, the kinds
    of support, and the other amounts, where the source gives them."""
    support = labels_of(aid.get("aid_types")) or labels_of(aid.get("aid_types_full"))
    result: dict[str, Any] = {"support": support}
    upper, problem = parse_rate(aid.get("subvention_rate_upper_bound"))
    note(problem)
    lower, problem = parse_floor(aid.get("subvention_rate_lower_bound"))
    note(problem)
    if upper is not None:
        result["rate"] = float(upper)
        if lower is None:  # « jusqu'à 80 % »: a ceiling, not a fixed rate
            result["rate_up_to"] = True
    if lower is not None and (upper is None or lower < upper):
        result["rate_low"] = float(lower)
    elif lower is not None and upper is not None and lower > upper:
        text = _("taux bas ({low} %) au-dessus du taux ({high} %) ignoré")
        note(
            text.format(
                low=aid.get("subvention_rate_lower_bound"),
                high=aid.get("subvention_rate_upper_bound"),
            )
        )
    comment = label_of(aid.get("subvention_comment"))
    if comment:
        result["note"] = comment
    for key in ("loan_amount", "recoverable_advance_amount"):
        amount, problem = parse_money(aid.get(key), key)
        note(problem)
        if amount is not None:
            result[key] = _number(amount)
    if isinstance(aid.get("is_charged"), bool):
        result["charged"] = aid["is_charged"]
    return result


def links(aid: dict[str, Any], note: Note) -> dict[str, str]:
    found: dict[str, str] = {}
    for key in ("url", "application_url", "origin_url"):
        link = absolute_url(aid.get(key))
        if link:
            found[key] = link
        elif aid.get(key):
            text = _("lien « {link} » ignoré ({field})")
            note(text.format(link=printable(str(aid.get(key))[:60]), field=key))
    return found
