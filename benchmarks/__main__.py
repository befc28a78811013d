"""Run the benchmarks: ``python -m benchmarks [--runs N] [--json PATH] [NAME...]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks import engine_ops, export_pdf, window_ops
from benchmarks.core import Benchmark, run, save, table

ALL: list[Benchmark] = [*engine_ops.BENCHMARKS, *window_ops.BENCHMARKS, *export_pdf.BENCHMARKS]
DEFAULT_JSON = Path(__file__).resolve().parent / "results" / "latest.json"


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("names", nargs="*", help="run only benchmarks whose name contains this")
    parser.add_argument("--runs", type=int, default=200, help="timed runs per figure")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON, help="where to write results")
    args = parser.parse_args()
    chosen = [b for b in ALL if not args.names or any(n in b.name for n in args.names)]
    results = []
    for benchmark in chosen:
        print(f"running {benchmark.name} ...", file=sys.stderr, flush=True)
        results.append(run(benchmark, args.runs))
    for line in table(results):
        print(line)
    for result in results:
        print(f"  {result.name}: {result.what}; baseline: {result.baseline_what}")
    save(results, args.json)
    print(f"results written to {args.json}")
    return 0 if all(r.passed for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
