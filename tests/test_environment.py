"""The run's environment (issue #26): what it reads from the process, what a run changes in
it and puts back; and the bounds every layer shares (`limits.py`)."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import Run

from relance_cli import environment, i18n
from relance_cli.decimals import json_number
from relance_cli.environment import Environment


def made(**environ: str) -> Environment:
    return Environment.from_process(environ=environ, stdout_isatty=True)


def test_it_reads_the_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("RELANCE_LANG", "en_GB.UTF-8")
    monkeypatch.setenv("RELANCE_DEBUG", "1")
    found = Environment.from_process()
    assert (found.language, found.debug, found.paging) == ("en", True, True)
    assert found.today == date.today()
    monkeypatch.setenv("RELANCE_LANG", "de")
    monkeypatch.delenv("RELANCE_DEBUG")
    assert (Environment.from_process().language, Environment.from_process().debug) == (
        "fr",
        False,
    )


def test_its_copy_of_the_variables_does_not_change_under_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PAGER", "more")
    found = Environment.from_process()
    monkeypatch.setenv("PAGER", "most")
    assert found.pager == "more"
    with pytest.raises(TypeError):
        found.environ["PAGER"] = "x"  # type: ignore[index]


@pytest.mark.parametrize(
    ("environ", "colour"),
    [({}, True), ({"NO_COLOR": ""}, False), ({"TERM": "dumb"}, False), ({"TERM": "xterm"}, True)],
)
def test_colour_only_on_a_terminal_that_has_it(environ: dict[str, str], colour: bool) -> None:
    assert made(**environ).colour is colour
    assert Environment.from_process(environ=environ, stdout_isatty=False).colour is False


@pytest.mark.parametrize(
    ("columns", "width"), [("120", 120), ("", None), ("abc", None), ("9" * 7, None)]
)
def test_width_from_columns(columns: str, width: int | None) -> None:
    assert made(COLUMNS=columns).width == width


def test_pager_and_folders(tmp_path: Path) -> None:
    assert made().pager == "less -FRX"
    assert made(PAGER="more", RELANCE_PAGER="").pager == ""
    assert made(RELANCE_CACHE_DIR=str(tmp_path)).cache_dir == tmp_path
    assert made(XDG_CACHE_HOME=str(tmp_path)).cache_dir == tmp_path / "relance"
    assert made().config_dir.name == "relance"


def test_a_run_is_current_inside_and_gone_after() -> None:
    stream = io.StringIO()
    run = Environment.from_process(stdout=stream, language="en", debug=True)
    assert environment.current() is not run
    with environment.running(run):
        assert environment.current() is run and i18n.language() == "en"
        changed = environment.update(language="fr", debug=False)
        assert environment.current() is changed and i18n.language() == "fr"
        other = io.StringIO()
        with environment.writing_to(other):
            assert environment.current().stdout is other
        assert environment.current().stdout is stream
    assert environment.current() is not run and environment.current() is not changed
    assert i18n.language() == "fr"


def test_debug_notes_go_to_the_runs_stderr_once() -> None:
    from relance_cli.errors import debug_note

    stderr = io.StringIO()
    with environment.running(Environment.from_process(stderr=stderr, debug=True)):
        debug_note("cache désactivé : {0}", "/x\x1b")
        debug_note("cache désactivé : {0}", "/x\x1b")
    with environment.running(Environment.from_process(stderr=stderr, debug=False)):
        debug_note("cache désactivé : {0}", "/y")
    assert stderr.getvalue() == "relance: cache désactivé : /x\\x1b\n"


# --- bounds ----------------------------------------------------------------------------------


def test_budget_has_the_bound_of_a_test_case(relance: Run) -> None:
    """`--budget` and a [[test]] case's budget: one bound (10¹² euros), where the command
    line used to allow 10¹⁵."""
    from relance_cli import limits

    fits = relance("match", "--population", "600000", "--budget", str(limits.MAX_AMOUNT))
    assert fits.exit_code == 0, fits.output
    over = relance("match", "--population", "600000", "--budget", str(limits.MAX_AMOUNT + 1))
    assert over.exit_code == 2
    assert "--budget :" in over.stderr and "hors limites" in over.stderr


def test_one_decimal_to_number() -> None:
    assert json_number(Decimal("80000.00")) == 80000
    assert isinstance(json_number(Decimal("80000.00")), int)
    assert json_number(Decimal("0.5")) == 0.5


def test_look_alikes_for_a_legacy_encoding() -> None:
    """The codec error handler is registered when a stream first needs it, not at import."""
    from relance_cli.output import terminal

    stream = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    assert terminal.encodable("« 80 000 € » → ✓", stream) == '" 80 000 EUR " -> v'
    assert terminal.encodable("é", stream) == "?"
    with pytest.raises(UnicodeDecodeError):
        terminal._degrade(UnicodeDecodeError("ascii", b"\xff", 0, 1, "bad"))
