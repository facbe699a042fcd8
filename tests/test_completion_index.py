"""Completion of scheme ids and project types from catalogs never read before: the index
comes from the TOML itself, and a file it cannot use offers nothing rather than failing."""

from __future__ import annotations

from pathlib import Path

from helpers import Run, catalog_file, new_catalog, new_scheme, write_catalog


def complete(relance: Run, words: str) -> list[str]:
    count = len(words.split()) - (0 if words.endswith(" ") else 1)
    env = {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(count)}
    result = relance(env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_ids_and_types_of_a_catalog_not_yet_cached(relance: Run, tmp_path: Path) -> None:
    fresh = new_catalog(new_scheme("fraichement-ecrit", kinds=["fraicheur"]))
    path = catalog_file(tmp_path, fresh)
    assert complete(relance, f"relance show --catalog {path} fr") == ["fraichement-ecrit"]
    assert complete(relance, f"relance match --catalog {path} --type fr") == ["fraicheur"]


def test_unusable_catalogs_offer_nothing(relance: Run, tmp_path: Path) -> None:
    broken = write_catalog(tmp_path, '[catalog]\nname = "x\n', "broken.toml")
    odd = write_catalog(tmp_path, 'scheme = "not a list"\nkinds = ["not a table"]\n', "odd.toml")
    missing = tmp_path / "absent.toml"
    for path in (broken, odd, missing):
        assert complete(relance, f"relance show --catalog {path} ") in ([], [""]), path
