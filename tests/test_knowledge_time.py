"""Knowledge time: a date is judged with what had been announced by then; `--hindsight`
judges it with what is known today; `show --history` lists the announcements and
revisions; the préfets' guichets say what varied between préfectures."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import Run, follows_output_schema, plain, write_catalog

from relance_cli.catalog import loading as catalog
from relance_cli.core import schedule

EPCI_DATA = ("match", "--population", "350000", "--type", "donnees")
ARTICLE_STEPS = [
    ("Recueil des besoins et des services existants", "2021-01-25", "2021-03-15"),
    ("Vote pour les propositions", "2021-03-15", "2021-04-15"),
    (
        "Expression d'intérêt à devenir « territoire référent » pour les services numériques "
        "retenus",
        "2021-04-15",
        "2021-05-31",
    ),
    ("Développement et déploiement des services numériques lauréats", "2021-06-01", None),
]

CATALOG = """\
[catalog]
name = "Essai"

[kinds]
numerique = "Numérique"

[[scheme]]
id = "aide"
title = "Aide"
kinds = ["numerique"]

[[scheme.sources]]
title = "Annonce"
url = "https://example.org/annonce"
date = 2026-01-10

[scheme.eligibility]
applicants = ["collectivite"]

[scheme.funding]
rate = 0.5

[[scheme.steps]]
name = "Dépôt, prolongé"
start = 2026-02-01
end = 2026-06-30
accepts_applications = true
announced = 2026-04-01

[[scheme.revisions]]
date = 2026-04-01
note = "Le dépôt est prolongé jusqu'au 30 juin."

[[scheme.revisions.sources]]
title = "Prolongation"
url = "https://example.org/prolongation"
date = 2026-04-01

