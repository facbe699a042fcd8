"""What the second audit of real Aides-territoires records found (issue 22), checked
through the command line on the public pages kept as fixtures: the contact, the links
inside descriptions, the audiences told apart, ceilings, the cut of long texts, gzip pages,
what an aid pays for and at which stage."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from helpers import Run

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"
FULL_2021 = FIXTURES / "django-2021-11-full.json.gz"
SYMFONY = FIXTURES / "symfony-2024-06.json"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 473 aids of November 2021 and the Symfony records, imported by the command,
    straight from the gzip page as it is saved."""
    from typer.testing import CliRunner

    from relance_cli.cli import app

    out = tmp_path_factory.mktemp("round-two") / "aides.toml"
    result = CliRunner().invoke(
        app, ["import", "aides-territoires", str(FULL_2021), str(SYMFONY), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    return out


def show(relance: Run, catalog: Path, *args: str) -> str:
    result = relance("show", *args, "--catalog", str(catalog))
    assert result.exit_code == 0, result.output
    return result.stdout


def verdict(relance: Run, catalog: Path, *args: str) -> str:
    result = relance("show", *args, "--catalog", str(catalog), "--format", "json")
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout)["assessment"]["verdict"])


def test_the_contact_is_kept_and_shown(relance: Run, catalog: Path) -> None:
    text = show(relance, catalog, "at-101817")
    assert "Contact" in text
    assert "developpement-local@coevrons.fr" in text and "02.43.66.32.00" in text


def test_a_link_inside_a_description_keeps_its_address(relance: Run, catalog: Path) -> None:
    result = relance("show", "at-101865", "--catalog", str(catalog), "--format", "json")
    scheme = json.loads(result.stdout)
    assert "https://cirena.fr/medias/AMI-Cirena-reglement.pdf" in scheme["summary"]
    assert "https://cirena.fr/medias/Projet-Depose-AMI-Cirena.docx" in scheme["summary"]
    # a link whose words are not its address: « texte (adresse) »
    assert "vous pouvez contacter votre direction régionale (https://agence.eau-loire-bretagne" in (
        json.loads(relance("show", "at-30831", "--catalog", str(catalog), "--format", "json")
                   .stdout)["contact"]
    )  # fmt: skip


def test_associations_and_companies_are_told_apart(relance: Run, catalog: Path) -> None:
    """at-55533, « Fonds Air », is for companies only."""
    assert verdict(relance, catalog, "at-55533", "--applicant", "association") == "ineligible"
    assert verdict(relance, catalog, "at-55533", "--applicant", "entreprise") != "ineligible"
    told = show(relance, catalog, "at-55533", "--applicant", "partenaire")
    assert "seuls certains partenaires sont visés (les entreprises)" in told


def test_the_shipped_catalog_s_partners_still_include_associations(run_json: object) -> None:
    from typing import Any, cast

    run = cast("Any", run_json)
    found = run("show", "consultation-incubateur", "--applicant", "association")
    assert found["assessment"]["verdict"] != "ineligible"


def test_overseas_collectivities_never_blur_a_mainland_refusal(relance: Run, catalog: Path) -> None:
    assert verdict(relance, catalog, "at-98916", "--departement", "53") == "ineligible"
    overseas = show(relance, catalog, "at-98916", "--departement", "976")
    assert "une collectivité d'outre-mer à statut particulier l'est : à vérifier" in overseas


def test_show_names_the_audiences_relance_does_not_judge(relance: Run, catalog: Path) -> None:
    text = show(relance, catalog, "at-30831")
    assert "Particuliers (non jugés par relance)" in text


def test_instructors_are_not_the_carrier(relance: Run, catalog: Path) -> None:
    text = show(relance, catalog, "at-101007")
    assert "Instruit par" in text and "Communauté de Communes du Pays d'Ancenis (GAL)" in text
    assert "Porté par" not in text


def test_an_upper_bound_alone_reads_as_a_ceiling(relance: Run, catalog: Path) -> None:
    assert "jusqu'à 80 %" in show(relance, catalog, "at-101007")
    assert "30 % à 70 %" in show(relance, catalog, "at-30831")


