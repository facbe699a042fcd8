"""Aides-territoires API data to a relance catalog.

Aides-territoires, the State's catalogue of aids for local authorities, publishes its
aids as JSON pages `{"count", "next", "previous", "results": [...]}`. Each aid becomes a
scheme `at-<id>`; what the source leaves empty stays empty, and every aid left out is
reported with its reason.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from relance_cli import files
from relance_cli.core.vocabulary import Applicant, Category
from relance_cli.errors import CatalogError
from relance_cli.i18n import _
from relance_cli.importers.html import html_to_text
from relance_cli.limits import FIRST_DAY, LAST_DAY
from relance_cli.text import UNSAFE, fold, printable

SITE = "https://aides-territoires.beta.gouv.fr"
API_URL = f"{SITE}/api/aids/"
TITLE_MAX = 2_000
TEXT_MAX = 20_000
MAX_PAGE_BYTES = 64 * 1024 * 1024

# Who may apply, from the audience labels (or slugs) of Aides-territoires. Labels are
# matched without regard to case, accents or plural "s". Anything else is reported.
# Each label gives a relance category and, when it names one, the exact applicant type.
AUDIENCE_LABELS: dict[str, tuple[str, str | None]] = {
    "commune": ("collectivite", "commune"),
    "departement": ("collectivite", "departement"),
    "department": ("collectivite", "departement"),
    "region": ("collectivite", "region"),
    "collectivite d'outre-mer": ("collectivite", None),
    "special": ("collectivite", None),
    "epci": ("groupement", "epci"),
    "intercommunalite": ("groupement", "epci"),
    "intercommunalites / pays": ("groupement", "epci"),
    "syndicat": ("groupement", "syndicat"),
    "syndicat mixte": ("groupement", "syndicat"),
    "groupement de collectivite": ("groupement", None),
    "association": ("partenaire", "partenaire"),
    "entreprise privee": ("partenaire", "partenaire"),
    "private_sector": ("partenaire", "partenaire"),
    "entreprises publiques locales": ("partenaire", "partenaire"),
    "public_cies": ("partenaire", "partenaire"),
}

UNCLASSIFIED = ("non-classe", "Aides sans catégorie dans Aides-territoires")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")[:60] or "x"


def audience_key(label: str) -> str:
    """ "Syndicats mixtes" and "syndicat mixte" alike: folded, each word's plural s dropped."""
    return " ".join(w.removesuffix("s") if len(w) > 3 else w for w in fold(label).split())


AUDIENCES = {audience_key(label): category for label, category in AUDIENCE_LABELS.items()}


