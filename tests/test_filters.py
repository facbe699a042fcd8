"""--financer and --aid-type on `match` and `search`, and the answer when filters leave
nothing: which filter removed how many, and what to do next (never a bare « aucun »)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, plain

PAGE = ROOT / "tests" / "data" / "aides-territoires" / "django-2021-11-full.json.gz"
ON = "2021-11-06"


def aids() -> list[dict[str, Any]]:
    with gzip.open(PAGE, "rt", encoding="utf-8") as dump:
        results: list[dict[str, Any]] = json.load(dump)["results"]
    return results


@pytest.fixture(scope="module")
def imported(real_catalog: Callable[[str], Path]) -> Path:
    return real_catalog("filters")


def ids(relance: Run, *args: str) -> set[str]:
    result = relance(*args, "--as-of", ON, "--all", "--format", "json")
    assert result.exit_code == 0, result.output
    return {r["id"] for r in json.loads(result.stdout)["results"]}


@pytest.mark.parametrize(
    "given", ["Banque des Territoires", "banque des TERRITOIRES", "banque des terr"]
)
def test_financer_keeps_exactly_the_aids_it_funds(relance: Run, imported: Path, given: str) -> None:
    funded = {f"at-{a['id']}" for a in aids() if "Banque des Territoires" in a["financers"]}
    assert len(funded) == 22
    assert ids(relance, "match", "--catalog", str(imported), "--financer", given) == funded


def test_aid_type_keeps_the_aids_offering_it(relance: Run, imported: Path) -> None:
    loans = {f"at-{a['id']}" for a in aids() if "Prêt" in a["aid_types"]}
    assert ids(relance, "match", "--catalog", str(imported), "--aid-type", "pret") == loans
    engineering = {
        f"at-{a['id']}" for a in aids() if any(t.startswith("Ingénierie") for t in a["aid_types"])
    }
    found = ids(relance, "match", "--catalog", str(imported), "--aid-type", "ingénierie")
    assert found == engineering


def test_filters_combine_with_a_search(relance: Run, imported: Path) -> None:
    catalog = ("--catalog", str(imported))
    every = ids(relance, "search", "prêt", *catalog)
    bank = ids(relance, "search", "prêt", *catalog, "--financer", "Banque des Territoires")
    funded = {f"at-{a['id']}" for a in aids() if "Banque des Territoires" in a["financers"]}
    assert bank and bank == every & funded


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--financer", "Banque des Teritoires"], "valeurs proches : Banque des Territoires"),
        (["--financer", ""], "--financer : aucun élément des catalogues chargés ne contient «  »"),
        (["--aid-type", "donation"], "--aid-type : aucun élément"),
    ],
)
def test_a_filter_nothing_holds_is_a_usage_error(
    relance: Run, imported: Path, args: list[str], expected: str
) -> None:
    result = relance("match", "--catalog", str(imported), *args)
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert expected in plain(line)


def test_the_shipped_aid_types_are_listed_when_few(relance: Run) -> None:
    line = relance("match", "--aid-type", "prêt").stderr
    assert "valeurs : " in line and "Cofinancement" in line


# --- no dead ends -------------------------------------------------------------------------------


def test_an_empty_answer_says_which_filter_removed_what_and_what_to_do(relance: Run) -> None:
    result = relance("match", "--commune", "Évron", "--open", "--as-of", "2026-12-04")
    assert result.exit_code == 0
    text = " ".join(plain(result.stdout).split())
    assert "Aucun résultat sur 7 dispositifs : 3 ne conviennent pas à ce profil" in text
    assert "4 sont fermés au 4 décembre 2026 ; le dernier a fermé le 27 juin 2022" in text
    assert "relance import aides-territoires --fetch" in text
    assert "--as-of 2022-06-27" in text
    assert "--all montre aussi" in text


def test_with_all_the_answer_changes_and_the_all_hint_goes(relance: Run) -> None:
    result = relance("match", "--commune", "Évron", "--open", "--all", "--as-of", "2026-12-04")
    assert result.exit_code == 0
    text = " ".join(plain(result.stdout).split())
    assert (
        "les 7 dispositifs sont fermés au 4 décembre 2026 ; le dernier a fermé le 27 juin 2022"
        in text
    )
    assert "relance import aides-territoires --fetch" in text
    assert "--all" not in text


def test_a_window_that_leaves_nothing_does_not_send_to_the_import(relance: Run) -> None:
    args = ("match", "--commune", "Évron", "--closing-within", "30", "--as-of", "2021-06-01")
    text = " ".join(plain(relance(*args).stdout).split())
    assert "écartés par --closing-within" in text
    assert "import" not in text


def test_funder_and_aid_type_removals_are_counted(relance: Run, imported: Path) -> None:
    args = ("match", "--catalog", str(imported), "--as-of", ON, "--applicant", "region")
    text = " ".join(
        plain(
            relance(*args, "--financer", "Banque des Territoires", "--aid-type", "avance").stdout
        ).split()
    )
    assert "n'ont pas ce financeur (--financer)" in text
    assert "Un texte plus court pour --financer ou --aid-type" in text


def test_a_search_that_finds_nothing_says_so(relance: Run) -> None:
    result = relance("search", "introuvablissime")
    assert result.exit_code == 0
    assert "Aucun dispositif ne contient tous ces mots" in plain(result.stdout)


# --- list --open, --closing-within --------------------------------------------------------------


def test_list_open_keeps_the_schemes_open_that_day(run_json: Any) -> None:
    payload = run_json("list", "--open", "--as-of", "2021-06-15")
    assert [s["id"] for s in payload["schemes"]] == ["api-franceconnect", "guichets-prefets"]
    assert {s["status"] for s in payload["schemes"]} == {"open"}
    every = run_json("list", "--as-of", "2021-06-15")["schemes"]
    assert len(every) == 7


def test_list_closing_within_keeps_the_nearest_deadlines(run_json: Any, relance: Run) -> None:
    # deadlines known on that day: the first sessions' (the guichets' were announced later)
    near = run_json("list", "--closing-within", "400", "--as-of", "2021-05-20")["schemes"]
    assert [s["id"] for s in near] == ["dematerialisation", "donnees", "cooperation"]
    result = relance("list", "--closing-within", "5", "--as-of", "2021-05-20")
    text = " ".join(plain(result.stdout).split())
    assert result.exit_code == 0
    assert "5 écartés par --closing-within ; 2 sont fermés au 20 mai 2021" in text
    assert "import" not in text  # open schemes were left out: the catalog is not stale


def test_list_open_today_says_everything_closed_and_what_to_do(relance: Run) -> None:
    result = relance("list", "--open", "--as-of", "2026-12-04")
    assert result.exit_code == 0
    text = " ".join(plain(result.stdout).split())
    assert (
        "les 7 dispositifs sont fermés au 4 décembre 2026 ; le dernier a fermé le 27 juin 2022"
        in text
    )
    assert "relance import aides-territoires --fetch" in text


def test_a_saved_profile_holds_the_funder_and_the_aid_type(
    relance: Run, imported: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`profile save --financer --aid-type`: the profile's filters apply as the options do,
    and an option given replaces the profile's."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path))
    catalog = str(imported)
    saved = relance(
        "profile", "save", "banque", "--catalog", catalog,
        "--financer", "Banque des Territoires", "--aid-type", "pret",
    )  # fmt: skip
    assert saved.exit_code == 0, saved.output
    stored = (tmp_path / "relance" / "profiles.toml").read_text(encoding="utf-8")
    assert 'financer = "Banque des Territoires"' in stored and 'aid-type = "pret"' in stored
    direct = ids(
        relance, "match", "--catalog", catalog, "--financer", "Banque des Territoires",
        "--aid-type", "pret",
    )  # fmt: skip
    assert direct and ids(relance, "match", "--profile", "banque") == direct
    assert ids(relance, "search", "prêt", "--profile", "banque") <= direct
    wider = ids(relance, "match", "--profile", "banque", "--aid-type", "subvention")
    assert wider != direct  # the option replaces the profile's aid type
    refused = relance("profile", "save", "x", "--catalog", catalog, "--financer", "zzzz")
    assert refused.exit_code == 2 and "--financer" in refused.stderr
