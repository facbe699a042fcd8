"""Reasons are data: the core gives a code and its values, the same in every language, and
only the words (`text`) follow `--lang`. The core itself never words a reason."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, SHIPPED, Run, import_real_page, new_scheme

from relance_cli import i18n
from relance_cli.catalog import loading
from relance_cli.cli import options
from relance_cli.core.advisor import advise, match
from relance_cli.core.eligibility import Outcome, Reason, assess
from relance_cli.core.models import Applicant, Scheme
from relance_cli.core.profiles import Profile, profile
from relance_cli.core.vocabulary import Category, Scale
from relance_cli.output.reasons import MESSAGES, codes, sentence
from relance_cli.profiles.fields import ProfileOptions
from relance_cli.territory.lookup import find

ON = ("--as-of", "2021-03-01")
PROFILES = (
    (),
    ("--commune", "69123"),
    ("--commune", "Évron", "--budget", "80000"),
    ("--applicant", "association", "--population", "5000"),
    ("--epci", "200046977", "--type", "donnees"),
    ("--departement", "2A"),
    ("--applicant", "partenaire"),
    ("--commune", "68224"),  # Mulhouse: the Haut-Rhin's own rules
    ("--population", "480000"),
)


def text_free(data: Any) -> Any:
    """Everything but the words: keys, codes, values, verdicts, dates, numbers."""
    if isinstance(data, dict):
        return {k: text_free(v) for k, v in data.items() if k != "text"}
    if isinstance(data, list):
        return [text_free(v) for v in data]
    return data


def reasons_of(data: Any) -> list[dict[str, Any]]:
    """Every reason object anywhere in a JSON answer."""
    if isinstance(data, dict):
        found = [data] if {"rule", "code", "params", "text"} <= set(data) else []
        return found + [r for v in data.values() for r in reasons_of(v)]
    if isinstance(data, list):
        return [r for v in data for r in reasons_of(v)]
    return []


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Real Aides-territoires records, imported as a user would: a full 2021 page and the
    generated page whose audiences relance does not all recognise."""
    folder = tmp_path_factory.mktemp("imported")
    generated = tmp_path_factory.mktemp("generated")
    return [
        import_real_page(folder),
        _import(generated, ROOT / "tests" / "data" / "aides-territoires" / "generated.json"),
    ]


