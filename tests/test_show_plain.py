"""`relance show` without Rich to a pipe or a file (issue #24): the fields, the calendar,
the sources and the verdicts are laid out by `output/human/fields.py` and
`output/plain.py`, with the characters Rich prints with colour off, and Rich's console,
table and text are not imported. In a terminal, Rich still prints them (colours, links).

Each `show` is run twice in-process at each width, once as a pipe gets it (plain) and once
through Rich's console (not a terminal), on every scheme of the shipped catalog, of
catalogs imported from the real Aides-territoires pages, and of a hostile catalog (emoji,
CJK, combining accents, words longer than a line, addresses, tabs, line breaks).
"""

from __future__ import annotations

import io
import random
import re
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import SHIPPED, Run, catalog_file, import_fixture_pages, new_catalog, new_scheme
from test_plain_layout import both, imported

from relance_cli.cli import params
from relance_cli.output import plain
from relance_cli.output.human import rich_fields
from relance_cli.output.human.fields import Field, field_lines
from relance_cli.output.layout import Styled
from relance_cli.output.terminal import clean

WIDTHS = (20, 40, 80, 120)

EMOJI = "Numérique 🚀 pour tous 👩‍💻 et ❤️ 🇫🇷"
CJK = "数字化转型支持计划デジタル化支援プログラム디지털전환지원数字化转型支持计划"
COMBINING = "Cafe\u0301 re\u0301sume\u0301 a\u0300 Mu\u0308nchen, l'e\u0301te\u0301"
LONG_WORD = "Anticonstitutionnellement" * 3
URL = "https://example.org/un/tres/long/chemin/vers/une/page-officielle?avec=des&parametres=42"
ODD = (EMOJI, CJK, COMBINING, LONG_WORD, URL)


def hostile_scheme(scheme_id: str, shift: int) -> dict[str, Any]:
    """A scheme with odd text in every field `show` prints (each scheme shifts which)."""

    def odd(k: int) -> str:
        return ODD[(k + shift) % len(ODD)]

    source = [{"title": f"Source {odd(1)}", "url": f"{URL}/s", "date": date(2021, 2, 1)}]
    return new_scheme(
        scheme_id,
        title=f"{odd(0)} {odd(1)}",
        summary=f"{odd(2)}\n\t{odd(3)} « {odd(4)} » 600\u00a0000 € {odd(0)}",
        operator=odd(1),
        instructors=[odd(2), odd(3)],
        contact=f"Écrire ({URL}) ou {odd(4)}",
        requirements=[odd(0), f"{odd(1)} {odd(2)}"],
        examples=[odd(3)],
        url=URL,
        application_url=f"{URL}/candidater",
        financers=[odd(4)],
        programmes=[odd(0)],
        categories=[odd(1), odd(2)],
        destinations=[odd(3)],
        mobilization_steps=[odd(4)],
        perimeter=odd(0),
        call_for_projects=True,
        eligibility={
            "applicants": ["collectivite"],
            "other_audiences": [odd(1)],
            "unjudged_audiences": [odd(2)],
            "min_population": 100000,
            "unsettled": [{"reason": odd(3), "population_at_least": 50000}],
        },
        funding={"rate": 0.5, "note": odd(4), "support": [odd(0)], "loan_amount": 1000},
        sources=source,
        steps=[
            {
                "name": f"Candidatures {odd(1)}",
                "start": date(2021, 3, 1),
                "end": date(2021, 6, 30),
                "accepts_applications": True,
                "note": odd(2),
                "sources": source,
            },
            {
                "name": f"Seconde {odd(3)}",
                "start": date(2021, 10, 1),
                "end": date(2021, 11, 30),
                "accepts_applications": True,
                "eligibility": {"min_population": 20000},
            },
        ],
        variants=[{"departements": ["68"], "note": odd(4), "sources": source}],
    )


@pytest.fixture(scope="module")
def catalogs(
    tmp_path_factory: pytest.TempPathFactory, real_catalog: Callable[[str], Path]
) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("catalogs")
    found = {"shipped": SHIPPED, "real-2021": real_catalog("show-plain")}
    found.update(import_fixture_pages(folder))
    schemes = [hostile_scheme(f"odd-{k}", k) for k in range(len(ODD))]
    found["hostile"] = catalog_file(folder, new_catalog(*schemes, name=EMOJI), "hostile.toml")
    return found


