"""The trust boundary of issue 12, attack by attack: nothing of the user's is damaged, no
escape reaches the terminal, bad input ends in 1 or 2 (never 70), and the small
inconsistencies are gone. FIFOs, sockets, links and files are made in temporary folders
(the tests run as root: never a real device or system path)."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SHIPPED, Run, catalog_file, scheme, shipped_data, write_catalog

from relance_cli.catalog import loading as catalog

ESCAPES = "\x1b]0;PWNED\x07\x1b[2J"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def no_raw_escape(*texts: str) -> None:
    for text in texts:
        for char in RAW:
            assert char not in text, repr(text)


# --- 2. --force never replaces what is not a regular file, and keeps what it replaces ------


def special_files(folder: Path) -> dict[str, Path]:
    fifo = folder / "fifo.ics"
    os.mkfifo(fifo)
    sock_path = folder / "sock.ics"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    server.close()
    link = folder / "link-to-fifo.ics"
    link.symlink_to(fifo)
    directory = folder / "dir.ics"
    directory.mkdir()
    return {"fifo": fifo, "socket": sock_path, "link to a fifo": link, "folder": directory}


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_ics_refuses_every_target_that_is_not_a_regular_file(
    relance: Run, tmp_path: Path, force: list[str]
) -> None:
    for kind, path in special_files(tmp_path).items():
        before = path.lstat()
        result = relance("calendar", "--ics", str(path), *force)
        assert result.exit_code == 2, (kind, result.output)
        assert str(path) in result.stderr
        after = path.lstat()
        assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino), kind


def test_import_refuses_a_fifo_before_reading_anything(relance: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "out.toml"
    os.mkfifo(fifo)
    result = relance("import", "aides-territoires", "absent.json", "-o", str(fifo), "--force")
    assert result.exit_code == 2 and "n'est pas un fichier ordinaire" in result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_force_through_a_symlink_replaces_the_file_and_keeps_the_link(
    relance: Run, tmp_path: Path
) -> None:
    real = tmp_path / "agendas" / "relance.ics"
    real.parent.mkdir()
    real.write_text("old", encoding="utf-8")
    real.chmod(0o644)
    link = tmp_path / "relance.ics"
    link.symlink_to(real)
    assert relance("calendar", "--ics", str(link), "--force").exit_code == 0
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert stat.S_IMODE(real.stat().st_mode) == 0o644
    assert sorted(p.name for p in real.parent.iterdir()) == ["relance.ics"]  # no temporary left


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(
    relance: Run, tmp_path: Path
) -> None:
    previous = os.umask(0o027)
    try:
        new = tmp_path / "new.ics"
        assert relance("calendar", "--ics", str(new)).exit_code == 0
        assert stat.S_IMODE(new.stat().st_mode) == 0o640
        kept = tmp_path / "kept.ics"
        kept.write_text("x", encoding="utf-8")
        kept.chmod(0o604)
        assert relance("calendar", "--ics", str(kept), "--force").exit_code == 0
        assert stat.S_IMODE(kept.stat().st_mode) == 0o604
    finally:
        os.umask(previous)


def test_force_on_a_hard_link_replaces_that_name_and_says_so(relance: Run, tmp_path: Path) -> None:
    """Issue 25, D1: never rewritten in place (a kill or a full disk would truncate every
    name); the other name keeps the old, complete content, and the command says so."""
    first = tmp_path / "a.ics"
    first.write_text("old", encoding="utf-8")
    second = tmp_path / "b.ics"
    os.link(first, second)
    result = relance("calendar", "--ics", str(first), "--force")
    assert result.exit_code == 0
    assert first.read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    assert second.read_text(encoding="utf-8") == "old"
    assert first.stat().st_ino != second.stat().st_ino
    assert f"--ics : {first} avait 1 autre nom (lien physique) ; il garde l'ancien contenu" in (
        result.stderr
    )


def test_standard_output_stays_a_dash(relance: Run) -> None:
    result = relance("calendar", "--ics", "-", "--remind", "7")
    assert result.exit_code == 0 and result.stdout.startswith("BEGIN:VCALENDAR")
    assert "14 événements écrits dans la sortie standard" in result.stderr  # one per step


# --- 3. escapes never reach the terminal ---------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [f"https://example.org/{ESCAPES}", "https://example.org/\n", "https://example.org/\u202eX"],
)
def test_urls_with_control_characters_are_refused(relance: Run, tmp_path: Path, url: str) -> None:
    data = shipped_data()
    scheme(data, "consultation-incubateur")["url"] = url
    path = catalog_file(tmp_path, data)
    for args in (["show", "consultation-incubateur"], ["calendar", "--ics", "-"], ["list"]):
        result = relance(*args, "--catalog", str(path))
        assert result.exit_code == 1, (args, result.output)
        assert "url:" in result.stderr
        no_raw_escape(result.stdout, result.stderr)


def test_file_names_are_escaped_everywhere(relance: Run, tmp_path: Path) -> None:
    hostile = tmp_path / f"cat{ESCAPES}.toml"
    hostile.write_bytes(SHIPPED.read_bytes())
    missing = tmp_path / f"absent{ESCAPES}.toml"
    for args in (
        ["validate", str(hostile), str(missing)],
        ["list", "--catalog", str(missing)],
        ["show", "dematerialisation", "--catalog", str(hostile)],
        ["list", "--catalog", str(hostile), "--format", "csv"],
        ["list", "--catalog", str(hostile), "--format", "json"],
        ["calendar", "--catalog", str(hostile), "--ics", str(tmp_path / f"x{ESCAPES}.ics")],
    ):
        result = relance(*args)
        assert result.exit_code in (0, 1), (args, result.output)
        no_raw_escape(result.stdout, result.stderr)
        shown = result.stdout + result.stderr
        assert "\\x1b" in shown or "\\u001b" in shown, args


def test_environment_values_are_escaped(relance: Run, tmp_path: Path) -> None:
    for env in (
        {"RELANCE_LANG": f"en{ESCAPES}"},
        {"RELANCE_CATALOG": str(tmp_path / f"x{ESCAPES}.toml")},
    ):
        result = relance("list", env=env)
        assert result.exit_code in (1, 2)
        no_raw_escape(result.stdout, result.stderr)


def test_hostile_cache_folder_name_with_debug(relance: Run, tmp_path: Path) -> None:
    folder = tmp_path / f"cache{ESCAPES}"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)
    result = relance("--debug", "list", env={"RELANCE_CACHE_DIR": str(folder)})
    assert result.exit_code == 0 and "cache désactivé" in result.stderr
    no_raw_escape(result.stdout, result.stderr)


# --- 5. an import never silently empties a catalog ---------------------------------------


def aids_page(folder: Path, count: int, name: str) -> Path:
    page = folder / name
    results = [
        {"id": 500 + i, "name": f"Aide {i}", "targeted_audiences": ["Communes"]}
        for i in range(count)
    ]
    page.write_text(json.dumps({"count": count, "next": None, "results": results}), "utf-8")
    return page


def test_an_empty_import_does_not_replace_a_catalog(relance: Run, tmp_path: Path) -> None:
    out = tmp_path / "aides.toml"
    full = aids_page(tmp_path, 27, "full.json")
    assert relance("import", "aides-territoires", str(full), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    empty = aids_page(tmp_path, 0, "empty.json")
    result = relance("import", "aides-territoires", str(empty), "-o", str(out), "--force")
    assert result.exit_code == 1
    assert "n'a aucune aide" in result.stderr and "27 aides" in result.stderr
    assert "--allow-shrink" in result.stderr
    assert out.read_bytes() == before
    half = aids_page(tmp_path, 10, "half.json")
    result = relance("import", "aides-territoires", str(half), "-o", str(out), "--force")
    assert result.exit_code == 1 and "perd 17 des 27 aides" in result.stderr
    assert "at-510" in result.stderr
    assert out.read_bytes() == before
    shrink = ["--force", "--allow-shrink"]
    assert relance("import", "aides-territoires", str(half), "-o", str(out), *shrink).exit_code == 0
    assert out.read_bytes() != before


# --- 6. bad input ends in 1 or 2, never 70 ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("x = " + "[" * 1000 + "]" * 1000, "imbriqués trop profondément"),
        ("x = " + "9" * 5000, "trop de chiffres"),
    ],
)
def test_catalogs_python_cannot_hold(relance: Run, tmp_path: Path, text: str, message: str) -> None:
    path = write_catalog(tmp_path, text)
    result = relance("list", "--catalog", str(path))
    assert result.exit_code == 1 and message in result.stderr
    report = relance("validate", str(path), str(SHIPPED), "--format", "json")
    assert report.exit_code == 1
    files = json.loads(report.stdout)["files"]
    assert [f["valid"] for f in files] == [False, True]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["calendar", "--ics", "-", "--remind", "999999999"], 2, "--remind"),
        (["match", "--closing-within", ""], 2, "--closing-within"),
        (["match", "--population", "1000000000"], 2, "au plus 100000000"),
        (["match", "--population", "9" * 5000], 2, "hors limites"),
        (["list", "--limit", "9" * 50], 2, "--limit"),
    ],
)
def test_option_values_out_of_range(relance: Run, args: list[str], code: int, message: str) -> None:
    result = relance(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr


def test_rates_in_quotes_are_refused(relance: Run, tmp_path: Path) -> None:
    data = shipped_data()
    scheme(data, "consultation-incubateur")["funding"]["rate"] = "0.5"
    path = catalog_file(tmp_path, data)
    result = relance("validate", str(path))
    assert result.exit_code == 1
    assert "funding.rate: nombre attendu, sans guillemets (valeur : '0.5')" in result.stdout


def test_the_same_file_twice_is_read_once(relance: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = relance("list", "--catalog", "schemes.toml", "--catalog", "./schemes.toml")
    assert result.exit_code == 0, result.output
    assert relance("list", "--catalog", "builtin", "--catalog", str(SHIPPED)).exit_code == 0
    report = relance("validate", "schemes.toml", "./schemes.toml")
    assert report.exit_code == 0 and "1 fichier vérifié : aucune erreur" in report.stdout


def test_a_redefined_id_counts_its_file_as_invalid(relance: Run, tmp_path: Path) -> None:
    copy = write_catalog(tmp_path, SHIPPED.read_text(encoding="utf-8"))
    result = relance("validate", str(SHIPPED), str(copy))
    assert result.exit_code == 1
    assert "2 fichiers vérifiés : 7 erreurs, 1 fichier invalide" in result.stdout  # one per id


# --- through real processes: encodings and pipes ------------------------------------------


def run_relance(
    *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **(env or {})}
    environment.pop("RELANCE_CATALOG", None)
    return subprocess.run(
        [sys.executable, "-m", "relance_cli", *args], capture_output=True, env=environment,
        cwd=ROOT, check=False,
    )  # fmt: skip


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "ascii"])
def test_data_is_utf8_and_tables_degrade_whatever_the_locale(encoding: str) -> None:
    env = {"PYTHONIOENCODING": encoding, "COLUMNS": "80"}
    for fmt, start in (("csv", "\ufeffid,title"), ("json", '{"as_of"')):
        result = run_relance("list", "--format", fmt, env=env)
        assert result.returncode == 0, result.stderr
        assert result.stdout.decode("utf-8").startswith(start)
        assert "dématérialisés" in result.stdout.decode("utf-8")
    ics = run_relance("calendar", "--ics", "-", env=env)
    assert ics.returncode == 0 and "Développer la coopération".encode() in ics.stdout
    table = run_relance("calendar", "--as-of", "2021-03-15", env=env)
    assert table.returncode == 0, table.stderr
    text = table.stdout.decode(encoding)
    assert "25 janvier 2021" in text
    assert "-> 15 mars 2021" in text
    assert b"Traceback" not in table.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["show", "dematerialisation"],
        ["match", "--all", "--explain"],
        ["calendar", "--timeline"],
        ["list", "--format", "json"],
    ],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(
    args: list[str], tmp_path: Path
) -> None:
    """`relance … | head -c 10`: exit 0 and nothing on standard error, for every command."""
    big = tmp_path / "big.toml"
    text = SHIPPED.read_text(encoding="utf-8")
    head, _, rest = text.partition("\n[[test]]")[0].partition("[[scheme]]")
    blocks = ["[[scheme]]" + b for b in rest.split("[[scheme]]")]
    copies = [
        block.replace(f'id = "{scheme}"', f'id = "{scheme}-{n}"', 1)
        for n in range(150)
        for block, scheme in zip(
            blocks,
            [s.id for s in catalog.load([catalog.BUILTIN]).schemes],
            strict=True,
        )
    ]
    big.write_text(head + "".join(copies), encoding="utf-8")
    if args[0] == "show":
        args = ["show", "dematerialisation-1"]
    child = subprocess.Popen(
        [sys.executable, "-m", "relance_cli", *args, "--catalog", str(big)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
    )  # fmt: skip
    assert child.stdout is not None and child.stderr is not None
    child.stdout.read(10)
    child.stdout.close()
    stderr = child.stderr.read()
    assert child.wait(timeout=60) == 0, stderr
    assert stderr == b""


@pytest.mark.parametrize("mark", ["\u200f", "\u200e", "\u061c", "\u2028", "\u2029", "\ufeff"])
def test_invisible_marks_and_separators_are_refused_and_escaped(
    relance: Run, tmp_path: Path, mark: str
) -> None:
    """A right-to-left mark reorders what the reader sees, a line separator breaks a line
    the reader cannot see: refused in catalog text like the controls, and escaped when an
    error quotes them."""
    data = shipped_data()
    scheme(data, "consultation-incubateur")["title"] = f"Consultation{mark}nationale"
    result = relance("list", "--catalog", str(catalog_file(tmp_path, data)))
    assert result.exit_code == 1
    assert mark not in result.output
    assert f"\\u{ord(mark):04x}" in result.stderr and "caractère interdit" in result.stderr