[[scheme.revisions.replaced]]
name = "Dépôt"
start = 2026-02-01
end = 2026-03-31
accepts_applications = true
"""


def validates(payload: Any, shape: str) -> None:
    follows_output_schema(payload, shape)


def calendar_steps(run_json: Any, *args: str) -> list[tuple[str, str | None, str | None]]:
    data = run_json("calendar", "consultation-incubateur", *args)
    validates(data, "calendar")
    return [(s["name"], s["start"], s["end"]) for s in data["steps"]]


# --- the consultation's calendar, as it was known ------------------------------------------


def test_on_the_article_s_day_the_calendar_is_the_article_s(run_json: Any) -> None:
    assert calendar_steps(run_json, "--as-of", "2021-02-22") == ARTICLE_STEPS


def test_after_the_revision_of_19_march_the_calendar_is_the_revised_one(run_json: Any) -> None:
    assert calendar_steps(run_json, "--as-of", "2021-04-10") == [
        ("Recueil des besoins et des services existants", "2021-01-25", "2021-03-15"),
        ("Soutien aux projets par les collectivités territoriales", "2021-04-01", "2021-05-01"),
        (  # « début mai » on 19 March; the FAQ of 13 April gives the day
            "Groupes de travail avec les collectivités et auditions des porteurs de services "
            "numériques",
            None,
            "2021-06-30",
        ),
        ("Sélection des services numériques lauréats, puis conventionnement", "2021-07-05", None),
    ]
    later = calendar_steps(run_json, "--as-of", "2021-05-10")
    assert later[2] == (
        "Comité de sélection : 17 propositions retenues sur 67",
        "2021-05-03",
        "2021-05-03",
    )
    assert later[3][1:] == ("2021-05-03", "2021-06-30")


def test_between_the_two_revisions_of_march(run_json: Any) -> None:
    names = [name for name, _start, _end in calendar_steps(run_json, "--as-of", "2021-03-17")]
    assert names[1] == (
        "Sélection des pistes prioritaires de services numériques à financer et/ou développer"
    )
    assert "Vote pour les propositions" not in names


def test_every_step_and_session_in_json_carries_when_it_was_announced(run_json: Any) -> None:
    steps = run_json("calendar")["steps"]
    assert steps and all(s["announced"] for s in steps)
    shown = run_json("show", "consultation-incubateur")
    assert shown["announced"] == "2021-01-12"
    assert [s["announced"] for s in shown["steps"]] == [
        "2021-01-21", "2021-03-19", "2021-05-07", "2021-04-13", "2021-03-29",
    ]  # fmt: skip
    vote = shown["revisions"][0]["replaced"][0]
    assert (vote["name"], vote["announced"]) == ("Vote pour les propositions", "2021-01-21")
    validates(shown, "show")


# --- judging a date with what was known then ------------------------------------------------


def test_on_1_june_2021_the_second_session_was_not_yet_announced(run_json: Any) -> None:
    then = run_json(*EPCI_DATA, "--as-of", "2021-06-01", "--all")
    result = next(r for r in then["results"] if r["id"] == "donnees")
    assert result["verdict"] == "ineligible"
    assert result["session"]["name"] == "1ère session"
    assert result["not_yet_announced"] == []
    validates(then, "match")


def test_hindsight_judges_with_what_is_known_today_and_says_what_was_not(
    relance: Run, run_json: Any
) -> None:
    known = run_json(*EPCI_DATA, "--as-of", "2021-06-01", "--hindsight")
    (result,) = known["results"]
    assert (result["id"], result["verdict"]) == ("donnees", "eligible")
    assert result["not_yet_announced"] == [
        {"name": "2e appel à projets", "announced": "2021-09-21"}
    ]
    validates(known, "match")
    out = " ".join(
        plain(relance(*EPCI_DATA, "--as-of", "2021-06-01", "--hindsight").stdout).split()
    )
    assert (
        "pas encore annoncé le 1er juin 2021 : 2e appel à projets (annoncé le 21 septembre 2021)"
        in out
    )
    explained = " ".join(
        plain(
            relance(*EPCI_DATA, "--as-of", "2021-06-01", "--hindsight", "--explain").stdout
        ).split()
    )
    assert "pas encore annoncé le 1er juin 2021 : 2e appel à projets" in explained


def test_in_october_2021_the_second_session_judges(run_json: Any) -> None:
    (result,) = run_json(*EPCI_DATA, "--as-of", "2021-10-15")["results"]
    assert (result["verdict"], result["session"]["name"]) == ("eligible", "2e appel à projets")


def test_show_with_hindsight_names_what_was_not_yet_known(relance: Run) -> None:
    args = ("show", "donnees", "--population", "350000", "--as-of", "2021-06-01", "--hindsight")
    out = " ".join(plain(relance(*args).stdout).split())
    assert "Éligibilité pour ce profil (2e appel à projets) : éligible" in out
    assert "pas encore annoncé le 1er juin 2021 : 2e appel à projets" in out
    assert "2e appel à projets" in out.partition("Calendrier")[2]  # today's calendar


def test_hindsight_without_a_date_is_a_usage_error(relance: Run) -> None:
    for command in (("match",), ("show", "donnees")):
        result = relance(*command, "--hindsight")
        assert result.exit_code == 2
        assert "--hindsight accompagne --as-of AAAA-MM-JJ" in result.stderr


def test_a_scheme_not_yet_announced_is_set_aside_with_its_reason(run_json: Any) -> None:
    data = run_json("match", "--as-of", "2021-01-20", "--all")
    result = next(r for r in data["results"] if r["id"] == "investigations")
    assert result["verdict"] == "ineligible"
    assert result["reasons"] == [
        {
            "rule": "announced",
            "outcome": "fail",
            "code": "announced_later",
            "params": {"announced": "2021-01-21", "date": "2021-01-20"},
            "text": "dispositif annoncé le 21 janvier 2021, après le 20 janvier 2021",
        }
    ]
    listed = [s["id"] for s in run_json("list", "--as-of", "2021-01-20")["schemes"]]
    assert "investigations" not in listed and "consultation-incubateur" in listed
    validates(data, "match")


def test_without_a_date_nothing_changes(run_json: Any) -> None:
    loaded = catalog.load([catalog.BUILTIN])
    for scheme in loaded.schemes:
        assert schedule.known_on(scheme, date.today()) is scheme


# --- show --history ----------------------------------------------------------------------------


def test_history_names_the_revision_of_19_march_and_the_vote(relance: Run, run_json: Any) -> None:
    out = " ".join(plain(relance("show", "consultation-incubateur", "--history").stdout).split())
    assert "16 mars 2021 : révision" in out
    assert "− remplacée : Vote pour les propositions, du 15 mars 2021 au 15 avril 2021" in out
    assert "19 mars 2021 : révision" in out
    revision = out.partition("19 mars 2021 : révision")[2].partition("29 mars 2021")[0]
    assert "vote pour les propositions du 15 mars au 15 avril" in revision
    assert "+ annoncée : Soutien aux projets par les collectivités territoriales" in revision
    assert "998f654ad682501307689f4dffb94d68b97a7560/src/pages/relance/Index.vue" in revision
    data = run_json("show", "consultation-incubateur", "--history")
    validates(data, "history")
    dates = [change["date"] for change in data["history"]]
    assert dates == sorted(dates)
    assert [c["date"] for c in data["history"] if c["revision"]] == [
        "2021-03-16", "2021-03-19", "2021-03-29", "2021-04-13",
    ]  # fmt: skip
    first = data["history"][0]
    assert (first["date"], first["revision"]) == ("2021-01-21", False)
    assert [s["name"] for s in first["announced"]][:2] == [  # in calendar order
        "Recueil des besoins et des services existants",
        "Vote pour les propositions",
    ]


def test_a_scheme_without_any_date_has_an_empty_history(
    relance: Run, run_json: Any, tmp_path: Path
) -> None:
    text = CATALOG.replace("date = 2026-01-10\n", "").split("[[scheme.revisions]]")[0]
    text = text.replace("announced = 2026-04-01\n", "")
    path = str(write_catalog(tmp_path, text))
    out = relance("show", "aide", "--history", "--catalog", path).stdout
    assert "Aucune date d'annonce" in out
    assert run_json("show", "aide", "--history", "--catalog", path)["history"] == []


# --- a catalog author's revision --------------------------------------------------------------


def test_an_author_s_revision_keeps_what_it_replaced(run_json: Any, tmp_path: Path) -> None:
    path = str(write_catalog(tmp_path, CATALOG))
    before = run_json("match", "--as-of", "2026-03-15", "--catalog", path)["results"][0]
    assert (before["deadline"], before["session"]["name"]) == ("2026-03-31", "Dépôt")
    after = run_json("match", "--as-of", "2026-04-02", "--catalog", path)["results"][0]
    assert (after["deadline"], after["session"]["name"]) == ("2026-06-30", "Dépôt, prolongé")
    early = run_json("match", "--as-of", "2026-01-05", "--catalog", path, "--all")["results"][0]
    assert early["verdict"] == "ineligible"  # announced on 10 January
    history = run_json("show", "aide", "--history", "--catalog", path)["history"]
    assert [(c["date"], c["revision"]) for c in history] == [
        ("2026-01-10", False),
        ("2026-04-01", True),
    ]
    assert history[1]["replaced"][0]["end"] == "2026-03-31"


def test_a_replaced_step_announced_after_its_revision_is_a_located_error(
    relance: Run, tmp_path: Path
) -> None:
    text = CATALOG.replace('name = "Dépôt"\n', 'name = "Dépôt"\nannounced = 2026-05-01\n')
    path = write_catalog(tmp_path, text)
    result = relance("validate", str(path))
    assert result.exit_code == 1
    (line,) = [line for line in result.stdout.splitlines() if "revisions" in line]
    assert f"{path}:" in line and 'scheme "aide"' in line
    assert "revisions[1].replaced[1].announced" in line
    assert (
        "étape remplacée « Dépôt » : annoncée le 2026-05-01, après la révision du 2026-04-01"
        in line
    )


def test_revisions_come_in_date_order(relance: Run, tmp_path: Path) -> None:
    revision = "[[scheme.revisions]]" + CATALOG.split("[[scheme.revisions]]")[1]
    earlier = revision.replace("date = 2026-04-01", "date = 2026-03-01", 1)
    path = write_catalog(tmp_path, CATALOG + "\n" + earlier)
    result = relance("validate", str(path))
    assert result.exit_code == 1
    assert (
        "revisions[2].date: révision du 2026-03-01 : elle suit celle du 2026-04-01 ; une "
        "révision par date, dans l'ordre" in result.stdout
    )


def test_a_revision_needs_a_source_and_a_replaced_step(relance: Run, tmp_path: Path) -> None:
    text = CATALOG.split("[[scheme.revisions.sources]]")[0]
    result = relance("validate", str(write_catalog(tmp_path, text)))
    assert result.exit_code == 1
    assert "revisions[1].sources" in result.stdout and "revisions[1].replaced" in result.stdout


def test_the_catalog_schema_describes_revisions_and_variants(relance: Run) -> None:
    schema = json.loads(relance("schema").stdout)
    definitions = schema["$defs"]
    assert {"Revision", "Variant", "Unsettled"} <= definitions.keys()
    assert "announced" in definitions["Step"]["properties"]
    assert "revisions" in definitions["Scheme"]["properties"]


def test_cases_may_judge_with_hindsight(relance: Run, tmp_path: Path) -> None:
    cases = """
