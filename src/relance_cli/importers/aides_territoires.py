"""Aides-territoires API data to a relance catalog.

Aides-territoires, the State's catalogue of aids for local authorities, publishes its
aids as JSON pages `{"count", "next", "previous", "results": [...]}`, written by two
generations of its API: the Django one (2019–2023: plural audience labels, categories
"Thème|Catégorie", perimeters "Nom (Échelle)") and today's Symfony one (singular labels,
"Thème / Catégorie", bare perimeter names with `perimeter_scale`). Each aid becomes a
scheme `at-<id>`; what the source leaves empty stays empty, every aid left out is
reported with its reason, and one unusable aid never stops the import: each scheme is
checked against the catalog model as it is built, so the catalog written always loads.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from relance_cli import files, l10n, limits
from relance_cli.core.vocabulary import Applicant, Category
from relance_cli.decimals import json_number as _number
from relance_cli.errors import CatalogError
from relance_cli.i18n import _
from relance_cli.importers.audiences import recognise
from relance_cli.importers.categories import ID_MAX, AidCategory, kind_ids, parse_category, slug
from relance_cli.importers.details import cut, details
from relance_cli.importers.html import blocks, html_to_text
from relance_cli.importers.perimeters import perimeter_of, postcodes_of
from relance_cli.limits import FIRST_DAY, LAST_DAY
from relance_cli.territory.areas import area
from relance_cli.text import UNSAFE, fold, printable

SITE = "https://aides-territoires.beta.gouv.fr"
API_URL = f"{SITE}/api/aids/"
TITLE_MAX = limits.LABEL_MAX
TEXT_MAX = limits.TEXT_MAX
MAX_PAGE_BYTES = limits.MAX_READ_BYTES
MAX_MONEY = Decimal(limits.MAX_AMOUNT)

UNCLASSIFIED = ("non-classe", "Aides sans catégorie dans Aides-territoires")
ONGOING = {"ongoing", "permanente", "permanent"}  # recurrence: slug, then label
PREDEPOSIT_STEP = "Pré-dépôt des candidatures"
SUBMISSION_STEP = "Dépôt des candidatures"
ONGOING_STEP = "Dépôt des candidatures (aide permanente)"
BOTH_STEP = "Pré-dépôt et dépôt des candidatures"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(value: object) -> str:
    """A name from a string, or from an object with a name or label."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("label") or value.get("title") or ""
    if not isinstance(value, str):
        return ""
    return _clean_label(value)


@lru_cache(maxsize=8192)  # financers, programmes, audiences and categories recur
def _clean_label(text: str) -> str:
    return _cut(" ".join(UNSAFE.sub(" ", text).split()), TITLE_MAX)


def _labels(value: object) -> list[str]:
    if not isinstance(value, list):
        value = [value] if value else []
    seen: list[str] = []
    for item in value:
        text = _label(item)
        if text and text not in seen:
            seen.append(text)
    return seen


_HAND_BULLET = re.compile(r"^[•·*–—-]+\s*(?=\S)")


def paragraphs(html: object, limit: int = TITLE_MAX) -> list[str]:
    """One item per paragraph line or list item of an HTML list of conditions or
    examples, without the bullets authors type by hand; an item with no letter or digit
    (a lone "•", ":" or "/") is no item."""
    items = []
    for block in blocks(html):
        for line in block.text.split("\n"):
            text = _HAND_BULLET.sub("", line.strip())
            if any(c.isalnum() for c in text):
                items.append(_cut(text, limit))
    return items


# --- dates, rates, amounts, links ----------------------------------------------------------


