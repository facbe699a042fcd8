"""`relance search` on the real November 2021 page of Aides-territoires (473 aids,
imported once per run and copied for this module): what it finds, in which order, with
which excerpt, and the index it keeps (rebuilt whenever it cannot be trusted)."""

from __future__ import annotations

import contextlib
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from helpers import SHIPPED, Run, plain

from relance_cli.search import index
from relance_cli.search.documents import Document
from relance_cli.search.words import stems_of

PAGE = Path(__file__).parent / "data" / "aides-territoires" / "django-2021-11-full.json.gz"
ON = "2021-11-06"
# The fields of an aid that `search` reads (its audiences are eligibility, not text).
TEXT_FIELDS = (
    "name", "description", "eligibility", "project_examples", "categories", "financers",
    "instructors", "programs", "aid_types", "contact", "recurrence",
)  # fmt: skip


def aids() -> list[dict[str, Any]]:
    with gzip.open(PAGE, "rt", encoding="utf-8") as dump:
        results: list[dict[str, Any]] = json.load(dump)["results"]
    return results


@pytest.fixture(scope="module")
def imported(real_catalog: Callable[[str], Path]) -> Path:
    return real_catalog("search")


def found(relance: Run, catalog: Path, *words: str) -> list[dict[str, Any]]:
    result = relance(
        "search", "--catalog", str(catalog), "--as-of", ON, "--all", "--format", "json", *words
    )
    assert result.exit_code == 0, result.output
    results: list[dict[str, Any]] = json.loads(result.stdout)["results"]
    return results


def holding(pattern: str) -> set[str]:
    """The aids of the page whose texts match `pattern`, read from the page itself."""
    word = re.compile(pattern, re.IGNORECASE)
    return {
        f"at-{aid['id']}"
        for aid in aids()
        if any(word.search(json.dumps(aid.get(f), ensure_ascii=False)) for f in TEXT_FIELDS)
    }


def test_every_aid_naming_a_library_is_found_whatever_the_case_and_accents(
    relance: Run, imported: Path
) -> None:
    expected = holding(r"biblioth[eè]ques?\b")
    assert len(expected) >= 3
    for spelling in ("bibliothèque", "BIBLIOTHEQUE", "Bibliothèques"):
        assert {r["id"] for r in found(relance, imported, spelling)} == expected, spelling


def test_every_word_must_match_so_a_phrase_finds_fewer(relance: Run, imported: Path) -> None:
    water = {r["id"] for r in found(relance, imported, "eau")}
    drinking = {r["id"] for r in found(relance, imported, "eau", "potable")}
    phrase = {r["id"] for r in found(relance, imported, "eau potable")}
    assert 0 < len(phrase) <= len(drinking) < len(water)
    assert phrase <= drinking <= water
    assert holding(r"\beaux? potables?\b") == phrase


def test_excluded_words_leave_out_the_aids_holding_them(relance: Run, imported: Path) -> None:
    every = {r["id"] for r in found(relance, imported, "numérique")}
    without = {r["id"] for r in found(relance, imported, "--", "numérique", "-formation")}
    training = {r["id"] for r in found(relance, imported, "formation")}
    assert without == every - training
    assert without and training & every


def test_a_match_in_the_title_ranks_first(relance: Run, imported: Path) -> None:
    results = found(relance, imported, "numérique")
    assert re.search(r"numériques?", results[0]["title"], re.IGNORECASE)
    scores = [r["score"] for r in results]
    assert scores == sorted(scores, reverse=True)
    in_title = [bool(re.search(r"numériques?", r["title"], re.I)) for r in results]
    assert not all(in_title)
    assert re.search(r"numériques?", results[0]["excerpt"], re.IGNORECASE)


def test_a_commune_sees_only_what_it_may_apply_to_and_the_count_of_the_rest(
    relance: Run, imported: Path
) -> None:
    every = found(relance, imported, "numérique")
    args = ("search", "numérique", "--catalog", str(imported), "--as-of", ON)
    kept = json.loads(relance(*args, "--commune", "69123", "--format", "json").stdout)["results"]
    assert kept and {r["verdict"] for r in kept} <= {"eligible", "possible"}
    table = plain(relance(*args, "--commune", "69123", "--limit", "0").stdout)
    left_out = len(every) - len(kept)
    assert left_out > 0
    assert f"{left_out} dispositifs écartés : --all pour les voir" in table


