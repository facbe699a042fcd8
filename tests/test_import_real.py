"""The import on whole real pages: the two complete Django downloads kept as fixtures (473
aids of November 2021, 468 of May 2022) and the Symfony records of 2024. What issue 11
found wrong on them must hold right on every aid, not only on chosen ones."""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import Run

from relance_cli.importers import aides_territoires as at
from relance_cli.importers.categories import parse_category

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"
DUMPS = ["django-2021-11-full.json.gz", "django-2022-05-full.json.gz"]
SYMFONY = FIXTURES / "symfony-2024-06.json"
TODAY = date(2026, 11, 29)


def page(name: str) -> dict[str, Any]:
    with gzip.open(FIXTURES / name, "rt", encoding="utf-8") as dump:
        document: dict[str, Any] = json.load(dump)
    return document


@pytest.fixture(scope="module")
def django() -> list[dict[str, Any]]:
    return [aid for name in DUMPS for aid in page(name)["results"]]


@pytest.fixture(scope="module")
def symfony() -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = json.loads(SYMFONY.read_text(encoding="utf-8"))["results"]
    return results


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The dumps as the API pages a user saves (the command reads plain JSON)."""
    folder = tmp_path_factory.mktemp("pages")
    paths = {}
    for name in DUMPS:
        path = folder / name.removesuffix(".gz")
        path.write_text(json.dumps(page(name), ensure_ascii=False), encoding="utf-8")
        paths[name] = path
    return paths


@pytest.mark.parametrize("name", DUMPS)
def test_the_dumps_are_the_public_files_byte_for_byte(name: str) -> None:
    document = page(name)
    provenance = document["_provenance"]
    original = json.dumps(document["results"], ensure_ascii=False, indent=4).encode("utf-8")
    assert hashlib.sha256(original).hexdigest() == provenance["source"]["sha256_of_source_file"]
    assert "Licence Ouverte v2.0" in provenance["licence"]
    assert document["count"] == len(document["results"])


def test_941_real_django_aids(django: list[dict[str, Any]]) -> None:
    assert len(django) == 941


# --- audiences ---------------------------------------------------------------------------------


def test_every_real_audience_label_maps(
    django: list[dict[str, Any]], symfony: list[dict[str, Any]]
) -> None:
    _, report = at.build([("django", django), ("symfony", symfony)], TODAY)
    assert report.unknown_audiences == {}
    labels = {label for aid in django + symfony for label in aid["targeted_audiences"]}
    assert len(labels) == 12 + 1 + 10  # 2021, its renamed EPCI, and the Symfony ones


@pytest.mark.parametrize("name", DUMPS)
def test_no_aid_for_intercommunalites_is_refused_to_an_epci(
    name: str, unpacked: dict[str, Path], relance: Run, tmp_path: Path
) -> None:
    out = tmp_path / "aides.toml"
    result = relance("import", "aides-territoires", str(unpacked[name]), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "publics non reconnus" not in result.stdout
    assert relance("validate", str(out)).exit_code == 0
    matched = relance(
        "match", "--catalog", str(out), "--applicant", "epci", "--all", "--format", "json",
        "--as-of", "2021-11-06",
    )  # fmt: skip
    found = {r["id"]: r for r in json.loads(matched.stdout)["results"]}
    verdicts = {scheme_id: r["verdict"] for scheme_id, r in found.items()}
    for_epci = {
        f"at-{aid['id']}"
        for aid in page(name)["results"]
        if {"EPCI à fiscalité propre", "Intercommunalités / Pays"} & set(aid["targeted_audiences"])
    }
    assert len(for_epci) == {"django-2021-11-full.json.gz": 296}.get(name, 284)
    # never refused; « à vérifier » only where the perimeter is narrower than France
    for scheme in for_epci:
        outcomes = {r["rule"]: r["outcome"] for r in found[scheme]["reasons"]}
        assert outcomes["applicant"] == "pass", scheme
        assert verdicts[scheme] == "eligible" or outcomes.get("perimeter") == "unknown", scheme
    assert [v for v in verdicts.values() if v == "eligible"] != []


def test_no_commune_is_told_eligible_to_an_aid_that_does_not_name_it(
    unpacked: dict[str, Path], relance: Run, tmp_path: Path
) -> None:
    """77372 (EPCI, COM), 83479 and 83481 (Régions, COM): a commune is not named, and
    never is a collectivité d'outre-mer à statut particulier: refused."""
    out = tmp_path / "aides.toml"
    name = "django-2021-11-full.json.gz"
    assert (
        relance("import", "aides-territoires", str(unpacked[name]), "-o", str(out)).exit_code == 0
    )
    matched = relance(
        "match", "--catalog", str(out), "--applicant", "commune", "--all", "--format", "json",
        "--as-of", "2021-11-06",
    )  # fmt: skip
    verdicts = {r["id"]: r["verdict"] for r in json.loads(matched.stdout)["results"]}
    for aid in ("at-77372", "at-83479", "at-83481"):
        assert verdicts[aid] == "ineligible", aid
    for aid in page(name)["results"]:
        named = {"Communes"} & set(aid["targeted_audiences"])
        if not named and f"at-{aid['id']}" in verdicts:
            assert verdicts[f"at-{aid['id']}"] != "eligible", aid["id"]


