"""The audit of issue 22, repeated on records nobody chose: 40 aids drawn with a fixed
seed across the real pages (two whole Django downloads and the Symfony records), each
field `show --format json` gives compared with the source record, by rules written from
the source's own shape rather than with the importer's functions."""

from __future__ import annotations

import gzip
import json
import random
import re
from collections import Counter
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from helpers import Run

FIXTURES = Path(__file__).parent / "data" / "aides-territoires"
PAGES = ["django-2021-11-full.json.gz", "django-2022-05-full.json.gz", "symfony-2024-06.json"]
SEED, SAMPLE = 22, 40
TYPES = {  # the applicant type each audience label of both generations names
    "communes": "commune", "commune": "commune",
    "departements": "departement", "departement": "departement",
    "regions": "region", "region": "region",
    "epci a fiscalite propre": "epci", "intercommunalites / pays": "epci",
    "intercommunalite / pays": "epci",
    "associations": "association", "association": "association",
    "entreprises privees": "entreprise", "entreprise privee": "entreprise",
    "entreprises publiques locales (sem, spl, semop)": "entreprise",
    "entreprise publique locale (sem, spl, semop)": "entreprise",
    "recherche": "recherche",
    "collectivites d'outre-mer a statuts particuliers": "collectivite-outre-mer",
    "collectivite d'outre-mer a statut particulier": "collectivite-outre-mer",
    "etablissements publics (ecoles, bibliotheques…) / services de l'etat":
        "etablissement-public",
    "etablissement public dont services de l'etat": "etablissement-public",
}  # fmt: skip
NOT_JUDGED = {"particuliers", "particulier", "agriculteurs", "agriculteur"}


def fold(text: str) -> str:
    import unicodedata

    text = unicodedata.normalize("NFD", text.replace("’", "'").lower())
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> str:
    return " ".join(text.split())


def read(name: str) -> list[dict[str, Any]]:
    data = (FIXTURES / name).read_bytes()
    text = gzip.decompress(data) if name.endswith(".gz") else data
    aids: list[dict[str, Any]] = json.loads(text)["results"]
    return aids


def drawn() -> list[tuple[str, dict[str, Any]]]:
    """40 aids across the pages, each as the import keeps it (the record updated last; at
    equal dates, or with none, the page given last), and the Symfony records, too few
    (4 of 945) for a draw to be sure to meet one."""
    seen: dict[str, tuple[str, dict[str, Any]]] = {}
    for name in PAGES:
        for aid in read(name):
            key, updated = f"at-{aid['id']}", str(aid.get("date_updated") or "")
            if key not in seen or updated >= str(seen[key][1].get("date_updated") or ""):
                seen[key] = (name, aid)
    keys = sorted(seen)
    symfony = [(PAGES[2], aid) for aid in read(PAGES[2])]
    return [seen[k] for k in random.Random(SEED).sample(keys, SAMPLE)] + symfony


