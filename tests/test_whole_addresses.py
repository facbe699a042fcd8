"""Issue 27: at 80 columns and through a pipe, no web address is cut. The catalogs that
hold the most addresses inside prose are imports of the real Aides-territoires pages: their
summaries, contacts, conditions and examples hold addresses of 80 characters and more,
which `show` used to cut with « … » in the field's column (371 of them in the 2021 + 2022
downloads). Every address of every text field of every imported scheme must now be printed
whole by `relance show`; the same holds for the notes, reasons and explanations of a
hand-written catalog, in `show`, `show --history` and `match`/`search --explain`."""

from __future__ import annotations

import gzip
import re
import tomllib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, Run, catalog_file, new_catalog, new_scheme
from rich.cells import cell_len
from typer.testing import CliRunner

from relance_cli.cli import app

PAGES = ROOT / "tests" / "data" / "aides-territoires"
NARROW = {"COLUMNS": "80", "NO_COLOR": "1"}
ADDRESS = re.compile(r"(?:https?|ftp)://\S+")
CONTACT_72292 = "https://www.asp-public.fr/carte/choisissez-une-direction-regionale-sur-la-carte"


def addresses(value: Any) -> Iterator[str]:
    """Every address in every text of `value` (a scheme as TOML data), as written, without
    the punctuation that closes the sentence around it."""
    if isinstance(value, str):
        for found in ADDRESS.findall(value):
            yield found.rstrip(".,;:!?)»\"'")
    elif isinstance(value, dict):
        for item in value.values():
            yield from addresses(item)
    elif isinstance(value, list):
        for item in value:
            yield from addresses(item)


def fits(line: str) -> bool:
    """The prose around a long word keeps to 80 columns: only a line that ends with a word
    wider than the field's column (an address, a file's path) goes past, alone on its
    line, after the field's label at most, and before the closing guillemet that French
    spacing keeps with it."""
    if cell_len(line) <= 80:
        return True
    words = line.split()
    if words[-1] == "»":
        words.pop()
    return cell_len(words[-1]) > 80 - 18 and len(words) <= 3


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real 2021 and 2022 full downloads, imported together, as a user would."""
    folder = tmp_path_factory.mktemp("pages")
    pages = []
    for name in ("django-2021-11-full.json.gz", "django-2022-05-full.json.gz"):
        page = folder / name.removesuffix(".gz")
        with gzip.open(PAGES / name, "rt", encoding="utf-8") as dump:
            page.write_text(dump.read(), encoding="utf-8")
        pages.append(str(page))
    out = folder / "aides.toml"
    result = CliRunner().invoke(app, ["import", "aides-territoires", *pages, "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


PARTS = 4  # the schemes are shown in four parts, which the two workers of `make test` share


@pytest.mark.parametrize("part", range(PARTS))
def test_every_address_of_the_real_pages_is_whole_in_show(
    relance: Run, imported: Path, part: int
) -> None:
    schemes = tomllib.loads(imported.read_text(encoding="utf-8"))["scheme"]
    assert len(schemes) > 500
    # addresses in links, summaries, contacts, conditions, examples
    assert sum(len(set(addresses(scheme))) for scheme in schemes) > 1500
    checked = 0
    cut: list[tuple[str, str]] = []
    for scheme in schemes[part::PARTS]:
        wanted = set(addresses(scheme))
        result = relance("show", scheme["id"], "--catalog", str(imported), env=NARROW)
        assert result.exit_code == 0, result.output
        cut += [(scheme["id"], url) for url in sorted(wanted) if url not in result.stdout]
        checked += len(wanted)
        assert "\x1b" not in result.stdout  # a pipe: no hyperlink escapes
    assert checked > 1500 // PARTS // 2  # no part without addresses
    assert cut == []


def test_a_contact_address_gets_a_line_of_its_own(relance: Run, imported: Path) -> None:
    result = relance("show", "at-72292", "--catalog", str(imported), env=NARROW)
    lines = result.stdout.splitlines()
    (line,) = [line for line in lines if CONTACT_72292 in line]
    assert line.strip() == f"({CONTACT_72292})"
    assert "…" not in result.stdout
    assert all(fits(line) for line in lines)


def test_addresses_in_prose_are_clickable_in_a_terminal(
    relance: Run, imported: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich: a terminal, though captured
    monkeypatch.setenv("TTY_INTERACTIVE", "0")
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR")
    result = relance("show", "at-72292", "--catalog", str(imported), env={"COLUMNS": "80"})
    assert f";{CONTACT_72292}\x1b\\" in result.stdout  # OSC 8: the link is the address


LONG = (
    "https://www.example.gouv.fr/une/adresse/longue/qui-depasse-une-ligne-de-quatre-vingts-colonnes"
)


def url(n: int) -> str:
    return f"{LONG}-{n}"


@pytest.fixture
def written(tmp_path: Path) -> Path:
    """A hand-written catalog with a long address in each field of prose `show` prints."""
    source = [{"title": "Source", "url": "https://example.gouv.fr/s"}]
    scheme = new_scheme(
        "long",
        summary=f"Résumé ; voir {url(1)}.",
        contact=f"Écrire ({url(2)}) ou appeler.",
        requirements=[f"« {url(3)} »"],
        examples=[f"voir : {url(4)}"],
        eligibility={
            "applicants": ["collectivite"],
            "unsettled": [{"reason": f"à vérifier : {url(5)}", "population_at_least": 100000}],
        },
        funding={"rate": 0.5, "note": f"taux, voir {url(6)}"},
        steps=[
            {
                "name": "Candidatures",
                "start": date(2021, 3, 1),
                "end": date(2021, 6, 30),
                "accepts_applications": True,
                "note": f"voir {url(7)}",
            }
        ],
        variants=[{"departements": ["68"], "note": f"Haut-Rhin : {url(8)}", "sources": source}],
        revisions=[
            {
                "date": date(2021, 3, 16),
                "note": f"révision {url(9)}",
                "sources": source,
                "replaced": [
                    {
                        "name": "Candidatures d'abord annoncées",
                        "start": date(2021, 3, 1),
                        "end": date(2021, 5, 31),
                        "accepts_applications": True,
                    }
                ],
            }
        ],
    )
    return catalog_file(tmp_path, new_catalog(scheme))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_addresses_in_notes_reasons_and_explanations_are_whole(
    relance: Run, written: Path, lang: str
) -> None:
    common = ("--catalog", str(written), "--as-of", "2021-04-01", "--lang", lang)
    profile = ("--population", "200000")
    for args, numbers in (
        (("show", "long"), range(1, 9)),
        (("show", "long", *profile), [5]),
        (("show", "long", "--history"), [9]),
        (("match", *profile, "--explain"), [5]),
        (("search", "Résumé", *profile, "--explain"), [5]),
    ):
        result = relance(*args, *common, env=NARROW)
        assert result.exit_code == 0, result.output
        for n in numbers:
            assert url(n) in result.stdout, (args, n)
        assert all(fits(line) for line in result.stdout.splitlines()), args
