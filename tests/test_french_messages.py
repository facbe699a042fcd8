"""Issue 25, D20: system and TOML-parser reasons in French, single-line fields that
refuse a newline or a tab, and file names shown escaped, never raw."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from helpers import Run

from relance_cli.system_errors import reason

GOOD = '[catalog]\nname = "Catalogue"\n\n[kinds]\nk = "K"\n'


@pytest.mark.parametrize(
    ("text", "french"),
    [
        ("[[scheme]\nid = 'x'\n", "« ]] » attendu à la fin de [[…]]"),
        ("[catalog\n", "« ] » attendu à la fin de […]"),
        ("[kinds]\n[kinds]\n", "kinds déclaré deux fois"),
        ("a = {b = 1, b = 2}\n", "clé 'b' en double dans une table en ligne"),
        ('a = "\\q"\n', "« \\ » non échappé dans un texte"),
        ("a = {b = 1}\na.c = 1\n", "a : table déjà complète"),
        ("a = 1 x\n", "fin de ligne attendue après la valeur"),
        ('a = "\x01"\n', "caractère interdit '\\x01'"),
    ],
)
def test_toml_syntax_errors_are_french(
    relance: Run, tmp_path: Path, text: str, french: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    result = relance("validate", str(path))
    assert result.exit_code == 1
    assert "syntaxe TOML invalide : " + french in result.stdout, result.stdout
    for english in ("Expected", "Cannot", "Duplicate", "Unescaped", "Illegal"):
        assert english not in result.stdout


@pytest.mark.parametrize(("value", "position"), [('"a\\tb"', 2), ('"""titre\nsuite"""', 6)])
def test_single_line_fields_refuse_newline_and_tab(
    relance: Run, tmp_path: Path, value: str, position: int
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(GOOD.replace('"Catalogue"', value), encoding="utf-8")
    result = relance("validate", str(path))
    assert result.exit_code == 1
    assert (
        "catalog.name: une seule ligne attendue : retour à la ligne ou tabulation à la "
        f"position {position}" in result.stdout
    )


def test_every_errno_has_french_words() -> None:
    assert reason(OSError(errno.ENOSPC, "No space left on device")) == "plus de place sur le disque"
    assert reason(OSError(errno.EROFS, "Read-only file system")) == (
        "système de fichiers en lecture seule"
    )
    assert reason(OSError(errno.EPIPE, "Broken pipe")) == "erreur système EPIPE"
    assert reason(OSError("no errno")) == "erreur système OSError"


def test_file_names_that_are_not_utf8_are_shown_escaped(relance: Run, tmp_path: Path) -> None:
    missing = tmp_path / "\udcff\udcfe.toml"  # the bytes ff fe, from another system
    result = relance("validate", str(missing))
    assert result.exit_code == 1
    assert f"{tmp_path}/\\xff\\xfe.toml: fichier introuvable" in result.stdout + result.stderr
    assert "\udcff" not in result.stdout + result.stderr
