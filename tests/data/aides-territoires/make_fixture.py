"""Writes generated.json: the one page of generated aids, for what real records cannot show
(hostile text, odd dates and rates, unusable categories, duplicates, missing ids and names).

Every other page in this folder is made of real records, each saying where it came from in
its `_provenance` key. Each aid here starts from the shape of a real Django API v1.4 record
and changes only what its case needs. Run this file to write the page again.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).parent
PROVENANCE = {
    "what": "generated aids, not real ones: each tests what no real record shows",
    "made_by": "tests/data/aides-territoires/make_fixture.py",
}


def aid(number: int, **fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": 990_000 + number,
        "slug": f"aide-generee-{number}",
        "url": f"/aides/aide-generee-{number}/",
        "name": f"Aide générée n°{number}",
        "short_title": "",
        "financers": ["Agence de l'eau Loire-Bretagne"],
        "instructors": [],
        "programs": [],
        "description": f"<p>\n Description de l'aide générée n°{number}.\n</p>",
        "eligibility": "",
        "perimeter": "France",
        "mobilization_steps": ["Réflexion / conception"],
        "origin_url": "",
        "categories": ["Nature / environnement|Biodiversité"],
        "is_call_for_project": False,
        "application_url": "",
        "targeted_audiences": ["Communes"],
        "aid_types": ["Subvention"],
        "destinations": ["Dépenses d'investissement"],
        "start_date": "2026-01-01",
        "predeposit_date": None,
        "submission_deadline": "2026-12-31",
        "subvention_rate_lower_bound": None,
        "subvention_rate_upper_bound": 50,
        "loan_amount": None,
        "recoverable_advance_amount": None,
        "contact": "",
        "recurrence": "Ponctuelle",
        "project_examples": "",
        "date_created": "2026-01-01T10:00:00.000000+01:00",
        "date_updated": "2026-10-01T10:00:00.000000+02:00",
    }
    base.update(fields)
    return base


HOSTILE = (
    "<p>Texte \x1b[2J\x1b]0;titre\x07 piégé &#27;[31m et \u202einversé\u202c.</p>"
    "<script>alert('x')</script><style>p { color: red }</style>"
    "<template><p>caché</p></template>"
    '<p><a href="javascript:alert(1)">cliquez</a><a href=" JaVa&#x09;ScRiPt:alert(2)">ici'
    '</a>Lien <a href="https://example.org/">ordinaire</a>.</p>'
)

AIDS: list[object] = [
    # hostile text and links
    aid(
        1,
        name="Aide \x1b[31mrouge\x1b[0m \u202einversée\x07",
        description=HOSTILE,
        eligibility="<ul><li>\x1b[2J</li><li>•</li><li> : </li><li>Vraie condition</li></ul>",
        application_url="javascript:alert(1)",
        origin_url="https://example.org/\x1b[2J",
    ),
    # dates: odd formats kept, impossible or unreadable ones ignored, incoherent ones refused
    aid(2, start_date="01/03/2026", submission_deadline="2026-11-30T23:59:00+01:00"),
    aid(3, start_date="2026-02-30"),
    aid(4, start_date="bientôt", date_updated="pas une date"),
    aid(5, start_date="2026-06-01", submission_deadline="2026-01-31"),
    aid(6, start_date="0001-01-01"),
    # pre-deposit dates that cannot be a step of their own
    aid(7, start_date="2026-03-01", predeposit_date="2026-02-01"),
    aid(8, predeposit_date="2027-02-01", submission_deadline="2026-12-31"),
    aid(
        9,
        recurrence="Permanente",
        start_date=None,
        predeposit_date="2026-05-15",
        submission_deadline=None,
    ),
    # rates
    aid(10, subvention_rate_upper_bound=0.00001),
    aid(11, subvention_rate_upper_bound=150),
    aid(12, subvention_rate_upper_bound="beaucoup"),
    aid(13, subvention_rate_lower_bound=60, subvention_rate_upper_bound=40),
    aid(14, subvention_rate_lower_bound=-5, subvention_rate_upper_bound=40),
    aid(15, subvention_rate_upper_bound=33.3333333),
    # amounts and paid services (null in every real record found)
    aid(
        16,
        loan_amount=100000,
        recoverable_advance_amount=50000.555,
        is_charged=True,
        aid_types=["Prêt", "Avance récupérable"],
    ),
    aid(17, loan_amount=-3, recoverable_advance_amount="beaucoup"),
    # categories
    aid(18, categories=["|"]),
    aid(19, categories=["Nature / environnement|Biodiversité", "Thème seul|"]),
    aid(20, categories=["Eau et milieux aquatiques / Cours d'eau / canaux / plans d'eau"]),
    aid(21, categories=["Thème inventé A|Patrimoine", "Thème inventé B|Patrimoine"]),
    aid(22, categories=[]),
    # audiences
    aid(23, targeted_audiences=["Particuliers", "Agriculteurs"]),
    aid(24, targeted_audiences=[]),
    aid(25, targeted_audiences=["Syndicats intercommunaux à vocation unique"]),
    aid(26, targeted_audiences=["Communes", "Offices de tourisme"]),
    aid(
        27,
        targeted_audiences=[
            "Collectivité d‘outre-mer à statut particulier",
            "«Recherche»",
            "COMMUNES",
            "Établissements Publics (écoles, bibliothèques...) / Services de l’Etat",
        ],
    ),
    aid(
        28,
        targeted_audiences=[
            "commune",
            "epci",
            "department",
            "region",
            "private_sector",
            "public-org",
        ],
    ),
    # identity
    aid(29, name=None, short_title="Titre court seulement"),
    aid(30, name=""),
    aid(31, id=None),
    aid(32, description="<p>" + "très long texte " * 1500 + "</p>"),
    "pas une aide",
    aid(33, name="Doublon de l'aide générée n°2 sur la même page", id=990_002),
]


def main() -> None:
    page = {
        "_provenance": PROVENANCE,
        "count": len(AIDS),
        "next": None,
        "previous": None,
        "results": AIDS,
    }
    text = json.dumps(page, indent=1) + "\n"  # ASCII: no raw bidi character in the file
    (HERE / "generated.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