def paragraphs(html: object, limit: int = TITLE_MAX) -> list[str]:
    items = []
    for line in html_to_text(html).split("\n"):
        line = line.removeprefix("• ").strip()
        if line:
            items.append(_cut(line, limit))
    return items


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _label(value: object) -> str:
    """A name from a string, or from an object with a name or label."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("label") or value.get("title") or ""
    if not isinstance(value, str):
        return ""
    return _cut(" ".join(UNSAFE.sub(" ", value).split()), TITLE_MAX)


def _labels(value: object) -> list[str]:
    if not isinstance(value, list):
        value = [value] if value else []
    seen: list[str] = []
    for item in value:
        text = _label(item)
        if text and text not in seen:
            seen.append(text)
    return seen


# --- dates, rates, links ---------------------------------------------------------------------


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
        return None, _("date hors limites « {value} » ignorée").format(value=text[:40])
    return day, None


def parse_rate(value: object) -> tuple[Decimal | None, str | None]:
    """A percentage (0 < p ≤ 100) as a fraction."""
    if value is None or value == "":
        return None, None
    try:
        percent = Decimal(str(value))
    except InvalidOperation:
        return None, _("taux illisible « {value} » ignoré").format(value=printable(str(value)[:20]))
    if not percent.is_finite() or not 0 < percent <= 100:
        return None, _("taux hors de ]0, 100] « {value} » ignoré").format(value=value)
    return (percent / 100).quantize(Decimal("0.000001")).normalize(), None


def absolute_url(value: object) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if text.startswith("/"):
        text = SITE + text
    if re.match(r"^https?://[^\s]+$", text) and len(text) <= TITLE_MAX:
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


def _name(aid: dict[str, Any]) -> str:
    return _label(aid.get("name")) or _label(aid.get("short_title"))


def to_scheme(aid: dict[str, Any], report: Report) -> tuple[dict[str, Any], dict[str, str]] | None:
    """The scheme for one aid and the kinds it uses, or None (with the reason reported)."""
    raw_id = aid.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, int | str) or not str(raw_id).strip():
        report.skipped.append(("?", _("sans identifiant")))
        return None
    scheme_id = f"at-{slug(str(raw_id))}"
    name = _name(aid)
    if not name:
        report.skipped.append((scheme_id, _("sans nom")))
        return None

    def note(message: str | None) -> None:
        if message:
            report.notes.append((scheme_id, message))

    eligibility = applicants(aid, report)
    if eligibility is None:
        publics = ", ".join(_labels(aid.get("targeted_audiences"))) or _("aucun public indiqué")
        text = _("aucun public collectivité, groupement ou partenaire ({publics})")
        report.skipped.append((scheme_id, text.format(publics=publics)))
        return None
    dated = steps(aid, note)
    if isinstance(dated, str):
        report.skipped.append((scheme_id, dated))
        return None
    used, categories = kinds(aid)
    scheme: dict[str, Any] = {
        "id": scheme_id,
        "title": name,
        "summary": _cut(html_to_text(aid.get("description")), TEXT_MAX),
        "kinds": list(used),
        "requirements": paragraphs(aid.get("eligibility")),
        "examples": paragraphs(aid.get("project_examples")),
        "financers": _labels(aid.get("financers")),
        "programmes": _labels(aid.get("programs")),
        "categories": categories,
        "eligibility": eligibility,
        "funding": funding(aid, note),
        "steps": dated,
    }
    instructors = _labels(aid.get("instructors"))
    if instructors:
        scheme["operator"] = _cut(", ".join(instructors), TITLE_MAX)
    scheme.update(links(aid, note))
    perimeter = _label(aid.get("perimeter"))
    if perimeter:
        scheme["perimeter"] = perimeter
    if isinstance(aid.get("is_call_for_project"), bool):
        scheme["call_for_projects"] = aid["is_call_for_project"]
    updated, problem = parse_day(aid.get("date_updated"))
    note(problem)
    if updated:
        scheme["updated"] = updated
    return scheme, used


Note = Callable[[str | None], None]


def applicants(aid: dict[str, Any], report: Report) -> dict[str, Any] | None:
    """Who may apply, from the audiences; None when no audience is one relance serves."""
    categories: set[Category] = set()
    types: set[Applicant | None] = set()
    for audience in _labels(aid.get("targeted_audiences")):
        mapped = AUDIENCES.get(audience_key(audience))
        if mapped:
            categories.add(Category(mapped[0]))
            types.add(Applicant(mapped[1]) if mapped[1] else None)
        else:
            report.unknown_audiences[audience] += 1
    if not categories:
        return None
    eligibility: dict[str, Any] = {"applicants": [c.value for c in Category if c in categories]}
    if None not in types:  # every audience names its exact type: keep the finer list
        eligibility["applicant_types"] = [a.value for a in Applicant if a in types]
    return eligibility


def steps(aid: dict[str, Any], note: Note) -> list[dict[str, Any]] | str:
    """The application step, or why the dates cannot make one."""
    start, problem = parse_day(aid.get("start_date"))
    note(problem)
    if start is None:
        start, problem = parse_day(aid.get("predeposit_date"))
        note(problem)
    end, problem = parse_day(aid.get("submission_deadline"))
    note(problem)
    ongoing = fold(str(aid.get("recurrence") or "")) in {"ongoing", "permanente", "permanent"}
    if ongoing:
        end = None
    if start and end and end < start:
        text = _("date limite ({end}) avant l'ouverture ({start}) : dates incohérentes")
        return text.format(end=end, start=start)
    step: dict[str, Any] = {
        "name": "Dépôt des candidatures (aide permanente)" if ongoing else "Dépôt des candidatures",
        "accepts_applications": True,
    }
    if start:
        step["start"] = start
    if end:
        step["end"] = end
    return [step]


def kinds(aid: dict[str, Any]) -> tuple[dict[str, str], list[str]]:
    """Project kinds (id = label) and the categories as shown, from the aid's categories."""
    used: dict[str, str] = {}
    categories = []
    for category in _labels(aid.get("categories")):
        theme, _bar, name_part = category.partition("|")
        label = f"{theme.strip()} › {name_part.strip()}" if name_part else theme.strip()
        categories.append(label)
        used[slug(name_part or theme)] = _cut(label, TITLE_MAX)
    if not used:
        used[UNCLASSIFIED[0]] = UNCLASSIFIED[1]
    return used, categories


