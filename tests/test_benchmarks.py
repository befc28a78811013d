"""The benchmark runner keeps working (its figures are judged by running it, not here)."""

import json

from benchmarks.__main__ import ALL
from benchmarks.core import percentile, run, save, table


def test_every_benchmark_runs_and_reports_against_its_baseline(tmp_path):
    results = [run(benchmark, runs=3, warmup=1) for benchmark in ALL]
    assert [r.name for r in results] == [b.name for b in ALL]
    for result in results:
        assert result.p50_ms > 0 and result.baseline_p50_ms > 0
        assert result.ratio_p95 == result.p95_ms / result.baseline_p95_ms
    lines = list(table(results))
    assert len(lines) == 2 + len(results)
    save(results, tmp_path / "out.json")
    saved = json.loads((tmp_path / "out.json").read_text())
    assert {"name", "p95_ms", "baseline_p95_ms", "ratio_p95", "passed"} <= set(saved["results"][0])


def test_percentile_picks_from_the_sorted_samples():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.95) == 95.0
    assert percentile(samples, 0.5) == 51.0  # index round(49.5) == 50