# --- HTML ---------------------------------------------------------------------------------------


def html_fields(aids: list[dict[str, Any]]) -> Iterator[tuple[int, str, str]]:
    for aid in aids:
        for field in ("description", "eligibility", "project_examples"):
            if isinstance(aid.get(field), str) and aid[field].strip():
                yield aid["id"], field, aid[field]


def more_pretty(html: str) -> str:
    """The same HTML with a newline and an indent around every tag: a browser shows it
    alike, so must relance."""
    return re.sub(r"(<[^>]+>)", "\n   \\1\n  ", html)


def test_no_summary_line_is_a_lone_bullet_or_punctuation(
    django: list[dict[str, Any]], symfony: list[dict[str, Any]]
) -> None:
    for aid_id, field, html in html_fields(django + symfony):
        for line in at.html_to_text(html).split("\n"):
            text = line.strip().removeprefix("• ").strip()
            assert text not in {"•", ":", "/", "-", ",", ";", "."}, (aid_id, field, line)


def test_no_item_is_punctuation_or_a_fragment_of_a_source_newline(
    django: list[dict[str, Any]], symfony: list[dict[str, Any]]
) -> None:
    checked = 0
    for aid_id, field, html in html_fields(django + symfony):
        items = at.paragraphs(html)
        assert all(any(c.isalnum() for c in item) for item in items), (aid_id, field)
        assert at.paragraphs(more_pretty(html)) == items, (aid_id, field)
        assert at.paragraphs(" ".join(html.split())) == items, (aid_id, field)
        checked += 1
    assert checked > 1_900


def test_one_item_per_list_item_on_a_real_description(django: list[dict[str, Any]]) -> None:
    (aid,) = [a for a in django if a["id"] == 101817][:1]
    text = at.html_to_text(aid["description"])
    bullets = [line for line in text.split("\n") if line.startswith("• ")]
    assert len(bullets) == aid["description"].count("<li>") == 6


# --- categories ---------------------------------------------------------------------------------


def test_categories_give_the_same_kinds_in_both_generations(
    django: list[dict[str, Any]], symfony: list[dict[str, Any]]
) -> None:
    """Every 2021 category written the Symfony way ("Thème / Catégorie") is the same
    category, and the whole import gives each category its own id."""
    spellings = {c for aid in django for c in aid["categories"]}
    for text in spellings:
        theme, _bar, name = text.partition("|")
        assert parse_category(f"{theme} / {name}") == parse_category(text), text
    catalog_data, _ = at.build([("django", django), ("symfony", symfony)], TODAY)
    kinds = catalog_data["kinds"]
    assert len(set(kinds.values())) == len(kinds)
    (symfony_aid,) = [s for s in catalog_data["scheme"] if s["id"] == "at-162936"]
    assert "economie-circulaire" in symfony_aid["kinds"]  # as in 2021's "…|Economie circulaire"
    assert kinds["cours-d-eau-canaux-plans-d-eau"] == (
        "Eau et milieux aquatiques › Cours d'eau / canaux / plans d'eau"
    )
