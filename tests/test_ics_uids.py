"""Issue 25, D14: two steps of the same name in one scheme get two UIDs (an agenda keeps
one event per UID), stable from one run to the next and whatever rows are exported."""

from __future__ import annotations

from pathlib import Path

from helpers import ROOT, Run
from icalendar import Calendar

from relance_cli.output import ics

EXAMPLE = ROOT / "examples" / "mon-departement.toml"


def with_repeated_step(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        'name = "Commission d\'attribution"', 'name = "Dépôt des dossiers"'
    )
    assert text.count('name = "Dépôt des dossiers"') == 2
    path = tmp_path / "repeated.toml"
    path.write_text(text, encoding="utf-8")
    return path


def uids(relance: Run, path: Path, *more: str) -> list[str]:
    result = relance("calendar", "--catalog", str(path), "--ics", "-", *more)
    assert result.exit_code == 0, result.output
    return [str(e["uid"]) for e in Calendar.from_ical(result.stdout.encode()).walk("VEVENT")]


def test_steps_of_the_same_name_get_distinct_stable_uids(relance: Run, tmp_path: Path) -> None:
    path = with_repeated_step(tmp_path)
    first = uids(relance, path)
    assert len(first) == len(set(first)) == 2
    assert uids(relance, path) == first  # the next run: the same UIDs
    assert first[0] == ics.uid("exemple-bibliotheques-numeriques", "Dépôt des dossiers")
    assert first[1] == ics.uid("exemple-bibliotheques-numeriques", "Dépôt des dossiers", 2)
    assert uids(relance, path, "exemple-bibliotheques-numeriques") == first
