"""Aides-territoires pages to a relance catalog: every mapping rule, then the round trip."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import tomli
from conftest import Run

from relance_cli.catalog import loading as catalog
from relance_cli.errors import CatalogError
from relance_cli.importers import aides_territoires as at

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"
PAGES = [str(FIXTURES / "page-1.json"), str(FIXTURES / "page-2.json")]
TODAY = date(2026, 6, 1)


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, Any], at.Report]:
    return at.build(at.read_pages(PAGES), TODAY)


@pytest.fixture(scope="module")
def schemes(built: tuple[dict[str, Any], at.Report]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in built[0]["scheme"]}


def test_counts_and_every_skip_has_its_reason(built: tuple[dict[str, Any], at.Report]) -> None:
    _, report = built
    assert report.read == 34
    assert len(report.written) == 27
    reasons = dict(report.skipped)
    assert reasons["at-1009"].endswith("dates incohérentes")
    assert reasons["at-1010"] == "sans nom"
    assert reasons["?"] == "sans identifiant"
    assert (
        reasons["at-1012"] == "aucun public collectivité, groupement ou partenaire (Particuliers)"
    )
    assert "aucun public indiqué" in reasons["at-1024"]
    assert "Établissements publics" in reasons["at-1033"]
    assert reasons["at-1001"] == f"doublon (déjà lu dans {PAGES[0]})"
    assert report.unknown_audiences == {
        "Particuliers": 1,
        "Agriculteurs": 1,
        "Établissements publics": 1,
    }


def test_a_complete_aid(schemes: dict[str, dict[str, Any]]) -> None:
    first = schemes["at-1001"]
    assert first["title"] == "Soutien au numérique dans les bibliothèques"
    assert first["summary"] == (
        "Financer l’équipement numérique & les services en ligne des bibliothèques.\n\n"
        "• Postes publics\n• Portail web"
    )
    assert "alert" not in first["summary"] and "color" not in first["summary"]
    assert first["requirements"] == ["Bibliothèques ouvertes au public.", "Projet < 3 ans."]
    assert first["examples"] == ["Portail de réservation", "Tablettes de prêt"]
    assert first["kinds"] == ["inclusion-numerique", "bibliotheques-et-livres"]
    assert first["categories"] == [
        "Numérique › Inclusion numérique",
        "Culture et identité collective › Bibliothèques et livres",
    ]
    assert first["eligibility"] == {
        "applicants": ["collectivite", "groupement"],
        "applicant_types": ["commune", "epci"],
    }
    assert first["funding"] == {"support": ["Subvention"], "rate": 0.8, "rate_low": 0.2}
    assert first["financers"] == ["Ministère de la Culture", "Région fictive"]
    assert first["operator"] == "DRAC fictive"
    assert first["programmes"] == ["Plan lecture fictif"]
    assert first["perimeter"] == "Auvergne-Rhône-Alpes"
    assert first["url"] == "https://aides-territoires.beta.gouv.fr/aides/aide-fictive-1/"
    assert first["application_url"] == "https://example.org/aide-1/deposer"
    assert first["origin_url"] == "https://example.org/aide-1"
    assert first["call_for_projects"] is True
    assert first["updated"] == date(2026, 10, 1)
    assert first["steps"] == [
        {
            "name": "Dépôt des candidatures",
            "accepts_applications": True,
            "start": date(2026, 1, 1),
            "end": date(2026, 12, 31),
        }
    ]


def steps_of(schemes: dict[str, dict[str, Any]], scheme_id: str) -> tuple[Any, Any]:
    (step,) = schemes[scheme_id]["steps"]
    return step.get("start"), step.get("end")


def test_application_windows(schemes: dict[str, dict[str, Any]]) -> None:
    assert steps_of(schemes, "at-1002") == (date(2025, 6, 1), None)  # ongoing: open-ended
    assert schemes["at-1002"]["steps"][0]["name"].endswith("(aide permanente)")
    assert steps_of(schemes, "at-1003") == (None, None)  # ongoing, no date at all
    assert steps_of(schemes, "at-1004") == (None, date(2026, 12, 15))  # deadline only
    assert steps_of(schemes, "at-1005") == (date(2026, 2, 1), date(2026, 9, 30))  # predeposit
    assert steps_of(schemes, "at-1006") == (date(2026, 3, 1), date(2026, 11, 30))  # odd formats
    assert steps_of(schemes, "at-1007") == (None, date(2026, 12, 31))  # impossible date dropped


def test_notes_report_what_was_ignored(built: tuple[dict[str, Any], at.Report]) -> None:
    notes = built[1].notes
    assert ("at-1007", "date impossible « 2026-02-30 » ignorée") in notes
    assert ("at-1008", "date illisible « bientôt » ignorée") in notes
    assert ("at-1016", "taux hors de ]0, 100] « 150 » ignoré") in notes
    assert ("at-1017", "taux illisible « beaucoup » ignoré") in notes
    assert ("at-1019", "lien « javascript:alert(1) » ignoré (application_url)") in notes
    assert ("at-1032", "date illisible « pas une date » ignorée") in notes


def test_audiences_map_to_categories(schemes: dict[str, dict[str, Any]]) -> None:
    applicants = {k: v["eligibility"]["applicants"] for k, v in schemes.items()}
    assert applicants["at-1013"] == ["partenaire"]  # associations; agriculteurs reported
    assert applicants["at-1021"] == ["collectivite", "groupement", "partenaire"]  # slugs
    assert applicants["at-1022"] == ["collectivite"]  # départements, régions
    assert applicants["at-1031"] == ["groupement"]  # syndicats mixtes


def test_empty_fields_stay_empty(schemes: dict[str, dict[str, Any]]) -> None:
    empty = schemes["at-1018"]
    assert empty["summary"] == "" and empty["requirements"] == [] and empty["financers"] == []
    for absent in ("url", "perimeter", "operator", "application_url", "origin_url"):
        assert absent not in empty
    assert "rate" not in schemes["at-1015"]["funding"]  # only a lower bound: no rate invented
    assert "rate_low" not in schemes["at-1015"]["funding"]
    assert "rate" not in schemes["at-1016"]["funding"]
    assert schemes["at-1014"]["kinds"] == ["non-classe"]
    assert schemes["at-1030"]["title"] == "Titre court seulement"


def test_text_is_cleaned_and_bounded(schemes: dict[str, dict[str, Any]]) -> None:
    assert schemes["at-1020"]["title"] == "Aide [31mrouge [0m inversée"
    assert len(schemes["at-1025"]["summary"]) == at.TEXT_MAX
    assert schemes["at-1023"]["categories"] == ["Numérique › Inclusion numérique"]
    assert schemes["at-1031"]["funding"]["rate"] == pytest.approx(0.3333)


def test_the_written_catalog_is_valid(built: tuple[dict[str, Any], at.Report]) -> None:
    loaded = catalog.parse(at.to_toml(built[0]), "import.toml")
    assert len(loaded.schemes) == 27
    assert loaded.kinds["donnees"] == "Numérique › Données"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("", ""),
        (None, ""),
        ("a &amp; b &lt;c&gt; &eacute;", "a & b <c> é"),
        ("<p>un</p><p>deux</p>", "un\n\ndeux"),
        ("ligne<br>suivante", "ligne\nsuivante"),
        ("<script>x()</script><style>y</style>z", "z"),
        ("<ul><li>a</li><li>b</li></ul>", "• a\n• b"),
        ("  espaces \t multiples  ", "espaces multiples"),
        ("\x1b[2J\u202e", "[2J"),  # the escape character goes; the rest is plain text
    ],
)
def test_html_to_text(html: object, text: str) -> None:
    assert at.html_to_text(html) == text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-05-31", date(2026, 5, 31)),
        ("2026-05-31T23:59:00+02:00", date(2026, 5, 31)),
        ("31/05/2026", date(2026, 5, 31)),
        ("", None),
        (None, None),
        ("2026-13-01", None),
        ("0001-01-01", None),
    ],
)
def test_parse_day(value: object, expected: date | None) -> None:
    assert at.parse_day(value)[0] == expected


def test_pages_that_are_not_pages(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"results": [', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"broken.json:1:\d+: JSON invalide"):
        list(at.read_pages([str(broken)]))
    other = tmp_path / "other.json"
    other.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(CatalogError, match="ni une page de l'API"):
        list(at.read_pages([str(other)]))
    plain_list = tmp_path / "list.json"
    plain_list.write_text(json.dumps([{"id": 1, "name": "x", "targeted_audiences": ["Communes"]}]))
    _, report = at.build(at.read_pages([str(plain_list)]), TODAY)
    assert report.written == ["at-1"]
    with pytest.raises(CatalogError, match="fichier introuvable"):
        list(at.read_pages([str(tmp_path / "absent.json")]))


# --- through the command line -----------------------------------------------------------------


def test_import_then_match_and_calendar(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    result = relance("import", "aides-territoires", *PAGES, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("34 aide(s) lue(s), 27 écrite(s) dans")
    assert "écartée at-1012 : aucun public" in result.stdout
    assert "publics non reconnus (ignorés) : Particuliers (1)" in result.stdout
    assert relance("validate", str(out)).exit_code == 0
    tomli.loads(out.read_text(encoding="utf-8"))

    matched = relance(
        "match", "--catalog", str(out), "--applicant", "commune", "--type", "Données",
        "--as-of", "2026-06-01", "--budget", "10000", "--all", "--format", "json",
    )  # fmt: skip
    assert matched.exit_code == 0, matched.output
    results = {r["id"]: r for r in json.loads(matched.stdout)["results"]}
    assert results["at-1026"]["verdict"] == "ineligible"  # départements only
    assert results["at-1027"]["status"] == "closed"
    assert results["at-1027"]["verdict"] == "eligible"
    assert results["at-1001"]["verdict"] == "ineligible"  # another project type
    calendar = relance(
        "calendar", "--catalog", str(out), "--as-of", "2026-06-01", "--format", "json"
    )
    steps = {s["scheme"]: s for s in json.loads(calendar.stdout)["steps"]}
    assert steps["at-1028"]["status"] == "upcoming"
    assert steps["at-1004"]["start"] is None and steps["at-1004"]["status"] == "current"
    table = relance("match", "--catalog", str(out), "--type", "inclusion-numerique", "--as-of",
                    "2026-06-01", "--applicant", "commune")  # fmt: skip
    assert table.exit_code == 0 and "at-1001" in table.stdout
    unknown = relance("match", "--catalog", str(out), "--type", "dematerialisation")
    assert unknown.exit_code == 2 and "inclusion-numerique" in unknown.stderr


def test_import_never_overwrites_without_force(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    out.write_text("mon travail", encoding="utf-8")
    refused = relance("import", "aides-territoires", PAGES[0], "-o", str(out))
    assert refused.exit_code == 2 and "existe déjà" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mon travail"
    forced = relance("import", "aides-territoires", PAGES[0], "-o", str(out), "--force")
    assert forced.exit_code == 0 and out.read_text(encoding="utf-8").startswith("# Catalogue")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aides.toml"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "aides-territoires", "x.json"], "--output FICHIER.toml"),
        (["import", "aides-territoires", "-o", "o.toml"], "pas les deux"),
        (["import", "aides-territoires", "x.json", "--fetch", "-o", "o.toml"], "pas les deux"),
        (["import", "aides-territoires", "--fetch", "-o", "o.toml"], "RELANCE_AT_TOKEN"),
        (["import", "aides-territoires", "x.json", "--api-url", "http://a", "-o", "o.toml"],
         "--api-url accompagne --fetch"),
    ],
)  # fmt: skip
def test_import_usage_errors(relance: Run, args: list[str], message: str) -> None:
    result = relance(*args, env={"RELANCE_AT_TOKEN": ""})
    assert result.exit_code == 2 and message in result.stderr


def test_import_bad_page_exit_1(relance: Run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = relance("import", "aides-territoires", str(broken), "-o", str(tmp_path / "o.toml"))
    assert result.exit_code == 1 and "JSON invalide" in result.stderr
    assert not (tmp_path / "o.toml").exists()