def parse_day(value: object) -> tuple[date | None, str | None]:
    """A date from "2024-05-31", "2024-05-31T00:00:00+02:00" or "31/05/2024"; anything
    else gives None and says why (an empty field says nothing)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    text = str(value).strip()
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$", text) or None
    parts: tuple[str, str, str] | None = None
    if found:
        parts = (found[1], found[2], found[3])
    else:
        french = re.match(r"^(\d{2})/(\d{2})/(\d{4})$", text)
        if french:
            parts = (french[3], french[2], french[1])
    if parts is None:
        return None, _("date illisible « {value} » ignorée").format(value=printable(text[:40]))
    try:
        day = date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None, _("date impossible « {value} » ignorée").format(value=printable(text[:40]))
    if not FIRST_DAY <= day <= LAST_DAY:
        return None, _("date hors limites « {value} » ignorée").format(value=printable(text[:40]))
    return day, None


def _percent(value: object) -> Decimal | str | None:
    """A percentage, None when empty, or the text to quote when it is no number."""
    if value is None or value == "":
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        percent = Decimal(str(value).strip())
    except InvalidOperation:
        return printable(str(value)[:20])
    return percent if percent.is_finite() else printable(str(value)[:20])


def _fraction(percent: Decimal) -> Decimal:
    return (percent / 100).quantize(Decimal("0.000001")).normalize()


def parse_rate(value: object) -> tuple[Decimal | None, str | None]:
    """A rate (0 < p ≤ 100 %) as a fraction."""
    percent = _percent(value)
    if percent is None:
        return None, None
    if isinstance(percent, str):
        return None, _("taux illisible « {value} » ignoré").format(value=percent)
    if not 0 < percent <= 100:
        return None, _("taux hors de ]0, 100] « {value} » ignoré").format(value=percent)
    return _fraction(percent), None


def parse_floor(value: object) -> tuple[Decimal | None, str | None]:
    """A lower bound (0 ≤ p ≤ 100 %) as a fraction: "de 0 à 15 %" starts at 0."""
    percent = _percent(value)
    if percent is None:
        return None, None
    if isinstance(percent, str):
        return None, _("taux illisible « {value} » ignoré").format(value=percent)
    if not 0 <= percent <= 100:
        return None, _("taux bas hors de [0, 100] « {value} » ignoré").format(value=percent)
    return _fraction(percent), None


def parse_money(value: object, name: str) -> tuple[Decimal | None, str | None]:
    """An amount in euros, to the cent."""
    if value is None or value == "":
        return None, None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        amount = Decimal(str(value).strip())
    except InvalidOperation:
        text = _("montant illisible « {value} » ignoré ({field})")
        return None, text.format(value=printable(str(value)[:20]), field=name)
    if not amount.is_finite() or not 0 <= amount <= MAX_MONEY:
        text = _("montant hors limites « {value} » ignoré ({field})")
        return None, text.format(value=printable(str(value)[:20]), field=name)
    return amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), None


def absolute_url(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.startswith("//"):
        text = "https:" + text
    elif text.startswith("/"):
        text = SITE + text
    if re.fullmatch(r"https?://\S+", text) and not UNSAFE.search(text) and len(text) <= TITLE_MAX:
        return text
    return None


# --- one aid ---------------------------------------------------------------------------


@dataclass
class Report:
    read: int = 0
    written: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    unknown_audiences: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0  # aids read more than once: only the newest version is kept


class Skipped(Exception):
    """The aid cannot become a scheme; the message says why."""


Note = Callable[[str | None], None]


def _name(aid: dict[str, Any]) -> str:
    return _label(aid.get("name")) or _label(aid.get("short_title"))


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
        _check(built.scheme, aid)
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
        "financers": _labels(aid.get("financers")),
        "programmes": _labels(aid.get("programs")),
        "categories": [_cut(c.label, TITLE_MAX) for c in found],
        "eligibility": eligibility,
        "funding": funding(aid, note),
        "steps": steps(aid, note),
    }
    scheme.update(details(aid, _labels))
    scheme.update(links(aid, note))
    perimeter = _label(aid.get("perimeter"))
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
    labels = _labels(aid.get("targeted_audiences"))
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
    for text in _labels(aid.get("categories")):
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
    support = _labels(aid.get("aid_types")) or _labels(aid.get("aid_types_full"))
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
    comment = _label(aid.get("subvention_comment"))
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


# --- checking a scheme against the catalog model ---------------------------------------------

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


def _check(scheme: dict[str, Any], aid: dict[str, Any]) -> None:
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
        where = f"{source} « {printable(_cut(shown, 60))} »"
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


# --- pages to catalog ---------------------------------------------------------------------


def aids_in(document: object, label: str) -> list[Any]:
    """The aids of one saved API page, or of a plain JSON list of aids. Other keys of a
    page, such as the `_provenance` of the test fixtures, are not read."""
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        return list(document["results"])
    if isinstance(document, list):
        return document
    text = _(
        '{file}: ni une page de l\'API Aides-territoires ({{"results": [...]}}) '
        "ni une liste d'aides"
    )
    raise CatalogError(text.format(file=label))


GZIP_MAGIC = b"\x1f\x8b"


def page_bytes(path: Path, label: str) -> bytes:
    """A saved page, plain or gzip-compressed (as `curl --compressed -o page.json.gz`
    keeps it): the same cap applies to what decompression gives, read by bounded
    steps, so a small bomb never fills the memory."""
    import zlib

    data = files.read_bytes(path, label, MAX_PAGE_BYTES)
    if not data.startswith(GZIP_MAGIC):
        return data
    parts: list[bytes] = []
    size = 0
    try:
        while data:
            inflate = zlib.decompressobj(wbits=31)  # one gzip member; a file may hold several
            while data and not inflate.eof:
                part = inflate.decompress(data, MAX_PAGE_BYTES + 1 - size)
                size += len(part)
                parts.append(part)
                if size > MAX_PAGE_BYTES:
                    text = _("{file}: une fois décompressé, dépasse {limit} Mo")
                    raise CatalogError(text.format(file=label, limit=MAX_PAGE_BYTES // 1_000_000))
                data = inflate.unconsumed_tail
            if not inflate.eof:
                raise zlib.error("truncated")
            data = inflate.unused_data
    except zlib.error:
        text = _("{file}: fichier gzip illisible ou tronqué")
        raise CatalogError(text.format(file=label)) from None
    return b"".join(parts)


def read_pages(paths: Iterable[str]) -> Iterator[tuple[str, list[Any]]]:
    for raw in paths:
        path = Path(raw)
        try:
            text = page_bytes(path, raw).decode("utf-8-sig")
        except UnicodeDecodeError:
            raise CatalogError(
                _("{file}: le fichier n'est pas en UTF-8").format(file=raw)
            ) from None
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            text = _("{where}: JSON invalide : {reason}")
            where = f"{raw}:{error.lineno}:{error.colno}"
            raise CatalogError(text.format(where=where, reason=error.msg)) from None
        except RecursionError:
            raise CatalogError(
                _("{url}: JSON trop profondément imbriqué").format(url=raw)
            ) from None
        except ValueError:  # an integer of thousands of digits, beyond what Python converts
            text = _("{file}: un nombre a trop de chiffres pour être lu")
            raise CatalogError(text.format(file=raw)) from None
        yield raw, aids_in(document, raw)


def build(pages: Iterable[tuple[str, list[Any]]], today: date) -> tuple[dict[str, Any], Report]:
    """The catalog (as TOML-ready data) and what was done with each aid."""
    report = Report()
    made: list[Built] = []
    for label, aid in newest(pages, report):
        if not isinstance(aid, dict):
            text = _("élément qui n'est pas une aide ({file})")
            report.skipped.append(("?", text.format(file=label)))
            continue
        built = to_scheme(aid, report)
        if built is None:
            continue
        made.append(built)
        report.written.append(built.scheme["id"])
    catalog: dict[str, Any] = {
        "catalog": {
            "name": f"Aides-territoires (import du {today.isoformat()})",
            "source": SITE,
            "source_title": "Aides-territoires, le catalogue des aides pour les territoires",
            "reviewed": today,
        },
        "kinds": _name_kinds(made),
    }
    if made:
        catalog["scheme"] = [built.scheme for built in made]
    return catalog, report


def newest(pages: Iterable[tuple[str, list[Any]]], report: Report) -> list[tuple[str, Any]]:
    """Each aid once, in the order first read, as its most recently updated record: the
    same aid in last year's download and this week's, or on two pages of one download,
    must not come back with its old deadline. A record with a `date_updated` beats one
    without; at equal dates (or none), the file given last wins. Only the kept records
    are built, so a replaced one leaves no note behind."""
    kept: dict[str, int] = {}
    chosen: list[tuple[str, Any]] = []
    for label, aids in pages:
        for aid in aids:
            report.read += 1
            scheme_id = scheme_id_of(aid) if isinstance(aid, dict) else None
            if scheme_id is None:
                chosen.append((label, aid))
                continue
            if scheme_id not in kept:
                kept[scheme_id] = len(chosen)
                chosen.append((label, aid))
                continue
            report.duplicates += 1
            index = kept[scheme_id]
            if _updated_at(aid) >= _updated_at(chosen[index][1]):
                chosen[index] = (label, aid)
    return chosen


_NEVER = (0, datetime.min.replace(tzinfo=UTC))


def _updated_at(aid: dict[str, Any]) -> tuple[int, datetime]:
    """When the record was last updated, to the microsecond and across time zones; a
    record without a readable date comes before any dated one."""
    value = aid.get("date_updated")
    if not isinstance(value, str):
        return _NEVER
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        day, _problem = parse_day(value)
        if day is None:
            return _NEVER
        moment = datetime(day.year, day.month, day.day)
    return 1, moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _name_kinds(made: list[Built]) -> dict[str, str]:
    """Give each category its kind id, now that every category of the import is known,
    and declare the kinds the schemes use."""
    ids = kind_ids(c for built in made for c in built.categories)
    kinds: dict[str, str] = {}
    for built in made:
        if not built.categories:
            kinds.setdefault(*UNCLASSIFIED)
            continue
        built.scheme["kinds"] = [ids[c.key] for c in built.categories]
        for category in built.categories:
            kinds.setdefault(ids[category.key], _cut(category.label, TITLE_MAX))
    return kinds or dict([UNCLASSIFIED])


def to_toml(catalog: dict[str, Any]) -> str:
    """The catalog as TOML. Written here rather than by a general TOML writer, which
    spends seconds on a page of thousands of aids: strings go through the JSON string
    encoder (in C), whose escapes are all valid TOML."""
    lines = [
        "# Catalogue relance importé d'Aides-territoires par `relance import aides-territoires`.",
        "# Chaque dispositif reprend une aide de la source ; un champ vide dans la source reste",
        "# absent ici. Vérifiez avec : relance validate CE_FICHIER",
    ]
    _toml_table(lines, "", catalog)
    return "\n".join(lines) + "\n"


def _toml_table(lines: list[str], path: str, table: dict[str, Any]) -> None:
    """Keys with values first, then sub-tables and arrays of tables, as TOML needs."""
    nested: list[tuple[str, Any]] = []
    for key, value in table.items():
        if isinstance(value, dict) or (
            isinstance(value, list) and value and isinstance(value[0], dict)
        ):
            nested.append((key, value))
        else:
            lines.append(f"{_toml_key(key)} = {_toml_value(value)}")
    for key, value in nested:
        inner = f"{path}.{_toml_key(key)}" if path else _toml_key(key)
        if isinstance(value, dict):
            lines.extend(("", f"[{inner}]"))
            _toml_table(lines, inner, value)
        else:
            for item in value:
                lines.extend(("", f"[[{inner}]]"))
                _toml_table(lines, inner, item)


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    return encode_basestring(text).replace("\x7f", "\\u007F")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")  # what a literal string cannot escape


def _toml_text(text: str) -> str:
    """A text of several lines, or a long one, as a multi-line literal string ('''…'''):
    a TOML parser reads it without looking at each character for an escape (tomli reads
    such a text 2 to 3 times faster; a whole imported catalog, a fifth faster), and a
    person without \\n and \\". Else a basic string."""
    if (
        ("\n" not in text and len(text) < 120)
        or text[0] == "'"  # a quote beside the delimiters: valid, but easily misread
        or text[-1] == "'"
        or "'''" in text
        or '"""' in text  # would mislead the line locator of catalog errors
        or _CONTROL.search(text)
    ):
        return _toml_string(text)
    return f"'''\n{text}'''" if "\n" in text else f"'''{text}'''"


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return _toml_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value) if not isinstance(value, float) else repr(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        items = [_toml_value(item) for item in value]
        if sum(len(item) for item in items) > 100:  # one item a line, as a person lays it out
            return "[\n" + "".join(f"    {item},\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    raise TypeError(f"no TOML for {type(value).__name__}")  # pragma: no cover