# Without a profile; judged, on a date; session by session; in English.
VARIANTS: tuple[tuple[str, ...], ...] = (
    (),
    ("--population", "480000", "--as-of", "2021-05-20"),
    ("--budget", "300000", "--explain", "--as-of", "2022-06-01"),
    ("--lang", "en", "--applicant", "epci", "--population", "20000", "--as-of", "2021-04-01"),
)
EVERY_VARIANT = {"shipped", "hostile"}  # the others: one variant per scheme, in turn
SAMPLE = 16  # schemes of the real 2021 page (1 in 30 or so)


def shown(catalog: str, path: Path) -> list[tuple[str, ...]]:
    """The command lines to compare for a catalog."""
    ids = [s["id"] for s in tomllib.loads(path.read_text(encoding="utf-8"))["scheme"]]
    if len(ids) > SAMPLE * 4:
        ids = ids[:: len(ids) // SAMPLE]
    lines = []
    for index, scheme_id in enumerate(ids):
        chosen = VARIANTS if catalog in EVERY_VARIANT else [VARIANTS[index % len(VARIANTS)]]
        lines += [("show", scheme_id, "--catalog", str(path), *variant) for variant in chosen]
    return lines


CATALOGS = [
    "shipped",
    "django-2021-11",
    "django-2022-05",
    "symfony-2024-06",
    "generated",
    "real-2021",
    "hostile",
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("catalog", CATALOGS)
def test_show_to_a_pipe_is_richs_with_colour_off(
    relance: Run, catalogs: dict[str, Path], catalog: str, width: int
) -> None:
    lines = shown(catalog, catalogs[catalog])
    assert len(lines) >= 4
    for args in lines:
        piped, through_rich = both(relance, list(args), width)
        assert piped.exit_code == through_rich.exit_code == 0, piped.output + through_rich.output
        assert piped.stdout == through_rich.stdout, args
        assert all(line == line.rstrip() for line in piped.stdout.splitlines()), args


def test_the_hostile_catalog_is_shown_whole_on_a_narrow_screen(
    relance: Run, catalogs: dict[str, Path]
) -> None:
    """At 20 columns: every odd text reaches the page, none is cut with « … », and the
    addresses of the fields, notes and sources are whole (headings, a title or a step's
    name, are folded at the width, as before)."""
    for number in range(len(ODD)):
        args = ["show", f"odd-{number}", "--catalog", str(catalogs["hostile"])]
        result = relance(*args, "--population", "480000", env={"COLUMNS": "20"})
        assert result.exit_code == 0, result.output
        text = result.stdout
        assert "🚀" in text and "数字化" in text and "\u0301" in text and "…" not in text
        assert text.count(URL) >= 8  # link, application, contact, sources, notes…
        lines = text.splitlines()  # stacked: the label, then the address on its own line
        assert lines[lines.index("Lien :") + 1] == "  " + URL


ESCAPES = (
    "\x1b[31mrouge\x1b[0m \x1b]8;;https://evil.example\x07lien\x1b]8;;\x07 \x9b2J \u202eà l'envers"
)


def hostile_values(scheme: Any) -> Any:
    """`scheme` with terminal escapes in the texts the models refuse them from (as a
    catalog the models did not check would bring them)."""
    changes = {
        "title": f"Titre {ESCAPES}",
        "summary": f"Résumé {ESCAPES}\u2028suite\n{URL}{ESCAPES}",
        "contact": ESCAPES,
        "url": f"{URL}\x1b[2J",
        "operator": ESCAPES * 3,
    }
    if isinstance(scheme, msgspec.Struct):
        return msgspec.structs.replace(scheme, **changes)
    return scheme.model_copy(update=changes)


@pytest.mark.parametrize("width", [20, 40, 80])
def test_escapes_never_reach_the_output_raw(
    relance: Run, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    found = params.scheme
    monkeypatch.setattr(params, "scheme", lambda loaded, name: hostile_values(found(loaded, name)))
    piped, through_rich = both(relance, ["show", "donnees", "--population", "480000"], width)
    assert piped.exit_code == through_rich.exit_code == 0, piped.output
    assert piped.stdout == through_rich.stdout
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\u2028"):
        assert raw not in piped.stdout, repr(raw)
    assert "\\x1b[31mrouge" in piped.stdout and "\\u202e" in piped.stdout


def rich_fields_text(fields: list[Field], width: int) -> str:
    from relance_cli.output.human.console import SafeConsole, keep_spaces_whole

    buffer = io.StringIO()
    keep_spaces_whole()
    console = SafeConsole(file=buffer, width=width, highlight=False, markup=False)
    rich_fields.print_fields(console, fields)
    return buffer.getvalue()


def plain_fields_text(fields: list[Field], width: int) -> str:
    lines = [
        piece
        for line in field_lines(fields, width)
        for piece in plain.text_lines(line, width, soft_wrap=True)
    ]
    return clean(plain.finish(lines))


def test_random_fields_are_laid_out_as_richs_grid() -> None:
    """Labels and values of random words, spaces, tabs, line breaks (ASCII and Unicode),
    wide, zero-width and control characters, and addresses, at random widths: the plain
    fields against Rich's grid."""
    pick = random.Random(24)
    alphabet = [
        *("a", "é", " ", " ", "\t", "\n", "\u00a0", "\u2028", "x" * 9, "数", "👩‍💻"),
        *("e\u0301", "❤️", "\u202e", "\x1b[31m", "https://ex.org/" + "p" * 30),
    ]
    labels = ["Résumé", "Taille du projet", "Lien", "Call for projects", "数字"]
    for _ in range(600):
        fields = []
        for _ in range(pick.randint(1, 5)):
            text = "".join(pick.choice(alphabet) for _ in range(pick.randint(1, 25)))
            address = pick.random() < 0.15
            fields.append(Field(pick.choice(labels), Styled(text + "z"), address=address))
        width = pick.randint(20, 90)
        expected = rich_fields_text(fields, width)
        assert plain_fields_text(fields, width) == expected, (width, fields)


def test_a_value_of_blank_lines_keeps_its_row() -> None:
    fields = [Field("Vide", Styled("\n\n")), Field("Plein", Styled("valeur"))]
    assert (
        plain_fields_text(fields, 40)
        == rich_fields_text(fields, 40)
        == ("Vide\n\n\nPlein  valeur\n")
    )


def test_show_to_a_pipe_imports_no_rich_layout(tmp_path: Path) -> None:
    imported("show", "donnees", cache=tmp_path)  # the cache is warm from here on
    for args in (("show", "donnees"), ("show", "donnees", "--population", "480000")):
        modules = imported(*args, cache=tmp_path)
        for heavy in ("rich.console", "rich.table", "rich.text", "rich.segment"):
            assert heavy not in modules, (args, heavy)
        assert "relance_cli.output.human.fields" in modules  # laid out by the plain writer


def test_show_in_a_terminal_still_gets_richs_console(tmp_path: Path) -> None:
    modules = imported("show", "donnees", cache=tmp_path, env={"TTY_COMPATIBLE": "1"})
    assert "rich.console" in modules and "relance_cli.output.human.rich_fields" in modules


OSC8 = re.compile(r"\x1b\]8;id=\d+;([^\x1b]+)\x1b\\")


def test_addresses_are_clickable_in_a_terminal(
    relance: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("TTY_INTERACTIVE", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    coloured = relance("show", "donnees", env={"COLUMNS": "80"})
    links = set(OSC8.findall(coloured.stdout))
    source = tomllib.loads(SHIPPED.read_text(encoding="utf-8"))["scheme"]
    donnees = next(s for s in source if s["id"] == "donnees")
    assert donnees["url"] in links  # the field « Lien »
    assert {s["url"] for s in donnees["sources"]} <= links
    assert "\x1b[1m" in coloured.stdout  # bold labels
    monkeypatch.setenv("NO_COLOR", "1")
    uncoloured = relance("show", "donnees", env={"COLUMNS": "80"})
    assert "\x1b]8;" not in uncoloured.stdout and donnees["url"] in uncoloured.stdout
