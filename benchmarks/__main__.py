"""Run the benchmarks: ``python -m benchmarks [--smoke] [--runs N] [--json PATH] [NAME...]``.

Exit status: 0 when every figure met its target, 1 when one missed it or could not be
measured. ``--smoke`` measures every figure at tiny sizes with a few runs, to prove the
benchmarks still run (CI); it judges no target, but a figure that fails to run fails it.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

import benchmarks
from benchmarks.core import FRAME_MS, Benchmark, Failure, Result, run, save, table

RESULTS = Path(__file__).resolve().parent / "results"
SMOKE_RUNS = 3


def registered() -> list[Benchmark]:
    """Every figure of every module under benchmarks/ that defines BENCHMARKS, by module name."""
    found: list[Benchmark] = []
    for module in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if module.name in {"core", "__main__"}:
            continue
        loaded = importlib.import_module(f"benchmarks.{module.name}")
        found.extend(getattr(loaded, "BENCHMARKS", ()))
    names = [b.name for b in found]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"benchmark names used twice: {sorted(duplicates)}")
    return found


def measure_all(
    chosen: Sequence[Benchmark], runs: int, *, smoke: bool
) -> tuple[list[Result], list[Failure]]:
    """Each figure measured in turn; one that raises is a failure, and the others still run."""
    results: list[Result] = []
    failures: list[Failure] = []
    for benchmark in chosen:
        print(f"running {benchmark.name} ...", file=sys.stderr, flush=True)
        try:
            results.append(
                run(benchmark, SMOKE_RUNS if smoke else runs, 1 if smoke else 5, smoke=smoke)
            )
        except Exception as error:  # one broken figure must not hide the others
            traceback.print_exc()
            failures.append(Failure(benchmark.name, f"{type(error).__name__}: {error}"))
    return results, failures


def report(results: list[Result], failures: list[Failure]) -> int:
    """Print the table and what each figure measures; the exit status the run deserves."""
    for line in table(results):
        print(line)
    print(f"frames: p95 in 60 Hz frames of {FRAME_MS:.1f} ms (for changes the room sees)")
    for result in results:
        print(f"  {result.name}: {result.what}; baseline: {result.baseline_what}")
        for missed in result.missed if result.judged else ():
            print(f"    MISSED: {missed}")
    for failure in failures:
        print(f"  {failure.name}: FAILED TO RUN: {failure.error}")
    return 0 if not failures and all(r.passed for r in results) else 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name contains this")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per figure")
    parser.add_argument(
        "--json", type=Path, help="where to write results (results/latest.json, smoke.json)"
    )
    parser.add_argument(
        "--smoke", action="store_true", help="tiny sizes, a few runs, targets not judged (CI)"
    )
    parser.add_argument("--list", action="store_true", help="list the figures and targets")
    args = parser.parse_args(argv)
    chosen = [b for b in registered() if not args.names or any(n in b.name for n in args.names)]
    if args.list:
        for benchmark in chosen:
            print(f"{benchmark.name}: {benchmark.goal}")
        return 0
    results, failures = measure_all(chosen, args.runs, smoke=args.smoke)
    status = report(results, failures)
    path = args.json or RESULTS / ("smoke.json" if args.smoke else "latest.json")
    save(results, path, tuple(failures))
    print(f"results written to {path}")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