def day(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def audit(aid: dict[str, Any], shown: dict[str, Any]) -> dict[str, bool]:
    """Field → whether `show` says what the source says."""
    checks: dict[str, bool] = {}
    checks["title"] = shown["title"] == words(aid["name"])
    checks["perimeter"] = shown["perimeter"] == (words(aid["perimeter"]) or None)
    for key, source in (("financers", "financers"), ("programmes", "programs"),
                        ("instructors", "instructors"), ("destinations", "destinations"),
                        ("mobilization_steps", "mobilization_steps")):  # fmt: skip
        expected = list(dict.fromkeys(words(v) for v in aid.get(source) or [] if words(v)))
        checks[key] = [words(v) for v in shown[key]] == expected
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", unescape(aid.get("contact") or "")))
    contact = shown["contact"] or ""
    checks["contact"] = all(e in contact for e in emails) and (bool(contact) == bool(
        re.sub(r"<[^>]*>|\s|&nbsp;", "", aid.get("contact") or "")))  # fmt: skip
    links = re.findall(r'href="(https?://[^"\s]+)"', aid.get("description") or "")
    cut = shown["summary"].endswith("la suite est sur la page de l'aide]")
    checks["links"] = cut or all(unescape(link) in shown["summary"] for link in links)
    upper, lower = aid.get("subvention_rate_upper_bound"), aid.get("subvention_rate_lower_bound")
    funding = shown["funding"]
    checks["rate"] = (funding["rate"] is None if upper is None
                      else abs(funding["rate"] - upper / 100) < 1e-6)  # fmt: skip
    checks["rate_up_to"] = funding["rate_up_to"] == (upper is not None and lower is None)
    types = {TYPES[fold(label)] for label in aid["targeted_audiences"] if fold(label) in TYPES}
    checks["applicants"] = set(shown["eligibility"]["applicant_types"]) == types
    unjudged = [words(a) for a in aid["targeted_audiences"] if fold(a) in NOT_JUDGED]
    checks["unjudged"] = shown["eligibility"]["unjudged_audiences"] == unjudged
    for key in ("url", "application_url", "origin_url"):
        value = aid.get(key) or None
        checks[key] = shown[key] == value or (value or "").startswith("/") or value is None
    permanent = fold(str(aid.get("recurrence") or "")) in {"ongoing", "permanente", "permanent"}
    end = None if permanent else day(aid.get("submission_deadline"))
    checks["deadline"] = day(shown["steps"][-1]["end"]) == end
    return checks


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from typer.testing import CliRunner

    from relance_cli.cli import app

    out = tmp_path_factory.mktemp("audit") / "aides.toml"
    pages = [str(FIXTURES / name) for name in PAGES]
    result = CliRunner().invoke(app, ["import", "aides-territoires", *pages, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_forty_aids_drawn_with_a_fixed_seed_say_what_their_source_says(
    relance: Run, catalog: Path
) -> None:
    failures: Counter[str] = Counter()
    sample = drawn()
    assert len(sample) == SAMPLE + 4 and len({name for name, _ in sample}) == 3
    for _name, aid in sample:
        result = relance("show", f"at-{aid['id']}", "--catalog", str(catalog), "--format", "json")
        assert result.exit_code == 0, result.output
        for field, right in audit(aid, json.loads(result.stdout)).items():
            failures[field] += not right
            assert right, (aid["id"], field)
    assert sum(failures.values()) == 0


# --- 5 profiles × 20 verdicts, judged from the source --------------------------------------------

# options, applicant type, scale, and the names of the territory and of what holds it
# (its EPCI, département, région): what a reader of the source needs to judge.
PROFILES = {
    "Évron, commune": (["--commune", "53097"], "commune", "Commune",
                       {"Évron", "CC des Coëvrons", "Mayenne", "Pays de la Loire"}),
    "CC des Coëvrons, EPCI": (["--epci", "200033298"], "epci", "EPCI",
                              {"CC des Coëvrons", "Mayenne", "Pays de la Loire"}),
    "Mayenne, département": (["--departement", "53"], "departement", "Département",
                             {"Mayenne", "Pays de la Loire"}),
    "Lyon, association": (["--commune", "69123", "--applicant", "association"], "association",
                          "Commune", {"Lyon", "Métropole de Lyon", "Rhône",
                                      "Auvergne-Rhône-Alpes"}),
    "Nouvelle-Aquitaine, région": (["--region", "75"], "region", "Région",
                                   {"Nouvelle-Aquitaine"}),
}  # fmt: skip
SUFFIX = re.compile(r"^(?P<name>.*\S)\s+\((?P<scale>Commune|EPCI|Département|Région)\b[^()]*\)$")
SIZE = {"Commune": 0, "EPCI": 1, "Département": 2, "Région": 3}


def judged(
    aid: dict[str, Any], applicant: str, ours: str, places: set[str]
) -> dict[str, str | None]:
    """Rule → the outcome a reader of the source expects; None where the source alone
    cannot settle it (an ad hoc perimeter, a smaller area that may lie in the territory or
    not). A water basin is always « à vérifier »: relance ships no basin data yet."""
    types = {TYPES.get(fold(label)) for label in aid["targeted_audiences"]}
    expected: dict[str, str | None] = {"applicant": "pass" if applicant in types else "fail"}
    perimeter = words(aid["perimeter"])
    found = SUFFIX.match(perimeter)
    if perimeter in ("France", "Europe"):
        expected["perimeter"] = "pass"
    elif perimeter.endswith("(Bassin hydrographique)"):
        expected["perimeter"] = "unknown"
    elif found is None:
        expected["perimeter"] = None
    elif found["name"] in places:
        expected["perimeter"] = "pass"
    elif SIZE[found["scale"]] >= SIZE[ours]:  # another area as large as ours, or larger
        expected["perimeter"] = "fail"
    else:
        expected["perimeter"] = None
    return expected


def verdict_sample() -> list[dict[str, Any]]:
    aids = read(PAGES[0])
    return random.Random(SEED).sample(aids, 20 * len(PROFILES))


def test_five_profiles_twenty_verdicts_each_agree_with_the_source(
    relance: Run, catalog: Path
) -> None:
    sample = verdict_sample()
    compared = 0
    for index, (options, applicant, ours, places) in enumerate(PROFILES.values()):
        for aid in sample[20 * index : 20 * (index + 1)]:
            result = relance(
                "show", f"at-{aid['id']}", "--catalog", str(catalog), *options,
                "--as-of", "2021-11-06", "--format", "json",
            )  # fmt: skip
            assert result.exit_code == 0, result.output
            reasons = json.loads(result.stdout)["assessment"]["reasons"]
            outcomes = {r["rule"]: r["outcome"] for r in reasons}
            for rule, expected in judged(aid, applicant, ours, places).items():
                if expected is not None:
                    compared += 1
                    assert outcomes[rule] == expected, (aid["id"], applicant, rule)
    assert compared >= 100 + 40  # every applicant reason, and most perimeters
