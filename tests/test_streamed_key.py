"""A warm run names its cache entry by hashing the catalog a chunk at a time, never holding
it: the same name, the same refusals, and an entry always named by the bytes it holds."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from helpers import ROOT

from relance_cli import files
from relance_cli.catalog import cache
from relance_cli.catalog import loading as catalog
from relance_cli.errors import CatalogError

EXAMPLE = ROOT / "examples" / "mon-departement.toml"


@pytest.mark.parametrize("size", [0, 1, (1 << 18) - 1, 1 << 18, (1 << 18) + 1, 3 * (1 << 18) + 7])
def test_the_streamed_name_is_the_name_of_the_bytes(tmp_path: Path, size: int) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    digest = cache.key_digest()
    files.digest_file(digest, path, "c.toml")
    assert digest.hexdigest() == cache.key(path.read_bytes())
    assert digest.hexdigest() != hashlib.sha256(path.read_bytes()).hexdigest()  # prefixed


def refusal(path: Path, limit: int = 1 << 20) -> tuple[str, str]:
    """What reading the file whole says, and what hashing it says."""
    said = []
    for attempt in (
        lambda: files.read_bytes(path, "c.toml", limit),
        lambda: files.digest_file(cache.key_digest(), path, "c.toml", limit),
    ):
        with pytest.raises(CatalogError) as caught:
            attempt()
        said.append(str(caught.value))
    return said[0], said[1]


def test_hashing_refuses_what_reading_refuses(tmp_path: Path) -> None:
    missing, folder, fifo, big = (tmp_path / n for n in ("none.toml", "d", "f", "big.toml"))
    folder.mkdir()
    os.mkfifo(fifo)
    big.write_bytes(b"#" * ((1 << 20) + 1))
    for path in (missing, folder, fifo, big):
        whole, hashed = refusal(path)
        assert whole == hashed
        assert "c.toml" in whole
    assert "introuvable" in refusal(missing)[0]
    assert "dossier" in refusal(folder)[0]
    assert "ordinaire" in refusal(fifo)[0]
    assert "volumineux" in refusal(big)[0]


def test_a_file_grown_past_the_limit_while_hashed_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The size is checked on the opened file, then counted as it is read."""
    path = tmp_path / "c.toml"
    path.write_bytes(b"#" * 10)
    real_check = files._check_status

    def then_grows(info: os.stat_result, label: str, max_bytes: int) -> None:
        real_check(info, label, max_bytes)
        path.write_bytes(b"#" * (3 * (1 << 18)))

    monkeypatch.setattr(files, "_check_status", then_grows)
    with pytest.raises(CatalogError, match="volumineux"):
        files.digest_file(cache.key_digest(), path, "c.toml", 1 << 18)


def test_an_entry_is_named_by_the_bytes_it_was_made_of(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A catalog edited between the hash and the read (an editor saving it): the entry
    written holds what was parsed, under that text's name, never under the other's."""
    path = tmp_path / "c.toml"
    before = EXAMPLE.read_bytes()
    after = before.replace(b'title = "', b'title = "Revu : ', 1)
    assert after != before
    path.write_bytes(before)
    real_digest = files.digest_file

    def then_edited(*args: object, **kwargs: object) -> None:
        real_digest(*args, **kwargs)  # type: ignore[arg-type]
        path.write_bytes(after)

    monkeypatch.setattr(files, "digest_file", then_edited)
    read = catalog.read(path)
    assert any(s.title.startswith("Revu : ") for s in read.schemes)
    assert cache.load(before) is None
    assert cache.load(after) == read
    monkeypatch.undo()
    assert catalog.read(path) == read  # warm now, from the entry of what it holds


def test_a_warm_read_never_reads_the_catalog_whole(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    cold = catalog.read(path)

    def not_whole(*args: object) -> bytes:
        raise AssertionError("read whole")

    monkeypatch.setattr(files, "read_bytes", not_whole)
    assert catalog.read(path) == cold


def test_a_search_index_is_named_by_the_bytes_its_schemes_came_from(
    own_cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As their cache entries are, and without reading the files again: the names the
    load gave them (built-in catalog included, in their order, one per file)."""
    from relance_cli.catalog.paths import BUILTIN, builtin_path
    from relance_cli.search import index

    path = tmp_path / "c.toml"
    path.write_bytes(EXAMPLE.read_bytes())
    expected = (cache.key(builtin_path().read_bytes()), cache.key(path.read_bytes()))
    for _cold_then_warm in range(2):
        loaded = catalog.load([BUILTIN, str(path), str(path)])
        assert loaded.names == expected
    assert index.key(expected) != index.key(expected[::-1])  # in their order
    path.write_bytes(path.read_bytes() + b"# never read before: a miss\n")
    edited = path.read_bytes().replace(b'title = "', b'title = "Revu : ', 1)
    real_digest = files.digest_file

    def then_edited(*args: object, **kwargs: object) -> None:
        real_digest(*args, **kwargs)  # type: ignore[arg-type]
        if args[1] == path:
            path.write_bytes(edited)

    monkeypatch.setattr(files, "digest_file", then_edited)
    loaded = catalog.load([str(path)])  # edited between the hash and the read
    assert loaded.names == (cache.key(edited),)  # the name of what was parsed
    assert any(s.title.startswith("Revu : ") for s in loaded.schemes)
