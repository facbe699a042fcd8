"""`relance diff OLD NEW` and the summary an import over an existing catalog ends with,
on the real 2021 download of Aides-territoires and a copy of it with one aid removed,
one deadline moved and one aid (from the 2022 download) added."""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, follows_output_schema, plain

FIXTURES = ROOT / "tests" / "data" / "aides-territoires"
PAGE_2021 = FIXTURES / "django-2021-11.json"
PAGE_2022 = FIXTURES / "django-2022-05.json"
REMOVED, MOVED, ADDED = "at-30830", "at-101817", "at-111688"


def edited_page(folder: Path) -> Path:
    """The 2021 page without at-30830, with at-101817's deadline a month later, and with
    at-111688 of the 2022 page."""
    page = json.loads(PAGE_2021.read_text(encoding="utf-8"))
    newer = json.loads(PAGE_2022.read_text(encoding="utf-8"))["results"]
    aids = [aid for aid in page["results"] if f"at-{aid['id']}" != REMOVED]
    for aid in aids:
        if f"at-{aid['id']}" == MOVED:
            assert aid["submission_deadline"] == "2022-05-31"
            aid["submission_deadline"] = "2022-06-30"
    aids += [aid for aid in newer if f"at-{aid['id']}" == ADDED]
    page["results"] = aids
    path = folder / "edited.json"
    path.write_text(json.dumps(page), encoding="utf-8")
    return path


@pytest.fixture
def catalogs(relance: Run, tmp_path: Path) -> tuple[str, str]:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    for page, target in ((PAGE_2021, old), (edited_page(tmp_path), new)):
        result = relance("import", "aides-territoires", str(page), "-o", str(target))
        assert result.exit_code == 0, result.output
    return str(old), str(new)


def test_diff_reports_exactly_the_three_changes(run_json: Any, catalogs: tuple[str, str]) -> None:
    found = run_json("diff", *catalogs)
    follows_output_schema(found, "diff")
    assert [s["id"] for s in found["added"]] == [ADDED]
    assert [s["id"] for s in found["removed"]] == [REMOVED]
    assert found["changed"] == [
        {
            "id": MOVED,
            "title": "Accompagner les projets de développement local en zone rurale",
            "changes": [{"field": "steps[0].end", "old": "2022-05-31", "new": "2022-06-30"}],
        }
    ]
    assert found["added"][0]["steps"] == [
        {"name": "Dépôt des candidatures", "start": None, "end": "2024-01-31"}
    ]


def test_diff_as_a_table_and_as_csv(relance: Run, catalogs: tuple[str, str]) -> None:
    old, new = catalogs
    table = plain(relance("diff", old, new).stdout).splitlines()
    assert table == [
        f"Changements de {old} à {new} : 1 nouvelle, 1 modifiée, 1 disparue",
        "Nouvelles :",
        f"  + {ADDED}  Soutenir les projets contribuant au développement du territoire de "
        "l'Argonne Ardennaise",
        "Disparues :",
        f"  - {REMOVED}  Restaurer la continuité écologique (étude)",
        "Modifiées :",
        f"  ~ {MOVED}  Accompagner les projets de développement local en zone rurale",
        "      fin de l'étape « Dépôt des candidatures » : 31 mai 2022 → 30 juin 2022",
    ]
    csv = relance("diff", old, new, "--format", "csv").stdout.lstrip("\ufeff").splitlines()
    assert csv[0] == "change,id,title,field,old,new"
    assert csv[3].startswith(f"changed,{MOVED},") and csv[3].endswith(
        ",steps[0].end,2022-05-31,2022-06-30"
    )
    assert [row.split(",")[:2] for row in csv[1:3]] == [["added", ADDED], ["removed", REMOVED]]


def test_a_catalog_against_itself_has_no_change(relance: Run, catalogs: tuple[str, str]) -> None:
    old, _new = catalogs
    assert plain(relance("diff", old, old).stdout) == (
        f"Changements de {old} à {old} : 0 nouvelle, 0 modifiée, 0 disparue\n"
    )


def _concerned(run_json: Any, catalog: str, *profile: str) -> set[str]:
    found = run_json("match", "--catalog", catalog, "--all", *profile)
    return {r["id"] for r in found["results"] if r["verdict"] != "ineligible"}


def test_with_a_profile_only_what_concerns_it(run_json: Any, catalogs: tuple[str, str]) -> None:
    old, new = catalogs
    profile = ("--commune", "69123", "--as-of", "2021-11-15")
    concerned = _concerned(run_json, old, *profile) | _concerned(run_json, new, *profile)
    expected = {i for i in (REMOVED, MOVED, ADDED) if i in concerned}
    assert expected != {REMOVED, MOVED, ADDED}  # the profile leaves something out
    found = run_json("diff", old, new, *profile)
    ids = [s["id"] for key in ("added", "removed", "changed") for s in found[key]]
    assert sorted(ids) == sorted(expected)


