"""A large catalog read in two halves at once (`catalog/halves.py`, issue #24): the same
catalog as the whole text gives, to the byte of its cache entry, on copies of the shipped
schemes and on the real Aides-territoires pages; and wherever the halves cannot be read
alone as they read within the whole, the whole text is read, with the same catalog or the
same located messages. The size from which a catalog is read so is lowered here."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest
from helpers import Run, catalog_file, import_real_page, shipped_copies

from relance_cli.catalog import cache, compiled, halves, loading


@pytest.fixture(autouse=True)
def every_size(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(halves, "MIN_BYTES", 0)


@pytest.fixture(scope="module")
def real_pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    found = []
    for name in ("django-2021-11-full.json.gz", "django-2022-05-full.json.gz"):
        found.append(import_real_page(tmp_path_factory.mktemp(name.split(".")[0]), name))
    return found


def entry(packed: compiled.Packed) -> bytes:
    return compiled.encode_packed(cache.FORMAT, "key", packed)


def whole(content: bytes) -> compiled.Packed:
    return compiled.packed_models(loading.parse(content.decode("utf-8"), "whole.toml"))


def no_child_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


def test_two_halves_give_the_entry_of_the_whole(tmp_path: Path, real_pages: list[Path]) -> None:
    for path in [catalog_file(tmp_path, shipped_copies(5)), *real_pages]:
        content = path.read_bytes()
        read = halves.read(content)
        assert read is not None, path
        assert entry(read[0]) == entry(whole(content))
        assert no_child_left()


def test_a_first_run_in_halves_answers_as_one_read_whole(
    tmp_path: Path, relance: Run, monkeypatch: pytest.MonkeyPatch, real_pages: list[Path]
) -> None:
    for path in [catalog_file(tmp_path, shipped_copies(3)), real_pages[0]]:
        args = ("match", "--applicant", "commune", "--all", "--format", "json", "--catalog")
        in_halves = relance(*args, str(path), env={"RELANCE_CACHE_DIR": str(tmp_path / "a")})
        monkeypatch.setattr(halves, "MIN_BYTES", 1 << 40)
        at_once = relance(*args, str(path), env={"RELANCE_CACHE_DIR": str(tmp_path / "b")})
        monkeypatch.setattr(halves, "MIN_BYTES", 0)
        assert in_halves.exit_code == at_once.exit_code == 0, in_halves.output
        assert in_halves.stdout == at_once.stdout
        assert '"results": [{' in in_halves.stdout


def copies_with(change: Any, times: int = 4) -> dict[str, Any]:
    data = shipped_copies(times)
    change(data["scheme"])
    return data


def _same_id(schemes: list[dict[str, Any]]) -> None:
    schemes[-1]["id"] = schemes[0]["id"]


def _unknown_kind(schemes: list[dict[str, Any]]) -> None:
    schemes[-1]["kinds"] = ["inconnu"]


def _bad_rate(schemes: list[dict[str, Any]]) -> None:
    schemes[-1]["funding"]["rate"] = 1.5


@pytest.mark.parametrize(
    "change", [_same_id, _unknown_kind, _bad_rate], ids=lambda c: c.__name__.strip("_")
)
def test_what_the_halves_cannot_tell_is_read_whole(
    tmp_path: Path, relance: Run, change: Any
) -> None:
    """An id given again in the other half, a project type the second half does not
    declare, a bad value: read whole, with the located messages of a whole read."""
    path = catalog_file(tmp_path, copies_with(change))
    assert halves.read(path.read_bytes()) is None
    assert no_child_left()
    listed = relance("list", "--format", "json", "--catalog", str(path))
    checked = relance("validate", str(path))
    assert listed.exit_code == checked.exit_code == 1
    located = [line.removeprefix("Erreur : ") for line in listed.stderr.splitlines()]
    assert located and all(line in checked.output for line in located if line)


def test_a_header_inside_a_text_is_no_cut(tmp_path: Path, relance: Run) -> None:
    """A scheme's summary, a multi-line text, holds a header line where the cut is looked
    for: the first half would end inside the text, so the catalog is read whole, and its
    summary keeps the line."""
    for place in range(14):  # the scheme whose summary the middle of the file falls in
        data = shipped_copies(2)
        data["scheme"][place]["summary"] = "MARK"
        text = catalog_file(tmp_path, data).read_text(encoding="utf-8")
        text = text.replace('"MARK"', "'''" + "x" * 15_000 + "\n[[scheme]]\naprès'''")
        content = text.encode("utf-8")
        cut = halves._HEADER.search(content, len(content) // 2)
        if cut is not None and content[cut.start() - 3 : cut.start()] == b"xxx":
            break
    else:
        pytest.fail("no scheme's summary holds the middle of the file")
    path = tmp_path / "catalog.toml"
    path.write_bytes(content)
    assert halves.read(content) is None
    assert no_child_left()
    shown = relance("show", data["scheme"][place]["id"], "--format", "json", "--catalog", str(path))
    assert shown.exit_code == 0, shown.output
    assert "x\\n[[scheme]]\\naprès" in shown.stdout


@pytest.mark.parametrize(
    "text",
    [
        # `scheme` a static array before the headers: invalid as a whole, and so is the
        # first half, which ends with the header.
        'scheme = []\n[catalog]\ntitle = "t"\n',
        # Test cases name schemes of either half: first or last in the file.
        "test-first",
        "test-last",
        # No header after the middle of the file.
        "no-cut",
    ],
    ids=["static-array", "test-cases-first", "test-cases-last", "no-cut"],
)
def test_a_catalog_not_made_of_scheme_headers_alone_is_read_whole(
    tmp_path: Path, text: str
) -> None:
    body = catalog_file(tmp_path, shipped_copies(3)).read_text(encoding="utf-8")
    case = '[[test]]\nname = "n"\nexpect = { "donnees-0" = "closed" }\n'
    if text == "test-first":
        content = case + body
    elif text == "test-last":
        content = body + "\n" + case
    elif text == "no-cut":
        content = body + "\n# " + "commentaire " * 20_000 + "\n"
    else:
        content = text + body.replace("[catalog]", "[catalogue_ignored]", 1)
    assert halves.read(content.encode("utf-8")) is None
    assert no_child_left()


def test_a_second_half_that_is_not_utf8_is_read_whole(tmp_path: Path) -> None:
    content = catalog_file(tmp_path, shipped_copies(3)).read_bytes()
    broken = content[: len(content) - 200] + b"\xff" + content[len(content) - 199 :]
    assert halves.read(broken) is None
    with pytest.raises(Exception, match="UTF-8"):
        loading.read(write(tmp_path, broken), use_cache=True)


def write(folder: Path, content: bytes) -> Path:
    path = folder / "broken.toml"
    path.write_bytes(content)
    return path


def _raises(text: memoryview) -> Any:
    raise MemoryError


def _sends_something_else(text: memoryview) -> Any:
    return {"scheme": [1, 2]}, ()


@pytest.mark.parametrize("child", [_raises, _sends_something_else], ids=lambda c: c.__name__)
def test_a_child_that_fails_leaves_the_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, child: Any
) -> None:
    monkeypatch.setattr(halves, "second_half", child)  # the forked child calls it
    content = catalog_file(tmp_path, shipped_copies(3)).read_bytes()
    assert halves.read(content) is None
    assert no_child_left()


def test_without_fork_or_a_second_core_the_catalog_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = catalog_file(tmp_path, shipped_copies(3)).read_bytes()
    monkeypatch.setattr(halves, "_cores", lambda: 1)
    assert halves.read(content) is None
    monkeypatch.undo()
    monkeypatch.setattr(halves, "MIN_BYTES", 0)
    monkeypatch.delattr(os, "fork")
    assert halves.read(content) is None


def test_the_second_half_alone_holds_schemes_only(tmp_path: Path) -> None:
    """What the child does, here in the test's own process (its coverage is not
    collected in the child)."""
    content = catalog_file(tmp_path, shipped_copies(2)).read_text(encoding="utf-8")
    cut = content.index("\n[[scheme]]\n", len(content) // 2) + 1
    read = halves.second_half(memoryview(content[cut:].encode()))
    assert read is not None
    assert len(compiled.unpack(read[0])) == content[cut:].count("[[scheme]]")
    extra = content[cut:] + '\n[kinds]\nautre = "Autre"\n'
    assert halves.second_half(memoryview(extra.encode())) is None


def open_descriptors() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


@pytest.mark.parametrize("failing", ["pipe", "fork"])
def test_no_pipe_or_no_fork_leaves_the_whole_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    """Out of file descriptors, or of processes (a container's limit): read whole,
    nothing left open."""
    content = catalog_file(tmp_path, shipped_copies(3)).read_bytes()

    def refused(*args: Any) -> Any:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, failing, refused)
    before = open_descriptors()
    assert halves.read(content) is None
    assert open_descriptors() == before


def test_a_sigchld_ignored_by_the_launcher_neither_fails_nor_stays_changed(
    tmp_path: Path,
) -> None:
    """A launcher that ignores SIGCHLD passes it on: the kernel would reap the child
    before it is waited for. The default holds while the child works, then the ignoring."""
    content = catalog_file(tmp_path, shipped_copies(3)).read_bytes()
    before = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        read = halves.read(content)
        assert signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGCHLD, before)
    assert read is not None and entry(read[0]) == entry(whole(content))
    assert no_child_left()


def test_a_cases_table_in_the_first_half_leaves_the_whole_read(tmp_path: Path) -> None:
    body = catalog_file(tmp_path, shipped_copies(3)).read_text(encoding="utf-8")
    case = '[[cases]]\nname = "n"\nexpect = { "donnees-0" = "closed" }\n'
    assert halves.read((case + body).encode("utf-8")) is None
