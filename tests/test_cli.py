"""The command line as a user drives it: real arguments in, real output and exit codes out."""

from __future__ import annotations

import itertools
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from helpers import (
    ROOT,
    Run,
    catalog_file,
    new_catalog,
    new_scheme,
    plain,
    scheme,
    shipped_data,
    write_catalog,
)

from relance_cli import __version__

# --- the canonical question -----------------------------------------------------------------


def test_canonical_match_shows_dematerialisation_eligible_and_nothing_else(relance: Run) -> None:
    result = relance("match", "--population", "600000", "--type", "dematerialisation")
    assert result.exit_code == 0
    out = plain(result.stdout)
    assert "éligible" in out and "dematerialisation" in out
    for other in ("donnees", "cooperation", "consultation-incubateur"):
        assert other not in out
    # today, the rules of the last session: its 300 000 threshold
    assert "population concernée 600 000 ≥ 300 000 habitants" in " ".join(out.split())
    assert "règles : 2e appel à projets" in out


def test_canonical_match_json(run_json: Any) -> None:
    data = run_json("match", "--population", "600000", "--type", "dematerialisation")
    assert [(r["id"], r["verdict"]) for r in data["results"]] == [("dematerialisation", "eligible")]
    assert data["profile"]["population"] == 600000
    assert data["profile"]["types"] == ["dematerialisation"]


# --- list -------------------------------------------------------------------------------------


def test_list_table_shows_every_scheme_with_status(relance: Run) -> None:
    result = relance("list", "--as-of", "2026-11-28")
    assert result.exit_code == 0
    out = plain(result.stdout)
    for scheme_id in ("consultation-incubateur", "dematerialisation", "donnees", "cooperation",
                      "api-franceconnect", "guichets-prefets"):  # fmt: skip
        assert scheme_id in out
    assert out.count("fermé") == 7  # the investigations programme too
    assert out.count("75 % hors") == 3 and "personnel et" in out and "matériel" in out
    assert out.count("taux non") == 3  # the préfets', the API guichets, investigations: no rate
    assert "25 janvier 2021" in out and "→ 28 mai 2021" in out
    assert "Statut au 28 novembre 2026" in out


def test_list_at_an_open_date_counts_days(relance: Run) -> None:
    out = plain(relance("list", "--as-of", "2021-02-22").stdout)
    assert out.count("ouvert jusqu'au") == 5 and out.count("28 mai 2021") >= 3
    assert out.count("50 % hors") == 3  # the rules of the first session
    assert "encore 95 jours" in out


def test_list_json_shape(run_json: Any) -> None:
    data = run_json("list", "--as-of", "2021-02-22")
    assert data["as_of"] == "2021-02-22"
    first = data["schemes"][1]
    assert first["id"] == "dematerialisation"
    assert first["funding"] == {
        "rate": 0.5,
        "rate_low": None,
        "rate_up_to": False,
        "excluded_costs": ["personnel"],
        "support": ["Cofinancement"],
        "note": None,
        "loan_amount": None,
        "recoverable_advance_amount": None,
        "charged": None,
    }
    assert first["status"] == "open" and first["deadline"] == "2021-05-28"
    assert first["days_left"] == 95
    (first_session,) = (dict(step) for step in first["steps"])  # the 2nd: announced later
    assert first_session.pop("sources")[0]["date"] == "2021-02-22"
    assert first_session == {
        "name": "1ère session",
        "start": "2021-01-25",
        "end": "2021-05-28",
        "accepts_applications": True,
        "eligibility": None,
        "funding": None,
        "note": None,
        "status": "current",
        "announced": "2021-02-22",
    }
    assert first["session"] == {
        "name": "1ère session", "start": "2021-01-25", "end": "2021-05-28",
        "announced": "2021-02-22",
    }  # fmt: skip
    assert [s["date"] for s in first["sources"]] == ["2021-02-22", "2021-10-26", "2021-01-12"]
    assert first["announced"] == "2021-01-12"
    today = run_json("list")["schemes"][1]
    second = today["steps"][1]
    assert second["eligibility"]["min_population"] == 300000
    assert second["funding"]["rate"] == 0.75
    assert second["announced"] == "2021-09-21"


