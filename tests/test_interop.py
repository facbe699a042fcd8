"""CSV, JSON shapes, iCalendar export, catalog validation and the catalog schema."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli
from helpers import ROOT, SHIPPED, Run, follows_output_schema, write_catalog
from icalendar import Calendar

from relance_cli import files
from relance_cli.catalog import loading as catalog
from relance_cli.core.schedule import chronology
from relance_cli.errors import UsageError
from relance_cli.output import ics

EXAMPLE = ROOT / "examples" / "mon-departement.toml"
ERRORS = ROOT / "examples" / "invalides" / "erreurs.toml"
OUTPUT_SCHEMA = json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8"))


def excel_reads(data: bytes) -> str:
    """How Excel opens a CSV: UTF-8 when it starts with a BOM, else the legacy code page."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    return data.decode("cp1252", errors="replace")


def csv_rows(relance: Run, *args: str) -> list[dict[str, str]]:
    result = relance(*args, "--format", "csv")
    assert result.exit_code == 0, result.output
    data = result.stdout_bytes
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(excel_reads(data))))


# --- CSV ----------------------------------------------------------------------------------------


def test_list_csv_one_row_per_scheme_with_accents(relance: Run) -> None:
    rows = csv_rows(relance, "list", "--as-of", "2021-02-22")
    assert [r["id"] for r in rows] == [
        "consultation-incubateur", "dematerialisation", "donnees", "cooperation",
        "api-franceconnect", "guichets-prefets", "investigations",
    ]  # fmt: skip
    assert rows[1]["title"] == (
        "La dématérialisation ou l'amélioration des services dématérialisés aux usagers"
    )
    assert rows[2]["excluded_costs"] == "personnel; materiel"
    assert rows[0]["application_windows"] == "2021-01-25/2021-03-15"
    assert rows[1]["application_windows"] == "2021-01-25/2021-05-28"  # the 2nd: not yet known
    assert (rows[1]["rate"], rows[1]["min_population"]) == ("0.5", "500000")  # 1st session
    assert (rows[4]["rate"], rows[4]["application_windows"]) == ("", "/")  # no date known yet
    assert (rows[1]["status"], rows[1]["deadline"], rows[1]["days_left"]) == (
        "open", "2021-05-28", "95"
    )  # fmt: skip
    assert rows[1]["catalog"] == "builtin"


def test_match_csv_carries_verdicts_reasons_and_estimates(relance: Run) -> None:
    rows = csv_rows(
        relance, "match", "--population", "20000", "--all", "--budget", "300000",
        "--staff-costs", "100000", "--equipment-costs", "50000", "--as-of", "2021-05-01",
    )  # fmt: skip
    by_id = {r["id"]: r for r in rows}
    assert by_id["donnees"]["verdict"] == "ineligible"
    assert "population concernée 20 000 < environ 500 000" in by_id["donnees"]["reasons"]
    assert (by_id["donnees"]["eligible_base"], by_id["donnees"]["amount"]) == ("", "")  # refused
    assert by_id["consultation-incubateur"]["verdict"] == "eligible"
    assert by_id["consultation-incubateur"]["amount"] == "150000"
    assert by_id["donnees"]["session"] == "1ère session"
    assert (by_id["guichets-prefets"]["rate"], by_id["guichets-prefets"]["amount"]) == ("", "")


def test_calendar_csv_one_row_per_step(relance: Run) -> None:
    rows = csv_rows(relance, "calendar", "--as-of", "2021-03-15")
    assert len(rows) == 10  # the steps announced by 15 March 2021, not those of later revisions
    assert rows[-1] == {  # the article's calendar: the revision of 16 March is still to come
        "scheme": "consultation-incubateur",
        "name": "Développement et déploiement des services numériques lauréats",
        "start": "2021-06-01",
        "end": "",
        "status": "upcoming",
        "accepts_applications": "false",
        "days_left": "",
        "announced": "2021-01-21",
    }
    api = next(r for r in rows if r["scheme"] == "api-franceconnect")
    assert (api["start"], api["end"], api["status"]) == ("", "", "current")  # no date known yet
    assert not any(r["name"].startswith("Groupes de travail") for r in rows)


