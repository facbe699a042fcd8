"""Shared parts judged and written once (issue #24): schemes that hold the same calendar,
rules, funding… get the answer each would get alone, and the JSON of `match` and the
tables to a pipe are the same text as when every result is written on its own."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import catalog_file, import_real_page, shipped_copies

from relance_cli.catalog import cache
from relance_cli.catalog import loading as catalog
from relance_cli.core.advisor import advise, judged
from relance_cli.core.estimate import Budget
from relance_cli.core.places import Territory
from relance_cli.core.profiles import Profile
from relance_cli.core.vocabulary import Applicant, Scale
from relance_cli.output import plain, shapes, terminal
from relance_cli.output.layout import Grid, Styled
from relance_cli.output.results import MatchResult

LYON = Territory(Scale.commune, "69123", "Lyon", 519127, frozenset({"69"}))
AJACCIO = Territory(Scale.commune, "2A004", "Ajaccio", 71361, frozenset({"2A"}))
PROFILES = [
    Profile(),
    Profile(Applicant.epci, 60000, ("donnees",)),
    Profile(Applicant.commune, 519127, (), LYON, official_population=True),
    Profile(Applicant.departement, None, ("dematerialisation",), AJACCIO),
]
DATES = [date(2020, 6, 1), date(2021, 1, 1), date(2021, 6, 15), date(2026, 12, 5)]


def warm(path: Path) -> Any:
    """The catalog's records as a warm run reads them: shared parts are one object."""
    content = path.read_bytes()
    cache.store(content, catalog.parse(content.decode("utf-8"), path.name))
    records = cache.load(content)
    assert records is not None
    return records


@pytest.fixture(scope="module")
def real_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return import_real_page(tmp_path_factory.mktemp("page"))


@pytest.mark.usefixtures("own_cache")
@pytest.mark.parametrize("hindsight", [False, True])
@pytest.mark.parametrize("source", ["copies", "real"])
def test_each_scheme_gets_its_own_answer(
    tmp_path: Path, real_page: Path, source: str, hindsight: bool
) -> None:
    path = catalog_file(tmp_path, shipped_copies(4)) if source == "copies" else real_page
    schemes = warm(path).schemes
    budget = Budget(Decimal(20000), Decimal(5000))
    for profile in PROFILES:
        for on in DATES:
            alone = [advise(s, profile, on, budget, hindsight=hindsight) for s in schemes]
            together = judged(schemes, profile, on, budget, hindsight=hindsight)
            assert together == alone
            for mine, theirs, scheme in zip(together, alone, schemes, strict=True):
                assert mine.scheme.id == scheme.id
                assert mine.scheme.steps == theirs.scheme.steps
    # Judged once: far fewer distinct assessments than schemes when schemes are copies.
    if source == "copies":
        found = judged(schemes, PROFILES[1], DATES[-1], budget)
        assert len({id(a.assessment) for a in found}) * 4 == len(schemes)


def result_of(schemes: list[Any], profile: Profile, on: date, limit: int | None) -> MatchResult:
    found = judged(schemes, profile, on, Budget(Decimal(12345)))
    return MatchResult(results=found, profile=profile, budget=None, on=on, limit=limit)


def whole_data(result: MatchResult) -> bytes:
    """What `write_data` writes of the whole shape: encoded, then unglued as bytes."""
    return terminal._unglue_utf8(shapes.dumps(shapes.shape(result)).encode("utf-8"))


@pytest.mark.usefixtures("own_cache")
@pytest.mark.parametrize("limit", [None, 3])
def test_the_json_of_match_is_the_same_text(tmp_path: Path, real_page: Path, limit: Any) -> None:
    for path in (catalog_file(tmp_path, shipped_copies(3)), real_page):
        schemes = warm(path).schemes
        for profile in PROFILES:
            for on in DATES:
                result = result_of(schemes, profile, on, limit)
                assert shapes.match_data(result) == whole_data(result)


@pytest.mark.usefixtures("own_cache")
def test_characters_json_keeps_are_escaped_once_shared(tmp_path: Path) -> None:
    """Titles and ids holding DEL, a C1 control or a bidi override (a catalog refuses them;
    records made by hand do not) are escaped in the shared text as in the whole."""
    schemes = warm(catalog_file(tmp_path, shipped_copies(2))).schemes
    odd = [
        msgspec.structs.replace(s, id=f"{s.id}\x7f", title=f"{s.title} \u202e\x85") for s in schemes
    ] + [msgspec.structs.replace(schemes[0], id="ascii", title="plain")]
    result = result_of(odd, PROFILES[0], DATES[-1], None)
    data = shapes.match_data(result)
    assert data == whole_data(result)
    text = data.decode()
    assert "\\u007f" in text and "\\u202e" in text and "\\u0085" in text
    assert "\x7f" not in text and "\u202e" not in text


