"""Categories of both API generations as project kinds: the same id from "Thème|Catégorie"
and "Thème / Catégorie", the theme kept for display, never two categories on one id."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.importers import aides_territoires as at
from relance_cli.importers.categories import ID_MAX, AidCategory, kind_ids, parse_category


@pytest.mark.parametrize(
    ("text", "theme", "name"),
    [
        # Django, 2021 (real)
        ("Développement économique / production et consommation|Economie circulaire",
         "Développement économique / production et consommation", "Economie circulaire"),
        ("Eau et milieux aquatiques|Cours d'eau / canaux / plans d'eau",
         "Eau et milieux aquatiques", "Cours d'eau / canaux / plans d'eau"),
        # Symfony, 2024 (real)
        ("Développement économique / production et consommation / Economie circulaire",
         "Développement économique / production et consommation", "Economie circulaire"),
        ("Urbanisme / logement / aménagement / Espaces verts",
         "Urbanisme / logement / aménagement", "Espaces verts"),
        ("Fonctions support / Appui méthodologique", "Fonctions support",
         "Appui méthodologique"),
        # a known theme before a category that holds " / " itself
        ("Eau et milieux aquatiques / Cours d'eau / canaux / plans d'eau",
         "Eau et milieux aquatiques", "Cours d'eau / canaux / plans d'eau"),
        # an unknown theme ends at the last " / "
        ("Numérique / données / Open data", "Numérique / données", "Open data"),
        ("Sans thème", "", "Sans thème"),
        ("|Catégorie seule", "", "Catégorie seule"),
    ],
)  # fmt: skip
def test_both_formats(text: str, theme: str, name: str) -> None:
    assert parse_category(text) == AidCategory(theme, name)


@pytest.mark.parametrize("text", ["|", "Thème|", " | ", "Thème / "])
def test_no_category_name(text: str) -> None:
    assert parse_category(text) is None


def test_the_same_category_in_both_generations_is_one_kind() -> None:
    theme = "Développement économique / production et consommation"
    django = parse_category(f"{theme}|Economie circulaire")
    symfony = parse_category(f"{theme} / Économie circulaire")
    assert django is not None and symfony is not None
    assert django.key == symfony.key
    assert kind_ids([django, symfony]) == {django.key: "economie-circulaire"}
    assert django.label == f"{theme} › Economie circulaire"


def test_different_categories_never_share_an_id_whatever_their_order() -> None:
    heritage_a = AidCategory("Culture", "Patrimoine")
    heritage_b = AidCategory("Urbanisme", "Patrimoine")
    alone = AidCategory("Nature", "Biodiversité")
    ids = kind_ids([heritage_a, alone, heritage_b])
    assert ids == {
        heritage_a.key: "patrimoine-culture",
        heritage_b.key: "patrimoine-urbanisme",
        alone.key: "biodiversite",
    }
    assert kind_ids([heritage_b, heritage_a, alone]) == ids


def test_long_names_are_bounded_without_collisions() -> None:
    first = AidCategory("T", "Une catégorie au nom vraiment très long " * 3 + "A")
    second = AidCategory("T", "Une catégorie au nom vraiment très long " * 3 + "B")
    ids = kind_ids([first, second])
    assert len({*ids.values()}) == 2
    assert all(len(i) <= ID_MAX for i in ids.values())


def test_through_the_command_line_both_generations_answer_one_type(
    relance: Run, tmp_path: Path
) -> None:
    fixtures = Path(__file__).parent / "data" / "aides-territoires"
    out = tmp_path / "aides.toml"
    pages = [str(fixtures / "django-2021-11.json"), str(fixtures / "symfony-2024-06.json")]
    assert relance("import", "aides-territoires", *pages, "-o", str(out)).exit_code == 0
    matched = relance(
        "match", "--catalog", str(out), "--type", "economie-circulaire", "--format", "json",
        "--as-of", "2021-11-01",
    )  # fmt: skip
    found = {r["id"] for r in json.loads(matched.stdout)["results"]}
    assert {"at-90745", "at-30568", "at-162936", "at-162935"} <= found  # 2021 and 2024
    shown = relance("show", "at-162936", "--catalog", str(out))
    assert "Développement économique / production et consommation › Economie circulaire" in (
        " ".join(shown.stdout.split())
    )


def test_the_generated_page_disambiguates(tmp_path: Path) -> None:
    fixtures = Path(__file__).parent / "data" / "aides-territoires"
    catalog, _ = at.build(at.read_pages([str(fixtures / "generated.json")]), date(2026, 1, 1))
    assert catalog["kinds"]["patrimoine-theme-invente-a"] == "Thème inventé A › Patrimoine"
    assert catalog["kinds"]["patrimoine-theme-invente-b"] == "Thème inventé B › Patrimoine"
    assert "cours-d-eau-canaux-plans-d-eau" in catalog["kinds"]
