"""Importing relance changes nothing (issue #26): every module of the package, imported in a
fresh interpreter, registers no command, patches nothing of Typer, Click or Rich, reads no
`sys.argv`, picks no language and touches no environment variable. A run's state (its
language, `--debug`) ends with it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import Run
from typer.testing import CliRunner

PROBE = r"""
import codecs, importlib, json, os, pkgutil, sys

class Watched(list):
    read = False
    def _seen(self, *args, **kwargs):
        Watched.read = True
    for _name in ("__getitem__", "__iter__", "__len__", "__contains__", "index", "copy"):
        def _wrap(self, *args, _name=_name, **kwargs):
            Watched.read = True
            return getattr(list, _name)(self, *args, **kwargs)
        locals()[_name] = _wrap

sys.argv = Watched(["relance", "--lang", "en", "--debug", "match"])

import typer, typer.core, typer.main, typer.models, typer._coercion
import rich, rich._wrap, rich.console, rich.text, rich.table

third = {n: m for n, m in sys.modules.items()
         if n.split(".")[0] in ("typer", "rich", "click") and m is not None}
before = {n: dict(vars(m)) for n, m in third.items()}
environ = dict(os.environ)

import relance_cli
imported = []
for info in pkgutil.walk_packages(relance_cli.__path__, "relance_cli."):
    if info.name.endswith("__main__"):
        continue
    importlib.import_module(info.name)
    imported.append(info.name)

patched = sorted(
    f"{n}.{key}"
    for n, saved in before.items()
    for key, value in saved.items()
    if not key.startswith("__") and vars(third[n]).get(key, value) is not value
)
registered = sorted(
    f"{n}.{key}"
    for n in imported
    for key, value in vars(sys.modules[n]).items()
    if isinstance(value, typer.Typer) and (value.registered_commands or value.registered_groups)
)
try:
    codecs.lookup_error("relance-look-alikes")
    handlers = ["relance-look-alikes"]
except LookupError:
    handlers = []
from relance_cli import environment, i18n
print(json.dumps({
    "imported": len(imported),
    "argv_read": Watched.read,
    "patched": patched,
    "registered": registered,
    "handlers": handlers,
    "environ_changed": dict(os.environ) != environ,
    "language": i18n.language(),
    "current_language": environment.current().language,
    "debug": environment.current().debug,
}))
"""


def test_importing_every_module_changes_nothing() -> None:
    env = {**os.environ, "RELANCE_LANG": "en"}
    env.pop("RELANCE_DEBUG", None)
    found = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True
    )
    state = json.loads(found.stdout.strip().splitlines()[-1])
    assert state["imported"] > 80  # every module, not a few
    assert state["argv_read"] is False
    assert state["patched"] == []
    assert state["registered"] == []
    assert state["handlers"] == []
    assert state["environ_changed"] is False
    assert state["language"] == "fr"  # nothing chose English at import…
    assert state["current_language"] == "en"  # …though the environment asks for it


def test_the_probe_sees_a_patch_and_a_registration() -> None:
    """The probe above can fail: a module that patches Rich and registers a command at
    import, put among relance's, is caught."""
    culprit = (
        "import re, typer\nfrom rich import _wrap\n_wrap.re_word = re.compile('x')\n"
        "app = typer.Typer()\n@app.command()\ndef x() -> None: ...\n"
    )
    probe = PROBE.replace(
        "import relance_cli\n",
        "import relance_cli, types\n"
        "bad = types.ModuleType('relance_cli.bad')\n"
        f"exec({culprit!r}, bad.__dict__)\n"
        "sys.modules['relance_cli.bad'] = bad\n",
    ).replace(
        "    imported.append(info.name)\n",
        "    imported.append(info.name)\nimported.append('relance_cli.bad')\n",
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    state = json.loads(found.stdout.strip().splitlines()[-1])
    assert state["patched"] == ["rich._wrap.re_word"]
    assert state["registered"] == ["relance_cli.bad.app"]


def test_debug_ends_with_its_run(
    relance: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`--debug` in one run, in-process, then a run without it: the second says nothing of
    its choices (it used to, as the flag was a module global that never reset)."""
    monkeypatch.delenv("RELANCE_DEBUG", raising=False)
    refused = tmp_path / "not-a-folder"
    refused.write_text("")
    env = {"RELANCE_CACHE_DIR": str(refused)}
    first = relance("--debug", "list", env=env)
    assert first.exit_code == 0, first.output
    assert "relance: cache désactivé" in first.stderr
    second = relance("list", env=env)
    assert second.exit_code == 0, second.output
    assert "relance:" not in second.stderr


def test_english_help_in_process(relance: Run) -> None:
    """The language of a run decides its help, in the same process as a French run."""
    from relance_cli import i18n

    english = relance("match", "--help", "--lang", "en")
    assert english.exit_code == 0
    assert english.stdout.startswith("Usage: relance match [OPTIONS]")
    assert "Output format." in english.stdout
    assert relance("match", "--help", env={"RELANCE_LANG": "en"}).stdout == english.stdout
    french = relance("match", "--help")
    assert french.stdout.startswith("Utilisation : relance match [OPTIONS]")
    assert "Format de sortie." in french.stdout
    top = relance("--help", "--lang", "en")
    assert "Commands:" in top.stdout and "Saved profiles" in top.stdout
    assert i18n.language() == "fr"  # the runs ended, and their language with them


def test_a_run_puts_back_what_was_current() -> None:
    from relance_cli import environment, i18n
    from relance_cli.cli import build

    i18n.use("fr")
    result = CliRunner().invoke(build(), ["--lang", "en", "--debug", "types", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert i18n.language() == "fr"
    assert environment.current().debug == (os.environ.get("RELANCE_DEBUG") == "1")
