"""Benchmark relance against the floor of its own stack: `benchmarks/floor.py`, a minimal
Typer app of one command with one option that prints a four-row Rich table.

Every command runs several times, interleaved with the floor so that both see the same
machine load, and the report gives medians and ratios to the floor (absolute times on a
shared, noisy machine mean little), then the targets of issue #24 and whether each is met.
Every timed run's exit code and output are checked: a refused catalog answers fast and
proves nothing. It builds a 10,000-scheme catalog from the shipped one (copies with new
ids) and a page of 5,000 real-shaped Aides-territoires aids; the catalog size limit is
raised for those runs only, by the launcher below, never in relance itself.

    python benchmarks/run.py [--rounds 9] [--schemes 10000] [--only WORD]
    python benchmarks/run.py --growth 1000,10000,50000   # time and memory by size
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
PYTHON = sys.executable
RELANCE = [PYTHON, "-m", "relance_cli"]
# Large catalogs weigh more than the 32 MiB a catalog may: the limit is raised in this
# launcher only (before the modules that read it are imported), never in relance. It
# runs as the `relance` script does (`__main__.run`: ends once the answer is flushed).
LARGE = [
    PYTHON,
    "-c",
    "import sys, relance_cli.catalog.paths as p; p.MAX_BYTES = 1 << 30; "
    "sys.argv[0] = 'relance'; from relance_cli.__main__ import run; run()",
]
FLOOR = [PYTHON, str(ROOT / "benchmarks" / "floor.py"), "--name", "x"]

Check = list[str | int]  # a kind, a count, words: checked in a child (see `run`)


class Timed(NamedTuple):
    command: list[str]
    env: dict[str, str]
    check: Check


def big_catalog(count: int) -> Path:
    """The shipped catalog's schemes copied `count` times in all, with new ids and without
    their source lists (an imported catalog carries none)."""
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


def run(command: list[str], env: dict[str, str], check: Check | None = None) -> tuple[float, int]:
    """Wall time in seconds and peak memory in MB of one run, its output read from a pipe;
    a failed run, or an output the check refuses, stops the benchmark. The output goes to
    a file and is checked in a child: held here, it would swell this process, and every
    command forked later would count it in its peak (Linux keeps it across exec)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert process.stdout is not None and process.stderr is not None
    with tempfile.NamedTemporaryFile(prefix="relance-bench-") as kept:
        while chunk := process.stdout.read(65536):
            kept.write(chunk)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        kept.flush()
        errors = process.stderr.read()
        process.stdout.close()
        process.stderr.close()
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            raise SystemExit(f"failed ({code}): {' '.join(command)}\n{errors.decode()[:2000]}")
        if check is not None:
            verdict = subprocess.run([PYTHON, __file__, "--check", json.dumps(check), kept.name])
            if verdict.returncode != 0:
                raise SystemExit(f"unexpected output ({check}): {' '.join(command)}")
    return elapsed, usage.ru_maxrss // 1024


def holds(*words: str) -> Check:
    """The output holds each of these words."""
    return ["holds", 0, *words]


def lines_at_least(count: int, *words: str) -> Check:
    """The output has at least `count` lines, and holds these words."""
    return ["lines", count, *words]


def json_results(at_least: int) -> Check:
    """The output is JSON with at least this many results."""
    return ["json", at_least]


def checked(check: Check, path: Path) -> bool:
    kind, count, *words = check
    output = path.read_bytes()
    if kind == "json":
        return len(json.loads(output)["results"]) >= int(count)
    enough = kind != "lines" or output.count(b"\n") >= int(count)
    return enough and all(str(word).encode() in output for word in words)


