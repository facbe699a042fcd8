"""Perimeters as a name and a scale, from the real values of both API generations (issue 16
will resolve them against official geography)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from relance_cli.importers.perimeters import SCALES, perimeter_of

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"


@pytest.mark.parametrize(
    ("perimeter", "expected"),
    [
        ("Nouvelle-Aquitaine (Région)", ("Nouvelle-Aquitaine", "region")),
        ("Aude (Département)", ("Aude", "departement")),
        ("CC des Coëvrons (EPCI)", ("CC des Coëvrons", "epci")),
        ("Métropole de Lyon (EPCI)", ("Métropole de Lyon", "epci")),
        ("Loire-Bretagne (Bassin hydrographique)", ("Loire-Bretagne", "basin")),
        ("Rhône-Méditerranée-Corse (Bassin hydrographique)",
         ("Rhône-Méditerranée-Corse", "basin")),
        ("Paris (Commune – 75001, 75002)", ("Paris", "commune")),  # Django's own format
        ("Trouville (Commune)", ("Trouville", "commune")),
        ("France", ("France", "country")),
        ("Europe", ("Europe", "continent")),
        ("Outre-mer", ("Outre-mer", "overseas")),
        ("France métropolitaine", ("France métropolitaine", "mainland")),
        ("Est Ensemble (EPT)", ("Est Ensemble (EPT)", "adhoc")),
        ("FORET d'ORIENT (Parc naturel régional)",
         ("FORET d'ORIENT (Parc naturel régional)", "adhoc")),
        ("Territoires couverts par une Agence Locale de l'Energie et du Climat (ALEC)",
         ("Territoires couverts par une Agence Locale de l'Energie et du Climat (ALEC)",
          "adhoc")),
        ("Corse, Guadeloupe, Guyane, Martinique, Mayotte, La Réunion",
         ("Corse, Guadeloupe, Guyane, Martinique, Mayotte, La Réunion", "adhoc")),
        ("PETR du Pays Sud Toulousain", ("PETR du Pays Sud Toulousain", "adhoc")),
    ],
)  # fmt: skip
def test_django_perimeters(perimeter: str, expected: tuple[str, str]) -> None:
    assert perimeter_of({"perimeter": perimeter}) == expected


@pytest.mark.parametrize(
    ("perimeter", "scale", "expected"),
    [
        ("PAYS DES CHÂTEAUX", "Ad-hoc", ("PAYS DES CHÂTEAUX", "adhoc")),
        ("Communes littorales", "Ad-hoc", ("Communes littorales", "adhoc")),
        ("Nouvelle-Aquitaine", "Région", ("Nouvelle-Aquitaine", "region")),
        ("Aude", "Département", ("Aude", "departement")),
        ("CC des Coëvrons", "epci", ("CC des Coëvrons", "epci")),
        ("CC des Coëvrons", "EPCI", ("CC des Coëvrons", "epci")),  # before May 2024
        ("Loire-Bretagne", "Bassin hydrographique", ("Loire-Bretagne", "basin")),
        ("Paris", "commune", ("Paris", "commune")),
        ("France", "Pays", ("France", "country")),
        ("Europe", "Continent", ("Europe", "continent")),
        ("Outre-mer", "Outre-mer", ("Outre-mer", "overseas")),
        ("France métropolitaine", "Métropole", ("France métropolitaine", "mainland")),
        ("Est Ensemble (EPT)", "Ad-hoc", ("Est Ensemble (EPT)", "adhoc")),
        ("X", "Galaxie", ("X", None)),
        ("X", None, ("X", None)),
    ],
)
def test_symfony_perimeters_with_their_scale(
    perimeter: str, scale: str | None, expected: tuple[str, str | None]
) -> None:
    assert perimeter_of({"perimeter": perimeter, "perimeter_scale": scale}) == expected


def test_symfony_before_june_2024_names_no_scale_for_a_bare_name() -> None:
    """Aid 162670 (June 2024, no `perimeter_scale` yet): a bare name could be a région."""
    symfony = json.loads((FIXTURES / "symfony-2024-06.json").read_text(encoding="utf-8"))
    found = {aid["id"]: perimeter_of(aid) for aid in symfony["results"]}
    assert found == {
        162670: ("GAL Loire AAP Revitalisation de centre-bourg", None),
        34662: ("France", "country"),
        162936: ("PAYS DES CHÂTEAUX", "adhoc"),
        162935: ("PAYS DES CHÂTEAUX", "adhoc"),
    }


@pytest.mark.parametrize("aid", [{}, {"perimeter": None}, {"perimeter": "  "}, {"perimeter": 3}])
def test_no_perimeter(aid: dict[str, Any]) -> None:
    assert perimeter_of(aid) is None


def test_every_real_django_perimeter_has_a_scale() -> None:
    with gzip.open(FIXTURES / "django-2021-11-full.json.gz", "rt", encoding="utf-8") as dump:
        aids = json.load(dump)["results"]
    found = [perimeter_of(aid) for aid in aids]
    assert all(p is not None and p[1] in SCALES for p in found)
    scales = {p[1] for p in found if p}
    assert {"region", "departement", "epci", "basin", "country", "continent", "adhoc"} <= scales


def test_the_scheme_keeps_the_perimeter_as_written() -> None:
    from relance_cli.importers import aides_territoires as at

    made = at.to_scheme(
        {"id": 1, "name": "x", "targeted_audiences": ["Communes"],
         "perimeter": "Nouvelle-Aquitaine (Région)"},
        at.Report(),
    )  # fmt: skip
    assert made is not None and made.scheme["perimeter"] == "Nouvelle-Aquitaine (Région)"