def _import(folder: Path, page: Path) -> Path:
    from typer.testing import CliRunner

    from relance_cli.cli import app

    out = folder / "aides.toml"
    result = CliRunner().invoke(app, ["import", "aides-territoires", str(page), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.parametrize("given", PROFILES)
@pytest.mark.parametrize(
    "command",
    [
        ("match", "--all", "--explain"),
        ("search", "numérique", "--all"),
        ("show", "donnees", "--explain"),
        ("show", "cooperation", "--explain", "--hindsight"),
    ],
)
def test_json_differs_between_languages_only_in_text(
    relance: Run, command: tuple[str, ...], given: tuple[str, ...]
) -> None:
    args = (*command, *given, *ON, "--format", "json")
    french = relance(*args)
    english = relance("--lang", "en", *args)
    assert french.exit_code == english.exit_code == 0, french.output + english.output
    fr, en = json.loads(french.stdout), json.loads(english.stdout)
    assert text_free(fr) == text_free(en)
    worded = [(a["text"], b["text"]) for a, b in zip(reasons_of(fr), reasons_of(en), strict=True)]
    if given or command[0] == "match":  # a profile was judged: its reasons were worded
        assert worded and any(a != b for a, b in worded)


def test_json_of_an_imported_catalog_differs_only_in_text(
    relance: Run, imported: list[Path]
) -> None:
    for path in imported:
        args = ("match", "--catalog", str(path), "--all", "--commune", "Évron", *ON, "-f", "json")
        fr = json.loads(relance(*args).stdout)
        en = json.loads(relance("--lang", "en", *args).stdout)
        assert text_free(fr) == text_free(en)
        assert len(reasons_of(fr)) > 20


def test_a_reason_is_a_code_with_plain_values(run_json: Any) -> None:
    payload = run_json("match", "--commune", "Évron", "--type", "donnees", "--all", *ON)
    reasons = reasons_of(payload)
    assert {r["code"] for r in reasons} >= {"kind_covered", "national"}
    covered = next(r for r in reasons if r["code"] == "kind_covered")
    assert covered["params"] == {
        "kinds": ["donnees"],
        "kind_labels": {"donnees": "Meilleur usage des données (IA, open data, archivage, "
                        "tableaux de bord)"},
    }  # fmt: skip
    reached = next(r for r in reasons if r["code"] == "population_below_departement")
    assert reached["params"]["population"] == reached["params"]["territory_population"]
    assert reached["params"]["population_source"] == "territory"
    assert reached["params"]["territory_code"] == "53097"

    def plain(value: Any) -> bool:
        if isinstance(value, list):
            return all(plain(v) for v in value)
        if isinstance(value, dict):
            return all(isinstance(k, str) and plain(v) for k, v in value.items())
        return value is None or isinstance(value, str | int | float | bool)

    assert all(plain(r["params"]) for r in reasons)


def test_csv_carries_the_codes_and_their_values(relance: Run, run_json: Any) -> None:
    args = ("match", "--commune", "Évron", "--all", *ON)
    rows = list(csv.DictReader(io.StringIO(relance(*args, "-f", "csv").stdout.lstrip("\ufeff"))))
    payload = run_json(*args)
    for row, item in zip(rows, payload["results"], strict=True):
        assert row["reason_codes"] == "; ".join(r["code"] for r in item["reasons"])
        assert json.loads(row["reason_params"]) == [r["params"] for r in item["reasons"]]
    english = relance("--lang", "en", *args, "-f", "csv").stdout
    assert [r["reason_codes"] for r in csv.DictReader(io.StringIO(english.lstrip("\ufeff")))] == [
        r["reason_codes"] for r in rows
    ]


# --- every code has words -----------------------------------------------------------------


def emitted(paths: list[Path | str]) -> dict[str, Reason]:
    """A reason of each code the core gives on these catalogs, for a spread of profiles."""
    places = [find(scale, value) for scale, value in PLACES]
    said = [(None, who, people) for who in (None, *Applicant) for people in (None, 300)]
    said += [(place, None, people) for place in places for people in (None, 4_900, 480_000)]
    said += [(places[0], Applicant.departement, None), (places[-1], Applicant.partenaire, None)]
    seen: dict[str, Reason] = {}
    for path in paths:
        loaded = loading.load([str(path)])
        for territory, who, people in said:
            found = profile(
                applicant=who,
                population=people,
                territory=territory,
                kinds=("donnees",) if people == 300 else (),
                kind_labels=loaded.kinds,
            )
            for on in (date(2020, 6, 1), date(2021, 3, 1)):
                for advice in match(loaded.schemes, found, on, include_ineligible=True):
                    for reason in advice.assessment.reasons:
                        seen.setdefault(reason.code, reason)
    return seen


PLACES = (
    (Scale.commune, "69123"),
    (Scale.commune, "68224"),
    (Scale.commune, "53097"),
    (Scale.region, "11"),
    (Scale.departement, "2A"),
    (Scale.departement, "976"),
    (Scale.epci, "200046977"),
)


def _constructed() -> list[Reason]:
    """Reasons the shipped catalog and the imports do not give, from small schemes."""
    every = [
        a.value for a in Applicant if a.category in (Category.collectivite, Category.groupement)
    ]
    cases: list[tuple[dict[str, Any], Profile]] = [
        ({"applicants": ["collectivite"], "min_population": 1000}, Profile()),
        ({"applicants": ["collectivite"], "min_population": 1000}, Profile(population=10)),
        ({"applicants": ["collectivite"], "population_below": 1000}, Profile()),
        ({"applicants": ["collectivite"], "population_below": 1000}, Profile(population=10)),
        ({"applicants": ["collectivite"], "population_below": 1000}, Profile(population=2000)),
        ({"applicants": ["collectivite", "groupement"], "applicant_types": every}, Profile()),
        ({"applicants": ["partenaire"]}, Profile()),
        (
            {
                "applicants": ["collectivite"],
                "applicant_types": ["departement"],
                "other_audiences": ["Particuliers"],
            },
            Profile(applicant=Applicant.commune),
        ),
    ]
    found: list[Reason] = []
    for rules, judged in cases:
        scheme = Scheme.model_validate(_scheme(eligibility=rules))
        found += assess(scheme, judged).reasons
    return found


def _scheme(**fields: Any) -> dict[str, Any]:
    return new_scheme("essai", **fields)


def test_every_code_given_has_words_in_both_languages(imported: list[Path]) -> None:
    seen = emitted([SHIPPED, *imported])
    for reason in _constructed():
        seen.setdefault(reason.code, reason)
    assert set(seen) == codes()  # every code is worded, every worded code is given
    schema = json.loads((ROOT / "schemas" / "output.schema.json").read_text(encoding="utf-8"))
    assert set(schema["$defs"]["reason"]["properties"]["code"]["enum"]) == codes()
    words = {}
    for language in ("fr", "en"):
        i18n.use(language)
        words[language] = {code: sentence(reason) for code, reason in seen.items()}
    i18n.use("fr")
    for code in seen:
        french, english = words["fr"][code], words["en"][code]
        assert french and english and french != english, code
        assert not re.search(r"\{\w+\}", french + english), code


def test_the_variant_and_the_announcement_are_reasons_too() -> None:
    loaded = loading.load([loading.BUILTIN])
    scheme = next(s for s in loaded.schemes if s.variants)
    mulhouse = profile(territory=find(Scale.commune, "68224"))
    reasons = advise(scheme, mulhouse, date(2021, 3, 1)).assessment.reasons
    assert reasons[0] == Reason(
        "variant",
        Outcome.passed,
        "local_rules",
        {"departements": ["68"], "note": scheme.variants[0].note},
    )
    early = advise(scheme, mulhouse, date(2019, 1, 1)).assessment.reasons
    assert [r.code for r in early] == ["announced_later"]
    assert early[0].params["date"] == "2019-01-01"
    assert sentence(early[0]).replace("\u00a0", " ").endswith("après le 1er janvier 2019")


def test_a_refusal_with_audiences_relance_does_not_know_keeps_the_refusal() -> None:
    rules = {
        "applicants": ["collectivite"],
        "applicant_types": ["departement"],
        "other_audiences": ["Particuliers"],
    }
    scheme = Scheme.model_validate(_scheme(eligibility=rules))
    (reason,) = assess(scheme, Profile(applicant=Applicant.commune)).reasons
    assert (reason.code, reason.outcome) == ("unrecognised_publics", Outcome.unknown)
    assert reason.params == {
        "refusal": "applicant_not_listed",
        "applicant": "commune",
        "publics": ["departement"],
        "others": ["Particuliers"],
    }
    assert sentence(reason) == (
        "les communes ne sont pas parmi les publics visés (les départements) ; mais la source "
        "cite aussi des publics que relance ne reconnaît pas (Particuliers) : à vérifier"
    )


def test_the_core_never_words_a_reason() -> None:
    core = ROOT / "src" / "relance_cli" / "core"
    wording = re.compile(r"^\s*(from|import) relance_cli\b.*\b(l10n|i18n|wording)\b", re.MULTILINE)
    for name in ("eligibility.py", "estimate.py", "advisor.py", "profiles.py"):
        source = (core / name).read_text(encoding="utf-8")
        assert not wording.search(source), name
        assert not re.search(r"\b_\(|\bN_\(|\bngettext\(", source), name
        assert "interface" not in source, name
    formatting = re.compile(r"^\s*(from|import) relance_cli\b.*\b(l10n|wording)\b", re.MULTILINE)
    for path in core.glob("*.py"):  # dates, amounts and names are worded in output/ only
        assert not formatting.search(path.read_text(encoding="utf-8")), path.name
    assert MESSAGES  # the words live in output/reasons.py


# --- one profile, built once; the profile options, declared once ------------------------


def test_a_territory_completes_the_profile_unless_told_otherwise() -> None:
    evron = find(Scale.commune, "Évron")
    assert evron.population is not None
    built = profile(territory=evron)
    assert (built.applicant, built.population, built.population_source) == (
        Applicant.commune,
        evron.population,
        "territory",
    )
    told = profile(territory=evron, applicant=Applicant.epci, population=12)
    assert (told.applicant, told.population, told.population_source) == (
        Applicant.epci,
        12,
        "option",
    )
    assert profile(kinds=["donnees"], kind_labels={"donnees": "Données"}).kind_labels == (
        ("donnees", "Données"),
    )


def test_the_profile_options_are_declared_once() -> None:
    from typer.main import get_command

    from relance_cli.cli import app

    assert list(options.PROFILE) == list(ProfileOptions._fields)
    group = get_command(app)
    commands = {name: group.commands[name] for name in ("match", "search", "show", "diff")}
    helps: dict[str, set[str]] = {}
    for command in commands.values():
        for param in command.params:
            if param.name in options.PROFILE:
                helps.setdefault(param.name, set()).add(getattr(param, "help", "") or "")
    assert set(helps) == set(options.PROFILE)
    assert all(len(texts) == 1 for texts in helps.values())
    show = {p.name for p in commands["show"].params}
    assert "commune" in show and "financer" not in show