def funding(aid: dict[str, Any], note: Note) -> dict[str, Any]:
    result: dict[str, Any] = {"support": _labels(aid.get("aid_types"))}
    upper, problem = parse_rate(aid.get("subvention_rate_upper_bound"))
    note(problem)
    lower, problem = parse_rate(aid.get("subvention_rate_lower_bound"))
    note(problem)
    if upper is not None:
        result["rate"] = float(upper)
        if lower is not None and lower <= upper:
            result["rate_low"] = float(lower)
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


# --- pages to catalog ---------------------------------------------------------------------


def aids_in(document: object, label: str) -> list[Any]:
    """The aids of one saved API page, or of a plain JSON list of aids."""
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        return list(document["results"])
    if isinstance(document, list):
        return document
    text = _(
        '{file}: ni une page de l\'API Aides-territoires ({{"results": [...]}}) '
        "ni une liste d'aides"
    )
    raise CatalogError(text.format(file=label))


def read_pages(paths: Iterable[str]) -> Iterator[tuple[str, list[Any]]]:
    for raw in paths:
        path = Path(raw)
        files.check_readable(path, raw, MAX_PAGE_BYTES)
        try:
            text = files.read_bytes(path, raw).decode("utf-8-sig")
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
        yield raw, aids_in(document, raw)


def build(pages: Iterable[tuple[str, list[Any]]], today: date) -> tuple[dict[str, Any], Report]:
    """The catalog (as TOML-ready data) and what was done with each aid."""
    report = Report()
    kinds: dict[str, str] = {}
    schemes: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    for label, aids in pages:
        for aid in aids:
            report.read += 1
            if not isinstance(aid, dict):
                text = _("élément qui n'est pas une aide ({file})")
                report.skipped.append(("?", text.format(file=label)))
                continue
            made = to_scheme(aid, report)
            if made is None:
                continue
            scheme, used = made
            if scheme["id"] in seen:
                text = _("doublon (déjà lu dans {file})")
                report.skipped.append((scheme["id"], text.format(file=seen[scheme["id"]])))
                continue
            seen[scheme["id"]] = label
            for kind, text in used.items():
                kinds.setdefault(kind, text)
            schemes.append(scheme)
            report.written.append(scheme["id"])
    catalog: dict[str, Any] = {
        "catalog": {
            "name": f"Aides-territoires (import du {today.isoformat()})",
            "source": SITE,
            "source_title": "Aides-territoires, le catalogue des aides pour les territoires",
            "reviewed": today,
        },
        "kinds": kinds or {UNCLASSIFIED[0]: UNCLASSIFIED[1]},
    }
    if schemes:
        catalog["scheme"] = schemes
    return catalog, report


def to_toml(catalog: dict[str, Any]) -> str:
    import tomli_w

    header = (
        "# Catalogue relance importé d'Aides-territoires par `relance import aides-territoires`.\n"
        "# Chaque dispositif reprend une aide de la source ; un champ vide dans la source reste\n"
        "# absent ici. Vérifiez avec : relance validate CE_FICHIER\n\n"
    )
    return header + tomli_w.dumps(catalog)
