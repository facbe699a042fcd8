"""Narrow screens (the stacked layout below 60 columns), wide characters, and the words
around them: no line wider than the screen but for one word wider than a line (kept
whole), labels in the interface language, continuation lines that keep their indent."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from helpers import Run, catalog_file, new_catalog, new_scheme
from rich.cells import cell_len

from relance_cli.output import plain

CJK_TITLE = "数字化转型国家计划地方政府数字服务公共支持项目 🚀🚀🚀 デジタル化 計画"
CJK_STEP = "申请阶段 第一期数字化转型项目 征集公告发布与地方政府提交 🚀"


@pytest.fixture
def cjk(tmp_path: Path) -> Path:
    step = {
        "name": CJK_STEP,
        "start": date(2021, 3, 1),
        "end": date(2021, 6, 30),
        "accepts_applications": True,
    }
    return catalog_file(tmp_path, new_catalog(new_scheme("cjk", title=CJK_TITLE, steps=[step])))


def too_wide(text: str, width: int) -> list[str]:
    """The lines wider than `width` cells that are more than one word."""
    return [line for line in text.splitlines() if cell_len(line) > width and " " in line.strip()]


@pytest.mark.parametrize("width", [40, 30, 20])
@pytest.mark.parametrize(
    "args", [("match", "--all", "--population", "5000"), ("calendar",)], ids=["match", "calendar"]
)
def test_wide_characters_fit_the_stacked_layout(
    relance: Run, cjk: Path, args: tuple[str, ...], width: int
) -> None:
    result = relance(*args, "--catalog", str(cjk), env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    assert "─" * width in result.stdout  # stacked
    assert too_wide(result.stdout, width) == []
    assert "🚀" in result.stdout


@pytest.mark.parametrize("width", [1, 2, 3])
def test_a_screen_narrower_than_the_indent_still_ends(relance: Run, cjk: Path, width: int) -> None:
    from relance_cli.output.layout import Grid
    from relance_cli.output.plain import stacked_text, wrap

    assert wrap("un deux trois", 0) == ["u", "n", "d", "e", "u", "x", "t", "r", "o", "i", "s"]
    assert wrap("数字 化", -5) == ["数", "字", "化"]
    grid = Grid()
    grid.add_column("Nom", ratio=1)
    grid.add_row("une valeur longue")
    assert "valeur" in stacked_text(grid, width - 3)


def test_a_field_is_wrapped_once_at_the_width_left_to_it(relance: Run) -> None:
    result = relance("match", "--all", "--population", "5000", env={"COLUMNS": "40"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "  ou" not in lines
    assert "  • candidat non précisé : collectivité" in lines
    assert "  ou groupement supposé, tous deux admis" in lines


@pytest.mark.parametrize("width", range(34, 76, 3))
def test_amounts_and_colons_written_in_the_catalog_are_never_cut(relance: Run, width: int) -> None:
    """French typography in catalog text too: « 297 000 € », « 100 % » and « : » stay
    with what they belong to, whatever the width."""
    result = relance("show", "guichets-prefets", env={"COLUMNS": str(width)})
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stdout.splitlines()]
    for amount in ("297 000 €", "270 000 €", "100 %"):
        assert any(amount in line for line in lines), (amount, lines)
    assert [line for line in lines if line[:1] in (":", "€", "%") or line[:4] == "000 "] == []


GUICHETS = "https://france-relance.transformation.gouv.fr/dcd6-accompagner-les-projets-de-transformation-nu/"


def test_show_stacks_its_fields_below_60_columns(relance: Run) -> None:
    """Beside a label column, a value would get a few letters a line: as a stacked table,
    each field is « Label : value », or its label then its value indented."""
    result = relance("show", "guichets-prefets", env={"COLUMNS": "40"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Candidats : collectivités, groupements" in lines
    assert lines[lines.index("Résumé :") + 1] == "  Pour un projet numérique qui améliore"
    assert lines[lines.index("Lien :") + 1] == "  " + GUICHETS  # whole, past the width
    assert too_wide(result.stdout.replace(GUICHETS, ""), 40) == []
    english = relance("--lang", "en", "show", "guichets-prefets", env={"COLUMNS": "40"})
    assert "Applicants: collectivités, groupements" in english.stdout.splitlines()
    wide = relance("show", "guichets-prefets", env={"COLUMNS": "60"})
    assert "Résumé :" not in wide.stdout
    assert any(line.startswith("Résumé  ") for line in wide.stdout.splitlines())


def test_a_stacked_address_is_a_link_in_a_terminal(
    relance: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: a terminal, though captured
    monkeypatch.setenv("TTY_INTERACTIVE", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = relance("show", "guichets-prefets", env={"COLUMNS": "40"})
    assert result.exit_code == 0
    assert f";{GUICHETS}\x1b\\{GUICHETS}" in result.stdout  # OSC 8: the link is the address
    wide = relance("show", "guichets-prefets", env={"COLUMNS": "100"})
    assert "\x1b[1mLien            \x1b[0m\x1b]8;" in wide.stdout  # bold: the label only
    assert "\x1b[1mCandidats : \x1b[0mcollectivités, groupements" in result.stdout


def test_stacked_fields_keep_paragraphs_tabs_and_links(
    relance: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A hand-written catalog's text as written: paragraphs apart, tabs laid out (not
    counted as nothing), no blank line for a value's leading newline; in a terminal, an
    address inside a text is a link, labels in bold."""
    address = "https://example.org/aide"
    scheme = new_scheme(
        "h",
        summary=" \nPremier paragraphe.\n\n  \n\nSecond\tparagraphe\tavec\tdes\ttabulations.\n  \n",
        contact=f"\nÉcrire à {address}\n",
    )
    written = catalog_file(tmp_path, new_catalog(scheme))
    result = relance("show", "h", "--catalog", str(written), env={"COLUMNS": "30"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("Résumé :")
    assert lines[start + 1 : start + 6] == [
        "  Premier paragraphe.",
        "",
        "  Second  paragraphe      avec",
        "  des     tabulations.",
        "Types : numerique (Numerique)",
    ]
    assert "Contact :" in lines and lines[lines.index("Contact :") + 1] == "  Écrire à"
    assert too_wide(result.stdout, 30) == []
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("TTY_INTERACTIVE", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    terminal = relance("show", "h", "--catalog", str(written), env={"COLUMNS": "30"})
    assert f";{address}\x1b\\{address}" in terminal.stdout
    assert "\x1b[1mContact :" in terminal.stdout
    assert "\x1b[1mCandidats : \x1b[0mcollectivités" in terminal.stdout  # the label only


def test_stacked_labels_are_in_the_interface_language(relance: Run) -> None:
    english = relance(
        "--lang", "en", "match", "--all", "--population", "5000", env={"COLUMNS": "40"}
    )
    assert english.exit_code == 0
    assert "Verdict: eligible" in english.stdout.splitlines()
    assert "Why:" in english.stdout.splitlines()
    assert " : " not in "".join(line for line in english.stdout.splitlines() if line.endswith(":"))
    french = relance("match", "--all", "--population", "5000", env={"COLUMNS": "40"})
    assert "Verdict : éligible" in french.stdout.splitlines()


def test_the_calendar_names_its_scheme_and_step_field_cleanly(relance: Run) -> None:
    french = relance("calendar", env={"COLUMNS": "40"})
    assert "Dispositif, étape :" in french.stdout.splitlines()
    assert "Dispositif : étape :" not in french.stdout
    english = relance("--lang", "en", "calendar", env={"COLUMNS": "40"})
    assert "Scheme, step:" in english.stdout.splitlines()
    wide = relance("calendar", env={"COLUMNS": "100"})
    assert "Dispositif : étape" in wide.stdout  # the wide table's header is unchanged


def test_history_items_keep_their_indent_when_they_wrap(relance: Run) -> None:
    result = relance("show", "consultation-incubateur", "--history", env={"COLUMNS": "80"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    start = lines.index(
        "  + annoncée : Recueil des besoins et des services existants, du 25 janvier 2021"
    )
    assert lines[start + 1] == "    au 15 mars 2021"
    assert not [line for line in lines if line.startswith("au ")]
    assert too_wide(result.stdout, 80) == []


def help_page(*args: str, columns: int) -> str:
    """The help as a terminal of `columns` gets it: a real run (an in-process test
    runner fixes Click's width at 80)."""
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "RELANCE_LANG": "fr"}
    result = subprocess.run(
        [sys.executable, "-m", "relance_cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=60,
    )
    return result.stdout


@pytest.mark.parametrize(
    ("args", "width"), [(("--help",), 40), (("match", "--help"), 30), (("calendar", "--help"), 5)]
)
def test_help_follows_columns(args: tuple[str, ...], width: int) -> None:
    page = help_page(*args, columns=width)
    room = max(width, 20)
    examples = page.partition("Exemples :")[0]  # examples stay whole, to be copied
    assert [line for line in too_wide(examples, room) if not line.startswith("Utilisation")] == []
    assert "Affiche cette aide et s'arrête." in " ".join(page.split())


def test_help_at_80_columns_is_as_before() -> None:
    page = help_page("--help", columns=80)
    assert 70 < max(cell_len(line) for line in page.splitlines()) <= 78


@pytest.mark.parametrize("width", [1, 5, 12, 30])
def test_a_first_line_of_its_own_width(width: int) -> None:
    """`wrap(first=…)`: the first line under its own budget (a hanging indent), the others
    under the width; `first` equal to the width changes nothing; an address stays whole."""
    text = (
        "Soutenir les projets 申請の受付 du territoire https://example.org/une/longue/adresse fin"
    )
    assert plain.wrap(text, width, fold=False, first=width) == plain.wrap(text, width, fold=False)
    lines = plain.wrap(text, width, fold=False, first=width + 10)
    assert " ".join(lines).split() == text.split()
    assert cell_len(lines[0]) <= width + 10 or " " not in lines[0]
    assert all(cell_len(line) <= width or " " not in line for line in lines[1:])
    assert len(lines) <= len(plain.wrap(text, width, fold=False))
