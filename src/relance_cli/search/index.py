"""The full-text index: an SQLite FTS5 table, built once per catalog content.

FTS5 splits and folds the texts itself (`unicode61 remove_diacritics 2`, in C: a Python
tokenizer took four times as long on 5,000 aids), and cannot call a Python stemmer; so
beside it, a table gives the French stem of each distinct word of the index, and a query
asks for any word of the index that has the stem of the word typed. The same table, and
one for the few words whose folded spelling is not the index's own (« cœur » is « coeur »),
give the stems of the query's words, so a search on a stored index never loads the
stemmer for a word some scheme holds; and the index words a query stands for are what an
excerpt marks, with no stem worked out for the excerpts' words. A quoted phrase asks for
any sequence of such words.

Each index is a file of its own in the `search` folder of the cache, named by a hash of
the catalogs' bytes (as the catalog cache names its entries), written to a temporary file
and moved into place, so a reader never sees half an index. A file is used only when it is
a regular file of the user's own that SQLite opens, whose format row and key are the ones
expected and whose scheme ids are those of the catalog; anything else is rebuilt, and a
cache folder relance may not use means an index in memory. Only a few recent indexes are
kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable, Sequence
from itertools import islice, product
from pathlib import Path
from typing import TYPE_CHECKING

from relance_cli.catalog import cache
from relance_cli.errors import debug_note
from relance_cli.i18n import _
from relance_cli.search.documents import Document
from relance_cli.search.query import Query
from relance_cli.search.words import Lexicon, fold, stems_of

if TYPE_CHECKING:
    import sqlite3
else:  # the C module `sqlite3` wraps: its Python part cost 0.5 ms of each search (measured)
    import _sqlite3 as sqlite3

FORMAT = "relance-search-4"
FOLDER = "search"
SUFFIX = ".sqlite"
KEEP = 4
# bm25 weight of each column: a word of the title counts ten times one of the body, a word
# of a project type's label five times.
WEIGHTS = (10.0, 5.0, 1.0)
_SCHEMA = (
    "CREATE TABLE meta (format TEXT NOT NULL, key TEXT NOT NULL)",
    "CREATE TABLE scheme (position INTEGER PRIMARY KEY, id TEXT NOT NULL)",
    "CREATE VIRTUAL TABLE words USING fts5(title, kinds, body, content='', "
    "tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE stem (term TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE spelling (folded TEXT PRIMARY KEY, stem TEXT NOT NULL) WITHOUT ROWID",
)
MAX_PHRASES = 256  # sequences of words a quoted phrase may stand for


_LOOK_UP = 64  # words of a query looked up at most; for more, the stemmer is faster


class Hit:
    """A plain class: a NamedTuple costs a fraction of a millisecond to define."""

    __slots__ = ("position", "score")

    def __init__(self, position: int, score: float) -> None:
        self.position = position  # in the catalog's list of schemes
        self.score = score  # higher is better


def key(catalog_names: Sequence[str]) -> str:
    """The catalogs, in their order, by the names the catalog cache gives their bytes."""
    digest = hashlib.sha256(FORMAT.encode())
    for name in catalog_names:
        digest.update(name.encode())
    return digest.hexdigest()


Documents = Callable[[], list[Document]]  # asked for only when an index is built


def search(
    catalog_names: Sequence[str], ids: list[str], documents: Documents, query: Query
) -> tuple[list[Hit], frozenset[str]]:
    """The schemes holding every required term and none of the excluded, best first, and
    the folded index words the required terms stand for (what an excerpt marks). A stored
    index that fails while read (damaged past the rows checked on opening) is rebuilt,
    once."""
    name = key(catalog_names)
    connection = open_index(name, ids, documents)
    try:
        return _run(connection, query)
    except sqlite3.DatabaseError as error:
        debug_note(_("index de recherche reconstruit : {0}"), error)
    finally:
        connection.close()
    connection = open_index(name, ids, documents, rebuild=True)
    try:
        return _run(connection, query)
    finally:
        connection.close()


def lexicon(connection: sqlite3.Connection) -> Lexicon:
    """The stems the index holds for a query's folded words, worked out when it was built;
    none when it cannot be read, or for too many words (the stemmer, in C once imported,
    then works them out faster than the lookups)."""

    def read(folded: list[str]) -> dict[str, str]:
        if len(folded) > _LOOK_UP:
            return {}
        marks = ", ".join("?" * len(folded))
        sql = (
            f"SELECT term, stem FROM stem WHERE term IN ({marks}) "
            f"UNION ALL SELECT folded, stem FROM spelling WHERE folded IN ({marks})"
        )
        try:
            return dict(connection.execute(sql, folded + folded).fetchall())
        except sqlite3.Error:
            return {}

    return read


def _run(connection: sqlite3.Connection, query: Query) -> tuple[list[Hit], frozenset[str]]:
    terms = (*query.required, *query.excluded)
    words = list({word: None for term in terms for word in term})
    stem = dict(zip(words, stems_of(words, lexicon(connection)), strict=True))
    spelt = _index_words(connection, set(stem.values()))
    required = [[spelt.get(stem[word], []) for word in term] for term in query.required]
    if not all(all(term) for term in required):
        return [], frozenset()  # a required word no scheme holds: nothing can match
    expression = " AND ".join(f"({_alternatives(term)})" for term in required)
    excluded = [[spelt.get(stem[word], []) for word in term] for term in query.excluded]
    unwanted = [_alternatives(term) for term in excluded if all(term)]
    if unwanted:
        expression = f"({expression}) NOT ({' OR '.join(unwanted)})"
    rows = connection.execute(
        "SELECT rowid, bm25(words, ?, ?, ?) FROM words WHERE words MATCH ?",
        (*WEIGHTS, expression),
    ).fetchall()
    hits = sorted((Hit(position, -rank) for position, rank in rows), key=lambda h: -h.score)
    marked = frozenset(fold(w) for term in required for choices in term for w in choices)
    return hits, marked


def _index_words(connection: sqlite3.Connection, stems: set[str]) -> dict[str, list[str]]:
    """The words of the index with each of these stems, in one statement."""
    found: dict[str, list[str]] = {}
    marks = ", ".join("?" * len(stems))
    sql = f"SELECT stem, term FROM stem WHERE stem IN ({marks}) ORDER BY stem, term"
    for stem, word in connection.execute(sql, sorted(stems)).fetchall():
        found.setdefault(stem, []).append(word)
    return found


def _alternatives(term: list[list[str]]) -> str:
    """Every sequence of index words with a term's stems, as FTS5 phrases joined by OR (the
    words are letters and digits: nothing in them needs escaping)."""
    phrases = [" ".join(words) for words in islice(product(*term), MAX_PHRASES)]
    return " OR ".join(f'"{phrase}"' for phrase in phrases)


def open_index(
    name: str, ids: list[str], documents: Documents, *, rebuild: bool = False
) -> sqlite3.Connection:
    """The index for these catalogs: the stored one when it can be trusted (and no rebuild
    is asked), else a new one."""
    folder = cache.own_folder(FOLDER)  # beside the catalogs' own, never inside
    if folder is None:
        connection = sqlite3.connect(":memory:")
        fill(connection, name, ids, documents)
        return connection
    path = folder / (name + SUFFIX)
    stored = None if rebuild else _trusted(path, name, ids)
    if stored is not None:
        return stored
    _build(folder, path, name, ids, documents)
    prune(folder)
    opened = _trusted(path, name, ids)
    if opened is None:  # pragma: no cover - written a moment ago by this very process
        connection = sqlite3.connect(":memory:")
        fill(connection, name, ids, documents)
        return connection
    return opened


def _trusted(path: Path, name: str, ids: list[str]) -> sqlite3.Connection | None:
    """The stored index, opened read-only, when everything about it is as expected."""
    try:
        info = path.lstat()
    except OSError:
        return None
    own = not hasattr(os, "geteuid") or info.st_uid == os.geteuid()
    if not stat.S_ISREG(info.st_mode) or not own:
        debug_note(_("index de recherche refusé : {0}"), path)
        return None
    connection = None
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        meta = connection.execute("SELECT format, key FROM meta").fetchall()
        stored = [row[0] for row in connection.execute("SELECT id FROM scheme ORDER BY position")]
        if meta == [(FORMAT, name)] and stored == ids:
            with contextlib.suppress(OSError):
                os.utime(path)  # recently used: pruned last
            return connection
    except sqlite3.Error:
        pass
    if connection is not None:
        connection.close()
    debug_note(_("index de recherche reconstruit : {0}"), path)
    return None


def _build(folder: Path, path: Path, name: str, ids: list[str], documents: Documents) -> None:
    """Written beside its final place, then moved there in one step."""
    import tempfile

    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=SUFFIX, dir=folder)
    os.close(handle)
    try:
        connection = sqlite3.connect(temporary)
        try:
            fill(connection, name, ids, documents)
        finally:
            connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error) as error:
        debug_note(_("index de recherche non enregistré : {0}"), error)
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def fill(connection: sqlite3.Connection, name: str, ids: list[str], documents: Documents) -> None:
    connection.execute("PRAGMA journal_mode = OFF")
    connection.execute("PRAGMA synchronous = OFF")
    for statement in _SCHEMA:
        connection.execute(statement)
    connection.executemany("INSERT INTO scheme VALUES (?, ?)", enumerate(ids))
    connection.executemany(
        "INSERT INTO words (rowid, title, kinds, body) VALUES (?, ?, ?, ?)",
        (
            (position, doc.title, doc.kinds, "\n".join(doc.body))
            for position, doc in enumerate(documents())
        ),
    )
    connection.execute("CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, words, row)")
    terms = [term for (term,) in connection.execute("SELECT term FROM temp.vocabulary")]
    stems = stems_of(terms)
    connection.executemany("INSERT INTO stem VALUES (?, ?)", zip(terms, stems, strict=True))
    respelt = {
        fold(term): stem for term, stem in zip(terms, stems, strict=True) if not term.isascii()
    }
    connection.executemany("INSERT INTO spelling VALUES (?, ?)", respelt.items())
    connection.execute("INSERT INTO meta VALUES (?, ?)", (FORMAT, name))
    connection.execute("CREATE INDEX stem_words ON stem (stem)")
    connection.commit()


def prune(folder: Path, keep: int = KEEP) -> None:
    """The `keep` most recently used indexes stay; older ones, and temporary files left by
    an interrupted build, go."""
    try:
        found = [(entry.stat().st_mtime, entry) for entry in folder.iterdir()]
    except OSError:
        return
    indexes = sorted(
        ((mtime, entry) for mtime, entry in found if entry.name.endswith(SUFFIX)),
        key=lambda item: item[0],
        reverse=True,
    )
    for _mtime, entry in indexes[keep:]:
        with contextlib.suppress(OSError):
            entry.unlink()
