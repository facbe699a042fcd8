"""Two languages: French by default, English on request, and catalogs kept complete."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from helpers import ROOT, Run, plain

PACKAGE = ROOT / "src" / "relance_cli"
PO = PACKAGE / "locale" / "en" / "LC_MESSAGES" / "relance.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def messages_in_code() -> set[str]:
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), keywords=KEYWORDS, comment_tags=()
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_every_message_in_the_code_is_translated_and_none_is_stale() -> None:
    """Fails when a message is added to the code without an English translation (run
    `make translations`, then translate the new entries of relance.po)."""
    catalog = read_po(PO.open("rb"))
    translated = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    in_code = messages_in_code()
    assert in_code - translated == set(), "untranslated messages"
    assert translated - in_code == set(), "messages no longer in the code"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"empty translation: {message.id!r}"
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        placeholders = set(re.findall(r"\{\w*\}", ids[0]))
        for text in strings:
            assert set(re.findall(r"\{\w*\}", text)) == placeholders, message.id


def test_the_compiled_catalog_is_up_to_date() -> None:
    compiled = BytesIO()
    write_mo(compiled, read_po(PO.open("rb")))
    assert MO.read_bytes() == compiled.getvalue(), "run `make translations`"


def test_language_detection() -> None:
    from relance_cli.cli.usage import detect_language as detect

    assert detect(["match", "--lang", "en"], {}) == "en"
    assert detect(["--lang=EN"], {}) == "en"
    assert detect([], {"RELANCE_LANG": "en_GB.UTF-8"}) == "en"
    assert detect([], {"RELANCE_LANG": "de"}) == "fr"
    assert detect([], {}) == "fr"
    assert detect(["search", "--", "--lang", "en"], {}) == "fr"  # a search word


def english(relance: Run, *args: str) -> str:
    result = relance("--lang", "en", *args)
    assert result.exit_code == 0, result.output
    return plain(result.stdout)


def test_match_in_both_languages(relance: Run) -> None:
    # 22 February 2021: the day the article announced the first session's dates
    args = ("match", "--population", "480000", "--budget", "300000", "--as-of", "2021-02-22")
    french = " ".join(plain(relance(*args).stdout).split())
    assert "à vérifier" in french and "encore 95 jours" in french
    assert "population concernée 480 000, à moins de 10 % sous environ 500 000" in french
    assert "estimation : 150 000 €" in french
    english_text = " ".join(english(relance, *args).split())
    assert "to check" in english_text and "95 days left" in english_text
    assert "population concerned 480,000, less than 10% below about 500,000" in english_text
    assert "estimate: €150,000" in english_text and "open until 28 May 2021" in english_text
    assert "à vérifier" not in english_text


def test_json_and_csv_keys_and_values_do_not_change(relance: Run) -> None:
    args = ("match", "--population", "600000", "--as-of", "2021-02-01", "--all")
    french = json.loads(relance(*args, "--format", "json").stdout)
    english_data = json.loads(relance("--lang", "en", *args, "--format", "json").stdout)

    def skeleton(data: object) -> object:
        """Everything but human text: keys, verdicts, statuses, dates, numbers."""
        if isinstance(data, dict):
            return {k: skeleton(v) for k, v in data.items() if k != "text"}
        if isinstance(data, list):
            return [skeleton(v) for v in data]
        return data

    assert skeleton(french) == skeleton(english_data)
    assert (
        french["results"][0]["reasons"][0]["text"]
        != english_data["results"][0]["reasons"][0]["text"]
    )
    csv_fr = relance("calendar", "--format", "csv").stdout
    csv_en = relance("--lang", "en", "calendar", "--format", "csv").stdout
    assert csv_fr == csv_en  # steps carry no generated text


def test_errors_in_english(relance: Run, tmp_path: Path) -> None:
    result = relance("--lang", "en", "match", "--population", "abc")
    assert result.exit_code == 2
    assert plain(result.stderr).startswith('Error: --population: "abc" is not a whole number')
    missing = relance("--lang", "en", "list", "--catalog", str(tmp_path / "x.toml"))
    assert missing.stderr == f"Error: {tmp_path / 'x.toml'}: file not found\n"


def test_relance_lang_environment_and_bad_language(relance: Run) -> None:
    out = plain(relance("calendar", "--as-of", "2021-03-15", env={"RELANCE_LANG": "en"}).stdout)
    assert "Scheme: step" in out and "current" in out and "15 March 2021" in out
    bad = relance("--lang", "de", "list")
    assert bad.exit_code == 2 and "langues : fr, en" in bad.stderr


def test_translated_catalog_fields_are_shown_in_english(relance: Run, tmp_path: Path) -> None:
    text = (ROOT / "examples" / "mon-departement.toml").read_text(encoding="utf-8")
    text = text.replace(
        'summary = "Dispositif imaginaire',
        'title_en = "Fictitious example: digital equipment for libraries"\n'
        'summary_en = "An imaginary scheme."\nsummary = "Dispositif imaginaire',
    )
    path = tmp_path / "bilingual.toml"
    path.write_text(text, encoding="utf-8")
    args = ("show", "exemple-bibliotheques-numeriques", "--catalog", str(path))
    assert "Fictitious example" in english(relance, *args)
    assert "An imaginary scheme." in english(relance, *args)
    french = plain(relance(*args).stdout)
    assert "Exemple fictif" in french and "Fictitious" not in french


@pytest.mark.parametrize(
    ("language", "expected"), [("fr", "Utilisation : relance"), ("en", "Usage: relance")]
)
def test_help_follows_the_language(language: str, expected: str) -> None:
    env = {**os.environ, "RELANCE_LANG": language}
    result = subprocess.run(
        [sys.executable, "-m", "relance_cli", "--help"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0
    assert expected in result.stdout
    if language == "en":
        assert "Interface language" in result.stdout and "Affiche" not in result.stdout
    else:
        assert "Tous les dispositifs" in result.stdout


def test_no_help_text_escapes_translation() -> None:
    """Every help text goes through gettext: a plain `help="..."` would stay French."""
    for source in PACKAGE.glob("*.py"):
        assert not re.search(r"help=\"", source.read_text(encoding="utf-8")), source.name