# --- show -------------------------------------------------------------------------------------


def test_show_prints_everything_about_one_scheme(relance: Run) -> None:
    result = relance("show", "consultation-incubateur", "--as-of", "2021-02-01")
    assert result.exit_code == 0
    out = " ".join(plain(result.stdout).split())
    for fact in (
        "Consultation nationale de l'Incubateur des Territoires (ANCT)",
        "Incubateur des Territoires de l'ANCT",
        "collectivités, groupements, partenaires",
        "Gestion de la relation usagers",
        "https://incubateur.anct.gouv.fr/relance",
        # the calendar as announced on 1 February 2021, before the revisions of March
        "Vote pour les propositions",
        "1er juin 2021",
        "→ sans fin annoncée",
        "Prochaine étape Vote pour les propositions, du 15 mars 2021 au 15 avril 2021",
        "Révisions 4 révisions du calendrier : show consultation-incubateur --history",
        "encore 42 jours",
        "476 contributions.",
        "Sources • Bibliothèques et collectivités, focus sur les aides numériques du plan de "
        "relance, 22 février 2021",
    ):
        assert fact in out, fact


def test_show_with_a_profile_lists_every_rule(relance: Run) -> None:
    result = relance(
        "show", "donnees", "--applicant", "commune", "--population", "20000",
        "--budget", "300000", "--staff-costs", "100000", "--equipment-costs", "50000",
    )  # fmt: skip
    out = plain(result.stdout)
    assert "Éligibilité pour ce profil (2e appel à projets) : non éligible" in out
    assert "✓ les communes sont des collectivités, admises à candidater" in out
    assert "✗ population concernée 20 000 < 300 000 habitants" in out
    assert "Estimation" not in out  # « non éligible »: nothing to estimate
    fits = relance(
        "show", "donnees", "--applicant", "commune", "--population", "400000",
        "--budget", "300000", "--staff-costs", "100000", "--equipment-costs", "50000",
    )  # fmt: skip
    estimate = "Estimation : 112 500 € (75 % d'une base éligible de 150 000 €)"
    assert estimate in " ".join(plain(fits.stdout).split())
    early = plain(
        relance("show", "donnees", "--population", "20000", "--as-of", "2021-03-01").stdout
    )
    assert "Éligibilité pour ce profil : non éligible" in early  # one session known then
    assert "✗ population concernée 20 000 < environ 500 000 habitants" in early


def test_show_json_with_profile_carries_the_assessment(run_json: Any) -> None:
    data = run_json("show", "donnees", "--applicant", "departement")
    assert data["id"] == "donnees"
    assert data["assessment"]["verdict"] == "eligible"
    assert {r["rule"] for r in data["assessment"]["reasons"]} == {"applicant", "population"}


def test_show_unknown_id_offers_the_closest(relance: Run) -> None:
    result = relance("show", "donees")
    assert result.exit_code == 2
    assert (
        result.stderr == "Erreur : dispositif inconnu « donees » ; vouliez-vous dire : donnees ?\n"
    )
    assert result.stdout == ""
    far = relance("show", "zzz")
    assert far.exit_code == 2 and "dispositifs : consultation-incubateur," in far.stderr


# --- match --------------------------------------------------------------------------------------


def test_match_all_shows_the_ineligible_with_their_reason(relance: Run) -> None:
    out = plain(relance("match", "--population", "20000", "--all", "--as-of", "2021-05-01").stdout)
    flat = " ".join(out.split())
    assert flat.count("non éligible") == 3
    assert "population concernée 20 000 < environ 500 000 habitants" in flat
    without = plain(relance("match", "--population", "20000", "--as-of", "2021-05-01").stdout)
    assert "non éligible" not in without and "consultation-incubateur" in without
    assert "3 dispositifs écartés : --all pour les voir" in without


