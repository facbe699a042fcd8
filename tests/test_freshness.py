"""The newest record wins when downloads overlap, and the source's dates say how fresh a
scheme is (`show`, JSON, `match --published-since / --updated-since`). Real records only:
the 2021 and 2022 downloads of Aides-territoires hold the same aids at different dates."""

from __future__ import annotations

import gzip
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, plain

FIXTURES = ROOT / "tests" / "data" / "aides-territoires"
PAGE_2021 = str(FIXTURES / "django-2021-11.json")
PAGE_2022 = str(FIXTURES / "django-2022-05.json")


@pytest.fixture(scope="module")
def full_pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The two whole downloads (473 and 468 aids, 400 of them in both), uncompressed."""
    folder = tmp_path_factory.mktemp("full")
    paths = []
    for name in ("django-2021-11-full", "django-2022-05-full"):
        path = folder / f"{name}.json"
        path.write_bytes(gzip.decompress((FIXTURES / f"{name}.json.gz").read_bytes()))
        paths.append(str(path))
    return paths[0], paths[1]


def _import(relance: Run, target: Path, *pages: str) -> list[str]:
    result = relance("import", "aides-territoires", *pages, "-o", str(target))
    assert result.exit_code == 0, result.output
    return plain(result.stdout).splitlines()


def _scheme(run_json: Any, catalog: Path, scheme_id: str) -> dict[str, Any]:
    shown: dict[str, Any] = run_json("show", scheme_id, "--catalog", str(catalog))
    return shown


def test_the_newest_record_wins_whatever_the_order(
    relance: Run, run_json: Any, tmp_path: Path, full_pages: tuple[str, str]
) -> None:
    old, new = full_pages
    forward = _import(relance, tmp_path / "ab.toml", old, new)
    backward = _import(relance, tmp_path / "ba.toml", new, old)
    assert "  400 doublons : la version la plus récente est gardée" in forward
    assert [line for line in forward if "doublon" in line] == [
        "  400 doublons : la version la plus récente est gardée"
    ]
    assert sorted(forward[1:]) == sorted(backward[1:])
    for catalog in ("ab.toml", "ba.toml"):
        shown = _scheme(run_json, tmp_path / catalog, "at-72292")
        # the 2021 record closed on 2021-12-31; the 2022 one, updated in March, runs to the end
        assert shown["updated"] == "2022-03-25"
        assert shown["steps"][-1]["end"] == "2022-12-31"
    assert (tmp_path / "ab.toml").read_text().count("[[scheme]]") == 541


def test_importing_one_page_twice_says_so_in_one_line(relance: Run, tmp_path: Path) -> None:
    lines = _import(relance, tmp_path / "twice.toml", PAGE_2021, PAGE_2021)
    assert len(lines) <= 12
    assert lines[0].startswith("50 aide(s) lue(s), 25 écrite(s)")
    assert "  25 doublons : la version la plus récente est gardée" in lines


def test_show_gives_the_source_dates(relance: Run, run_json: Any, tmp_path: Path) -> None:
    catalog = tmp_path / "aides.toml"
    _import(relance, catalog, PAGE_2022, PAGE_2021)
    shown = _scheme(run_json, catalog, "at-44422")
    assert (shown["created"], shown["updated"]) == ("2020-06-03", "2022-03-20")
    table = plain(relance("show", "at-44422", "--catalog", str(catalog)).stdout)
    assert "Publié le      3 juin 2020" in table
    assert "Mis à jour     20 mars 2022" in table


def _source_dates(*pages: str) -> dict[str, tuple[date, date]]:
    """Each aid's publication and last update, read straight from the downloads (the
    newest record of each)."""
    dates: dict[str, tuple[date, date]] = {}
    for page in pages:
        for aid in json.loads(Path(page).read_text(encoding="utf-8"))["results"]:
            found = (
                date.fromisoformat(aid["date_created"][:10]),
                date.fromisoformat(aid["date_updated"][:10]),
            )
            key = f"at-{aid['id']}"
            dates[key] = max(dates.get(key, found), found, key=lambda pair: pair[1])
    return dates


@pytest.mark.parametrize(
    ("option", "since", "which"),
    [("--updated-since", "2022-01-01", 1), ("--published-since", "2021-06-01", 0)],
)
def test_freshness_filters_on_real_records(
    relance: Run, run_json: Any, tmp_path: Path, option: str, since: str, which: int
) -> None:
    catalog = tmp_path / "aides.toml"
    _import(relance, catalog, PAGE_2021, PAGE_2022)
    dates = _source_dates(PAGE_2021, PAGE_2022)
    expected = sorted(i for i, pair in dates.items() if pair[which] >= date.fromisoformat(since))
    assert 0 < len(expected) < len(dates)
    found = run_json("match", "--catalog", str(catalog), "--all", option, since)
    assert sorted(r["id"] for r in found["results"]) == expected


def test_a_freshness_filter_leaves_out_schemes_without_source_dates(run_json: Any) -> None:
    assert run_json("match", "--all", "--updated-since", "2000-01-01")["results"] == []


def test_a_bad_date_is_a_usage_error(relance: Run) -> None:
    result = relance("match", "--updated-since", "2022-13-01")
    assert result.exit_code == 2
    assert "--updated-since : « 2022-13-01 » n'est pas une date valide" in result.stderr


@pytest.mark.parametrize(
    ("newer_date", "kept"),
    [
        (None, "2021-07-02"),  # a dated record beats an undated one, in either order
        ("pas une date", "2021-07-02"),
        ("20/03/2022", "2022-03-20"),  # a French date is a date
    ],
)
def test_an_undated_record_never_beats_a_dated_one(
    relance: Run, run_json: Any, tmp_path: Path, newer_date: str | None, kept: str
) -> None:
    page = json.loads(Path(PAGE_2022).read_text(encoding="utf-8"))
    (aid,) = [a for a in page["results"] if a["id"] == 44422]
    aid["date_updated"] = newer_date
    edited = tmp_path / "2022.json"
    edited.write_text(json.dumps(page), encoding="utf-8")
    for order in ((PAGE_2021, str(edited)), (str(edited), PAGE_2021)):
        catalog = tmp_path / "aides.toml"
        catalog.unlink(missing_ok=True)
        _import(relance, catalog, *order)
        assert _scheme(run_json, catalog, "at-44422")["updated"] == kept
