"""Benchmark relance against the floor of any command that prints a Rich table from
Pydantic models: `python -c "import typer, rich.console, rich.table, pydantic"`.

Runs every command several times, interleaved with the floor so that both see the same
machine load, and prints medians and ratios to the floor (absolute times on a shared,
noisy machine mean little). Also builds a 10,000-scheme catalog from the shipped one
(copies with new ids) and measures the first run (cold cache), later runs (warm cache)
and peak memory.

    python benchmarks/run.py [--rounds 9] [--schemes 10000]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PYTHON = sys.executable
RELANCE = [PYTHON, "-m", "relance_cli"]
FLOOR = [PYTHON, "-c", "import typer, rich.console, rich.table, pydantic"]
# What any Typer 0.29 command with one text option costs before doing anything: Typer
# coerces every parsed option through a Pydantic TypeAdapter, which loads far more of
# Pydantic than `import pydantic` does. Shown for reference, as a second floor.
TYPER_APP = """
import typer, rich.console, rich.table
app = typer.Typer()
@app.command()
def main(name: str = "x") -> None:
    table = rich.table.Table("a")
    table.add_row(name)
    rich.console.Console().print(table)
app()
"""


def big_catalog(count: int) -> Path:
    """The shipped catalog's schemes copied `count` times in all, with new ids."""
    target = OUT / f"catalog-{count}.toml"
    if target.exists():
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "schemes.toml").read_text(encoding="utf-8")
    head, first, rest = text.partition("[[scheme]]")
    blocks = [first + block for block in rest.split("[[scheme]]")]
    parts = [head]
    for index in range(count):
        block = blocks[index % len(blocks)]
        parts.append(
            re.sub(r'^id = "([^"]+)"', rf'id = "\1-{index:05d}"', block, count=1, flags=re.M)
        )
    target.write_text("".join(parts), encoding="utf-8")
    return target


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one run, output discarded (a pipe)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert process.stdout is not None
    while process.stdout.read(65536):
        pass
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--schemes", type=int, default=10_000)
    args = parser.parse_args()

    large = big_catalog(args.schemes)
    cache = Path(tempfile.mkdtemp(prefix="relance-bench-cache-"))
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("RELANCE_CATALOG", None)
    big = ["--catalog", str(large)]
    commands: dict[str, list[str]] = {
        "python -c pass": [PYTHON, "-c", "pass"],
        "floor 2: a one-option Typer app printing a Rich table": [PYTHON, "-c", TYPER_APP],
        "relance --help": [*RELANCE, "--help"],
        "relance --version": [*RELANCE, "--version"],
        "relance list": [*RELANCE, "list"],
        "relance match --population 600000 --type dematerialisation":
            [*RELANCE, "match", "--population", "600000", "--type", "dematerialisation"],
        "relance calendar": [*RELANCE, "calendar"],
        "10k: match ... --format json (warm cache)":
            [*RELANCE, "match", "--population", "600000", "--format", "json", *big],
        "10k: list | cat (warm cache)": [*RELANCE, "list", *big],
        "10k: calendar | cat (warm cache)": [*RELANCE, "calendar", *big],
    }  # fmt: skip
    cold = [*RELANCE, "match", "--population", "600000", "--format", "json", *big]

    floor: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = {}
    cold_times: list[float] = []
    for _ in range(args.rounds):
        shutil.rmtree(cache, ignore_errors=True)
        elapsed, peak = run(cold, env)
        cold_times.append(elapsed)
        memory["10k: match ... --format json (cold cache)"] = max(
            peak, memory.get("10k: match ... --format json (cold cache)", 0)
        )
        for name, command in commands.items():
            floor.append(run(FLOOR, env)[0])
            elapsed, peak = run(command, env)
            times[name].append(elapsed)
            memory[name] = max(peak, memory.get(name, 0))
    shutil.rmtree(cache, ignore_errors=True)

    base = statistics.median(floor)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.rounds} rounds, "
          f"{args.schemes} schemes in the large catalog")  # fmt: skip
    print(f"{'command':62} {'median':>8} {'× floor':>8} {'peak MB':>8}")
    print(f"{'floor: import typer, rich.console, rich.table, pydantic':62} "
          f"{base * 1000:6.0f}ms {1.0:8.2f}")  # fmt: skip
    rows = {"10k: match ... --format json (cold cache)": cold_times, **times}
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"{name:62} {median * 1000:6.0f}ms {median / base:8.2f} {memory.get(name, 0):8d}")


if __name__ == "__main__":
    main()
