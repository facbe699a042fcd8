"""The user's territory (issue 16): official geography, population from it, and the
perimeter rule on real imported aids."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from helpers import Run, plain

from relance_cli.core.models import Area
from relance_cli.core.places import Fit, Territory, fit
from relance_cli.core.vocabulary import Scale
from relance_cli.territory import geography
from relance_cli.territory.areas import area
from relance_cli.territory.lookup import find

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"


def results(run_json: Any, *args: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in run_json("match", "--all", *args)["results"]}


# --- the data -------------------------------------------------------------------------------


def test_the_shipped_geography_says_where_it_comes_from() -> None:
    data = geography.load()
    assert data.meta["source"] == "@etalab/decoupage-administratif"
    assert data.meta["version"] == "6.0.0"
    assert "Licence Ouverte" in data.meta["licence"]
    assert len(data.regions) == 26 and len(data.departements) == 109
    assert len(data.epcis) == 1255 and len(data.commune_keys()) == 34969
    assert geography.DATA.stat().st_size < 3_000_000


def test_official_populations() -> None:
    data = geography.load()
    lyon = data.commune("69123")
    assert lyon is not None and (lyon.name, lyon.population) == ("Lyon", 519_127)
    assert data.epcis["200046977"].population == 1_436_354  # its 58 communes together
    assert len(data.members("200046977")) == 58
    assert data.departements["48"].population == 76_486
    assert data.regions["75"].name == "Nouvelle-Aquitaine"


@pytest.mark.parametrize(
    ("scale", "typed", "code"),
    [
        (Scale.commune, "69123", "69123"),
        (Scale.commune, "lyon", "69123"),
        (Scale.commune, "SAINT-ÉTIENNE", "42218"),
        (Scale.commune, "l’île d’yeu", "85113"),
        (Scale.commune, "2a004", "2A004"),
        (Scale.epci, "200046977", "200046977"),
        (Scale.epci, "cc des coevrons", "200033298"),
        (Scale.departement, "48", "48"),
        (Scale.departement, "lozere", "48"),
        (Scale.departement, "Côtes-d'Armor", "22"),
        (Scale.departement, "2b", "2B"),
        (Scale.region, "nouvelle aquitaine", "75"),
        (Scale.region, "75", "75"),
    ],
)
def test_codes_and_names_whatever_the_case_accents_hyphens_and_apostrophes(
    scale: Scale, typed: str, code: str
) -> None:
    assert find(scale, typed).code == code


# --- the profile from a territory ------------------------------------------------------------


def test_lyon_is_judged_on_its_official_population(relance: Run, run_json: Any) -> None:
    table = relance("match", "--commune", "69123", "--type", "dematerialisation", "--as-of",
                    "2021-05-01")  # fmt: skip
    text = plain(table.stdout)
    assert "Profil : candidat commune ; territoire Lyon (commune 69123) ; population" in text
    assert "officielle 519 127 (INSEE)" in text
    assert "éligible       dematerialisation" in text
    payload = run_json(
        "match", "--commune", "Lyon", "--type", "dematerialisation", "--as-of", "2021-05-01"
    )
    assert payload["profile"]["applicant"] == "commune"
    assert payload["profile"]["territory"] == {
        "scale": "commune", "code": "69123", "name": "Lyon", "population": 519127,
    }  # fmt: skip
    assert payload["profile"]["population"] == 519127
    assert payload["profile"]["population_source"] == "territory"
    (result,) = payload["results"]
    assert result["verdict"] == "eligible"
    population = next(r for r in result["reasons"] if r["rule"] == "population")
    assert population["text"] == (
        "population concernée 519 127 (population officielle de Lyon, INSEE) ≥ environ "
        "500 000 habitants"
    )


def test_lozere_passes_the_guichets_by_the_departement_rule(run_json: Any) -> None:
    found = results(run_json, "--departement", "48", "--as-of", "2021-05-01")
    for guichet in ("dematerialisation", "donnees", "cooperation"):
        assert found[guichet]["verdict"] == "eligible"
        texts = [r["text"] for r in found[guichet]["reasons"]]
        assert "les départements sont éligibles quelle que soit leur population (le projet " \
               "couvre au moins un département)" in texts  # fmt: skip


def test_metropole_de_lyon_on_its_total_population(run_json: Any) -> None:
    payload = run_json("match", "--epci", "200046977", "--type", "donnees")
    assert payload["profile"]["population"] == 1_436_354
    assert payload["results"][0]["verdict"] == "eligible"


def test_a_mutualised_project_says_so(run_json: Any) -> None:
    payload = run_json(
        "match", "--commune", "Évron", "--population", "600000", "--type", "dematerialisation"
    )
    assert payload["profile"]["population_source"] == "option"
    reason = next(r for r in payload["results"][0]["reasons"] if r["rule"] == "population")
    assert (
        "600 000 (indiquée avec --population pour un projet mutualisé ; Évron : 8 252)"
        in (reason["text"])
    )


def test_applicant_still_wins(run_json: Any) -> None:
    payload = run_json("match", "--commune", "69123", "--applicant", "partenaire", "--all")
    assert payload["profile"]["applicant"] == "partenaire"


def test_show_with_a_territory(relance: Run) -> None:
    result = relance(
        "show", "dematerialisation", "--departement", "Lozère", "--as-of", "2021-05-01"
    )
    text = plain(result.stdout)
    assert "Territoire" in text and "national (non précisé)" in text
    assert "Éligibilité pour ce profil : éligible" in text  # one session known on that day
    assert "✓ dispositif national : la Lozère est couverte" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--commune", "Saint-Denis"], "« Saint-Denis » désigne 4 territoires : 11339 (Aude), "
         "30247 (Gard), 93066 (Seine-Saint-Denis), 97411 (La Réunion) ; donnez le code"),
        (["--commune", "Lyonn"], "« Lyonn » inconnu ; vouliez-vous dire : Lyon (69123, Rhône)"),
        (["--commune", "99999"], "--commune : « 99999 » inconnu"),
        (["--epci", "CC des Quatre Rivières"], "désigne 2 territoires : 247000623 (70), "
         "247400666 (74)"),
        (["--epci", "Metropole de Lyonn"], "vouliez-vous dire : Métropole de Lyon (200046977)"),
        (["--departement", "Lozer"], "vouliez-vous dire : Lozère (48)"),
        (["--region", "Bretagn"], "vouliez-vous dire : Bretagne (53)"),
        (["--region", "99"], "--region : « 99 » inconnu"),
        (["--commune", "69123", "--epci", "200046977"], "un seul territoire à la fois"),
        (["--commune", "\x1b[2JLyon"], "\\x1b[2JLyon"),
    ],
)  # fmt: skip
def test_unknown_or_ambiguous_territories_are_usage_errors(
    relance: Run, args: list[str], message: str
) -> None:
    result = relance("match", *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr


# --- perimeters of imported aids ------------------------------------------------------------


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from relance_cli.cli import app

    out = tmp_path_factory.mktemp("territory") / "aides.toml"
    page = str(FIXTURES / "django-2021-11.json")
    result = CliRunner().invoke(app, ["import", "aides-territoires", page, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize(
    ("commune", "coevrons", "nouvelle_aquitaine"),
    [("53097", "eligible", "ineligible"), ("69123", "ineligible", "ineligible"),
     ("33063", "ineligible", "eligible")],
)  # fmt: skip
def test_real_perimeters_fit_the_communes_they_cover(
    run_json: Any, imported: Path, commune: str, coevrons: str, nouvelle_aquitaine: str
) -> None:
    """101817: « CC des Coëvrons (EPCI) »; 102297: « Nouvelle-Aquitaine (Région) »; 30830:
    « Loire-Bretagne (Bassin hydrographique) »."""
    found = results(run_json, "--catalog", str(imported), "--commune", commune, "--as-of",
                    "2021-11-01")  # fmt: skip

    def perimeter(scheme_id: str) -> dict[str, Any]:
        return next(r for r in found[scheme_id]["reasons"] if r["rule"] == "perimeter")

    outcome = {"eligible": "pass", "ineligible": "fail"}
    assert perimeter("at-101817")["outcome"] == outcome[coevrons]
    assert perimeter("at-102297")["outcome"] == outcome[nouvelle_aquitaine]
    # a water basin: relance ships no basin data yet, so it is always to check
    assert perimeter("at-30830")["outcome"] == "unknown"
    assert "ne sait pas encore situer (bassin hydrographique" in perimeter("at-30830")["text"]
    if coevrons == "ineligible":
        assert perimeter("at-101817")["text"].startswith("réservé à CC des Coëvrons (EPCI) : ")


def test_without_a_territory_a_narrow_perimeter_is_to_check(run_json: Any, imported: Path) -> None:
    found = results(run_json, "--catalog", str(imported), "--as-of", "2021-11-01")
    reason = next(r for r in found["at-101817"]["reasons"] if r["rule"] == "perimeter")
    assert reason["outcome"] == "unknown"
    assert (
        "préciser le territoire avec --commune, --epci, --departement ou --region"
        in (reason["text"])
    )
    national = run_json("match", "--all")["results"]
    assert all(r["rule"] != "perimeter" for result in national for r in result["reasons"])


def test_list_json_and_csv_carry_the_perimeter(relance: Run, imported: Path) -> None:
    listed = json.loads(relance("list", "--catalog", str(imported), "--format", "json").stdout)
    by_id = {s["id"]: s for s in listed["schemes"]}
    assert by_id["at-101817"]["perimeter"] == "CC des Coëvrons (EPCI)"
    assert by_id["at-101817"]["area"] == {
        "scale": "epci", "code": "200033298", "departements": ["53"],
    }  # fmt: skip
    assert by_id["at-102297"]["area"]["code"] == "75"
    assert by_id["at-30830"]["area"] == {"scale": "autre", "code": None, "departements": []}
    csv_out = relance("list", "--catalog", str(imported), "--format", "csv").stdout
    assert "perimeter" in csv_out.splitlines()[0] and "CC des Coëvrons (EPCI)" in csv_out
    matched = relance("match", "--catalog", str(imported), "--format", "csv", "--all").stdout
    assert "Nouvelle-Aquitaine (Région)" in matched


@pytest.mark.parametrize(
    ("name", "scale", "postcodes", "expected"),
    [
        ("Nouvelle-Aquitaine", "region", (), ("region", "75")),
        ("Vendée", "departement", (), ("departement", "85")),
        ("CC des Coëvrons", "epci", (), ("epci", "200033298")),
        ("Saint-Denis", "commune", ("93200", "93210"), ("commune", "93066")),
        ("Saint-Denis", "commune", (), ("commune", None)),
        ("Loire-Bretagne", "basin", (), ("autre", None)),
        ("Est Ensemble (EPT)", "adhoc", (), ("autre", None)),
        ("France", "country", (), ("france", None)),
        ("Europe", "continent", (), ("europe", None)),
        ("Outre-mer", "overseas", (), ("outre-mer", None)),
        ("Bretagne", None, (), ("region", "53")),
        ("Une communauté inconnue", "epci", (), ("epci", None)),
    ],
)
def test_perimeters_are_placed_on_the_geography(
    name: str, scale: str | None, postcodes: tuple[str, ...], expected: tuple[str, str | None]
) -> None:
    placed = area(name, scale, postcodes)
    assert (placed["scale"], placed.get("code")) == expected


# --- the fit of an area and a territory, at every pair of scales -----------------------------

LYON = find(Scale.commune, "69123")
EVRON = find(Scale.commune, "53097")
METROPOLE = find(Scale.epci, "200046977")
RHONE = find(Scale.departement, "69")
AURA = find(Scale.region, "84")
GUADELOUPE = find(Scale.region, "01")


def placed(scale: str, code: str | None = None, *departements: str) -> Area:
    return Area(scale=Scale(scale), code=code, departements=list(departements))


@pytest.mark.parametrize(
    ("where", "territory", "expected"),
    [
        (placed("france"), LYON, Fit.inside),
        (placed("europe"), GUADELOUPE, Fit.inside),
        (placed("france-metropolitaine"), LYON, Fit.inside),
        (placed("france-metropolitaine"), GUADELOUPE, Fit.outside),
        (placed("outre-mer"), GUADELOUPE, Fit.inside),
        (placed("outre-mer"), AURA, Fit.outside),
        (placed("autre"), LYON, Fit.unknown),
        (placed("epci"), LYON, Fit.unknown),  # a name the geography does not hold
        (placed("commune", "69123", "69"), LYON, Fit.inside),
        (placed("commune", "69381", "69"), LYON, Fit.outside),
        (placed("commune", "69123", "69"), METROPOLE, Fit.partly),
        (placed("commune", "53097", "53"), METROPOLE, Fit.outside),
        (placed("commune", "69123", "69"), RHONE, Fit.partly),
        (placed("epci", "200046977", "69"), LYON, Fit.inside),
        (placed("epci", "200033298", "53"), LYON, Fit.outside),
        (placed("epci", "200033298", "53"), EVRON, Fit.inside),
        (placed("epci", "200046977", "69"), METROPOLE, Fit.inside),
        (placed("epci", "200033298", "53"), METROPOLE, Fit.outside),
        (placed("epci", "200046977", "69"), AURA, Fit.partly),
        (placed("departement", "69", "69"), LYON, Fit.inside),
        (placed("departement", "69", "69"), METROPOLE, Fit.inside),
        (placed("departement", "69", "69"), AURA, Fit.partly),
        (placed("departement", "53", "53"), AURA, Fit.outside),
        (placed("region", "84", *AURA.departements), RHONE, Fit.inside),
        (placed("region", "84", *AURA.departements), AURA, Fit.inside),
        (placed("region", "75", "33", "40"), LYON, Fit.outside),
        (placed("region", "84", *AURA.departements), GUADELOUPE, Fit.outside),
    ],
)
def test_fit(where: Area, territory: Territory, expected: Fit) -> None:
    assert fit(where, territory) is expected