def test_match_types_are_case_and_accent_insensitive_and_repeatable(run_json: Any) -> None:
    data = run_json(
        "match", "--population", "600 000", "--type", "Dématérialisation", "--type", "DONNÉES"
    )
    assert [r["id"] for r in data["results"]] == ["dematerialisation", "donnees"]
    assert data["profile"]["types"] == ["dematerialisation", "donnees"]


def test_match_applicant_partenaire(run_json: Any) -> None:
    data = run_json("match", "--applicant", "partenaire", "--all", "--population", "600000")
    verdicts = {r["id"]: r["verdict"] for r in data["results"]}
    assert verdicts == {
        "consultation-incubateur": "eligible",
        "dematerialisation": "ineligible",
        "donnees": "ineligible",
        "cooperation": "ineligible",
        "api-franceconnect": "ineligible",
        "guichets-prefets": "ineligible",
        "investigations": "ineligible",
    }


def test_match_open_filters_on_the_date(run_json: Any) -> None:
    assert run_json("match", "--open", "--as-of", "2026-11-28")["results"] == []
    opened = run_json("match", "--open", "--as-of", "2021-05-27", "--population", "600000")
    assert [r["id"] for r in opened["results"]] == [
        "dematerialisation",
        "donnees",
        "cooperation",
        "api-franceconnect",  # "à vérifier" without --applicant: collectivités only
        "guichets-prefets",  # "à vérifier" at 600 000 inhabitants: the size varied
    ]  # fmt: skip
    assert opened["results"][0]["days_left"] == 1


def test_match_with_nothing_matching_says_so(relance: Run) -> None:
    result = relance("match", "--open", "--as-of", "2026-11-28")
    assert result.exit_code == 0
    assert "Aucun résultat sur 7 dispositifs" in " ".join(plain(result.stdout).split())


def test_closed_schemes_are_shown_as_closed_not_dropped(relance: Run) -> None:
    out = plain(relance("match", "--population", "600000", "--as-of", "2026-11-28").stdout)
    assert out.count("fermé depuis le 23 novembre 2021") == 3
    assert "fermé depuis le 16 mars 2021" in out
    assert "Tous ces dispositifs sont fermés au 28 novembre 2026" in " ".join(out.split())


def test_match_budget_estimates(relance: Run, run_json: Any) -> None:
    args = ("match", "--population", "600000", "--budget", "300000",
            "--staff-costs", "100 000", "--equipment-costs", "50000")  # fmt: skip
    data = run_json(*args, "--as-of", "2021-05-01")
    estimates = {r["id"]: r["estimate"] for r in data["results"]}
    assert estimates["dematerialisation"] == {
        "eligible_base": 200000,
        "rate": 0.5,
        "amount": 100000,
    }
    assert estimates["donnees"] == {"eligible_base": 150000, "rate": 0.5, "amount": 75000}
    assert estimates["guichets-prefets"] is None  # no rate given: no estimate
    assert data["profile"]["staff_costs"] == 100000
    out = " ".join(plain(relance(*args, "--as-of", "2021-05-01").stdout).split())
    assert "estimation : 100 000 €" in out and "pas une promesse" in out
    later = {r["id"]: r["estimate"] for r in run_json(*args, "--as-of", "2021-10-15")["results"]}
    assert later["donnees"] == {"eligible_base": 150000, "rate": 0.75, "amount": 112500}


def test_match_budget_with_cents(run_json: Any) -> None:
    data = run_json(
        "match", "--population", "600000", "--budget", "1234,57", "--type", "donnees",
        "--as-of", "2021-05-01",
    )  # fmt: skip
    assert data["results"][0]["estimate"] == {
        "eligible_base": 1234.57,
        "rate": 0.5,
        "amount": 617.29,
    }


def test_match_explain_prints_every_rule(relance: Run) -> None:
    out = plain(
        relance("match", "--population", "480000", "--explain", "--as-of", "2021-02-01").stdout
    )
    assert "dematerialisation : à vérifier" in out
    assert "? population concernée 480 000, à moins de 10 % sous environ 500 000" in out
    assert "✓ candidat non précisé" in out
    assert (
        "→ prochaine étape : Vote pour les propositions, du 15 mars 2021 au 15 avril 2021"
        in " ".join(out.split())
    )