def test_the_table_shows_an_excerpt_around_the_match(relance: Run, imported: Path) -> None:
    result = relance("search", "eau potable", "--catalog", str(imported), "--as-of", ON)
    assert result.exit_code == 0, result.output
    text = " ".join(plain(result.stdout).split())
    assert re.search(r"eaux? potables?", text, re.IGNORECASE)
    assert "\x1b" not in result.stdout  # plain words in a pipe


def test_the_shipped_catalog_is_searched_too(run_json: Any) -> None:
    payload = run_json("search", "données", "--as-of", "2021-03-01")
    ids = [r["id"] for r in payload["results"]]
    assert "donnees" in " ".join(ids) or ids  # the data scheme and its kin
    assert all(isinstance(r["score"], float) and r["excerpt"] for r in payload["results"])


@pytest.mark.parametrize(
    ("words", "message"),
    [
        ([""], "aucun mot à chercher"),
        (["--", "-formation"], "seulement des mots exclus"),
        (["--", "-formation", '-"eau potable"'], "seulement des mots exclus"),
        (["…", "!!"], "aucun mot à chercher"),
        (["mot " * 400], "caractères, au plus 1000"),
        ([f"m{i}" for i in range(40)], "termes, au plus 32"),
        (["biblio\x1b[2Jthèque"], "caractère de contrôle \\x1b refusé"),
    ],
)
def test_a_query_that_cannot_search_is_one_line_and_exit_2(
    relance: Run, words: list[str], message: str
) -> None:
    result = relance("search", *words)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
    assert "Traceback" not in result.output and "\x1b" not in result.stderr


def test_query_syntax_is_never_fts5_syntax(run_json: Any) -> None:
    for words in (["NEAR(données"], ["données*"], ['"données'], ["AND", "OR", "NOT"]):
        run_json("search", *words)  # no error, whatever the index finds


# --- the index ---------------------------------------------------------------------------------


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(folder))
    return folder


def stored(own_cache: Path) -> list[Path]:
    return sorted((own_cache / index.FOLDER).glob("*" + index.SUFFIX))


def test_the_index_is_built_once_then_reused(run_json: Any, own_cache: Path) -> None:
    first = run_json("search", "données")
    (built,) = stored(own_cache)
    assert oct(built.stat().st_mode & 0o777) == "0o600"
    when = built.stat().st_mtime_ns
    os.utime(built, ns=(when - 10**9, when - 10**9))
    assert run_json("search", "données") == first
    (again,) = stored(own_cache)
    assert again == built and again.stat().st_mtime_ns > when - 10**9  # read, touched


