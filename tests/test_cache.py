"""The catalog cache can save time, never change an answer, never run code; and --limit.

Tests run as root here: the "other user" is `nobody` (uid 65534), set with chown on
folders and files made in a temporary folder.
"""

from __future__ import annotations

import json
import os
import pickle
import stat
import threading
from pathlib import Path
from typing import Any

import msgspec
import pytest
from helpers import ROOT, Run, plain

from relance_cli.catalog import cache, compiled
from relance_cli.catalog import loading as catalog

EXAMPLE = ROOT / "examples" / "mon-departement.toml"
NOBODY = 65534


def copy_example(tmp_path: Path, name: str = "mine.toml") -> Path:
    path = tmp_path / name
    path.write_bytes(EXAMPLE.read_bytes())
    return path


def entry_of(own_cache: Path, path: Path) -> Path:
    return own_cache / (cache.key(path.read_bytes()) + cache.SUFFIX)


def body_of(entry: Path) -> Any:
    """An entry's MessagePack, after its seal, as plain data: [format, key, catalog]."""
    return msgspec.msgpack.decode(entry.read_bytes().partition(b"\n")[2])


def sealed(own_cache: Path, body: bytes) -> bytes:
    """An entry as relance seals it: a test that writes one must know the cache's key."""
    secret = cache._secret(own_cache, create=True)
    assert secret is not None
    return cache._seal(secret, body) + b"\n" + body