def test_match_closing_within(run_json: Any) -> None:
    data = run_json(
        "match",
        "--closing-within",
        "8",
        "--as-of",
        "2021-05-20",
        "--population",
        "6e5".replace("6e5", "600000"),
    )
    assert [r["id"] for r in data["results"]] == ["dematerialisation", "donnees", "cooperation"]
    assert run_json("match", "--closing-within", "7", "--as-of", "2021-05-20")["results"] == []


def test_deadlines_within_14_days_are_highlighted(relance: Run) -> None:
    colour = {"NO_COLOR": "", "FORCE_COLOR": "1", "TERM": "xterm-256color"}
    result = relance("match", "--as-of", "2021-05-20", "--population", "600000", env=colour)
    assert "\x1b[1;31m" in result.stdout  # bold red "encore 8 jours"


# --- calendar -------------------------------------------------------------------------------------


def test_calendar_is_chronological_with_status(relance: Run) -> None:
    result = relance("calendar", "--as-of", "2021-03-15")
    assert result.exit_code == 0
    out = plain(result.stdout)
    assert out.index("Recueil des besoins") < out.index("Vote pour les propositions")
    assert out.index("Vote pour les propositions") < out.index("Développement et déploiement")
    assert "Soutien aux projets" not in out  # announced on 19 March 2021
    assert "dernier jour" in out  # step 1 ends on 15 March
    assert "encore 74 jours" in out
    assert "à venir" in out


def test_calendar_of_one_scheme_json(run_json: Any) -> None:
    data = run_json("calendar", "consultation-incubateur", "--as-of", "2021-03-15")
    assert data["as_of"] == "2021-03-15"
    # the calendar announced in January, revised on 16 March 2021
    assert [s["status"] for s in data["steps"]] == ["current", "current", "upcoming", "upcoming"]
    assert data["steps"][3] == {
        "scheme": "consultation-incubateur",
        "name": "Développement et déploiement des services numériques lauréats",
        "start": "2021-06-01",
        "end": None,
        "status": "upcoming",
        "accepts_applications": False,
        "days_left": None,
        "announced": "2021-01-21",
    }
    assert data["steps"][0]["days_left"] == 0


def test_calendar_unknown_id(relance: Run) -> None:
    result = relance("calendar", "cooperatoin")
    assert result.exit_code == 2 and "vouliez-vous dire : cooperation" in result.stderr