@pytest.mark.usefixtures("own_cache")
def test_gluing_spaces_are_ordinary_spaces_in_shared_text(tmp_path: Path) -> None:
    """A title or an id holding the spaces that glue « 600 000 » together gets ordinary
    spaces, in the text shared by results as in the whole answer."""
    schemes = warm(catalog_file(tmp_path, shipped_copies(2))).schemes
    glued = [
        msgspec.structs.replace(s, id=f"{s.id}\u00a0x", title=f"{s.title}\u202f: 600\u00a0000 €")
        for s in schemes
    ]
    result = result_of(glued, PROFILES[0], DATES[-1], None)
    data = shapes.match_data(result)
    assert data == whole_data(result)
    assert "\u00a0".encode() not in data and "\u202f".encode() not in data
    assert "600 000 €".encode() in data


@pytest.mark.parametrize(
    "text", ["", "plain", "é\u00a0à", "\u202f« x »\u00a0", "日本\u00a0語", "emoji 🙂\u202f"]
)
def test_data_unglued_as_text_or_as_bytes_is_the_same(text: str) -> None:
    assert terminal.unglue(text).encode() == terminal._unglue_utf8(text.encode())


def test_ascii_json_is_left_as_it_is_unless_it_holds_del() -> None:
    assert shapes.dumps({"a": "b"}) == '{"a": "b"}'
    assert shapes.dumps({"a": "b\x7f"}) == '{"a": "b\\u007f"}'
    assert shapes.dumps({"a": "é\u2066"}) == '{"a": "é\\u2066"}'


def test_cells_repeated_in_a_table_are_laid_out_as_each_alone() -> None:
    grid = Grid(title="", caption="", show_lines=False)
    grid.add_column("Id", width=6)
    grid.add_column("Texte", ratio=1, overflow="fold")
    grid.add_column("Nombre", width=7, justify="right")
    words = ["un texte assez long pour être plié sur plusieurs lignes", "court", "x" * 40]
    for index in range(12):
        grid.add_row(f"id-{index}", words[index % 3], f"{index % 2} 000")
    sizes = plain.widths(grid.columns, 40)
    alone = [line for row in grid.rows for line in plain._row(row, grid.columns, sizes)]
    together = plain.table_lines(grid, 40)
    assert together[-len(alone) :] == alone
    assert len(alone) > len(grid.rows)  # the long texts do wrap
    assert plain.table_text(grid, 40).count("court") == 4


def test_paragraphs_repeated_in_a_table_are_laid_out_as_each_alone() -> None:
    """Cells that share some paragraphs and not others (a row's id, then the title and
    status its copies share), with tabs and dropped controls, wrapped once per table."""
    grid = Grid(title="", caption="", show_lines=True)
    grid.add_column("Verdict", width=8)
    grid.add_column("Dispositif", ratio=1, overflow="fold", min_width=12)
    grid.add_column("Pourquoi", ratio=1, justify="right")
    shared = "un titre assez long pour être plié\nouvert\tjusqu'au 5 mai\r\n" + "y" * 30
    for index in range(9):
        grid.add_row(
            Styled("éligible" if index % 2 else "à vérifier", "bold"),
            f"at-{index}\n{shared}" if index % 3 else f"at-{index}",
            "• une raison\n• une autre raison plus longue" if index % 2 else "•\tcourt",
        )
    for total in (20, 40, 80):
        sizes = plain.widths(grid.columns, total)
        alone = [line for row in grid.rows for line in plain._row(row, grid.columns, sizes)]
        together = [line for line in plain.table_lines(grid, total)[2:] if line]
        assert together == alone


@pytest.mark.usefixtures("own_cache")
@pytest.mark.parametrize("source", ["copies", "real"])
def test_rows_sharing_parts_are_each_their_own(
    tmp_path: Path, real_page: Path, source: str
) -> None:
    """`match_table` builds the cells of rows judged alike once: each row still reads as
    the row built alone (text and styles), whatever the profile, date, budget."""
    from relance_cli.output.human.cells import VERDICT, prose, styled
    from relance_cli.output.human.matches import advice_details, match_table, why
    from relance_cli.output.reasons import sentence

    path = catalog_file(tmp_path, shipped_copies(3)) if source == "copies" else real_page
    schemes = warm(path).schemes
    for profile in PROFILES:
        for on in DATES:
            for budget in (None, Budget(Decimal(20000))):
                found = judged(schemes, profile, on, budget)
                grid = match_table(found, on, budget=budget is not None)
                for advice, row in zip(found, grid.rows, strict=True):
                    details = advice_details(advice, on, budget=budget is not None)
                    cell = Styled(advice.scheme.id, style="bold") + details
                    reasons = Styled.join("\n", (prose("• " + sentence(r)) for r in why(advice)))
                    alone = [styled(VERDICT[advice.verdict]), cell, reasons]
                    for mine, theirs in zip(row, alone, strict=True):
                        assert isinstance(mine, Styled)
                        assert (mine.plain, mine.style, mine.spans) == (
                            theirs.plain,
                            theirs.style,
                            theirs.spans,
                        )
                    assert row[1].plain.startswith(f"{advice.scheme.id}\n")
