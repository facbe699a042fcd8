"""Where an export cannot go: one line naming the option, the file and the reason."""

from __future__ import annotations

from pathlib import Path

from helpers import Run


def test_an_export_into_a_missing_folder_says_it_cannot_write_there(
    relance: Run, tmp_path: Path
) -> None:
    target = tmp_path / "absent" / "relance.ics"
    result = relance("calendar", "--ics", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Erreur : --ics : impossible d'écrire dans {target.parent} (")
    assert not target.parent.exists()


def test_an_export_below_a_file_says_the_target_is_unreachable(
    relance: Run, tmp_path: Path
) -> None:
    plain_file = tmp_path / "notes.txt"
    plain_file.write_text("x", encoding="utf-8")
    target = plain_file / "relance.ics"
    result = relance("calendar", "--ics", str(target))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Erreur : --ics : {target} inaccessible (")
    assert plain_file.read_text(encoding="utf-8") == "x"