def test_second_read_comes_from_the_cache(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    first = catalog.read(path)
    entry = entry_of(own_cache, path)
    index = entry.with_name(entry.name.removesuffix(cache.SUFFIX) + cache.INDEX)
    assert sorted(own_cache.iterdir()) == sorted([entry, index, own_cache / cache.SECRET])
    assert cache.names(path.read_bytes()) == (
        ["exemple-bibliotheques-numeriques"],
        ["lecture-publique", "dematerialisation"],
    )
    assert body_of(entry)[0] == cache.FORMAT  # data, not code
    assert stat.S_IMODE(own_cache.stat().st_mode) == 0o700
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600
    again = cache.load(path.read_bytes())
    assert again == first
    assert type(again.schemes[0].steps[0].start).__name__ == "date"
    assert catalog.read(path) == first


def test_the_cache_holds_every_value_of_the_shipped_catalog(own_cache: Path) -> None:
    content = catalog.builtin_path().read_bytes()
    parsed = catalog.parse(content.decode("utf-8"), "schemes.toml")
    stored = cache.store(content, parsed)
    assert stored == compiled.from_models(parsed)
    loaded = cache.load(content)
    assert loaded == stored
    assert loaded is not None and loaded.model_dump() == parsed.model_dump()
    assert loaded.model_dump(mode="json") == parsed.model_dump(mode="json")


def test_an_edit_that_keeps_size_and_date_is_seen(
    own_cache: Path, tmp_path: Path, relance: Run
) -> None:
    """`touch -r`: same size, same modification time, another rate."""
    path = copy_example(tmp_path)
    before = path.stat()
    assert relance("list", "--catalog", str(path)).exit_code == 0
    path.write_text(
        path.read_text(encoding="utf-8").replace("rate = 0.4", "rate = 0.3"), encoding="utf-8"
    )
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert "30 %" in plain(relance("list", "--catalog", str(path)).stdout)


def test_validate_never_answers_from_the_cache(
    own_cache: Path, tmp_path: Path, relance: Run
) -> None:
    """Even an entry that says "valid" for an invalid file's bytes is not believed."""
    good = copy_example(tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text(good.read_text(encoding="utf-8").replace("rate = 0.4", "rate = 4"), "utf-8")
    cache.store(bad.read_bytes(), catalog.read(good))  # a poisoned entry, for the test
    result = relance("validate", str(bad))
    assert result.exit_code == 1
    assert "funding.rate: doit être ≤ 1" in result.stdout


def test_a_catalog_that_cannot_be_read_is_never_served(
    own_cache: Path, tmp_path: Path, relance: Run
) -> None:
    path = copy_example(tmp_path)
    assert relance("list", "--catalog", str(path)).exit_code == 0
    path.unlink()
    result = relance("list", "--catalog", str(path))
    assert result.exit_code == 1 and "fichier introuvable" in result.stderr


def test_a_planted_pickle_never_runs(own_cache: Path, tmp_path: Path, relance: Run) -> None:
    """The attack of issue 12: a pickle under the entry's name that runs a command."""
    path = copy_example(tmp_path)
    marker = tmp_path / "pwned"

    class Payload:
        def __reduce__(self) -> tuple[Any, ...]:
            return (Path.touch, (marker,))

    own_cache.mkdir(mode=0o700)
    entry_of(own_cache, path).write_bytes(pickle.dumps(Payload()))
    result = relance("list", "--catalog", str(path))
    assert result.exit_code == 0 and "exemple-bibliotheques-numeriques" in result.stdout
    assert not marker.exists()


def test_a_corrupt_or_foreign_entry_is_ignored_and_rebuilt(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    expected = catalog.read(path)
    entry = entry_of(own_cache, path)
    for damaged in (
        entry.read_bytes()[:-40],  # cut short
        msgspec.msgpack.encode([cache.FORMAT, entry.stem, {"x": 1}]),
        msgspec.msgpack.encode([cache.FORMAT, entry.stem, [[], []]]),
        # one value short of a catalog's fields
        msgspec.msgpack.encode([cache.FORMAT, entry.stem, body_of(entry)[2][:-1]]),
        msgspec.msgpack.encode([1, entry.stem, body_of(entry)[2]]),  # another format
        msgspec.msgpack.encode([cache.FORMAT, "0" * 64, body_of(entry)[2]]),  # another key
        json.dumps({"format": cache.FORMAT, "key": entry.stem, "catalog": {}}).encode(),
        b"\x00" * 100,
    ):
        for written in (damaged, sealed(own_cache, damaged)):
            entry.write_bytes(written)
            assert cache.load(path.read_bytes()) is None
        assert catalog.read(path) == expected
        assert cache.load(path.read_bytes()) == expected  # rewritten


def test_a_fifo_under_the_entry_name_does_not_hang(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    own_cache.mkdir(mode=0o700)
    os.mkfifo(entry_of(own_cache, path))
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(catalog.read(path)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert done and done[0] is not None


def test_symlinks_and_entries_of_other_users_are_not_read(own_cache: Path, tmp_path: Path) -> None:
    path = copy_example(tmp_path)
    expected = catalog.read(path)
    entry = entry_of(own_cache, path)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(elsewhere)
    assert cache.load(path.read_bytes()) is None
    entry.unlink()
    entry.write_bytes(elsewhere.read_bytes())
    os.chown(entry, NOBODY, NOBODY)
    assert cache.load(path.read_bytes()) is None
    os.chown(entry, os.geteuid(), os.getegid())
    os.chmod(entry, 0o666)
    assert cache.load(path.read_bytes()) is None
    os.chmod(entry, 0o600)
    assert cache.load(path.read_bytes()) == expected


@pytest.mark.parametrize("problem", ["other owner", "writable by others", "not a folder"])
def test_a_folder_that_is_not_ours_alone_is_not_used(
    own_cache: Path, tmp_path: Path, relance: Run, problem: str
) -> None:
    if problem == "not a folder":
        own_cache.write_text("a file where the folder should be", encoding="utf-8")
    else:
        own_cache.mkdir(mode=0o700)
        if problem == "other owner":
            os.chown(own_cache, NOBODY, NOBODY)
        else:
            os.chmod(own_cache, 0o777)
    path = copy_example(tmp_path)
    result = relance("--debug", "list", "--catalog", str(path))
    assert result.exit_code == 0 and "exemple-bibliotheques-numeriques" in result.stdout
    reason = {
        "other owner": "appartient à un autre utilisateur",
        "writable by others": "est modifiable par d'autres",
        "not a folder": "n'est pas un dossier",
    }[problem]
    assert result.stderr.count(f"relance: cache désactivé : {own_cache} {reason}") == 1
    if problem != "not a folder":
        assert list(own_cache.iterdir()) == []
    quiet = relance("list", "--catalog", str(path))
    assert quiet.exit_code == 0 and "cache" not in quiet.stderr


def test_old_entries_are_pruned(own_cache: Path, tmp_path: Path) -> None:
    """Edits of one catalog leave at most KEEP_ENTRIES entries, the most recent ones."""
    path = copy_example(tmp_path)
    text = path.read_text(encoding="utf-8")
    for index in range(cache.KEEP_ENTRIES + 5):
        path.write_text(text.replace("min_population = 2000", f"min_population = {index}"), "utf-8")
        catalog.read(path)
    names = [e for e in own_cache.iterdir() if cache.ENTRY_NAME.match(e.name)]
    entries = [e for e in names if not e.name.endswith(cache.INDEX)]
    assert len(entries) == cache.KEEP_ENTRIES
    assert len(names) == 2 * cache.KEEP_ENTRIES  # each with its index
    assert entry_of(own_cache, path) in entries  # the newest stays
    cache.prune(own_cache, keep=100, budget=max(e.stat().st_size for e in entries) * 3)
    assert len(list(own_cache.iterdir())) == 6 + 1  # and the key


def test_default_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RELANCE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    assert cache.folder() == Path("/somewhere/relance")


# --- --limit -------------------------------------------------------------------------------------


def test_limit_everywhere(relance: Run, run_json: Any) -> None:
    assert len(run_json("list", "--limit", "2")["schemes"]) == 2
    assert len(run_json("list", "--limit", "0")["schemes"]) == 7
    assert len(run_json("calendar", "--limit", "3")["steps"]) == 3
    assert len(run_json("match", "--all", "--limit", "1")["results"]) == 1
    table = relance("list", "--limit", "1")
    assert table.stdout.count("fermé") == 1
    assert "… 6 dispositifs de plus : --limit 0 pour tout afficher" in table.stdout
    csv_out = relance("calendar", "--limit", "2", "--format", "csv")
    assert len(csv_out.stdout.strip().splitlines()) == 3


def test_a_terminal_shows_the_first_rows_and_says_how_many_more(
    relance: Run, tmp_path: Path
) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").partition("[[test]]")[0]  # schemes only
    head, _, scheme = text.partition("[[scheme]]")
    many = head + "".join(
        "[[scheme]]" + scheme.replace('"exemple-bibliotheques-numeriques"', f'"ex-{i}"')
        for i in range(60)
    )
    path = tmp_path / "many.toml"
    path.write_text(many, encoding="utf-8")
    terminal = {"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"}
    shown = relance("list", "--catalog", str(path), env=terminal)
    assert shown.stdout.count("ex-") == 50
    assert "10 dispositifs de plus" in shown.stdout
    piped = relance("list", "--catalog", str(path))
    assert piped.stdout.count("ex-") == 60 and "de plus" not in piped.stdout
    assert json.loads(relance("list", "--catalog", str(path), "--format", "json").stdout)