def test_without_a_bom_excel_would_garble_the_accents() -> None:
    text = "é"
    assert excel_reads(text.encode("utf-8")) != text
    assert excel_reads(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize("dangerous", ["=HYPERLINK(1)", "+1", "-2", "@SUM(A1)"])
def test_csv_neutralises_formulas(relance: Run, tmp_path: Path, dangerous: str) -> None:
    text = SHIPPED.read_text(encoding="utf-8").replace(
        'name = "1er appel à projets"', f'name = "{dangerous}"'
    )
    mine = write_catalog(tmp_path, text)
    rows = csv_rows(relance, "calendar", "cooperation", "--catalog", str(mine))
    assert rows[0]["name"] == "'" + dangerous


def test_show_refuses_csv(relance: Run) -> None:
    result = relance("show", "donnees", "--format", "csv")
    assert result.exit_code == 2 and "valeurs possibles : table, json" in result.stderr


# --- JSON shapes against the schema kept in the repo --------------------------------------------


@pytest.mark.parametrize(
    ("shape", "args"),
    [
        ("list", ["list", "--as-of", "2021-02-01"]),
        ("show", ["show", "consultation-incubateur", "--as-of", "2021-02-01"]),
        ("show", ["show", "donnees", "--population", "480000", "--budget", "1000"]),
        ("show", ["show", "donnees", "--population", "350000", "--explain", "--budget", "1"]),
        ("test", ["test"]),
        ("match", ["match", "--all", "--budget", "300000", "--staff-costs", "1000,50"]),
        ("match", ["match", "--applicant", "region", "--type", "donnees", "--as-of", "2021-05-20"]),
        ("calendar", ["calendar", "--as-of", "2021-03-15"]),
        ("search", ["search", "données", "--all", "--budget", "1000", "--as-of", "2021-02-01"]),
        ("search", ["search", "zzzz"]),
        ("types", ["types"]),
        ("validate", ["validate", str(SHIPPED), str(ERRORS)]),
    ],
)
def test_json_output_follows_the_documented_schema(
    relance: Run, shape: str, args: list[str]
) -> None:
    result = relance(*args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    follows_output_schema(json.loads(result.stdout), shape)


def test_the_schema_would_catch_a_changed_shape() -> None:
    with pytest.raises(jsonschema.ValidationError):
        follows_output_schema({"as_of": "2021-01-01", "steps": [], "extra": 1}, "calendar")


# --- iCalendar ------------------------------------------------------------------------------------


def parse(data: bytes) -> dict[str, Any]:
    events = {}
    for event in Calendar.from_ical(data).walk("VEVENT"):
        events[str(event["summary"])] = event
    return events


def test_ics_export_every_field(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "relance.ics"
    result = relance("calendar", "--ics", str(target), "--remind", "7")
    assert result.exit_code == 0, result.output
    assert "14 événements écrits dans" in result.stderr
    parsed = Calendar.from_ical(target.read_bytes())
    assert str(parsed["version"]) == "2.0"
    events = parse(target.read_bytes())
    assert len(events) == 14
    session = events[
        "La dématérialisation ou l'amélioration des services dématérialisés aux usagers : "
        "1ère session"
    ]
    assert session["dtstart"].dt == date(2021, 1, 25)
    assert session["dtend"].dt == date(2021, 5, 29)  # exclusive: the day after 28 May
    assert "https://france-relance.transformation.gouv.fr/b78b-ameliorer-lexperience-usager-dans-" \
           "une-demarch/" in str(session["description"]).replace("\n", "")  # fmt: skip
    assert str(session["uid"]) == ics.uid("dematerialisation", "1ère session")
    (alarm,) = session.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].params["RELATED"] == "END"
    # 7 days before the last day (28 May), at 9 a.m.: DTEND 29 May minus 8 days plus 9 hours
    assert alarm["trigger"].dt == -timedelta(days=8) + timedelta(hours=9)
    laureats = next(e for s, e in events.items() if "lauréats" in s)
    assert laureats["dtstart"].dt == date(2021, 7, 5)
    assert "dtend" not in laureats  # open-ended: no end is invented
    assert "sans fin annoncée" in str(laureats["description"])
    assert not laureats.walk("VALARM")  # no deadline, no reminder
    support = next(e for s, e in events.items() if "Soutien aux projets" in s)
    assert not support.walk("VALARM")  # not an application step
    api = next(e for s, e in events.items() if s.startswith("Guichet national API"))
    assert api["dtstart"].dt == date(2022, 6, 27)  # no opening announced: the deadline alone
    assert "(date limite)" in str(api["summary"])


def test_ics_uids_are_stable_and_unique() -> None:
    rows = chronology(catalog.load([catalog.BUILTIN]).schemes, date(2021, 1, 1))
    first = ics.calendar(rows, stamp=datetime(2021, 1, 1, tzinfo=None), remind_days=None)
    second = ics.calendar(rows, stamp=datetime(2022, 6, 1, tzinfo=None), remind_days=None)
    uids = [str(e["uid"]) for e in Calendar.from_ical(first).walk("VEVENT")]
    assert len(set(uids)) == len(uids) == 14
    assert uids == [str(e["uid"]) for e in Calendar.from_ical(second).walk("VEVENT")]


def test_ics_to_stdout_and_for_one_scheme(relance: Run) -> None:
    result = relance("calendar", "donnees", "--ics", "-")
    assert result.exit_code == 0
    first, second = Calendar.from_ical(result.stdout.encode()).walk("VEVENT")
    assert str(first["summary"]).endswith(": 1ère session")
    assert str(second["summary"]).endswith(": 2e appel à projets")


def test_ics_never_overwrites_without_force(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "agenda.ics"
    target.write_text("mon agenda", encoding="utf-8")
    result = relance("calendar", "--ics", str(target))
    assert result.exit_code == 2
    assert "existe déjà ; ajoutez --force" in result.stderr
    assert target.read_text(encoding="utf-8") == "mon agenda"
    forced = relance("calendar", "--ics", str(target), "--force")
    assert forced.exit_code == 0 and target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agenda.ics"]  # no temporary left


def test_ics_options_need_ics(relance: Run) -> None:
    assert relance("calendar", "--remind", "3").exit_code == 2
    assert relance("calendar", "--ics", "x.ics", "--remind", "-3").exit_code == 2


def test_write_new_is_atomic_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.ics"
    target.write_bytes(b"old")

    def crash(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        files.write_new(target, b"new", force=True, option="--ics")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ics"]


def test_write_new_refuses_a_directory_and_a_race(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(UsageError, match="est un dossier"):
        files.write_new(tmp_path, b"x", force=False, option="--ics")
    target = tmp_path / "late.ics"

    def appears(source: str, destination: Path) -> None:
        destination.write_bytes(b"someone else's")
        raise FileExistsError

    monkeypatch.setattr(files.os, "link", appears)
    with pytest.raises(UsageError, match="existe déjà"):
        files.write_new(target, b"mine", force=False, option="--ics")
    assert target.read_bytes() == b"someone else's"


# --- validate and schema ---------------------------------------------------------------


def test_validate_reports_every_error_with_a_summary(relance: Run) -> None:
    result = relance("validate", str(SHIPPED), str(ERRORS), str(EXAMPLE))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == f"✓ {SHIPPED} : 7 dispositifs, valides"
    errors = [line for line in lines if line.startswith("✗")]
    assert len(errors) == 4
    assert all(f"{ERRORS}:" in line and 'scheme "aide-exemple"' in line for line in errors)
    assert f"✓ {EXAMPLE} : 1 dispositif, valide" in lines
    assert lines[-1] == "3 fichiers vérifiés : 4 erreurs, 1 fichier invalide"


def test_validate_ok_and_duplicates_across_files(relance: Run, tmp_path: Path) -> None:
    ok = relance("validate", str(EXAMPLE))
    assert ok.exit_code == 0 and ok.stdout.endswith("1 fichier vérifié : aucune erreur\n")
    copy = write_catalog(tmp_path, EXAMPLE.read_text(encoding="utf-8"))
    twice = relance("validate", str(EXAMPLE), str(copy), "--format", "json")
    assert twice.exit_code == 1
    report = json.loads(twice.stdout)
    assert report["valid"] is False and all(f["valid"] for f in report["files"])
    (error,) = report["errors"]
    assert str(copy) in error and str(EXAMPLE) in error


def test_validate_missing_and_builtin(relance: Run, tmp_path: Path) -> None:
    result = relance("validate", "builtin", str(tmp_path / "absent.toml"))
    assert result.exit_code == 1
    assert "fichier introuvable" in result.stdout
    assert "✓ schemes.toml (catalogue intégré) : 7 dispositifs, valides" in result.stdout


def toml_as_json(path: Path) -> Any:
    return json.loads(json.dumps(tomli.loads(path.read_text(encoding="utf-8")), default=str))


def test_schema_command_describes_the_catalog_format(relance: Run) -> None:
    result = relance("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "Catalogue relance"
    for good in (SHIPPED, EXAMPLE):
        jsonschema.validate(toml_as_json(good), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(toml_as_json(ERRORS), schema)  # the misspelt key is refused


def test_example_catalog_adds_a_scheme_to_the_shipped_one(relance: Run) -> None:
    result = relance(
        "match", "--catalog", "builtin", "--catalog", str(EXAMPLE), "--type", "lecture-publique",
        "--applicant", "commune", "--population", "5000", "--as-of", "2026-06-01",
        "--budget", "20000", "--staff-costs", "5000", "--format", "json",
    )  # fmt: skip
    (only,) = json.loads(result.stdout)["results"]
    assert (only["id"], only["verdict"], only["status"]) == (
        "exemple-bibliotheques-numeriques", "eligible", "open"
    )  # fmt: skip
    assert only["estimate"] == {"eligible_base": 15000, "rate": 0.4, "amount": 6000}
    assert only["next_step"] == {"name": "Commission d'attribution", "start": "2027-01-20"}


def test_the_output_schema_names_every_value_of_the_vocabulary() -> None:
    from relance_cli.core.vocabulary import Applicant, Category

    eligibility = OUTPUT_SCHEMA["$defs"]["scheme"]["properties"]["eligibility"]["properties"]
    assert eligibility["applicants"]["items"]["enum"] == [c.value for c in Category]
    assert eligibility["applicant_types"]["items"]["enum"] == [a.value for a in Applicant]
    profile = OUTPUT_SCHEMA["$defs"]["match"]["properties"]["profile"]["properties"]
    assert profile["applicant"]["enum"] == [*(a.value for a in Applicant), None]