# --- bad input: one line, the option, what is valid, exit 2 -------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["match", "--type", "foo"], "--type : « foo » n'est pas un type de projet"),
        (["match", "--type", "donees"], "les plus proches : donnees (Meilleur usage"),
        (["match", "--applicant", "mairie"], "valeurs possibles : commune, departement, region"),
        (["match", "--population", "-5"], "--population : « -5 » n'est pas un nombre entier ≥ 0"),
        (["match", "--population", "1e6"], "--population : « 1e6 »"),
        (["match", "--population", ""], "--population : «  »"),
        (["match", "--as-of", "2021-02-30"], "--as-of : « 2021-02-30 » n'est pas une date valide"),
        (["list", "--as-of", "28/05/2021"], "attendu AAAA-MM-JJ"),
        (["list", "--format", "xml"], "--format : « xml » n'est pas une valeur possible"),
        (["match", "--budget", "abc"], "--budget : « abc » n'est pas un montant en euros"),
        (["match", "--budget", "10.123"], "--budget : « 10.123 »"),
        (["match", "--staff-costs", "5"], "ajoutez --budget EUR"),
        (["match", "--budget", "100", "--staff-costs", "200"], "dépassent le budget total"),
        (["match", "--closing-within", "x"], "--closing-within : « x »"),
        (["match", "--population", "1" + "0" * 20], "hors limites"),
    ],
)
def test_bad_option_values(relance: Run, args: list[str], expected: str) -> None:
    result = relance(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Erreur : ")
    assert expected in plain(result.stderr)


def test_unknown_option_is_a_usage_error(relance: Run) -> None:
    result = relance("match", "--populaton", "5")
    assert result.exit_code == 2
    assert "option inconnue : --populaton" in result.stderr and "Traceback" not in result.output


# --- catalogs on the command line -----------------------------------------------------------------


def test_catalog_validation_error_exit_1_located(relance: Run, tmp_path: Path) -> None:
    data = shipped_data()
    scheme(data, "dematerialisation")["funding"].update(rate=1.5, excluded_costs=[])
    bad = catalog_file(tmp_path, data)
    result = relance("list", "--catalog", str(bad))
    assert result.exit_code == 1
    line = bad.read_text(encoding="utf-8").splitlines().index("rate = 1.5") + 1
    where = f'{bad}:{line}: scheme "dematerialisation": funding.rate'
    assert result.stderr == f"Erreur : {where}: doit être ≤ 1 (valeur : 1.5)\n"


def test_missing_catalog_exit_1(relance: Run, tmp_path: Path) -> None:
    result = relance("match", "--catalog", str(tmp_path / "nope.toml"))
    assert result.exit_code == 1
    assert result.stderr == f"Erreur : {tmp_path / 'nope.toml'}: fichier introuvable\n"


def test_relance_catalog_environment_variable(relance: Run, tmp_path: Path) -> None:
    example = (ROOT / "examples" / "mon-departement.toml").read_text(encoding="utf-8")
    mine = write_catalog(tmp_path, example)
    result = relance("list", "--format", "json", env={"RELANCE_CATALOG": str(mine)})
    ids = [s["id"] for s in __import__("json").loads(result.stdout)["schemes"]]
    assert ids == ["exemple-bibliotheques-numeriques"]
    mine = catalog_file(tmp_path, new_catalog(new_scheme("api-franceconnect")))
    both = relance("list", "--catalog", "builtin", "--catalog", str(mine), "--format", "json")
    assert both.exit_code == 1 and "déjà défini dans" in both.stderr


def test_untrusted_text_prints_literally(relance: Run, tmp_path: Path) -> None:
    data = shipped_data()
    scheme(data, "cooperation")["title"] = "[bold red]x[/] :smile: coopération"
    mine = catalog_file(tmp_path, data)
    for command in (["list"], ["show", "cooperation"], ["match", "--all"]):
        result = relance(*command, "--catalog", str(mine))
        assert result.exit_code == 0, result.output
        assert "[bold red]x[/] :smile:" in plain(result.stdout)


def test_escape_sequences_in_a_catalog_never_reach_the_terminal(
    relance: Run, tmp_path: Path
) -> None:
    data = shipped_data()
    scheme(data, "api-franceconnect")["steps"][0]["name"] = "Candi\x1b]0;pwned\x07datures"
    mine = catalog_file(tmp_path, data)
    result = relance("calendar", "--catalog", str(mine))
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "caractère interdit U+001B" in result.stderr


# --- the shell around the commands ----------------------------------------------------------------


def is_address(line: str) -> bool:
    return re.fullmatch(r"\s*https://\S+", line) is not None


@pytest.mark.parametrize(
    "command",
    [
        ["list", "--as-of", "2021-02-01"],
        ["calendar", "--as-of", "2021-03-15"],
        ["show", "consultation-incubateur", "--as-of", "2021-02-01", "--population", "480000"],
        ["match", "--population", "480000", "--all", "--budget", "300000", "--explain"],
    ],
)
def test_tables_fit_80_columns_without_breaking_ids_dates_or_numbers(
    relance: Run, command: list[str]
) -> None:
    result = relance(*command, env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    # A web address is never broken, so its own line may run past: the terminal wraps it.
    assert max(len(line) for line in lines if not is_address(line)) <= 80
    text = result.stdout
    assert "consultation-incubateur" in text  # the longest id is never cut
    assert "…" not in text  # nothing truncated
    for line, following in itertools.pairwise(lines):  # dates and numbers stay whole
        ends, starts = line.rstrip(), following.lstrip()
        day_cut = re.search(r"\b(\d{1,2}|1er)$", ends) and re.match(r"[a-zé]+ \d{4}", starts)
        thousands_cut = re.search(r"\d$", ends) and re.match(r"\d{3}\b", starts)
        assert not day_cut and not thousands_cut, (line, following)


def test_no_arguments_prints_help(relance: Run) -> None:
    result = relance()
    assert result.exit_code == 0
    assert "Utilisation : relance" in result.stdout and "match" in result.stdout


def test_version(relance: Run) -> None:
    result = relance("--version")
    assert (result.exit_code, result.stdout) == (0, f"relance {__version__}\n")


def test_an_internal_error_asks_for_a_report(relance: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from relance_cli.core import advisor

    def broken(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(advisor, "match", broken)
    result = relance("match")
    assert result.exit_code == 70
    assert result.stderr.startswith("Erreur interne (un bogue de relance) : ZeroDivisionError.")
    assert "Traceback" not in result.stderr
    debug = relance("--debug", "match")
    assert debug.exit_code == 70 and "Traceback" in debug.stderr and "boom" in debug.stderr
    env = relance("match", env={"RELANCE_DEBUG": "1"})
    assert "Traceback" in env.stderr


def test_ctrl_c_exits_130_quietly(relance: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    from relance_cli.core import advisor

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(advisor, "match", interrupted)
    result = relance("match")
    assert result.exit_code == 130
    assert "Traceback" not in result.output


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in {"NO_COLOR", "COLUMNS"}}
    bin_dir = Path(sys.executable).parent
    environment["PATH"] = f"{bin_dir}{os.pathsep}{environment.get('PATH', '')}"
    return subprocess.run(
        command, shell=True, capture_output=True, text=True, env={**environment, **env},
        cwd=Path("/"), check=False, timeout=60,
    )  # fmt: skip


def test_python_dash_m_works_from_any_directory() -> None:
    result = shell(
        f"{sys.executable} -m relance_cli match --population 600000 --type dematerialisation"
    )
    assert result.returncode == 0, result.stderr
    assert "dematerialisation" in result.stdout and "éligible" in result.stdout


def test_piped_output_ends_quietly_and_has_no_colour() -> None:
    result = shell("relance calendar | head -1; relance list | cat")
    assert result.stderr == ""
    assert "\x1b[" not in result.stdout
    assert result.stdout.splitlines()[0].startswith("Dates")


def test_lang_c_works() -> None:
    result = shell("relance list --as-of 2021-02-01 | cat", LANG="C", LC_ALL="C")
    assert result.returncode == 0 and result.stderr == ""
    assert "février" in result.stdout or "janvier" in result.stdout


def test_no_color_in_a_terminal_like_console() -> None:
    result = shell("relance list", NO_COLOR="1", FORCE_COLOR="1", TERM="xterm-256color")
    assert result.returncode == 0
    assert "\x1b[1m" in result.stdout  # styles stay (NO_COLOR allows them)...
    assert not re.search(r"\x1b\[[0-9;]*(3[0-8]|9[0-7])m", result.stdout)  # ...colours go


def test_readme_quick_start_commands_exist() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    assert "relance match --population 600000 --type dematerialisation" in makefile
    assert (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().endswith("make test")


def test_match_table_tells_the_next_step(relance: Run) -> None:
    out = " ".join(plain(relance("match", "--as-of", "2021-02-20").stdout).split())
    assert "ensuite : Vote pour les propositions, du 15 mars 2021 au 15 avril 2021" in out
    between = plain(relance("match", "--as-of", "2021-09-21", "--population", "600000").stdout)
    assert "à venir" in between and "candidatures à partir du 8 octobre 2021" in between


def test_match_json_next_step(run_json: Any) -> None:
    data = run_json("match", "--as-of", "2021-02-01", "--type", "mutualisation")
    (result,) = data["results"]
    assert result["next_step"] == {"name": "Vote pour les propositions", "start": "2021-03-15"}
    assert (result["status"], result["deadline"], result["days_left"]) == ("open", "2021-03-15", 42)
