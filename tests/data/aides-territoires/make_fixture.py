"""Writes page-1.json and page-2.json: 34 fictitious aids in the Aides-territoires API
format, written for relance's tests to cover every mapping rule (run it to regenerate)."""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
NOTE = "Aides fictives écrites pour les tests de relance ; format de l'API Aides-territoires."


def aid(number: int, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": 1000 + number,
        "slug": f"aide-fictive-{number}",
        "url": f"/aides/aide-fictive-{number}/",
        "name": f"Aide fictive n°{number}",
        "short_title": "",
        "financers": ["Département fictif"],
        "instructors": [],
        "programs": [],
        "description": f"<p>Description de l'aide fictive n°{number}.</p>",
        "eligibility": "",
        "perimeter": "France",
        "mobilization_steps": ["Réflexion / conception"],
        "origin_url": "",
        "application_url": "",
        "categories": ["Numérique|Inclusion numérique"],
        "is_call_for_project": False,
        "targeted_audiences": ["Communes"],
        "aid_types": ["Subvention"],
        "destinations": ["Investissement"],
        "start_date": "2026-01-01",
        "predeposit_date": None,
        "submission_deadline": "2026-12-31",
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": 50,
        "recurrence": "oneoff",
        "project_examples": "",
        "date_updated": "2026-10-01T10:00:00+02:00",
    }
    base.update(fields)
    return base


AIDS = [
    aid(
        1,
        name="Soutien au numérique dans les bibliothèques",
        description=(
            "<p>Financer l&#8217;&eacute;quipement num&eacute;rique &amp; les services "
            "en ligne des biblioth&egrave;ques.</p><script>alert('xss')</script>"
            "<style>p{color:red}</style><ul><li>Postes publics</li><li>Portail&nbsp;web</li></ul>"
        ),
        eligibility="<p>Bibliothèques ouvertes au public.</p><p>Projet &lt; 3 ans.</p>",
        project_examples="<ul><li>Portail de réservation</li><li>Tablettes de prêt</li></ul>",
        targeted_audiences=["Communes", "Intercommunalités / Pays"],
        categories=[
            "Numérique|Inclusion numérique",
            "Culture et identité collective|Bibliothèques et livres",
        ],
        subvention_rate_lower_bound=20,
        subvention_rate_upper_bound=80,
        financers=["Ministère de la Culture", {"name": "Région fictive"}],
        instructors=["DRAC fictive"],
        programs=["Plan lecture fictif"],
        perimeter={"name": "Auvergne-Rhône-Alpes"},
        origin_url="https://example.org/aide-1",
        application_url="https://example.org/aide-1/deposer",
        is_call_for_project=True,
    ),
    aid(2, recurrence="ongoing", start_date="2025-06-01", submission_deadline="2026-03-31"),
    aid(3, recurrence="ongoing", start_date=None, submission_deadline=None),
    aid(4, start_date=None, submission_deadline="2026-12-15"),
    aid(5, start_date=None, predeposit_date="2026-02-01", submission_deadline="2026-09-30"),
    aid(6, start_date="01/03/2026", submission_deadline="2026-11-30T23:59:00+01:00"),
    aid(7, start_date="2026-02-30"),
    aid(8, start_date="bientôt"),
    aid(9, start_date="2026-06-01", submission_deadline="2026-01-31"),
    aid(10, name=""),
    aid(11, id=None),
    aid(12, targeted_audiences=["Particuliers"]),
    aid(13, targeted_audiences=["Agriculteurs", "Associations"]),
    aid(14, categories=[]),
    aid(15, subvention_rate_lower_bound=30, subvention_rate_upper_bound=None),
    aid(16, subvention_rate_upper_bound=150),
    aid(17, subvention_rate_upper_bound="beaucoup"),
    aid(18, description="", eligibility=None, financers=[], url="", perimeter=""),
    aid(19, application_url="javascript:alert(1)", origin_url="not a link"),
    aid(20, name="Aide \u001b[31mrouge\u001b[0m \u202einversée"),
    aid(
        21,
        targeted_audiences=[
            "commune",
            "epci",
            "department",
            "region",
            "association",
            "private_sector",
        ],
    ),
    aid(22, targeted_audiences=["Départements", "Régions"]),
    aid(23, categories=["Numérique|Inclusion numérique", "Numérique|Inclusion numérique"]),
    aid(24, targeted_audiences=None),
    aid(25, description="<p>" + "très long texte " * 1500 + "</p>"),
    aid(
        26,
        categories=["Numérique|Données"],
        subvention_rate_upper_bound=70,
        targeted_audiences=["Départements"],
    ),
    aid(
        27,
        categories=["Numérique|Données"],
        start_date="2024-01-01",
        submission_deadline="2025-06-30",
    ),
    aid(
        28,
        categories=["Culture et identité collective|Bibliothèques et livres"],
        start_date="2027-01-15",
        submission_deadline="2027-04-30",
    ),
    aid(29, recurrence="recurring", submission_deadline="2026-12-20"),
    aid(30, name=None, short_title="Titre court seulement"),
    aid(31, subvention_rate_upper_bound=33.33, targeted_audiences=["Syndicats mixtes"]),
    aid(32, date_updated="pas une date"),
]
PAGE_TWO = [
    aid(1, name="Doublon de l'aide n°1 sur la page 2"),
    aid(33, targeted_audiences=["Établissements publics"]),
]


def main() -> None:
    first = {"count": len(AIDS) + len(PAGE_TWO), "next": "PAGE2", "previous": None,
             "results": AIDS, "_note": NOTE}  # fmt: skip
    second = {"count": len(AIDS) + len(PAGE_TWO), "next": None, "previous": "PAGE1",
              "results": PAGE_TWO, "_note": NOTE}  # fmt: skip
    for name, page in (("page-1.json", first), ("page-2.json", second)):
        (HERE / name).write_text(json.dumps(page, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()
