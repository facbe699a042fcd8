"""Aides-territoires pages to a relance catalog, on real records of both API generations
(and one generated page for what no real record shows): every mapping rule, then the
round trip through the command line, then `--fetch` against a local server."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import tomli
from helpers import POLL_INTERVAL, Run
from hypothesis import given
from hypothesis import strategies as st

from relance_cli.catalog import loading as catalog
from relance_cli.core.models import Scheme
from relance_cli.errors import CatalogError
from relance_cli.importers import aides_territoires as at
from relance_cli.importers import values

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"
DJANGO_2021 = str(FIXTURES / "django-2021-11.json")
DJANGO_2022 = str(FIXTURES / "django-2022-05.json")
SYMFONY = str(FIXTURES / "symfony-2024-06.json")
GENERATED = str(FIXTURES / "generated.json")
REAL = [DJANGO_2021, DJANGO_2022, SYMFONY]
PAGES = [*REAL, GENERATED]
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def built() -> tuple[dict[str, Any], at.Report]:
    return at.build(at.read_pages(PAGES), TODAY)


@pytest.fixture(scope="module")
def schemes(built: tuple[dict[str, Any], at.Report]) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in built[0]["scheme"]}


def skipped(report: at.Report) -> dict[str, str]:
    return dict(report.skipped)


def notes(report: at.Report, scheme_id: str) -> list[str]:
    return [text for found, text in report.notes if found == scheme_id]


# --- the fixtures say where they come from ---------------------------------------------------


@pytest.mark.parametrize("page", [*REAL, GENERATED])
def test_every_fixture_page_says_where_it_came_from(page: str) -> None:
    document = json.loads(Path(page).read_text(encoding="utf-8"))
    assert set(document) == {"_provenance", "count", "next", "previous", "results"}
    assert document["count"] == len(document["results"])
    provenance = json.dumps(document["_provenance"])
    assert ("github.com" in provenance and "Licence Ouverte" in provenance) or (
        "make_fixture.py" in provenance
    )


def test_the_generated_page_is_what_its_script_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_fixture", FIXTURES / "make_fixture.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.HERE = tmp_path
    module.main()
    written = (tmp_path / "generated.json").read_text(encoding="utf-8")
    assert written == Path(GENERATED).read_text(encoding="utf-8")
    assert written.isascii()  # no raw bidi or control character in the repository


# --- counts and reasons --------------------------------------------------------------------------


def test_real_pages_import_whole(built: tuple[dict[str, Any], at.Report]) -> None:
    """37 real aids: all written but the one aid both downloads hold."""
    _, report = at.build(at.read_pages(REAL), TODAY)
    assert report.read == 37
    assert len(report.written) == 36
    assert report.skipped == []
    assert report.duplicates == 1
    assert report.unknown_audiences == {}
    assert notes(report, "at-104476") == [
        "lien « ftp://ftpdata.paysdelaloire.fr/Documents_aides/Subvention_Mi » ignoré "
        "(application_url)"
    ]


def test_the_generated_page_every_skip_has_its_reason(
    built: tuple[dict[str, Any], at.Report],
) -> None:
    _, report = built
    assert report.read == 37 + 34
    reasons = skipped(report)
    assert reasons["at-990005"].endswith("dates incohérentes")
    assert reasons["at-990030"] == "sans nom"
    assert ("?", "sans identifiant") in report.skipped
    assert ("?", f"élément qui n'est pas une aide ({GENERATED})") in report.skipped
    assert reasons["at-990023"] == (
        "aucun public collectivité, groupement, établissement public ou partenaire "
        "(Particuliers, Agriculteurs)"
    )
    assert "aucun public indiqué" in reasons["at-990024"]
    assert "at-990002" not in reasons
    assert report.duplicates >= 1
    assert len(report.written) == 36 + 24


# --- one bad aid never stops an import ----------------------------------------------------------


def test_an_unusable_value_skips_its_aid_naming_field_and_value(
    built: tuple[dict[str, Any], at.Report],
) -> None:
    reasons = skipped(built[1])
    # 0.00001 % rounds to a rate of 0, which the catalog refuses
    assert reasons["at-990010"].startswith("subvention_rate_upper_bound « 1e-05 »: funding.rate:")
    assert reasons["at-990018"] == "categories « | » inutilisable : catégorie sans nom"
    assert reasons["at-990019"] == "categories « Thème seul| » inutilisable : catégorie sans nom"


def test_every_scheme_written_is_valid_and_the_catalog_loads(
    built: tuple[dict[str, Any], at.Report],
) -> None:
    for scheme in built[0]["scheme"]:
        Scheme.model_validate(scheme)
    loaded = catalog.parse(at.to_toml(built[0]), "import.toml")
    assert len(loaded.schemes) == 60


def test_a_refused_value_is_quoted_escaped() -> None:
    aid = {"id": 1, "name": "x", "targeted_audiences": ["Communes"],
           "subvention_rate_upper_bound": "0.0000001\x1b[2J"}  # fmt: skip
    report = at.Report()
    assert at.to_scheme(aid, report) is not None
    assert report.notes == [("at-1", "taux illisible « 0.0000001\\x1b[2J » ignoré")]


def test_a_refused_field_the_model_checks_names_its_source(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever the model refuses, the note names the source's field, not relance's."""
    aid = {"id": 7, "name": "x", "targeted_audiences": ["Communes"], "loan_amount": 10}
    monkeypatch.setattr(values, "MAX_MONEY", Decimal(10**15))
    aid["loan_amount"] = 10**13
    report = at.Report()
    assert at.to_scheme(aid, report) is None
    ((scheme_id, reason),) = report.skipped
    assert scheme_id == "at-7"
    assert reason.startswith("loan_amount « 10000000000000 »: funding.loan_amount: doit être ≤")