[[test]]
name = "Le 15 avril, la prolongation est connue"
as_of = 2026-04-15
applicant = "commune"
expect = { aide = "eligible" }

[[test]]
name = "Avant l'annonce"
as_of = 2026-01-05
applicant = "commune"
expect = { aide = "ineligible" }

[[test]]
name = "Avant l'annonce, avec ce qu'on sait aujourd'hui"
as_of = 2026-01-05
hindsight = true
applicant = "commune"
expect = { aide = "eligible" }
"""
    result = relance("test", str(write_catalog(tmp_path, CATALOG + cases)))
    assert result.exit_code == 0, result.output
    assert result.stdout == "3 cas réussis (3 vérifications)\n"


def test_revisions_and_variants_survive_the_cache(tmp_path: Path) -> None:
    path = str(write_catalog(tmp_path, CATALOG))
    first = catalog.load([path])
    again = catalog.load([path])  # from the cache
    assert again.schemes == first.schemes
    assert again.schemes[0].revisions[0].replaced[0].end == date(2026, 3, 31)
    shipped = catalog.load([catalog.BUILTIN])
    assert catalog.load([catalog.BUILTIN]).schemes == shipped.schemes


# --- the préfets' guichets: what varied ------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (("--applicant", "commune", "--population", "250000"), "la taille admise varie"),
        (("--applicant", "syndicat"), "les syndicats sont admis dans le Puy-de-Dôme"),
    ],
)
def test_prefets_guichets_are_to_be_checked_where_prefectures_differed(
    run_json: Any, args: tuple[str, ...], reason: str
) -> None:
    data = run_json("match", *args, "--type", "projets-locaux", "--as-of", "2021-06-01")
    (result,) = data["results"]
    assert (result["id"], result["verdict"]) == ("guichets-prefets", "possible")
    (doubt,) = [r for r in result["reasons"] if r["outcome"] == "unknown"]
    assert doubt["rule"] == "unsettled" and reason in doubt["text"]


def test_haut_rhin_applies_its_own_rules(run_json: Any, relance: Run) -> None:
    def verdict(*args: str) -> str:
        data = run_json("show", "guichets-prefets", *args, "--as-of", "2021-06-01")
        return str(data["assessment"]["verdict"])

    assert verdict("--commune", "68224") == "ineligible"  # Mulhouse, above 100 000
    assert verdict("--commune", "68066") == "eligible"  # Colmar
    assert verdict("--departement", "68", "--applicant", "syndicat") == "ineligible"
    budget = ("--budget", "1000", "--staff-costs", "400")
    data = run_json("show", "guichets-prefets", "--commune", "68066", *budget)
    assert data["assessment"]["reasons"][0]["rule"] == "variant"
    out = " ".join(plain(relance("show", "guichets-prefets").stdout).split())
    assert "Règles locales • département 68 : Haut-Rhin" in out
    assert "À vérifier • la taille admise varie selon la préfecture" in out


def test_without_an_applicant_the_syndicats_doubt_is_said(run_json: Any) -> None:
    data = run_json("match", "--population", "20000", "--type", "projets-locaux")
    (result,) = data["results"]
    (doubt,) = [r for r in result["reasons"] if r["outcome"] == "unknown"]
    assert doubt["text"].startswith("candidat non précisé : les syndicats")


def test_a_population_ceiling_needs_a_population(run_json: Any) -> None:
    data = run_json("show", "guichets-prefets", "--departement", "68", "--applicant", "commune")
    reasons = {r["rule"]: r for r in data["assessment"]["reasons"]}
    assert reasons["population_cap"]["outcome"] == "fail"  # the département's population
    small = run_json("show", "guichets-prefets", "--commune", "68066", "--population", "50000")
    reasons = {r["rule"]: r for r in small["assessment"]["reasons"]}
    assert reasons["population_cap"]["outcome"] == "pass"


# --- the margin and the investigations programme ---------------------------------------------


def test_the_margin_is_said_to_be_relance_s_reading(relance: Run) -> None:
    args = ("show", "donnees", "--population", "460000", "--as-of", "2021-05-01")
    out = " ".join(plain(relance(*args).stdout).split())
    assert "lecture de relance, pas de la source" in out
    assert "(marge de lecture de relance, pas de la source) : à vérifier" in out


def test_the_investigations_programme_is_listed_with_its_deadline(run_json: Any) -> None:
    data = run_json("list", "--as-of", "2021-02-01")
    scheme = next(s for s in data["schemes"] if s["id"] == "investigations")
    assert (scheme["status"], scheme["deadline"]) == ("open", "2021-03-15")
    assert scheme["eligibility"]["applicants"] == ["collectivite", "groupement"]
    assert scheme["funding"]["support"] == [
        "Un coach en entrepreneuriat numérique, dix jours par équipe",
        "Un designer, six jours par équipe",
    ]


def test_a_ceiling_written_for_a_whole_scheme_is_shown(relance: Run, tmp_path: Path) -> None:
    ceiling = CATALOG.replace(
        'applicants = ["collectivite"]', 'applicants = ["collectivite"]\npopulation_below = 5000'
    )
    out = " ".join(
        relance("show", "aide", "--catalog", str(write_catalog(tmp_path, ceiling))).stdout.split()
    )
    assert "Taille du projet moins de 5 000 habitants" in plain(out)
    both = ceiling.replace(
        "population_below = 5000", "population_below = 5000\nmin_population = 1000"
    )
    out = " ".join(
        relance("show", "aide", "--catalog", str(write_catalog(tmp_path, both))).stdout.split()
    )
    assert "au moins 1 000 habitants concernés ; moins de 5 000 habitants" in plain(out)
    result = relance(
        "match", "--population", "6000", "--all", "--catalog", str(write_catalog(tmp_path, ceiling))
    )
    assert "le plafond est de moins de 5 000 habitants" in " ".join(plain(result.stdout).split())
