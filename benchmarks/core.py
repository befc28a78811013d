"""What a benchmark is, how it is timed, and how the results are shown and saved."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path

# A step is timed from outside, unless it returns its own duration in milliseconds
# (for steps that must prepare something untimed first, such as undoing a fresh add).
Step = Callable[[], float | None]


@dataclass(frozen=True)
class Benchmark:
    """One figure: a measured step and the baseline step it is compared with.

    ``setup`` yields (measured, baseline) steps and cleans up after; both are timed the same
    number of times, interleaved, so machine noise hits them alike.
    """

    name: str
    what: str
    baseline_what: str
    setup: Callable[[], AbstractContextManager[tuple[Step, Step]]]
    # The measured p95 may be at most this many times the baseline p95 ...
    max_ratio: float
    # ... and, where the issue sets one, at most this many milliseconds (a 60 Hz frame: 16).
    max_ms: float | None = None
    # Slow figures (a whole PDF) take fewer runs than the default.
    runs: int | None = None


@dataclass(frozen=True)
class Result:
    name: str
    what: str
    baseline_what: str
    runs: int
    p50_ms: float
    p95_ms: float
    baseline_p50_ms: float
    baseline_p95_ms: float
    ratio_p95: float
    max_ratio: float
    max_ms: float | None

    @property
    def passed(self) -> bool:
        within_frame = self.max_ms is None or self.p95_ms <= self.max_ms
        return self.ratio_p95 <= self.max_ratio and within_frame


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed(step: Step) -> float:
    start = time.perf_counter()
    own = step()
    return own if own is not None else (time.perf_counter() - start) * 1000


def run(benchmark: Benchmark, runs: int, warmup: int = 5) -> Result:
    if benchmark.runs is not None:
        runs, warmup = min(runs, benchmark.runs), min(warmup, 1)
    with benchmark.setup() as (measured, baseline):
        for _ in range(warmup):
            measured()
            baseline()
        measured_ms: list[float] = []
        baseline_ms: list[float] = []
        for _ in range(runs):
            measured_ms.append(_timed(measured))
            baseline_ms.append(_timed(baseline))
    p95, base_p95 = percentile(measured_ms, 0.95), percentile(baseline_ms, 0.95)
    return Result(
        name=benchmark.name,
        what=benchmark.what,
        baseline_what=benchmark.baseline_what,
        runs=runs,
        p50_ms=statistics.median(measured_ms),
        p95_ms=p95,
        baseline_p50_ms=statistics.median(baseline_ms),
        baseline_p95_ms=base_p95,
        ratio_p95=p95 / base_p95 if base_p95 > 0 else float("inf"),
        max_ratio=benchmark.max_ratio,
        max_ms=benchmark.max_ms,
    )


def table(results: list[Result]) -> Iterator[str]:
    header = (
        f"{'benchmark':<34} {'p50 ms':>8} {'p95 ms':>8} {'base p50':>9} {'base p95':>9}"
        f" {'ratio':>6} {'max':>5} {'max ms':>6}  ok"
    )
    yield header
    yield "-" * len(header)
    for r in results:
        yield (
            f"{r.name:<34} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f} {r.baseline_p50_ms:>9.2f}"
            f" {r.baseline_p95_ms:>9.2f} {r.ratio_p95:>6.2f} {r.max_ratio:>5.1f}"
            f" {'' if r.max_ms is None else f'{r.max_ms:.0f}':>6}  {'yes' if r.passed else 'NO'}"
        )


def save(results: list[Result], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "results": [{**asdict(r), "passed": r.passed} for r in results],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