def test_a_predeposit_date_the_calendar_cannot_hold_names_its_field() -> None:
    aid = {"id": 1, "name": "x", "targeted_audiences": ["Communes"],
           "predeposit_date": "2999-12-31"}  # fmt: skip
    report = at.Report()
    assert at.to_scheme(aid, report) is None
    ((_, reason),) = report.skipped
    assert reason.startswith("predeposit_date « 2999-12-31 »: steps[2].start: date hors limites")


# --- one aid, field by field, on real records ---------------------------------------------------


def test_a_complete_django_aid(schemes: dict[str, dict[str, Any]]) -> None:
    aid = schemes["at-101817"]
    assert aid["title"] == "Accompagner les projets de développement local en zone rurale"
    assert aid["summary"].startswith(
        "LEADER (Liaison entre Actions de Développement de l'Economie Rurale) est un "
        "programme européen financé par le Fonds Européen Agricole de Développement Rural."
        "\n\nLe Programme LEADER est porté"
    )
    assert aid["summary"].endswith(
        "l'une des six thématiques :\n\n"
        "• Optimiser les conditions d'accueil des entreprises\n"
        "• Développer les activités économiques liées au tourisme et au patrimoine\n"
        "• Soutenir le développement des activités commerciales\n"
        "• Favoriser l'accès à la culture sur l'ensemble des Coëvrons\n"
        "• Favoriser la gestion performante des énergies sur le territoire\n"
        "• Encourager l'accessibilité aux services et une mobilité durable"
    )
    assert aid["requirements"] == [
        "Pour bénéficier du programme LEADER, il faut bénéficier d'un cofinancement public "
        "(Etat, Région, Département, Communes...) et remplir les conditions d'éligibilité du "
        "programme."
    ]
    assert aid["examples"] == []
    assert aid["perimeter"] == "CC des Coëvrons (EPCI)"
    assert aid["url"] == (
        "https://aides-territoires.beta.gouv.fr/aides/bbee-accompagner-les-projets-de-"
        "developpement-loca/"
    )
    assert aid["updated"] == date(2021, 10, 29)
    assert aid["call_for_projects"] is False
    assert aid["steps"] == [
        {
            "name": "Dépôt des candidatures",
            "accepts_applications": True,
            "start": date(2017, 5, 1),
            "end": date(2022, 5, 31),
        }
    ]


