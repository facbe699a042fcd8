"""A large Aides-territoires page made of real records, for measuring the import.

The 473 aids of the 2021 download and the 4 Symfony-era aids kept as test fixtures are
copied, in turn, with new ids, into one API page of `count` aids: real-shaped text, HTML,
labels, categories and dates, in the proportions a real page has them. Import, then
validate and match on the catalog it gives:

    python benchmarks/aides_territoires.py [--aids 5000] [--rounds 5]

`benchmarks/run.py` can call `real_shaped_page(5000)` for the page alone.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
FIXTURES = ROOT / "tests" / "data" / "aides-territoires"
RELANCE = [sys.executable, "-m", "relance_cli"]
FIRST_ID = 5_000_000  # far above any real id, so a copy never meets its original


def real_records() -> list[dict[str, Any]]:
    """Every real aid of the fixtures: the whole 2021 download, then the Symfony ones."""
    with gzip.open(FIXTURES / "django-2021-11-full.json.gz", "rt", encoding="utf-8") as dump:
        records: list[dict[str, Any]] = json.load(dump)["results"]
    symfony = json.loads((FIXTURES / "symfony-2024-06.json").read_text(encoding="utf-8"))
    return records + symfony["results"]


def real_shaped_page(count: int, target: Path | None = None) -> Path:
    """An API page of `count` real records copied in turn with new ids (written once)."""
    target = target or OUT / f"aides-territoires-{count}.json"
    if target.exists():
        return target
    records = real_records()
    results = [{**records[index % len(records)], "id": FIRST_ID + index} for index in range(count)]
    page = {"count": count, "next": None, "previous": None, "results": results}
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(page, ensure_ascii=False), encoding="utf-8")
    return target


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aids", type=int, default=5_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    page = real_shaped_page(args.aids)
    catalog = OUT / f"aides-territoires-{args.aids}.toml"
    commands = {
        "import": [*RELANCE, "import", "aides-territoires", str(page), "-o", str(catalog),
                   "--force"],
        "validate": [*RELANCE, "validate", str(catalog)],
        "match --applicant epci (warm)": [*RELANCE, "match", "--catalog", str(catalog),
                                          "--applicant", "epci", "--format", "json"],
    }  # fmt: skip
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, command in commands.items():
            times[name].append(timed(command))
    sizes = (
        f"{page.stat().st_size / 1e6:.1f} MB page, {catalog.stat().st_size / 1e6:.1f} MB catalog"
    )
    print(f"{args.aids} real-shaped aids ({sizes}), medians of {args.rounds} runs:")
    for name, values in times.items():
        print(f"  {name:32} {statistics.median(values):6.2f} s")


if __name__ == "__main__":
    main()
