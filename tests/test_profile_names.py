"""A profile name is one line of text a user can read: every control character (tab and
newline included), DEL, the line and paragraph separators and the bidi controls are
refused on the command line with one line and exit 2; and the file's opening comment
names every field a profile may hold."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.profiles.fields import FIELDS

REFUSED = [
    "a\tb",  # tab
    "a\nb",  # newline
    "a\rb",
    "a\x00b",
    "a\x07b",
    "a\x1bb",
    "a\x7fb",  # DEL
    "a\x85b",  # C1: next line
    "a\x9bb",  # C1: CSI
    "a\u2028b",  # line separator
    "a\u2029b",  # paragraph separator
    "a\u202eb",  # right-to-left override
    "a\u2066b",  # left-to-right isolate
    "a\u200fb",  # right-to-left mark
    "a\u061cb",  # Arabic letter mark
    "a\u200bb",  # zero-width space: « a​b » would look like « ab »
    "a\u00adb",  # soft hyphen
    "a\u2060b",  # word joiner
    "a\u00a0b",  # non-breaking space
    "a\ue000b",  # private use
]


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("RELANCE_PROFILE", raising=False)
    return tmp_path / "config" / "relance" / "profiles.toml"


@pytest.mark.parametrize("name", REFUSED, ids=[f"U+{ord(n[1]):04X}" for n in REFUSED])
def test_a_name_with_any_control_character_is_refused(
    relance: Run, config: Path, name: str
) -> None:
    for args in (
        ("profile", "save", name, "--region", "84"),
        ("profile", "show", name),
        ("profile", "default", name),
        ("match", "--profile", name),
    ):
        result = relance(*args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stdout == ""
        (line,) = result.stderr.splitlines()  # one line: the name is shown escaped
        assert line.startswith("Erreur : ")
        assert name not in line and name[1] not in line
    assert not config.exists()


def test_a_plain_name_with_spaces_and_accents_is_kept(relance: Run, config: Path) -> None:
    result = relance("profile", "save", "Mairie d'Évron 2", "--region", "84")
    assert result.exit_code == 0, result.output
    listed = relance("profile", "list")
    assert "Mairie d'Évron 2" in listed.stdout


def test_the_file_header_names_every_field_a_profile_holds(relance: Run, config: Path) -> None:
    result = relance("profile", "save", "mairie", "--region", "84")
    assert result.exit_code == 0, result.output
    text = config.read_text(encoding="utf-8")
    header = " ".join(
        line.removeprefix("#").strip() for line in text.splitlines() if line.startswith("#")
    )
    listed = header.split("tirets) : ", 1)[1].split(". `default`", 1)[0]
    assert listed.split(", ") == [field.key for field in FIELDS]
    assert {"financer", "aid-type"} <= set(listed.split(", "))
    assert tomllib.loads(text)["profiles"]["mairie"] == {"region": "84"}


@pytest.mark.parametrize(
    "escaped", ["a\\tb", "a\\nb", "a\\u2028b", "a/b", "a\\u200bb", "a\\u00adb"]
)
def test_a_file_edited_by_hand_with_such_a_name_is_a_located_error(
    relance: Run, config: Path, escaped: str
) -> None:
    config.parent.mkdir(parents=True)
    config.write_text(f'[profiles."{escaped}"]\nregion = "84"\n', encoding="utf-8")
    before = config.read_bytes()
    for args in (("profile", "list"), ("match",), ("list",)):
        result = relance(*args)
        assert result.exit_code == 1, (args, result.output)
        (line,) = result.stderr.splitlines()
        assert line.startswith(f"Erreur : {config}") and "nom de profil impossible" in line
        assert line.isprintable()  # the name shown escaped: \\u200b, not an invisible space
    assert config.read_bytes() == before  # a read never rewrites the file