def test_a_complete_symfony_aid(schemes: dict[str, dict[str, Any]]) -> None:
    aid = schemes["at-162936"]
    assert aid["title"] == "Rendre attrayante une mobilité sobre"
    assert aid["perimeter"] == "PAYS DES CHÂTEAUX"
    assert aid["financers"] == ["Châteaux (Syndicat mixte)"]
    assert aid["instructors"] == ["Conseil régional du Centre-Val de Loire"]
    assert "operator" not in aid  # who examines the applications does not carry the aid
    assert aid["summary"].startswith(
        "Objectifs :\n\n-Penser l’accès aux services par une mobilité sobre, douce et/ou réduite"
    )
    assert aid["requirements"][3:5] == ["1- RAYONNEMENT", "2- PARTENARIAT & COLLABORATION"]
    assert "< 12/24 : Avis défavorable // Commentaires obligatoires" in aid["requirements"]
    assert aid["funding"] == {
        "support": ["Subvention"],
        "rate": 0.8,
        "rate_up_to": True,
        "note": "Taux variable en fonction du plan de financement et des cofinanceurs. "
        "Plancher d'aide LEADER : 5 000 € // Plafond d'aide LEADER : 30 000 €",
        "charged": False,
    }
    assert aid["steps"][0]["end"] == date(2024, 6, 22)


def test_links_are_made_absolute_and_checked() -> None:
    assert at.absolute_url("/aides/x/") == "https://aides-territoires.beta.gouv.fr/aides/x/"
    assert at.absolute_url("//example.org/a") == "https://example.org/a"
    assert at.absolute_url("javascript:alert(1)") is None
    assert at.absolute_url("ftp://example.org/a") is None
    assert at.absolute_url("https://example.org/\x1b[2J") is None
    assert at.absolute_url("https://example.org/a\n") == "https://example.org/a"


# --- rates and money ----------------------------------------------------------------------------


def test_rates_of_real_records(schemes: dict[str, dict[str, Any]]) -> None:
    assert schemes["at-58391"]["funding"]["rate"] == 0.15  # 0 to 15 %: the 0 is kept
    assert schemes["at-58391"]["funding"]["rate_low"] == 0
    assert schemes["at-90745"]["funding"] | {"support": []} == {
        "support": [], "rate": 0.6, "rate_low": 0,
    }  # fmt: skip
    assert schemes["at-30830"]["funding"]["rate_low"] == 0.3
    assert schemes["at-93501"]["funding"] == {
        "support": ["Subvention", "Ingénierie technique"],
        "rate": 0.7,
        "rate_up_to": True,
    }  # no lower bound: « jusqu'à 70 % »
    assert schemes["at-92257"]["funding"] == {"support": ["Subvention"], "rate_low": 0.5}
    assert schemes["at-117171"]["funding"]["rate_low"] == 0.8  # "à partir de 80 %"
    assert "rate" not in schemes["at-117171"]["funding"]


def test_no_real_rate_is_reported() -> None:
    """14 aids of the 2021 download range from 0 %: a valid lower bound, not a problem."""
    _, report = at.build(at.read_pages(REAL), TODAY)
    assert not [text for _, text in report.notes if "taux" in text]


def test_odd_rates(
    schemes: dict[str, dict[str, Any]], built: tuple[dict[str, Any], at.Report]
) -> None:
    report = built[1]
    assert notes(report, "at-990011") == ["taux hors de ]0, 100] « 150 » ignoré"]
    assert notes(report, "at-990012") == ["taux illisible « beaucoup » ignoré"]
    assert notes(report, "at-990013") == ["taux bas (60 %) au-dessus du taux (40 %) ignoré"]
    assert notes(report, "at-990014") == ["taux bas hors de [0, 100] « -5 » ignoré"]
    assert schemes["at-990013"]["funding"] == {"support": ["Subvention"], "rate": 0.4}
    assert schemes["at-990015"]["funding"]["rate"] == 0.333333
    assert "rate" not in schemes["at-990011"]["funding"]


def test_loans_advances_aid_types_and_paid_services(
    schemes: dict[str, dict[str, Any]], built: tuple[dict[str, Any], at.Report]
) -> None:
    assert schemes["at-990016"]["funding"] == {
        "support": ["Prêt", "Avance récupérable"],
        "rate": 0.5,
        "rate_up_to": True,
        "loan_amount": 100000,
        "recoverable_advance_amount": 50000.56,
        "charged": True,
    }
    assert notes(built[1], "at-990017") == [
        "montant hors limites « -3 » ignoré (loan_amount)",
        "montant illisible « beaucoup » ignoré (recoverable_advance_amount)",
    ]
    assert schemes["at-30568"]["funding"]["support"] == [
        "Subvention",
        "Ingénierie technique",
        "Ingénierie financière",
        "Ingénierie Juridique / administrative",
    ]
    assert schemes["at-34662"]["funding"]["charged"] is False


