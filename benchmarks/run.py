"""Benchmark relance against the floor of its own stack: `benchmarks/floor.py`, a minimal
Typer app of one command with one option that prints a four-row Rich table.

Every command runs several times, interleaved with the floor so that both see the same
machine load, and the report gives medians and ratios to the floor (absolute times on a
shared, noisy machine mean little). It also builds a 10,000-scheme catalog from the
shipped one (copies with new ids), measuring the first run (cold cache), later runs (warm
cache) and peak memory, and, when `benchmarks/aides_territoires.py` is there, a page of
5,000 real-shaped Aides-territoires aids to import, validate and match.

    python benchmarks/run.py [--rounds 9] [--schemes 10000] [--only WORD]
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
FLOOR = [PYTHON, str(ROOT / "benchmarks" / "floor.py"), "--name", "x"]


def big_catalog(count: int) -> Path:
    """The shipped catalog's schemes copied `count` times in all, with new ids and without
    their source lists (five citations a scheme would make it 51 MB, over the 32 MiB a
    catalog may weigh; an imported catalog carries none)."""
    target = OUT / f"catalog-{count}.toml"
    shipped = ROOT / "schemes.toml"
    if target.exists() and target.stat().st_mtime >= shipped.stat().st_mtime:
        return target
    OUT.mkdir(parents=True, exist_ok=True)
    text = shipped.read_text(encoding="utf-8").partition("\n[[test]]")[0]  # schemes only
    text = re.sub(r"\n\[\[scheme(?:\.steps)?\.sources\]\]\n(?:[^\n\[]+\n)*", "\n", text)
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


def aids_page(count: int) -> Path:
    """A page of `count` real-shaped Aides-territoires aids (benchmarks/aides_territoires.py)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from aides_territoires import real_shaped_page  # type: ignore[import-not-found]

    page: Path = real_shaped_page(count)
    return page


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


def commands(
    large: Path, aids: Path | None, scratch: Path
) -> dict[str, tuple[list[str], dict[str, str]]]:
    big = ["--catalog", str(large)]
    complete = {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance match --ap",
                "COMP_CWORD": "2"}  # fmt: skip
    complete_id = {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance show de",
                   "COMP_CWORD": "2"}  # fmt: skip
    found: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c pass": ([PYTHON, "-c", "pass"], {}),
        "relance --help": ([*RELANCE, "--help"], {}),
        "relance --version": ([*RELANCE, "--version"], {}),
        "completion of an option name (relance match --ap<TAB>)": (RELANCE, complete),
        "completion of a scheme id (relance show de<TAB>)": (RELANCE, complete_id),
        "relance list": ([*RELANCE, "list"], {}),
        "relance match --population 600000 --type dematerialisation":
            ([*RELANCE, "match", "--population", "600000", "--type", "dematerialisation"], {}),
        "relance calendar": ([*RELANCE, "calendar"], {}),
        "relance search numérique (warm index)": ([*RELANCE, "search", "numérique"], {}),
        "relance match --commune 69123 --type dematerialisation":
            ([*RELANCE, "match", "--commune", "69123", "--type", "dematerialisation"], {}),
        "10k: match ... --format json (warm cache)":
            ([*RELANCE, "match", "--population", "600000", "--format", "json", *big], {}),
        "10k: list | cat (warm cache)": ([*RELANCE, "list", *big], {}),
        "10k: calendar | cat (warm cache)": ([*RELANCE, "calendar", *big], {}),
    }  # fmt: skip
    if aids is not None:
        out = scratch / "aides.toml"
        found["5k aids: import (page to catalog)"] = (
            [*RELANCE, "import", "aides-territoires", str(aids), "-o", str(out), "--force",
             "--allow-shrink"], {})  # fmt: skip
        found["5k aids: validate"] = ([*RELANCE, "validate", str(out)], {})
        epci = [*RELANCE, "match", "--applicant", "epci", "--catalog", str(out)]
        found["5k aids: match --applicant epci (first run, cold cache)"] = (epci, {})
        found["5k aids: match --applicant epci (warm cache)"] = (epci, {})  # runs after it
        search = [*RELANCE, "search", "numérique", "--applicant", "epci", "--catalog", str(out)]
        found["5k aids: search numérique --applicant epci (builds the index)"] = (search, {})
        found["5k aids: search numérique --applicant epci (warm index)"] = (search, {})
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--schemes", type=int, default=10_000)
    parser.add_argument("--aids", type=int, default=5_000)
    parser.add_argument("--only", default="", help="only the commands whose name holds this")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:  # in a child: building them would swell this process, whose memory
        big_catalog(args.schemes)  # every command's peak then inherits when forked
        aids_page(args.aids)
        return
    subprocess.run(
        [PYTHON, __file__, "--prepare", f"--schemes={args.schemes}", f"--aids={args.aids}"],
        check=True,
    )
    large = big_catalog(args.schemes)  # now only their paths
    aids = aids_page(args.aids)
    cache = Path(tempfile.mkdtemp(prefix="relance-bench-cache-"))
    scratch = Path(tempfile.mkdtemp(prefix="relance-bench-out-"))
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("RELANCE_CATALOG", None)
    # As installed: pip compiles every module to bytecode at install time. Without this, a
    # machine that sets PYTHONDONTWRITEBYTECODE recompiles relance's sources (from an
    # editable install) on every run, and the floor's one file only.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    compile_all = (
        "import compileall, os, relance_cli; "
        "compileall.compile_dir(os.path.dirname(relance_cli.__file__), quiet=1)"
    )
    subprocess.run([PYTHON, "-c", compile_all], env=env, check=True)
    table = {k: v for k, v in commands(large, aids, scratch).items() if args.only in k}
    cold = [*RELANCE, "match", "--population", "600000", "--format", "json", "--catalog",
            str(large)]  # fmt: skip
    cold_name = "10k: match ... --format json (first run, cold cache)"

    floor: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in table}
    memory: dict[str, int] = {}
    cold_times: list[float] = []
    for _ in range(args.rounds):
        shutil.rmtree(cache, ignore_errors=True)
        run([*RELANCE, "list"], env)  # the shipped catalog's entry: commands are timed warm
        run([*RELANCE, "search", "numérique"], env)  # and its search index
        if args.only in cold_name:
            elapsed, peak = run(cold, env)
            cold_times.append(elapsed)
            memory[cold_name] = max(peak, memory.get(cold_name, 0))
        for name, (command, extra) in table.items():
            floor.append(run(FLOOR, env)[0])
            elapsed, peak = run(command, {**env, **extra})
            times[name].append(elapsed)
            memory[name] = max(peak, memory.get(name, 0))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)

    base = statistics.median(floor)
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {args.rounds} rounds, "
          f"{args.schemes} schemes in the large catalog")  # fmt: skip
    print(f"{'command':62} {'median':>8} {'× floor':>8} {'peak MB':>8}")
    print(f"{'floor: benchmarks/floor.py (Typer app, one option, Rich table)':62} "
          f"{base * 1000:6.0f}ms {1.0:8.2f}")  # fmt: skip
    rows = {cold_name: cold_times, **times} if cold_times else times
    for name, values in rows.items():
        median = statistics.median(values)
        print(f"{name:62} {median * 1000:6.0f}ms {median / base:8.2f} {memory.get(name, 0):8d}")


if __name__ == "__main__":
    main()
