"""Issue 25, data loss: no name of a user's file ever holds partial content (hard links
included), temporary files never outlive relance, the cache prunes only its own entries,
and the shrink guard holds when the old catalog cannot be read.

Tests run as root, so a read-only file would not stop a write: what binds root is used
instead (a file-size limit, a failing fsync, a signal, a FIFO). Everything is made in
tmp_path. `make faults` (RELANCE_FAULT_RUNS=200) runs the kill-at-random test at length.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import ROOT, Run

from relance_cli.catalog import cache
from relance_cli.catalog import loading as catalog

EXAMPLE = ROOT / "examples" / "mon-departement.toml"


def aids_page(folder: Path, count: int, name: str, first: int = 500) -> Path:
    page = folder / name
    results = [
        {"id": first + i, "name": f"Aide {i}", "targeted_audiences": ["Communes"]}
        for i in range(count)
    ]
    page.write_text(json.dumps({"count": count, "next": None, "results": results}), "utf-8")
    return page


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def relance_process(*args: str, **options: object) -> subprocess.Popen[bytes]:
    env = {**os.environ, "RELANCE_LANG": "fr", "NO_COLOR": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "relance_cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **options,  # type: ignore[call-overload]
    )


# --- D1: hard links, a full disk, a file-size limit --------------------------------------------


def test_import_over_a_hard_linked_catalog_never_truncates_a_name(
    relance: Run, tmp_path: Path
) -> None:
    out = tmp_path / "aides.toml"
    assert relance("import", "aides-territoires", str(aids_page(tmp_path, 30, "a.json")), "-o",
                   str(out)).exit_code == 0  # fmt: skip
    old = out.read_bytes()
    other = tmp_path / "copie.toml"
    os.link(out, other)
    new_page = aids_page(tmp_path, 30, "b.json", first=510)
    result = relance("import", "aides-territoires", str(new_page), "-o", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert other.read_bytes() == old
    assert out.read_bytes() != old and b"at-539" in out.read_bytes()
    assert "avait 1 autre nom (lien physique) ; il garde l'ancien contenu" in result.stderr
    assert leftovers(tmp_path) == []


def test_a_file_size_limit_leaves_every_name_whole(tmp_path: Path) -> None:
    """`ulimit -f` (binds root too): the write fails, in French, and nothing is cut."""
    import resource

    out = tmp_path / "aides.toml"
    out.write_text("# ancien catalogue\n", encoding="utf-8")
    other = tmp_path / "lien.toml"
    os.link(out, other)
    page = aids_page(tmp_path, 200, "page.json")

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    args = ("import", "aides-territoires", str(page), "-o", str(out), "--force", "--allow-shrink")
    process = relance_process(*args, preexec_fn=limit)
    _out, err = process.communicate(timeout=60)
    assert process.returncode == 1, err
    message = err.decode("utf-8")
    assert f"--output : écriture de {out} impossible (fichier trop gros" in message
    assert "File too large" not in message
    assert out.read_text(encoding="utf-8") == "# ancien catalogue\n"
    assert other.read_text(encoding="utf-8") == "# ancien catalogue\n"
    assert leftovers(tmp_path) == []


def test_a_full_disk_leaves_the_old_file_and_says_so_in_french(
    relance: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    def full(_handle: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "agenda.ics"
    out.write_text("ancien", encoding="utf-8")
    result = relance("calendar", "--ics", str(out), "--force")
    assert result.exit_code == 1
    assert f"--ics : écriture de {out} impossible (plus de place sur le disque)" in result.stderr
    assert "No space" not in result.stderr
    assert out.read_text(encoding="utf-8") == "ancien"
    assert leftovers(tmp_path) == []


# --- D15: temporary files ----------------------------------------------------------------------


def test_sigterm_during_a_write_removes_the_temporary_file(tmp_path: Path) -> None:
    """SIGTERM arrives while the sibling is being written (the fsync sends it): relance
    removes its temporary file, keeps the old one, and ends by that signal."""
    out = tmp_path / "agenda.ics"
    out.write_text("ancien", encoding="utf-8")
    script = (
        "import os, signal, sys\n"
        "os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGTERM)\n"
        f"sys.argv = ['relance', 'calendar', '--ics', {str(out)!r}, '--force']\n"
        "from relance_cli.cli import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60)
    assert done.returncode == -signal.SIGTERM, done.stderr
    assert out.read_text(encoding="utf-8") == "ancien"
    assert leftovers(tmp_path) == []


def test_stale_temporary_files_of_relance_are_cleaned_by_the_next_write(
    relance: Run, tmp_path: Path
) -> None:
    out = tmp_path / "agenda.ics"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, check=True)  # fmt: skip
    stale = tmp_path / f".agenda.ics.relance-{int(dead.stdout)}-k2j4xq.tmp"
    stale.write_text("BEGIN:VCAL", encoding="utf-8")
    running = tmp_path / f".agenda.ics.relance-{os.getpid()}-abcdef.tmp"  # a parallel write
    running.write_text("BEGIN:VCAL", encoding="utf-8")
    users = [tmp_path / ".agenda.ics.backup.tmp", tmp_path / ".agenda.ics.relance-x.tmp"]
    for path in users:
        path.write_text("mine", encoding="utf-8")
    assert relance("calendar", "--ics", str(out)).exit_code == 0
    assert not stale.exists()
    assert running.exists() and all(path.exists() for path in users)


@pytest.mark.parametrize("moment", ["before", "during"])
def test_kill_at_random_moments_leaves_old_or_new_under_every_name(
    tmp_path: Path, moment: str
) -> None:
    """The fault-injection test: imports killed with SIGKILL at random moments; each name
    of the target (two hard links and a symlink) always holds a whole catalog, the old or
    the new one, and the next write removes what the killed ones left."""
    runs = int(os.environ.get("RELANCE_FAULT_RUNS", "3"))
    out = tmp_path / "aides.toml"
    pages = [aids_page(tmp_path, 400, f"p{n}.json", first=1000 * n + 1) for n in range(2)]
    args = ["import", "aides-territoires", "-o", str(out), "--force", "--allow-shrink"]
    first = relance_process(*args[:2], str(pages[0]), *args[2:4])
    assert first.wait(timeout=120) == 0
    link = tmp_path / "lien-physique.toml"
    os.link(out, link)
    symlink = tmp_path / "lien-symbolique.toml"
    symlink.symlink_to(out)
    wholes = {out.read_bytes()}
    started = time.monotonic()
    timed = relance_process(*args[:2], str(pages[1]), *args[2:])
    assert timed.wait(timeout=120) == 0
    span = time.monotonic() - started
    wholes.add(out.read_bytes())
    chance = random.Random(os.environ.get("RELANCE_FAULT_SEED", moment))
    for run in range(runs):
        process = relance_process(*args[:2], str(pages[run % 2]), *args[2:])
        low = 0.5 if moment == "during" else 0.0
        time.sleep(span * chance.uniform(low, 1.1))
        process.kill()
        process.wait(timeout=60)
        for name in (out, link, symlink):
            assert name.read_bytes() in wholes, (run, name)
    for path in (tmp_path / name for name in leftovers(tmp_path)):
        assert path.name.startswith(".aides.toml.relance-")
    final = relance_process(*args[:2], str(pages[0]), *args[2:])
    assert final.wait(timeout=120) == 0
    assert leftovers(tmp_path) == []


# --- D2: the cache owns only its own subfolder -------------------------------------------------


def test_pruning_never_touches_the_users_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RELANCE_CACHE_DIR at a folder full of the user's own JSON (18 saved API pages, and
    files named like entries): after many more catalogs than the cache keeps, all stay."""
    home = tmp_path / "racine"
    home.mkdir(mode=0o700)
    mine = {home / f"page-{n}.json": f'{{"page": {n}}}' for n in range(18)}
    mine[home / ("0" * 64 + ".json")] = "{}"  # named like an entry, but not in the subfolder
    mine[home / ".entry-abc.tmp"] = "x"
    (home / "catalogs").mkdir(mode=0o700)
    mine[home / "catalogs" / "notes.json"] = "{}"  # in the subfolder, but not an entry's name
    for path, text in mine.items():
        path.write_text(text, encoding="utf-8")
        os.utime(path, (0, 0))  # older than any entry: pruned first if pruning saw it
    monkeypatch.setenv("RELANCE_CACHE_DIR", str(home))
    text = EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "mine.toml"
    for index in range(cache.KEEP_ENTRIES + 3):
        path.write_text(text.replace("min_population = 2000", f"min_population = {index}"), "utf-8")
        catalog.read(path)
    for user_file, content in mine.items():
        assert user_file.read_text(encoding="utf-8") == content
    entries = [p for p in (home / "catalogs").iterdir() if cache.ENTRY_NAME.match(p.name)]
    assert len(entries) == 2 * cache.KEEP_ENTRIES