def test_aid_types_full_when_aid_types_is_missing() -> None:
    record = json.loads(Path(SYMFONY).read_text(encoding="utf-8"))["results"][2]
    assert record["aid_types_full"][0]["name"] == "Subvention"
    record = {**record, "aid_types": None}
    made = at.to_scheme(record, at.Report())
    assert made is not None and made.scheme["funding"]["support"] == ["Subvention"]


# --- dates and steps ------------------------------------------------------------------------------


def steps_of(scheme: dict[str, Any]) -> list[tuple[str, Any, Any]]:
    return [(s["name"], s.get("start"), s.get("end")) for s in scheme["steps"]]


def test_a_predeposit_date_is_a_step_of_its_own(schemes: dict[str, dict[str, Any]]) -> None:
    assert steps_of(schemes["at-44422"]) == [
        ("Pré-dépôt des candidatures", date(2018, 1, 1), date(2022, 6, 30)),
        ("Dépôt des candidatures", date(2022, 7, 1), date(2022, 9, 30)),
    ]
    assert steps_of(schemes["at-117177"]) == [
        ("Pré-dépôt des candidatures", date(2022, 4, 4), date(2022, 5, 28)),
        ("Dépôt des candidatures", date(2022, 5, 29), date(2022, 7, 15)),
    ]
    # aid 102297 asks for the pre-deposit on the deadline itself: one step says both
    assert steps_of(schemes["at-102297"]) == [
        ("Pré-dépôt et dépôt des candidatures", date(2021, 10, 1), date(2022, 1, 1)),
    ]
    # aid 30568 opens on its pre-deposit day
    assert steps_of(schemes["at-30568"])[0] == (
        "Pré-dépôt des candidatures", date(2016, 7, 1), date(2016, 7, 1),
    )  # fmt: skip


def test_dates_that_cannot_make_a_step(
    schemes: dict[str, dict[str, Any]], built: tuple[dict[str, Any], at.Report]
) -> None:
    report = built[1]
    # the page holds it twice, updated at the same moment: the record read last is kept
    assert steps_of(schemes["at-990002"]) == [
        ("Dépôt des candidatures", date(2026, 1, 1), date(2026, 12, 31))
    ]
    assert notes(report, "at-990003") == ["date impossible « 2026-02-30 » ignorée"]
    assert notes(report, "at-990004") == [
        "date illisible « bientôt » ignorée",
        "date illisible « pas une date » ignorée",
    ]
    assert notes(report, "at-990006") == ["date hors limites « 0001-01-01 » ignorée"]
    assert notes(report, "at-990007") == [
        "date de pré-dépôt (2026-02-01) avant l'ouverture (2026-03-01) ignorée"
    ]
    assert notes(report, "at-990008") == [
        "date de pré-dépôt (2027-02-01) après la date limite (2026-12-31) ignorée"
    ]
    assert len(schemes["at-990007"]["steps"]) == 1
    assert steps_of(schemes["at-990009"]) == [  # an ongoing aid with a pre-deposit date
        ("Pré-dépôt des candidatures", None, date(2026, 5, 15)),
        ("Dépôt des candidatures (aide permanente)", date(2026, 5, 16), None),
    ]
    assert steps_of(schemes["at-90745"]) == [("Dépôt des candidatures (aide permanente)",
                                               None, None)]  # fmt: skip


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


# --- text ---------------------------------------------------------------------------------------


def test_hostile_text_is_cleaned(
    schemes: dict[str, dict[str, Any]], built: tuple[dict[str, Any], at.Report]
) -> None:
    hostile = schemes["at-990001"]
    assert hostile["title"] == "Aide [31mrouge [0m inversée"
    assert hostile["summary"] == (
        "Texte [2J]0;titre piégé [31m et inversé.\n\nLien ordinaire (https://example.org/)."
    )  # scripts, styles, templates and javascript: links dropped; ESC, BEL, bidi removed
    assert hostile["requirements"] == ["[2J", "Vraie condition"]  # no lone "•" or ":"
    assert "application_url" not in hostile and "origin_url" not in hostile
    assert notes(built[1], "at-990001") == [
        "lien « javascript:alert(1) » ignoré (application_url)",
        "lien « https://example.org/\\x1b[2J » ignoré (origin_url)",
    ]
    cut = schemes["at-990032"]["summary"]
    assert at.TEXT_MAX - 20 < len(cut) <= at.TEXT_MAX
    assert cut.endswith(
        "très…\n\n[texte coupé à 20 000 caractères : la suite est sur la page de l'aide]"
    )
    assert schemes["at-990029"]["title"] == "Titre court seulement"