def test_a_long_description_is_cut_at_a_word_with_a_note(relance: Run, catalog: Path) -> None:
    result = relance("show", "at-98912", "--catalog", str(catalog), "--format", "json")
    summary = json.loads(result.stdout)["summary"]
    assert len(summary) <= 20_000
    head, note = summary.rsplit("\n\n", 1)
    assert note == "[texte coupé à 20 000 caractères : la suite est sur la page de l'aide]"
    assert head.endswith("…") and not head[-2].isspace()
    with gzip.open(FULL_2021) as page:
        aids = json.load(page)["results"]
    original = next(a["description"] for a in aids if a["id"] == 98912)
    last_word = head[:-1].rsplit(None, 1)[-1]
    assert last_word in original  # whole words only


def test_destinations_and_mobilization_steps(relance: Run, catalog: Path) -> None:
    text = show(relance, catalog, "at-101817")
    assert "Dépenses de fonctionnement, Dépenses d'investissement" in text
    assert "Réflexion / conception" in text


def test_a_gzip_page_imports_and_a_bomb_does_not(relance: Run, tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.json.gz"
    bomb.write_bytes(gzip.compress(b" " * (65 * 1024 * 1024), compresslevel=9))
    out = tmp_path / "out.toml"
    result = relance("import", "aides-territoires", str(bomb), "-o", str(out))
    assert result.exit_code == 1
    assert "une fois décompressé, dépasse 64 Mio" in result.output
    cut = tmp_path / "cut.json.gz"
    cut.write_bytes(gzip.compress(b'{"results": []}')[:-6])
    result = relance("import", "aides-territoires", str(cut), "-o", str(out))
    assert result.exit_code == 1 and "fichier gzip illisible ou tronqué" in result.output
    two = tmp_path / "two.json.gz"  # two gzip members, as `cat a.gz b.gz` makes
    aid = b'{"id": 1, "name": "x", "targeted_audiences": ["Communes"]}'
    two.write_bytes(gzip.compress(b'{"results": [') + gzip.compress(aid + b"]}"))
    result = relance("import", "aides-territoires", str(two), "-o", str(out))
    assert result.exit_code == 0 and "1 écrite(s)" in result.output
    assert not out.with_suffix(".toml.gz").exists()


@pytest.mark.parametrize(
    ("aid", "commune", "expected"),
    [
        ("at-89215", "12202", "eligible"),  # Rodez, in « Aveyron, Hérault, Lot, Lozere… »
        ("at-89215", "69123", "ineligible"),  # Lyon
        ("at-94574", "97411", "pass"),  # « Corse, Guadeloupe, Guyane… »: Saint-Denis (974)
        ("at-94574", "2A004", "pass"),  # Ajaccio
        ("at-94574", "53097", "fail"),  # Évron
    ],
)
def test_lists_of_places_are_placed(
    relance: Run, catalog: Path, aid: str, commune: str, expected: str
) -> None:
    result = relance(
        "show", aid, "--catalog", str(catalog), "--commune", commune, "--format", "json"
    )
    assessment = json.loads(result.stdout)["assessment"]
    if expected in ("pass", "fail"):
        outcomes = {r["rule"]: r["outcome"] for r in assessment["reasons"]}
        assert outcomes["perimeter"] == expected
    else:
        assert assessment["verdict"] == expected


def test_a_list_with_a_name_the_geography_lacks_stays_to_check() -> None:
    from relance_cli.territory.areas import area

    assert area("Aveyron, Hérault, Atlantide", "adhoc") == {"scale": "autre"}
    assert area("Aveyron, Hérault", None) == {"scale": "departement", "departements": ["12", "34"]}


# --- water basins: not placed (no official basin data shipped yet) ------------------------


@pytest.mark.parametrize(("commune", "name"), [("53097", "d'Évron"), ("69123", "de Lyon")])
def test_a_water_basin_stays_to_check(relance: Run, catalog: Path, commune: str, name: str) -> None:
    """at-30831: « Loire-Bretagne (Bassin hydrographique) ». Évron lies in it and Lyon does
    not, but relance ships no basin data: both are « à vérifier », with the reason why."""
    result = relance(
        "show", "at-30831", "--catalog", str(catalog), "--commune", commune, "--format", "json"
    )
    assert result.exit_code == 0, result.output
    assessment = json.loads(result.stdout)["assessment"]
    assert assessment["verdict"] == "possible"
    perimeter = next(r for r in assessment["reasons"] if r["rule"] == "perimeter")
    assert perimeter["outcome"] == "unknown"
    assert perimeter["text"] == (
        "périmètre « Loire-Bretagne (Bassin hydrographique) » que relance ne sait pas encore "
        f"situer (bassin hydrographique, PETR, SCOT, GAL…) : à vérifier pour la commune {name}"
    )


def test_a_water_basin_is_an_area_relance_cannot_place() -> None:
    from relance_cli.territory.areas import area

    assert area("Loire-Bretagne", "basin") == {"scale": "autre"}
    assert area("Rhône-Méditerranée-Corse", "basin") == {"scale": "autre"}


# --- a compact list for imported catalogs -----------------------------------------------------


def test_an_imported_catalog_lists_in_two_lines_an_aid(relance: Run, tmp_path: Path) -> None:
    """The 36 aids of the three small pages took 539 lines at 80 columns."""
    out = tmp_path / "aides.toml"
    pages = [str(FIXTURES / n) for n in ("django-2021-11.json", "django-2022-05.json")]
    assert (
        relance("import", "aides-territoires", *pages, str(SYMFONY), "-o", str(out)).exit_code == 0
    )
    result = relance("list", "--catalog", str(out), "--limit", "0", env={"COLUMNS": "80"})
    lines = result.stdout.splitlines()
    body = [line for line in lines[3:-1] if line.strip()]
    assert len(body) == 2 * 36
    assert all(len(line) <= 80 for line in lines)
    first, second = body[0], body[1]
    assert first.startswith("at-101817 Accompagner les projets de")
    assert second.startswith("Spectacle vivant, Patrimoine et monuments")
    listed = json.loads(relance("list", "--catalog", str(out), "--format", "json").stdout)
    titles = {f"{r['id']} {r['title']}" for r in listed["schemes"]}
    for line in body[::2]:  # each title cut after a whole word
        shown = re.split(r"\s{3,}", line)[0]
        if shown.endswith("…"):
            whole = next(t for t in titles if t.startswith(shown[:-1]))
            assert whole[len(shown) - 1] in " ,", (shown, whole)
        else:
            assert shown in titles
    assert "1er décembre 2021" in result.stdout  # a date stays whole


def test_cut_words_never_cuts_a_word() -> None:
    from relance_cli.output.human.lists import cut_words

    assert cut_words("court", 10) == "court"
    assert cut_words("Spectacle vivant, Patrimoine et monuments", 20) == "Spectacle vivant…"
    assert cut_words("Anticonstitutionnellement", 10) == "Anticonst…"  # one word: cut


def test_a_list_of_departements_covers_part_of_a_region(relance: Run, catalog: Path) -> None:
    result = relance(
        "show", "at-89215", "--catalog", str(catalog), "--region", "76", "--format", "json"
    )
    reasons = json.loads(result.stdout)["assessment"]["reasons"]
    perimeter = next(r for r in reasons if r["rule"] == "perimeter")
    assert perimeter["outcome"] == "unknown"
    assert "ne couvre qu'une partie de l'Occitanie : à vérifier" in perimeter["text"]


def test_an_earlier_import_s_partners_admit_associations_and_companies(
    relance: Run, tmp_path: Path
) -> None:
    """Catalogs imported before issue 22 wrote `partenaire` for every partner audience."""
    old = tmp_path / "ancien.toml"
    old.write_text(
        '[catalog]\nname = "Ancien import"\n\n[kinds]\nx = "X"\n\n[[scheme]]\nid = "at-1"\n'
        'title = "Aide"\nkinds = ["x"]\n\n[scheme.eligibility]\n'
        'applicants = ["collectivite", "partenaire"]\n'
        'applicant_types = ["commune", "partenaire"]\n\n[scheme.funding]\n\n'
        '[[scheme.steps]]\nname = "Dépôt"\naccepts_applications = true\n',
        encoding="utf-8",
    )
    for applicant in ("association", "entreprise", "partenaire"):
        result = relance("show", "at-1", "--catalog", str(old), "--applicant", applicant,
                         "--format", "json")  # fmt: skip
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["assessment"]["verdict"] == "eligible", applicant
    result = relance("show", "at-1", "--catalog", str(old), "--applicant", "epci", "--format",
                     "json")  # fmt: skip
    assert json.loads(result.stdout)["assessment"]["verdict"] == "ineligible"