@pytest.mark.parametrize("damage", ["garbage", "truncated", "foreign", "link", "inside"])
def test_an_index_that_cannot_be_trusted_is_rebuilt(
    run_json: Any, own_cache: Path, tmp_path: Path, damage: str
) -> None:
    expected = run_json("search", "données")
    (built,) = stored(own_cache)
    if damage == "garbage":
        built.write_bytes(b"not a database at all" * 100)
    elif damage == "truncated":
        built.write_bytes(built.read_bytes()[:3000])
    elif damage == "inside":  # the rows checked on opening intact, the word index not
        data = bytearray(built.read_bytes())
        page = 4096
        for start in range(len(data) // 2 // page * page, len(data) - page, page):
            data[start + 100 : start + page] = b"\xff" * (page - 100)
        built.write_bytes(bytes(data))
    elif damage == "foreign":  # a valid index of another catalog, under this one's name
        other = tmp_path / "other.toml"
        other.write_text(SHIPPED.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
        run_json("search", "données", "--catalog", str(other))
        (foreign,) = [p for p in stored(own_cache) if p != built]
        os.replace(foreign, built)
    else:
        elsewhere = tmp_path / "elsewhere.sqlite"
        elsewhere.write_bytes(b"")
        built.unlink()
        built.symlink_to(elsewhere)
    assert run_json("search", "données") == expected
    assert not built.is_symlink() or damage == "link"


def test_only_a_few_indexes_are_kept(run_json: Any, own_cache: Path, tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    for number in range(index.KEEP + 2):
        path = tmp_path / f"c{number}.toml"
        path.write_text(text + f"\n# copy {number}\n", encoding="utf-8")
        run_json("search", "données", "--catalog", str(path))
    assert len(stored(own_cache)) == index.KEEP


def test_without_a_usable_cache_the_index_lives_in_memory(
    run_json: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(blocked))
    assert run_json("search", "données")["results"]


# Runs `relance search` as the script does, then lists whether the stemmer was imported.
STEMMER_PROBE = (
    "import json, sys\n"
    "sys.argv = ['relance', *json.loads(sys.argv[1])]\n"
    "from relance_cli.cli import main\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exit:\n"
    "    assert not exit.code, exit.code\n"
    "sys.stdout.flush()\n"
    "print('Stemmer' in sys.modules, file=sys.stderr)\n"
)


def searched(own_cache: Path, *words: str) -> tuple[dict[str, Any], bool]:
    """A search's JSON, and whether it loaded the stemmer, in a fresh interpreter."""
    env = {**os.environ, "RELANCE_CACHE_DIR": str(own_cache)}
    args = json.dumps(["search", "--as-of", "2021-03-01", "--format", "json", *words])
    done = subprocess.run(
        [sys.executable, "-c", STEMMER_PROBE, args],
        capture_output=True, text=True, env=env, check=True, cwd="/",
    )  # fmt: skip
    return json.loads(done.stdout), done.stderr.strip() == "True"


def test_a_stored_index_gives_the_stems_so_the_stemmer_stays_unloaded(own_cache: Path) -> None:
    """The stems of the query's words and of the excerpts' come from the index; « coeur »
    finds « cœur » (the index keeps the ligature, its spelling table the folded word)."""
    built, stemmed = searched(own_cache, "coeur")
    assert stemmed  # building the index stems every word
    again, stemmed = searched(own_cache, "coeur")
    assert again == built and not stemmed
    (result,) = again["results"]
    assert "en cœur de ville" in result["excerpt"]
    other, stemmed = searched(own_cache, "numériques", "Cœur")  # a plural no text holds
    assert [r["id"] for r in other["results"]] == [result["id"]] and not stemmed
    nowhere, stemmed = searched(own_cache, "bibliothécaires")  # no scheme holds the word
    assert nowhere["results"] == [] and stemmed


def test_an_index_whose_stems_cannot_be_read_falls_back_on_the_stemmer(
    own_cache: Path,
) -> None:
    expected, _ = searched(own_cache, "coeur", "ville")
    (built,) = stored(own_cache)
    with contextlib.closing(sqlite3.connect(built)) as connection:
        connection.execute("DROP TABLE spelling")
        connection.commit()
    again, stemmed = searched(own_cache, "coeur", "ville")
    assert again == expected and stemmed


def test_the_lexicon_looks_the_query_words_up_in_the_index() -> None:
    """The stems the index gives are the stemmer's, for index words and for their folded
    spellings (« coeur » for « cœur »); too many words, or an index that cannot be read,
    give none (the stemmer works them out)."""
    connection = sqlite3.connect(":memory:")
    texts = ["Le cœur de la ville", "Des bibliothèques numériques", "Données ouvertes"]
    index.fill(connection, "n", ["a"], lambda: [Document("Bibliothèque", "", texts)])
    stems = dict(zip(["numeriques", "coeur"], stems_of(["numeriques", "coeur"]), strict=True))
    found = index.lexicon(connection)(["numeriques", "coeur", "cœur", "absent"])
    assert found == {**stems, "cœur": stems["coeur"]}
    assert index.lexicon(connection)(["numeriques"] * (index._LOOK_UP + 1)) == {}
    connection.close()
    assert index.lexicon(connection)(["numeriques"]) == {}


@pytest.mark.parametrize(
    ("words", "marked"),
    [
        (["coeur"], {"cœur"}),  # the index's spelling, found by its folded one
        (["NUMÉRIQUES"], {"numérique", "numériques"}),  # every word of the stem, as written
        (['"transition numérique"'], {"transition", "numérique"}),
    ],
)
def test_an_excerpt_marks_the_words_the_index_found(
    own_cache: Path, words: list[str], marked: set[str]
) -> None:
    from relance_cli.cli import params
    from relance_cli.search import engine, query

    loaded = params.load(None)
    search = engine.Search(loaded, query.parse(words))
    found = search.with_excerpts(search.find())
    assert found
    seen = set()
    for item in found:
        assert item.excerpt is not None
        text = item.excerpt.text
        seen |= {text[start:end].lower() for start, end in item.excerpt.marks}
    assert seen == marked
