"""What a person reads at 80 columns and through a pipe: whole links, no padding left at
the end of lines, money spoken of only where a scheme may pay."""

from __future__ import annotations

import re

import pytest
from helpers import SHIPPED, Run
from rich.cells import cell_len

URL = re.compile(r"https?://[^\s\"'<>]+")
CATALOG_URLS = set(URL.findall(SHIPPED.read_text(encoding="utf-8")))
NARROW = {"COLUMNS": "80"}
SCHEME_IDS = re.findall(r'(?m)^id = "([^"]+)"', SHIPPED.read_text(encoding="utf-8"))
COMMANDS = [
    ("list", "--as-of", "2021-03-01"),
    ("match", "--population", "600000", "--all", "--explain", "--as-of", "2021-03-01"),
    ("calendar", "--as-of", "2021-03-01"),
    *(("show", scheme, "--as-of", "2021-03-01", "--population", "600000") for scheme in SCHEME_IDS),
]


def urls(text: str) -> set[str]:
    return {url.rstrip(").,;") for url in URL.findall(text)}


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_addresses_are_printed_whole_at_80_columns(relance: Run, args: tuple[str, ...]) -> None:
    result = relance(*args, env=NARROW)
    assert result.exit_code == 0, result.output
    catalog = {url.rstrip(").,;") for url in CATALOG_URLS}
    assert urls(result.stdout) <= catalog


def test_show_prints_the_scheme_link_on_one_line(relance: Run) -> None:
    result = relance("show", "dematerialisation", "--as-of", "2021-03-01", env=NARROW)
    link = "https://france-relance.transformation.gouv.fr/b78b-ameliorer-lexperience-usager-dans-une-demarch/"
    assert f"Lien              {link}\n" in result.stdout
    assert "\x1b]8;" not in result.stdout  # no hyperlink escape into a pipe


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_plain_output_has_no_trailing_spaces(relance: Run, args: tuple[str, ...]) -> None:
    result = relance(*args, env=NARROW)
    padded = [line for line in result.stdout.splitlines() if line != line.rstrip()]
    assert padded == []


def test_terminal_links_are_clickable_unless_no_color_or_dumb(
    relance: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: a terminal, though captured
    monkeypatch.setenv("TTY_INTERACTIVE", "0")
    monkeypatch.delenv("NO_COLOR")
    args = ("show", "dematerialisation", "--as-of", "2021-03-01")
    monkeypatch.setenv("TERM", "xterm-256color")
    assert "\x1b]8;" in relance(*args, env=NARROW).stdout
    monkeypatch.setenv("TERM", "dumb")
    assert "\x1b]8;" not in relance(*args, env=NARROW).stdout
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b]8;" not in relance(*args, env=NARROW).stdout


def rows(table: str) -> list[str]:
    """The rows of a match table, each block starting with its verdict."""
    return [block for block in table.split("\n\n") if block.strip()]


def test_no_estimate_under_a_scheme_that_is_not_eligible(relance: Run) -> None:
    args = ("match", "--population", "1000", "--applicant", "commune", "--all")
    result = relance(*args, "--budget", "100000", "--as-of", "2021-03-01")
    blocks = [block for block in rows(result.stdout) if "non éligible" in block]
    assert blocks
    assert not [block for block in blocks if "estimation" in block]


def test_the_estimates_footer_only_follows_an_estimate(relance: Run) -> None:
    args = ("--budget", "100000", "--as-of", "2021-03-01", "--all")
    nothing = relance(
        "match", "--applicant", "commune", "--population", "1000", "--type", "donnees", *args
    )
    assert "Estimations :" not in nothing.stdout
    unknown_rate = relance("match", "--type", "projets-locaux", *args)
    assert "estimation : taux non précisé" in unknown_rate.stdout
    assert "Estimations :" in unknown_rate.stdout


def test_json_has_no_estimate_for_a_scheme_that_is_not_eligible(run_json: Run) -> None:
    args = ("match", "--population", "1000", "--applicant", "commune", "--all")
    document = run_json(*args, "--budget", "100000", "--as-of", "2021-03-01")
    refused = [r for r in document["results"] if r["verdict"] == "ineligible"]
    assert refused
    assert all(r.get("estimate") is None for r in refused)


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("match", "--population", "600000", "--all", "--budget", "100000", "--explain"),
        ("calendar",),
        ("calendar", "--timeline"),
        ("show", "dematerialisation", "--population", "1000"),
    ],
    ids=" ".join,
)
@pytest.mark.parametrize("width", [40, 59, 64, 72])
def test_a_narrow_terminal_gets_a_layout_that_fits(
    relance: Run, args: tuple[str, ...], width: int
) -> None:
    result = relance(*args, "--as-of", "2021-03-01", env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if not URL.search(line)]
    assert [line for line in lines if cell_len(line) > width] == []


def test_narrow_tables_are_stacked_one_field_per_line(relance: Run) -> None:
    out = relance("list", "--as-of", "2021-03-01", env={"COLUMNS": "40"}).stdout
    assert "\nCofinancement : 50 %\n" in out
    assert "\nStatut :\n  ouvert jusqu'au 15 mars 2021\n  encore 14 jours\n" in out


def test_long_step_names_wrap_instead_of_being_cut(relance: Run) -> None:
    out = relance("calendar", "--timeline", "--as-of", "2021-06-01").stdout
    assert "…" not in out
    names = [
        line.split("  ")[1] for line in out.splitlines() if line.startswith("  ") and line[2] != " "
    ]
    joined = " ".join(name.strip() for name in names)
    assert "Sélection des services numériques lauréats, puis conventionnement" in joined