def test_empty_fields_stay_empty(schemes: dict[str, dict[str, Any]]) -> None:
    aid = schemes["at-990022"]
    assert aid["kinds"] == ["non-classe"] and aid["categories"] == []
    assert aid["requirements"] == [] and aid["examples"] == [] and aid["programmes"] == []
    for absent in ("operator", "application_url", "origin_url"):
        assert absent not in aid


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


def test_the_toml_writer_writes_what_a_toml_library_reads(
    built: tuple[dict[str, Any], at.Report],
) -> None:
    import tomli_w

    text = at.to_toml(built[0])
    assert tomli.loads(text) == tomli.loads(tomli_w.dumps(built[0]))
    tricky = {"t": {"a b": 'x\x7fy"\\\n\t\u2028é', "n": [1, 0.5, True], "d": date(2026, 1, 2)}}
    assert tomli.loads(at.to_toml(tricky)) == tricky


TOML_TEXT_CHARS = ["a", "é", "'", '"', "\\", "\n", "\r", "\t", "\x00", "\x7f", "[", "=", " ", "#"]


@given(st.text(st.sampled_from(TOML_TEXT_CHARS), max_size=300))
def test_every_text_is_written_as_toml_that_reads_back_the_same(text: str) -> None:
    table = {"t": {"short": text, "long": text * 3 + "x" * 120, "items": [text, "y" * 150]}}
    assert tomli.loads(at.to_toml(table)) == table


def test_long_texts_are_literal_strings_and_errors_after_them_keep_their_line(
    built: tuple[dict[str, Any], at.Report], tmp_path: Path, relance: Run
) -> None:
    """Summaries and lists read as a person writes them (no \\n), parse without a look at
    every character, and a line inside them that looks like TOML misleads no locator."""
    first, second = (dict(s) for s in built[0]["scheme"][:2])
    first["summary"] = 'Ligne une.\n[[scheme]]\nid = "leurre"\nrate = 7\n« Fin » de l\'aide.'
    first["examples"] = ["un exemple assez long " * 8, "et un autre, tout aussi long " * 6]
    second["funding"] = {**second.get("funding", {}), "rate": 7}
    text = at.to_toml({**built[0], "scheme": [first, second]})
    assert "summary = '''\nLigne une.\n[[scheme]]\n" in text
    assert "examples = [\n    '''un exemple" in text
    path = tmp_path / "aides.toml"
    path.write_text(text, encoding="utf-8")
    result = relance("validate", str(path))
    decoy, line = [n for n, row in enumerate(text.splitlines(), 1) if row == "rate = 7"]
    assert decoy < line  # the first one is inside the first summary
    assert result.exit_code == 1
    assert f'{path}:{line}: scheme "{second["id"]}": funding.rate' in result.stdout


# --- through the command line -----------------------------------------------------------------


