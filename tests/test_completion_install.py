"""Issue 25, D11: `--install-completion` says what it did in French, ends in one line
(exit 1) when a file is in the way, and creates nothing outside an existing home."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers import Run


@pytest.fixture
def install(relance: Run, monkeypatch: pytest.MonkeyPatch) -> Any:
    from typer import _completion_shared

    monkeypatch.setattr(_completion_shared, "_get_shell_name", lambda: "bash")

    def run(home: Path) -> Any:
        return relance("--install-completion", env={"HOME": str(home)})

    return run


def test_success_is_said_in_french(tmp_path: Path, install: Any) -> None:
    home = tmp_path / "home"
    home.mkdir()
    done = install(home)
    assert done.exit_code == 0, done.stderr
    script = home / ".bash_completions" / "relance.sh"
    assert done.stdout == (
        f"Complétion bash installée dans {script} ; elle prendra effet dans un nouveau terminal\n"
    )
    assert script.is_file() and "relance.sh" in (home / ".bashrc").read_text(encoding="utf-8")


def test_a_missing_home_is_never_created(tmp_path: Path, install: Any) -> None:
    home = tmp_path / "nonexistent" / "dir"
    done = install(home)
    assert done.exit_code == 1
    assert done.stderr == (
        f"Erreur : --install-completion : le dossier personnel {home} n'existe pas ; "
        "rien installé\n"
    )
    assert not (tmp_path / "nonexistent").exists()


def test_a_file_in_the_way_is_one_line_not_a_traceback(tmp_path: Path, install: Any) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bash_completions").write_text("mine", encoding="utf-8")
    done = install(home)
    assert done.exit_code == 1
    assert done.stderr == (
        f"Erreur : --install-completion : installation impossible dans "
        f"{home / '.bash_completions'} (existe déjà)\n"
    )
    assert (home / ".bash_completions").read_text(encoding="utf-8") == "mine"


def test_a_startup_file_that_cannot_be_written(tmp_path: Path, install: Any) -> None:
    """Root writes through a read-only mode: a folder under the name binds root too."""
    home = tmp_path / "home"
    (home / ".bashrc").mkdir(parents=True)
    done = install(home)
    assert done.exit_code == 1 and "Traceback" not in done.stderr
    assert f"installation impossible dans {home / '.bashrc'} (c'est un dossier)" in done.stderr
