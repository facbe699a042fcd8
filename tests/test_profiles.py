"""Saved profiles through the command line, with the config folder in tmp_path: saving,
listing, showing, deleting and the default; what `--profile`, RELANCE_PROFILE and the
default change in each command; a file broken by hand; bad names."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, follows_output_schema, plain

PAGE_2021 = ROOT / "tests" / "data" / "aides-territoires" / "django-2021-11.json"
MAIRIE = ("--commune", "Lyon", "--type", "dematerialisation", "--budget", "300 000")
AS_OF = ("--as-of", "2021-03-15")


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The profiles file of a user whose config folder is in tmp_path."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("RELANCE_PROFILE", raising=False)
    return tmp_path / "config" / "relance" / "profiles.toml"


def ok(relance: Run, *args: str) -> str:
    result = relance(*args)
    assert result.exit_code == 0, result.output
    return plain(result.stdout)


def error_of(relance: Run, *args: str, code: int) -> str:
    result = relance(*args)
    assert result.exit_code == code, result.output
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()  # one line, never a traceback
    return line


def follows(payload: Any, definition: str) -> None:
    follows_output_schema(payload, definition)


def test_save_list_show_default_delete(relance: Run, run_json: Any, config: Path) -> None:
    assert "Aucun profil enregistré" in ok(relance, "profile", "list")
    saved = ok(relance, "profile", "save", "mairie", *MAIRIE)
    assert saved == f"Profil « mairie » enregistré dans {config}.\n"
    ok(relance, "profile", "save", "rhone", "--departement", "69", "--applicant", "departement")
    assert ok(relance, "profile", "default", "mairie") == "Profil par défaut : « mairie ».\n"
    assert ok(relance, "profile", "list").splitlines() == [
        f"Profils de {config} :",
        "* mairie  commune 69123 ; type dematerialisation ; budget 300000",
        "  rhone   departement 69 ; applicant departement",
        "* : le profil par défaut",
    ]
    listed = run_json("profile", "list")
    follows(listed, "profile_list")
    assert listed["default"] == "mairie" and [p["name"] for p in listed["profiles"]] == [
        "mairie",
        "rhone",
    ]
    shown = run_json("profile", "show", "mairie")
    follows(shown, "profile_show")
    assert shown["fields"] == {
        "commune": "69123",
        "type": ["dematerialisation"],
        "budget": "300000",
    }
    assert ok(relance, "profile", "show", "rhone").splitlines()[1:] == [
        "  departement  69",
        "  applicant    departement",
    ]
    csv = ok(relance, "profile", "list", "--format", "csv").lstrip("\ufeff").splitlines()
    assert csv[1] == "mairie,true,69123,,,,,,dematerialisation,300000,,,,,"
    deleted = ok(relance, "profile", "delete", "mairie")
    assert deleted == ("Profil « mairie » supprimé. Aucun profil ne s'applique plus par défaut.\n")
    assert ok(relance, "profile", "default") == "Aucun profil par défaut.\n"
    assert [p["name"] for p in run_json("profile", "list")["profiles"]] == ["rhone"]


def test_the_file_is_readable_toml_with_the_territory_named(relance: Run, config: Path) -> None:
    ok(relance, "profile", "save", "mairie", *MAIRIE, "--catalog", str(ROOT / "schemes.toml"))
    text = config.read_text(encoding="utf-8")
    assert '[profiles.mairie]\ncommune = "69123" # Lyon\ntype = ["dematerialisation"]\n' in text
    assert "budget = 300000\n" in text
    assert f'catalog = ["{ROOT / "schemes.toml"}"]' in text  # absolute: works from any folder


def _results(run_json: Any, *args: str) -> tuple[dict[str, Any], list[Any]]:
    found = run_json("match", *AS_OF, "--all", *args)
    profile = dict(found["profile"])
    name = profile.pop("name")
    return {"name": name, **profile}, found["results"]


def test_a_profile_gives_exactly_what_its_options_give(
    relance: Run, run_json: Any, config: Path
) -> None:
    ok(relance, "profile", "save", "mairie", *MAIRIE)
    by_options, expected = _results(run_json, *MAIRIE)
    by_profile, results = _results(run_json, "--profile", "mairie")
    assert results == expected
    assert by_options == {**by_profile, "name": None} and by_profile["name"] == "mairie"
    table = ok(relance, "match", "--profile", "mairie", *AS_OF)
    assert table.startswith("Profil enregistré « mairie »\nProfil : candidat commune")


def test_the_default_applies_and_an_option_overrides_its_field(
    relance: Run, run_json: Any, config: Path
) -> None:
    ok(relance, "profile", "save", "gironde", "--departement", "33", "--type", "donnees")
    ok(relance, "profile", "default", "gironde")
    profile, _ = _results(run_json)
    assert profile["name"] == "gironde" and profile["territory"]["code"] == "33"
    assert profile["types"] == ["donnees"]
    overridden, _ = _results(run_json, "--commune", "69123")
    assert overridden["territory"]["code"] == "69123" and overridden["applicant"] == "commune"
    assert overridden["types"] == ["donnees"]  # the other fields stay
    retyped, _ = _results(run_json, "--type", "cooperation")
    assert retyped["types"] == ["cooperation"] and retyped["territory"]["code"] == "33"


def test_relance_profile_then_the_option_choose(
    relance: Run, run_json: Any, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(relance, "profile", "save", "a", "--region", "84")
    ok(relance, "profile", "save", "b", "--region", "11")
    ok(relance, "profile", "default", "a")
    monkeypatch.setenv("RELANCE_PROFILE", "b")
    assert _results(run_json)[0]["territory"]["code"] == "11"
    assert _results(run_json, "--profile", "a")[0]["territory"]["code"] == "84"
    monkeypatch.setenv("RELANCE_PROFILE", "c")
    line = error_of(relance, "match", code=2)
    assert line == "Erreur : RELANCE_PROFILE : profil inconnu « c » ; profils : a, b"


def test_list_calendar_show_and_diff_read_the_profile_catalogs(
    relance: Run, run_json: Any, config: Path, tmp_path: Path
) -> None:
    catalog = tmp_path / "aides.toml"
    ok(relance, "import", "aides-territoires", str(PAGE_2021), "-o", str(catalog))
    ok(relance, "profile", "save", "aides", "--catalog", str(catalog), "--applicant", "epci")
    listed = run_json("list", "--profile", "aides")
    follows(listed, "list")
    assert listed["profile"] == "aides" and len(listed["schemes"]) == 25
    assert ok(relance, "list", "--profile", "aides").startswith("Profil enregistré « aides »\n")
    steps = run_json("calendar", "--profile", "aides")
    follows(steps, "calendar")
    assert steps["profile"] == "aides" and {s["scheme"] for s in steps["steps"]} >= {"at-44422"}
    shown = run_json("show", "at-44422", "--profile", "aides", "--as-of", "2022-06-20")
    follows(shown, "show")
    assert shown["profile"] == "aides" and shown["assessment"]["verdict"] == "eligible"
    assert "Profil enregistré « aides »" in ok(relance, "calendar", "--profile", "aides")
    diff = ok(relance, "diff", str(catalog), str(catalog), "--profile", "aides")
    assert diff.endswith("0 disparue (profil « aides »)\n")


def test_without_any_profile_nothing_changes(run_json: Any, config: Path) -> None:
    assert run_json("list")["profile"] is None
    assert not config.exists()  # reading never creates the file


# --- a file broken by hand -------------------------------------------------------------------


# (file, error, whether the file's very shape is wrong: then no profile can be saved
# beside it; a bad value only stops the commands that use it)
BROKEN = [
    ('[profiles.m]\ncommune = "Lyon\n', ":2:16: syntaxe TOML invalide", True),
    (
        '[profiles.m]\ncommune = "69123"\nbudjet = 3\n',
        ":3: profiles.m.budjet : champ inconnu",
        True,
    ),
    (
        "[profiles.m]\nbudget = true\n",
        ":2: profiles.m.budget : attendu un nombre ou un texte",
        True,
    ),
    ('[profiles.m]\ncommune = "1"\nepci = "2"\n', ":3: profiles.m.epci : un seul territoire", True),
    ('default = "x"\n[profiles.m]\ncommune = "1"\n', ":1: default : « x » ne nomme aucun", True),
    ('colour = "x"\n', ":1: colour : clé inconnue", True),
    (
        '[profiles.m]\n\ncommune = "Atlantide"\n',
        ":3: profiles.m.commune : « Atlantide » inconnu",
        False,
    ),
    (
        '[profiles.m]\ntype = ["nope"]\n',
        ":2: profiles.m.type : « nope » n'est pas un type de projet",
        False,
    ),
    ('[profiles.m]\npopulation = "beaucoup"\n', ":2: profiles.m.population : « beaucoup »", False),
]


@pytest.mark.parametrize(("text", "message", "shape"), BROKEN)
def test_a_broken_file_is_a_located_error_and_stays_as_it_is(
    relance: Run, config: Path, text: str, message: str, shape: bool
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(text, encoding="utf-8")
    os.utime(config, (1_000_000_000, 1_000_000_000))
    line = error_of(relance, "match", "--profile", "m", code=1)
    assert line.startswith(f"Erreur : {config}{message}"), line
    assert config.read_text(encoding="utf-8") == text  # a read never rewrites it
    assert config.stat().st_mtime == 1_000_000_000
    if shape:
        assert error_of(relance, "profile", "save", "n", "--region", "84", code=1) == line
        assert config.read_text(encoding="utf-8") == text
    else:
        ok(relance, "profile", "save", "n", "--region", "84")
        assert config.read_text(encoding="utf-8").startswith(text)


# --- writing --------------------------------------------------------------------------------


def test_saving_keeps_comments_and_the_other_profiles(relance: Run, config: Path) -> None:
    config.parent.mkdir(parents=True)
    hand = (
        "# mes profils, écrits à la main\n"
        'default = "dep"\n\n'
        "[profiles.dep]\n"
        'departement = "69"  # le Rhône\n'
        "type = [\n"
        '    "donnees",  # surtout\n'
        "]\n"
    )
    config.write_text(hand, encoding="utf-8")
    ok(relance, "profile", "save", "mairie", *MAIRIE)
    ok(relance, "profile", "save", "mairie", "--commune", "69123", "--population", "1000")
    text = config.read_text(encoding="utf-8")
    assert text.startswith(hand)
    assert text[len(hand) :] == (
        '\n[profiles.mairie]\ncommune = "69123" # Lyon\npopulation = 1000\n'
    )


def test_an_interrupted_save_leaves_the_file_whole(
    relance: Run, config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ok(relance, "profile", "save", "a", "--region", "84")
    before = config.read_bytes()

    def crash(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    result = relance("profile", "save", "b", "--region", "11")
    assert result.exit_code == 1 and "plus de place sur le disque" in result.stderr
    assert config.read_bytes() == before
    assert sorted(p.name for p in config.parent.iterdir()) == [
        "profiles.toml",
        "profiles.toml.lock",
    ]


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["a/b", "../x", "a\x1b[2J", "", " x", "x" * 65, "a\\b"])
def test_a_bad_name_is_a_usage_error(relance: Run, config: Path, name: str) -> None:
    line = error_of(relance, "profile", "save", name, "--region", "84", code=2)
    assert "n'est pas un nom de profil possible" in line and "\x1b" not in line
    line = error_of(relance, "match", "--profile", name, code=2)
    assert line.startswith("Erreur : --profile : ")
    assert not config.exists()


def test_unknown_profiles_and_missing_options(relance: Run, config: Path) -> None:
    assert error_of(relance, "match", "--profile", "x", code=2) == (
        "Erreur : --profile : profil inconnu « x » ; aucun profil enregistré "
        "(relance profile save NOM [options])"
    )
    ok(relance, "profile", "save", "a", "--region", "84")
    for args in (["show", "b"], ["delete", "b"], ["default", "b"]):
        line = error_of(relance, "profile", *args, code=2)
        assert line == "Erreur : NOM : profil inconnu « b » ; profils : a"
    assert "au moins une option" in error_of(relance, "profile", "save", "c", code=2)
    assert "pas les deux" in error_of(relance, "profile", "default", "a", "--none", code=2)
    assert "inconnu" in error_of(relance, "profile", "save", "c", "--commune", "Atlantide", code=2)
    ok(relance, "profile", "default", "a")
    assert ok(relance, "profile", "default", "--none") == (
        "Aucun profil ne s'applique plus par défaut.\n"
    )
    assert ok(relance, "profile", "default") == "Aucun profil par défaut.\n"


def test_completion_offers_the_saved_names(relance: Run, config: Path) -> None:
    from relance_cli.cli.completion import profiles

    assert profiles("") == []
    ok(relance, "profile", "save", "mairie", "--region", "84")
    ok(relance, "profile", "save", "metropole", "--region", "84")
    assert profiles("mai") == ["mairie"]
    config.write_text("[", encoding="utf-8")
    assert profiles("") == []