# --- D3: the shrink guard when the old catalog cannot be read ----------------------------------


@pytest.mark.parametrize("problem", ["typo", "too large"])
def test_an_unreadable_old_catalog_is_not_replaced_without_allow_shrink(
    relance: Run, tmp_path: Path, problem: str
) -> None:
    out = tmp_path / "aides.toml"
    page = aids_page(tmp_path, 3, "petit.json")
    if problem == "typo":
        out.write_text("[[scheme]\nid = 'at-1'\n", encoding="utf-8")
        reason = "aides.toml:1"
    else:
        with out.open("wb") as stream:
            stream.truncate(40 * 1024 * 1024)  # sparse: over the 32 Mio limit, no disk used
        reason = "fichier trop volumineux (40 Mio ; au plus 32 Mio)"
    before = out.stat()
    result = relance("import", "aides-territoires", str(page), "-o", str(out), "--force")
    assert result.exit_code == 1
    assert f"--output : {out} ne peut pas être comparé au nouvel import (" in result.stderr
    assert reason in result.stderr and "--allow-shrink pour le remplacer" in result.stderr
    after = out.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (
        before.st_ino,
        before.st_size,
        before.st_mtime_ns,
    )
    shrink = ("--force", "--allow-shrink")
    assert relance("import", "aides-territoires", str(page), "-o", str(out), *shrink).exit_code == 0
    assert b"at-502" in out.read_bytes()


# --- D16: messages for odd targets -------------------------------------------------------------


def test_a_dangling_symlink_and_an_empty_name_are_named_as_such(
    relance: Run, tmp_path: Path
) -> None:
    dangling = tmp_path / "agenda.ics"
    dangling.symlink_to(tmp_path / "absent" / "x.ics")
    result = relance("calendar", "--ics", str(dangling), "--force")
    assert result.exit_code == 2
    assert f"--ics : {dangling} est un lien symbolique vers {tmp_path}/absent/x.ics, qui " in (
        result.stderr
    )
    assert "existe déjà" not in result.stderr
    page = aids_page(tmp_path, 1, "p.json")
    empty = relance("import", "aides-territoires", str(page), "-o", "")
    assert empty.exit_code == 2
    assert "--output : nom de fichier vide ; donnez un nom de fichier" in empty.stderr
    assert relance("calendar", "--ics", "").exit_code == 2


def test_whose_temporary_file_is_still_being_written() -> None:
    from relance_cli import files

    assert files._running(os.getpid())
    assert files._running(1)  # init: running, whoever owns it
    assert not files._running(2**22 + 1)  # above Linux's largest process id
    assert files._running(2**70)  # not a process id at all: its file is left alone