def commands(large: Path, aids: Path, scratch: Path, schemes: int) -> dict[str, Timed]:
    big = ["--catalog", str(large)]
    complete = {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance match --ap",
                "COMP_CWORD": "2"}  # fmt: skip
    complete_id = {"_RELANCE_COMPLETE": "complete_bash", "COMP_WORDS": "relance show de",
                   "COMP_CWORD": "2"}  # fmt: skip
    imported = scratch / "aides.toml"
    epci = [*LARGE, "match", "--applicant", "epci", "--catalog", str(imported)]
    search = [*LARGE, "search", "numérique", "--applicant", "epci", "--catalog", str(imported)]
    match_big = [*LARGE, "match", "--population", "600000", "--format", "json", *big]
    return {
        "relance --help": Timed([*RELANCE, "--help"], {}, holds("match", "calendar")),
        "relance --version": Timed([*RELANCE, "--version"], {}, holds("relance ")),
        "completion of an option name (relance match --ap<TAB>)":
            Timed(RELANCE, complete, holds("--applicant")),
        "completion of a scheme id (relance show de<TAB>)":
            Timed(RELANCE, complete_id, holds("dematerialisation")),
        "relance list": Timed([*RELANCE, "list"], {}, holds("dematerialisation", "donnees")),
        "relance match --population 600000 --type dematerialisation":
            Timed([*RELANCE, "match", "--population", "600000", "--type", "dematerialisation"],
                  {}, holds("dematerialisation")),
        "relance calendar": Timed([*RELANCE, "calendar"], {}, holds("donnees")),
        "relance show donnees": Timed([*RELANCE, "show", "donnees"], {}, holds("donnees")),
        # The same commands in JSON: their path imports neither Pydantic nor Rich (issue #24;
        # tests/test_import_weight.py), as the tables will once output/human does not either.
        "relance list --format json":
            Timed([*RELANCE, "list", "--format", "json"], {}, holds("dematerialisation")),
        "relance match --population 600000 --type dematerialisation --format json":
            Timed([*RELANCE, "match", "--population", "600000", "--type", "dematerialisation",
                   "--format", "json"], {}, holds("dematerialisation")),
        "relance calendar --format json":
            Timed([*RELANCE, "calendar", "--format", "json"], {}, holds("donnees")),
        "relance search numérique (warm index)":
            Timed([*RELANCE, "search", "numérique"], {}, holds("donnees")),
        "relance match --commune 69123 --type dematerialisation":
            Timed([*RELANCE, "match", "--commune", "69123", "--type", "dematerialisation"],
                  {}, holds("dematerialisation")),
        "10k: match ... --format json (warm cache)":
            Timed(match_big, {}, json_results(schemes // 2)),
        "10k: list | cat (warm cache)": Timed([*LARGE, "list", *big], {}, lines_at_least(schemes)),
        "10k: calendar | cat (warm cache)":
            Timed([*LARGE, "calendar", *big], {}, lines_at_least(schemes)),
        "5k aids: import (page to catalog)":
            Timed([*LARGE, "import", "aides-territoires", str(aids), "-o", str(imported),
                   "--force", "--allow-shrink"], {}, holds(str(imported))),
        "5k aids: match --applicant epci, first command after the import":
            Timed(epci, {}, lines_at_least(1000)),
        "5k aids: validate": Timed([*LARGE, "validate", str(imported)], {}, holds("aucune")),
        "5k aids: match --applicant epci | cat (warm cache)":
            Timed(epci, {}, lines_at_least(1000)),
        "5k aids: search numérique --applicant epci (builds the index)":
            Timed(search, {}, lines_at_least(10)),
        "5k aids: search numérique --applicant epci (warm index)":
            Timed(search, {}, lines_at_least(10)),
    }  # fmt: skip


class Target(NamedTuple):
    what: str
    rows: tuple[str, ...]  # the slowest of them counts
    limit: float  # at most this many times the floor


TARGETS = (
    Target("`list`, `match`, `calendar`, `show`, shipped catalog",
           ("relance list", "relance match --population 600000 --type dematerialisation",
            "relance calendar", "relance show donnees"), 0.60),
    Target("  the same, `--format json` (`show` aside)",
           ("relance list --format json",
            "relance match --population 600000 --type dematerialisation --format json",
            "relance calendar --format json"), 0.60),
    Target("`--help`, option completion",
           ("relance --help", "completion of an option name (relance match --ap<TAB>)"), 0.45),
    Target("10k `match --format json`, warm", ("10k: match ... --format json (warm cache)",),
           1.3),
    Target("5k imported aids, `match` table to a pipe, warm",
           ("5k aids: match --applicant epci | cat (warm cache)",), 1.3),
    Target("10k, first run on a catalog nobody imported", ("10k: match ... --format json "
           "(first run, cold cache)",), 5.0),
)  # fmt: skip
MEMORY_TARGET = ("peak memory, 10k warm", "10k: match ... --format json (warm cache)", 100)
# Issue #20: `search` on the shipped catalog no slower than `match` (the ratio of the two).
SEARCH_TARGET = ("`search` on the shipped catalog / `match` (issue #20)",
                 "relance search numérique (warm index)",
                 "relance match --population 600000 --type dematerialisation")  # fmt: skip
AFTER_IMPORT = "5k aids: match --applicant epci, first command after the import"


def environment(cache: Path) -> dict[str, str]:
    env = {**os.environ, "RELANCE_CACHE_DIR": str(cache), "COLUMNS": "100"}
    env.pop("RELANCE_CATALOG", None)
    # As installed: pip compiles every module to bytecode at install time. Without this, a
    # machine that sets PYTHONDONTWRITEBYTECODE recompiles relance's sources (from an
    # editable install) on every run, and the floor's one file only.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def cached(catalog: Path, env: dict[str, str]) -> bool:
    """Whether the cache holds an entry for exactly these bytes (asked in a child)."""
    probe = (
        "import sys; from relance_cli.catalog import cache; "
        "print(cache.names(open(sys.argv[1], 'rb').read()) is not None)"
    )
    found = subprocess.run(
        [PYTHON, "-c", probe, str(catalog)], env=env, capture_output=True, text=True, check=True
    )
    return found.stdout.strip() == "True"


def prepare(schemes: int, aids: int) -> None:
    """Builds the inputs in a child: building them here would swell this process, whose
    memory every command's peak then inherits when forked."""
    subprocess.run(
        [PYTHON, __file__, "--prepare", f"--schemes={schemes}", f"--aids={aids}"], check=True
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--schemes", type=int, default=10_000)
    parser.add_argument("--aids", type=int, default=5_000)
    parser.add_argument("--only", default="", help="only the commands whose name holds this")
    parser.add_argument("--growth", default="", help="sizes, e.g. 1000,10000,50000")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--check", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.check:
        sys.exit(0 if checked(json.loads(args.check[0]), Path(args.check[1])) else 1)
    if args.prepare:
        big_catalog(args.schemes)
        if args.aids:
            aids_page(args.aids)
        return
    compile_all = (
        "import compileall, os, relance_cli; "
        "compileall.compile_dir(os.path.dirname(relance_cli.__file__), quiet=1)"
    )
    subprocess.run([PYTHON, "-c", compile_all], env=environment(OUT), check=True)
    if args.growth:
        growth([int(size) for size in args.growth.split(",")], args.rounds)
        return
    prepare(args.schemes, args.aids)
    benchmark(args.rounds, args.schemes, args.aids, args.only)


def benchmark(rounds: int, schemes: int, aids_count: int, only: str) -> None:
    large = big_catalog(schemes)  # now only their paths
    aids = aids_page(aids_count)
    cache = Path(tempfile.mkdtemp(prefix="relance-bench-cache-"))
    scratch = Path(tempfile.mkdtemp(prefix="relance-bench-out-"))
    env = environment(cache)
    table = {k: v for k, v in commands(large, aids, scratch, schemes).items() if only in k}
    cold_name = "10k: match ... --format json (first run, cold cache)"
    cold = Timed([*LARGE, "match", "--population", "600000", "--format", "json", "--catalog",
                  str(large)], {}, json_results(schemes // 2))  # fmt: skip

    floor: list[float] = []
    times: dict[str, list[float]] = {name: [] for name in (cold_name, *table)}
    memory: dict[str, int] = {}
    warm_after_import: list[bool] = []
    for _ in range(rounds):
        shutil.rmtree(cache, ignore_errors=True)
        run([*RELANCE, "list"], env)  # the shipped catalog's entry: commands are timed warm
        run([*RELANCE, "search", "numérique"], env)  # and its search index
        timed = {cold_name: cold, **table} if only in cold_name else table
        for name, (command, extra, check) in timed.items():
            if name == AFTER_IMPORT:
                warm_after_import.append(cached(scratch / "aides.toml", env))
            floor.append(run(FLOOR, env)[0])
            elapsed, peak = run(command, {**env, **extra}, check)
            times[name].append(elapsed)
            memory[name] = max(peak, memory.get(name, 0))
    shutil.rmtree(cache, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)

    base = statistics.median(floor)
    ratio = {name: statistics.median(v) / base for name, v in times.items() if v}
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, {rounds} rounds, "
          f"{schemes} schemes in the large catalog, {aids_count} aids")  # fmt: skip
    print(f"{'command':66} {'median':>8} {'× floor':>8} {'peak MB':>8}")
    print(f"{'floor: benchmarks/floor.py (Typer app, one option, Rich table)':66} "
          f"{base * 1000:6.0f}ms {1.0:8.2f}")  # fmt: skip
    for name, values in times.items():
        if values:
            median = statistics.median(values)
            print(f"{name:66} {median * 1000:6.0f}ms {ratio[name]:8.2f} {memory[name]:8d}")
    print()
    print(f"{'target (issue #24)':58} {'measured':>9} {'target':>8}  met?")
    for what, rows, limit in TARGETS:
        found = [ratio[row] for row in rows if row in ratio]
        if found:
            worst = max(found)
            print(f"{what:58} {worst:8.2f}× {limit:7.2f}×  {'yes' if worst <= limit else 'NO'}")
    what, searched, matched = SEARCH_TARGET
    if searched in ratio and matched in ratio:
        worst = ratio[searched] / ratio[matched]
        print(f"{what:58} {worst:8.2f}× {1.0:7.2f}×  {'yes' if worst <= 1.0 else 'NO'}")
    what, row, megabytes = MEMORY_TARGET
    if row in memory:
        peak = memory[row]
        print(f"{what:58} {peak:6d} MB {megabytes:5d} MB  {'yes' if peak <= megabytes else 'NO'}")
    if warm_after_import:
        state = "warm" if all(warm_after_import) else "cold"
        print(f"{'first command after `relance import`':58} {state:>9} {'warm':>8}  "
              f"{'yes' if state == 'warm' else 'NO'}")  # fmt: skip


def growth(sizes: list[int], rounds: int) -> None:
    """First run, warm `match --format json` and their peak memory by catalog size."""
    print(f"{'schemes':>8} {'MB':>6} {'first run':>10} {'peak MB':>8} {'warm':>8} {'peak MB':>8}")
    for size in sizes:
        subprocess.run([PYTHON, __file__, "--prepare", f"--schemes={size}", "--aids=0"], check=True)
        catalog = big_catalog(size)
        command = [*LARGE, "match", "--population", "600000", "--format", "json", "--catalog",
                   str(catalog)]  # fmt: skip
        first: list[float] = []
        warm: list[float] = []
        peaks = [0, 0]
        for _ in range(rounds):
            cache = Path(tempfile.mkdtemp(prefix="relance-bench-cache-"))
            env = environment(cache)
            elapsed, peak = run(command, env, json_results(size // 2))
            first.append(elapsed)
            peaks[0] = max(peaks[0], peak)
            elapsed, peak = run(command, env, json_results(size // 2))
            warm.append(elapsed)
            peaks[1] = max(peaks[1], peak)
            shutil.rmtree(cache, ignore_errors=True)
        megabytes = catalog.stat().st_size / 1e6
        print(f"{size:8d} {megabytes:6.1f} {statistics.median(first):9.2f}s {peaks[0]:8d} "
              f"{statistics.median(warm):7.2f}s {peaks[1]:8d}")  # fmt: skip


if __name__ == "__main__":
    main()
