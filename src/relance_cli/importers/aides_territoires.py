"""Aides-territoires API data to a relance catalog.

Aides-territoires, the State's catalogue of aids for local authorities, publishes its
aids as JSON pages `{"count", "next", "previous", "results": [...]}`, written by two
generations of its API: the Django one (2019–2023: plural audience labels, categories
"Thème|Catégorie", perimeters "Nom (Échelle)") and today's Symfony one (singular labels,
"Thème / Catégorie", bare perimeter names with `perimeter_scale`). Each aid becomes a
scheme `at-<id>`; what the source leaves empty stays empty, every aid left out is
reported with its reason, and one unusable aid never stops the import: each scheme is
checked against the catalog model as it is built, so the catalog written always loads.

The work is shared by what it holds: `values` (labels, dates, rates, amounts, links),
`scheme` (one aid to one scheme), `checks` (each scheme against the catalog model), `pages`
(saved API pages read from files) and `toml_writer`. This module assembles the catalog
from the pages, and is what the command line and the tests import.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from relance_cli.i18n import _
from relance_cli.importers.categories import kind_ids
from relance_cli.importers.html import html_to_text
from relance_cli.importers.pages import read_pages
from relance_cli.importers.scheme import UNCLASSIFIED, Built, Report, scheme_id_of, to_scheme
from relance_cli.importers.toml_writer import to_toml
from relance_cli.importers.values import (
    SITE,
    TEXT_MAX,
    TITLE_MAX,
    absolute_url,
    clip,
    paragraphs,
    parse_day,
)

__all__ = [
    "API_URL",
    "TEXT_MAX",
    "Report",
    "absolute_url",
    "build",
    "html_to_text",
    "paragraphs",
    "parse_day",
    "read_pages",
    "to_scheme",
    "to_toml",
]

API_URL = f"{SITE}/api/aids/"


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
            kinds.setdefault(ids[category.key], clip(category.label, TITLE_MAX))
    return kinds or dict([UNCLASSIFIED])