def test_import_then_validate_match_and_calendar(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    result = relance("import", "aides-territoires", *PAGES, "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("71 aide(s) lue(s), 60 écrite(s) dans")
    assert "écartée at-990010 : subvention_rate_upper_bound « 1e-05 »" in result.stdout
    assert "écartée at-990018 : categories « | » inutilisable" in result.stdout
    assert (
        "publics non reconnus (gardés ; un refus devient « à vérifier ») : "
        "Syndicats intercommunaux à vocation unique (1), "
        "Offices de tourisme (1)" in result.stdout
    )
    assert relance("validate", str(out)).exit_code == 0
    tomli.loads(out.read_text(encoding="utf-8"))

    matched = relance(
        "match", "--catalog", str(out), "--applicant", "epci", "--type", "biodiversite",
        "--as-of", "2021-11-01", "--all", "--format", "json",
    )  # fmt: skip
    assert matched.exit_code == 0, matched.output
    results = {r["id"]: r for r in json.loads(matched.stdout)["results"]}
    for scheme_id in ("at-30830", "at-117171", "at-162935"):  # the three EPCI labels
        (applicant,) = [r for r in results[scheme_id]["reasons"] if r["rule"] == "applicant"]
        assert applicant["outcome"] == "pass", scheme_id
        assert results[scheme_id]["verdict"] != "ineligible", scheme_id
    # their perimeters: a water basin, the « PAYS DES CHÂTEAUX » (ad hoc)
    assert results["at-30830"]["verdict"] == results["at-162935"]["verdict"] == "possible"

    calendar = relance(
        "calendar", "--catalog", str(out), "--as-of", "2022-06-20", "--format", "json"
    )
    steps = [s for s in json.loads(calendar.stdout)["steps"] if s["scheme"] == "at-44422"]
    assert [(s["name"], s["status"], s["end"]) for s in steps] == [
        ("Pré-dépôt des candidatures", "current", "2022-06-30"),
        ("Dépôt des candidatures", "upcoming", "2022-09-30"),
    ]


def test_a_predeposit_deadline_closes_within(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    assert relance("import", "aides-territoires", DJANGO_2021, "-o", str(out)).exit_code == 0
    closing = relance(
        "match", "--catalog", str(out), "--closing-within", "15", "--as-of", "2022-06-20",
        "--applicant", "epci", "--format", "json",
    )  # fmt: skip
    (result,) = json.loads(closing.stdout)["results"]
    assert result["id"] == "at-44422" and result["deadline"] == "2022-06-30"
    assert result["next_step"] == {"name": "Dépôt des candidatures", "start": "2022-07-01"}
    later = relance(
        "match", "--catalog", str(out), "--closing-within", "90", "--as-of", "2022-07-15",
        "--format", "json",
    )  # fmt: skip
    assert [r["deadline"] for r in json.loads(later.stdout)["results"]] == ["2022-09-30"]


def test_a_predeposit_deadline_is_in_the_ics_export(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    assert relance("import", "aides-territoires", DJANGO_2021, "-o", str(out)).exit_code == 0
    ics = tmp_path / "aides.ics"
    result = relance("calendar", "at-44422", "--catalog", str(out), "--ics", str(ics))
    assert result.exit_code == 0, result.output
    text = ics.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Pré-dépôt des candidatures" in text and "DTEND;VALUE=DATE:20220701" in text
    assert "DTEND;VALUE=DATE:20221001" in text


def test_show_prints_the_funding_of_an_import(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    assert relance("import", "aides-territoires", *PAGES, "-o", str(out)).exit_code == 0
    shown = relance("show", "at-58391", "--catalog", str(out), "--format", "json")
    assert json.loads(shown.stdout)["funding"]["rate"] == 0.15
    loan = json.loads(relance("show", "at-990016", "--catalog", str(out), "--format", "json")
                      .stdout)["funding"]  # fmt: skip
    assert loan["loan_amount"] == 100000 and loan["recoverable_advance_amount"] == 50000.56
    assert loan["charged"] is True


def test_import_never_overwrites_without_force(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    out.write_text("mon travail", encoding="utf-8")
    refused = relance("import", "aides-territoires", SYMFONY, "-o", str(out))
    assert refused.exit_code == 2 and "existe déjà" in refused.stderr
    assert out.read_text(encoding="utf-8") == "mon travail"
    forced = relance("import", "aides-territoires", SYMFONY, "-o", str(out), "--force")
    assert forced.exit_code == 1 and "ne peut pas être comparé" in forced.stderr  # issue 25, D3
    assert out.read_text(encoding="utf-8") == "mon travail"
    shrink = ("--force", "--allow-shrink")
    forced = relance("import", "aides-territoires", SYMFONY, "-o", str(out), *shrink)
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


def test_no_message_points_into_a_file_not_written(relance: Run, tmp_path: Path) -> None:
    """The skips and notes name aids, source fields and values, never a line of the
    catalog being written, which may not exist."""
    out = tmp_path / "o.toml"
    result = relance("import", "aides-territoires", GENERATED, "-o", str(out))
    assert result.exit_code == 0
    assert str(out) + ":" not in result.stdout
    broken = relance("import", "aides-territoires", str(tmp_path / "absent.json"),
                     "-o", str(tmp_path / "never.toml"))  # fmt: skip
    assert broken.exit_code == 1 and "never.toml" not in broken.stderr


# --- --fetch against a local server --------------------------------------------------------------


class Replay(BaseHTTPRequestHandler):
    """Serves the fixture pages the way the API does: the user's token exchanged at
    `POST /api/connexion/` for a JWT, then pages for that bearer token only; fails once
    with 503 first; records what it was sent."""

    pages: ClassVar[dict[str, bytes]] = {}
    seen: ClassVar[list[tuple[str, str, str]]] = []
    fail_first = True
    status = 200
    TOKEN = "secret-token"
    JWT = "jwt-for-secret-token"

    def do_POST(self) -> None:
        given = self.headers.get("X-AUTH-TOKEN", "")
        Replay.seen.append(("POST", self.path, given))
        if self.path != "/api/connexion/" or given != Replay.TOKEN:
            self._send(401, b'{"message": "User not found"}')
        else:
            self._send(200, json.dumps({"token": Replay.JWT}).encode())

    def do_GET(self) -> None:
        auth = self.headers.get("Authorization", "")
        Replay.seen.append(("GET", self.path, auth))
        if Replay.fail_first:
            Replay.fail_first = False
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if auth != f"Bearer {Replay.JWT}":
            self._send(401, b'{"message": "JWT Token not found"}')
            return
        body = Replay.pages.get(self.path)
        status = Replay.status if body else 404
        self._send(status, body if body and status == 200 else b"{}")

    def _send(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


SERVED = [DJANGO_2021, SYMFONY]  # 25 + 4 real aids on two pages


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    pages = []
    for number, path in enumerate(SERVED, 1):
        page = json.loads(Path(path).read_text(encoding="utf-8"))
        del page["_provenance"]
        page["count"] = 29
        page["next"] = f"{base}/api/aids/?page={number + 1}" if number < len(SERVED) else None
        pages.append(json.dumps(page).encode())
    Replay.pages = {"/api/aids/": pages[0], "/api/aids/?page=2": pages[1]}
    Replay.seen, Replay.fail_first, Replay.status = [], True, 200
    thread = threading.Thread(target=httpd.serve_forever, args=(POLL_INTERVAL,), daemon=True)
    thread.start()
    yield f"{base}/api/aids/"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_follows_pages_with_the_token_and_retries(
    relance: Run, tmp_path: Path, server: str
) -> None:
    out = tmp_path / "live.toml"
    result = relance(
        "import", "aides-territoires", "--fetch", "--api-url", server, "-o", str(out),
        env={"RELANCE_AT_TOKEN": "secret-token"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("29 aide(s) lue(s), 29 écrite(s)")
    assert [(method, path) for method, path, _ in Replay.seen] == [
        ("POST", "/api/connexion/"),
        ("GET", "/api/aids/"),  # 503, then again
        ("GET", "/api/aids/"),
        ("GET", "/api/aids/?page=2"),
    ]
    assert {auth for method, _, auth in Replay.seen if method == "GET"} == {f"Bearer {Replay.JWT}"}
    assert relance("validate", str(out)).exit_code == 0


def test_fetch_refused_token(relance: Run, tmp_path: Path, server: str) -> None:
    Replay.fail_first = False
    result = relance(
        "import", "aides-territoires", "--fetch", "--api-url", server,
        "-o", str(tmp_path / "o.toml"), env={"RELANCE_AT_TOKEN": "wrong"},
    )  # fmt: skip
    assert result.exit_code == 1 and "vérifiez RELANCE_AT_TOKEN" in result.stderr
    assert not (tmp_path / "o.toml").exists()


def test_fetch_gives_up_on_a_dead_server(tmp_path: Path) -> None:
    from relance_cli.importers import client as fetch

    pauses: list[float] = []
    with pytest.raises(CatalogError, match="ne répond pas"):
        list(fetch.pages("http://127.0.0.1:9/api/", "t", timeout=1, sleep=pauses.append))
    assert pauses == [0.5, 1.0, 2.0]


def test_fetch_reports_progress(server: str) -> None:
    from relance_cli.importers import client as fetch

    progress: list[tuple[int, int | None]] = []
    pages = list(
        fetch.pages(
            server,
            Replay.TOKEN,
            sleep=lambda _: None,
            progress=lambda d, t: progress.append((d, t)),
        )
    )
    assert len(pages) == 2
    assert progress == [(25, 29), (29, 29)]