def test_import_over_a_catalog_ends_with_a_summary(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "aides.toml"
    assert relance("import", "aides-territoires", str(PAGE_2021), "-o", str(target)).exit_code == 0
    again = [str(edited_page(tmp_path)), "-o", str(target), "--force"]
    result = relance("import", "aides-territoires", *again)
    assert result.exit_code == 0, result.output
    assert plain(result.stdout).splitlines()[-1] == (
        f"Depuis le précédent {target} : 1 nouvelle, 1 modifiée, 1 disparue "
        "(--diff pour le détail)."
    )
    target.unlink()
    relance("import", "aides-territoires", str(PAGE_2021), "-o", str(target))
    detailed = plain(relance("import", "aides-territoires", *again, "--diff").stdout)
    assert f"Changements de l'ancien {target} à {target} : 1 nouvelle" in detailed
    assert "31 mai 2022 → 30 juin 2022" in detailed


def test_a_first_import_has_nothing_to_compare(relance: Run, tmp_path: Path) -> None:
    target = tmp_path / "aides.toml"
    result = relance("import", "aides-territoires", str(PAGE_2021), "-o", str(target), "--diff")
    assert result.exit_code == 0
    assert "Depuis" not in result.stdout and "Changements" not in result.stdout


def test_a_missing_catalog_is_one_line(relance: Run, tmp_path: Path) -> None:
    result = relance("diff", str(tmp_path / "absent.toml"), "builtin")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1 and "absent.toml" in result.stderr


def test_who_may_apply_perimeter_and_links_are_compared(
    relance: Run, run_json: Any, tmp_path: Path
) -> None:
    page = json.loads(PAGE_2021.read_text(encoding="utf-8"))
    (aid,) = [a for a in page["results"] if f"at-{a['id']}" == MOVED]
    aid["targeted_audiences"] = ["Communes"]
    aid["perimeter"] = "Mayenne (Département)"
    aid["application_url"] = None
    edited = tmp_path / "edited.json"
    edited.write_text(json.dumps(page), encoding="utf-8")
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    for source, target in ((PAGE_2021, old), (edited, new)):
        assert relance("import", "aides-territoires", str(source), "-o", str(target)).exit_code == 0
    (changed,) = run_json("diff", str(old), str(new))["changed"]
    fields = {c["field"]: (c["old"], c["new"]) for c in changed["changes"]}
    assert fields["perimeter"] == ("CC des Coëvrons (EPCI)", "Mayenne (Département)")
    assert fields["eligibility.applicants"] == (
        ["collectivite", "groupement", "partenaire"],
        ["collectivite"],
    )
    assert fields["application_url"][1] is None
    table = plain(relance("diff", str(old), str(new)).stdout)
    assert (
        "      candidats admis : collectivités, groupements, partenaires → collectivités\n" in table
    )
    assert "      lien pour candidater : https://www.coevrons.fr/" in table and " → —\n" in table


@pytest.mark.parametrize("columns", [40, 80])
def test_long_lines_wrap_under_their_text(relance: Run, tmp_path: Path, columns: int) -> None:
    """The two full real pages (hundreds of changes): every line fits the screen but a
    whole address; a title continues under the title, a change under the change; the
    words are those of the unwrapped answer, in the same order."""
    from helpers import import_real_page
    from rich.cells import cell_len

    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old = import_real_page(tmp_path / "old", "django-2021-11-full.json.gz")
    new = import_real_page(tmp_path / "new", "django-2022-05-full.json.gz")
    wide = relance("diff", str(old), str(new), env={"COLUMNS": "1000"})
    narrow = relance("diff", str(old), str(new), env={"COLUMNS": str(columns)})
    assert wide.exit_code == narrow.exit_code == 0
    assert narrow.stdout.split() == wide.stdout.split()
    lines = narrow.stdout.splitlines()
    assert len(lines) > len(wide.stdout.splitlines())  # some did wrap
    for line in lines[1:]:  # the heading names files: one line, for scripts
        assert cell_len(line) <= columns or " " not in line.strip(), line
    for above, below in itertools.pairwise(lines):
        if above.startswith(("  + ", "  - ", "  ~ ")) and below.startswith(" " * 7):
            title = above.index("  ", 4) + 2
            if title <= columns // 2:
                assert len(below) - len(below.lstrip()) == title, (above, below)
        if above.startswith("      ") and not above.startswith("       "):
            assert not below.startswith("       ") or below.startswith(" " * 8), below
