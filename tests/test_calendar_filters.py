"""`calendar` with the profile options, --open, --upcoming and several ids; --ics exports
exactly what the filters keep."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import Run, plain
from icalendar import Calendar


def schemes(run_json: Any, *args: str) -> list[str]:
    return [row["scheme"] for row in run_json("calendar", *args)["steps"]]


def test_calendar_of_one_project_type(run_json: Any) -> None:
    assert set(schemes(run_json, "--type", "donnees")) == {"donnees"}
    by_label = schemes(
        run_json,
        "--type",
        "Meilleur usage des données (IA, open data, archivage, tableaux de bord)",
    )
    assert by_label == schemes(run_json, "--type", "donnees")


def test_calendar_of_several_schemes(run_json: Any, relance: Run) -> None:
    found = schemes(run_json, "donnees", "cooperation", "donnees")
    assert set(found) == {"donnees", "cooperation"} and len(found) == 4
    table = relance("calendar", "donnees", "cooperation", "--as-of", "2021-03-01")
    assert "donnees" in table.stdout and "cooperation" in table.stdout  # the scheme column
    unknown = relance("calendar", "donnees", "donees-x")
    assert unknown.exit_code == 2 and "dispositif inconnu « donees-x »" in plain(unknown.stderr)


def test_upcoming_keeps_only_the_steps_not_over(run_json: Any) -> None:
    every = run_json("calendar", "--as-of", "2021-06-01")["steps"]
    ahead = run_json("calendar", "--upcoming", "--as-of", "2021-06-01")["steps"]
    assert {row["status"] for row in ahead} == {"current", "upcoming"}
    assert ahead == [row for row in every if row["status"] != "past"]
    assert len(ahead) < len(every)


def test_open_keeps_the_schemes_taking_applications(run_json: Any) -> None:
    found = set(schemes(run_json, "--open", "--as-of", "2021-06-15"))
    assert found == {"api-franceconnect", "guichets-prefets"}


def test_a_profile_keeps_the_schemes_it_may_apply_to(run_json: Any) -> None:
    verdicts = {
        r["id"]: r["verdict"]
        for r in run_json("match", "--commune", "Évron", "--all", "--as-of", "2021-03-01")[
            "results"
        ]
    }
    fitting = {scheme for scheme, verdict in verdicts.items() if verdict != "ineligible"}
    assert fitting and fitting != set(verdicts)
    assert set(schemes(run_json, "--commune", "Évron", "--as-of", "2021-03-01")) == fitting


def test_ics_exports_exactly_what_the_filters_keep(relance: Run, run_json: Any) -> None:
    args = ("--type", "donnees", "--upcoming", "--as-of", "2021-10-01")  # once announced
    rows = run_json("calendar", *args)["steps"]
    result = relance("calendar", *args, "--ics", "-")
    assert result.exit_code == 0
    events = Calendar.from_ical(result.stdout.encode()).walk("VEVENT")
    assert len(events) == len(rows) == 1
    assert str(events[0]["summary"]).endswith(": 2e appel à projets")


def test_timeline_and_ics_together_are_refused(relance: Run) -> None:
    result = relance("calendar", "--timeline", "--ics", "-")
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "--timeline et --ics" in line


@pytest.mark.parametrize("extra", [[], ["--type", "donnees"]])
def test_a_calendar_the_filters_empty_says_why(relance: Run, extra: list[str]) -> None:
    result = relance("calendar", "--open", *extra, "--as-of", "2026-12-04")
    assert result.exit_code == 0
    text = " ".join(plain(result.stdout).split())
    assert "fermés au 4 décembre 2026" in text or "fermé au 4 décembre 2026" in text
    assert "relance import aides-territoires --fetch" in text
