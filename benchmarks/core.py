"""What a benchmark is, its target, how it is timed, and how the results are shown and saved.

A module under ``benchmarks/`` registers figures by defining ``BENCHMARKS``, a list of
:class:`Benchmark`; ``python -m benchmarks`` finds every such module. Each figure is timed
beside a baseline step from the same run (interleaved, so machine noise hits both alike) and
judged against its :class:`Target`: a ratio to that baseline, milliseconds (e.g. one frame),
or both. A figure that misses its target makes the run exit non-zero.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from pathlib import Path

# One frame at 60 Hz: what a change must fit in to feel immediate.
FRAME_MS = 1000 / 60

# A step is timed from outside, unless it returns its own duration in milliseconds
# (for steps that must prepare something untimed first, such as undoing a fresh add).
Step = Callable[[], float | None]
Setup = Callable[[], AbstractContextManager[tuple[Step, Step]]]

# Whether the run is a smoke (tiny sizes, few runs): read through sized(), set by run().
_SMOKE: ContextVar[bool] = ContextVar("benchmark_smoke", default=False)


def sized(full: int, smoke: int) -> int:
    """The size a setup builds: ``full`` in a real run, ``smoke`` in a smoke run (CI, tests)."""
    return smoke if _SMOKE.get() else full


@dataclass(frozen=True)
class Target:
    """What a figure's p95 must meet; every limit given must hold.

    ``max_ratio``: at most this many times the baseline's p95 (same run).
    ``max_ms``: at most this many milliseconds (the issue's frame targets: 16, 50).
    ``aim_ratio``: a ratio we aim for: shown beside the figure, never failing it.
    """

    max_ratio: float | None = None
    max_ms: float | None = None
    aim_ratio: float | None = None

    def misses(self, p95_ms: float, ratio: float) -> tuple[str, ...]:
        """Which limits the figure missed, in words (none: it met its target)."""
        missed = []
        if self.max_ratio is not None and ratio > self.max_ratio:
            missed.append(f"ratio {ratio:.2f} > {self.max_ratio:g}")
        if self.max_ms is not None and p95_ms > self.max_ms:
            missed.append(f"p95 {p95_ms:.1f} ms > {self.max_ms:g} ms")
        return tuple(missed)


@dataclass(frozen=True)
class Benchmark:
    """One figure: a measured step, the baseline step it is compared with, and its target.

    ``setup`` yields (measured, baseline) steps and cleans up after; both are timed the same
    number of times, interleaved. Give the target either as ``target=Target(...)`` or, the
    short form, as ``max_ratio`` and ``max_ms``.
    """

    name: str
    what: str
    baseline_what: str
    setup: Setup
    max_ratio: float | None = None
    max_ms: float | None = None
    # Slow figures (a whole PDF, a process start) take fewer runs than the default.
    runs: int | None = None
    target: Target | None = None
    # Whether the figure is a change the room sees, so it is also shown in 60 Hz frames.
    on_screen: bool = False

    def __post_init__(self) -> None:
        if self.target is not None and (self.max_ratio is not None or self.max_ms is not None):
            raise ValueError(f"{self.name}: give target= or max_ratio/max_ms, not both")
        if self.goal.max_ratio is None and self.goal.max_ms is None:
            raise ValueError(f"{self.name}: a benchmark needs a target")

    @property
    def goal(self) -> Target:
        if self.target is not None:
            return self.target
        return Target(max_ratio=self.max_ratio, max_ms=self.max_ms)


@dataclass(frozen=True)
class Samples:
    """Timed runs of one step, in milliseconds."""

    ms: tuple[float, ...]

    @property
    def p50(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return percentile(list(self.ms), 0.95)


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
    target: Target
    on_screen: bool = False
    # A smoke run checks that the figure can be measured; its tiny sizes are not judged.
    judged: bool = True
    missed: tuple[str, ...] = field(default=())

    @property
    def passed(self) -> bool:
        return not self.judged or not self.missed

    @property
    def frames(self) -> float:
        """The p95 in 60 Hz frames."""
        return self.p95_ms / FRAME_MS


@dataclass(frozen=True)
class Failure:
    """A benchmark that could not be measured (its setup or a step raised)."""

    name: str
    error: str

    passed = False


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def _timed(step: Step) -> float:
    start = time.perf_counter()
    own = step()
    return own if own is not None else (time.perf_counter() - start) * 1000


def measure(step: Step, runs: int, warmup: int = 0, beside: Step | None = None) -> list[Samples]:
    """Time ``step`` (and ``beside`` interleaved with it, if given) ``runs`` times each."""
    steps = [step] if beside is None else [step, beside]
    for _ in range(warmup):
        for each in steps:
            each()
    timed: list[list[float]] = [[] for _ in steps]
    for _ in range(runs):
        for each, into in zip(steps, timed, strict=True):
            into.append(_timed(each))
    return [Samples(tuple(ms)) for ms in timed]


@contextmanager
def _smoke(on: bool) -> Iterator[None]:
    token = _SMOKE.set(on)
    try:
        yield
    finally:
        _SMOKE.reset(token)


def run(benchmark: Benchmark, runs: int, warmup: int = 5, *, smoke: bool = False) -> Result:
    """Measure one figure beside its baseline and judge it (a smoke run is not judged)."""
    if benchmark.runs is not None:
        runs, warmup = min(runs, benchmark.runs), min(warmup, 1)
    with _smoke(smoke), benchmark.setup() as (measured_step, baseline_step):
        measured, baseline = measure(measured_step, runs, warmup, beside=baseline_step)
    ratio = measured.p95 / baseline.p95 if baseline.p95 > 0 else float("inf")
    return Result(
        name=benchmark.name,
        what=benchmark.what,
        baseline_what=benchmark.baseline_what,
        runs=runs,
        p50_ms=measured.p50,
        p95_ms=measured.p95,
        baseline_p50_ms=baseline.p50,
        baseline_p95_ms=baseline.p95,
        ratio_p95=ratio,
        target=benchmark.goal,
        on_screen=benchmark.on_screen or benchmark.goal.max_ms is not None,
        judged=not smoke,
        missed=benchmark.goal.misses(measured.p95, ratio),
    )


def _limit(value: float | None, unit: str = "") -> str:
    return "" if value is None else f"{value:.1f}".removesuffix(".0") + unit


def _aim(ratio: float | None) -> str:
    return "" if ratio is None else f"(aim {_limit(ratio, 'x')})"


def table(results: list[Result]) -> Iterator[str]:
    """One line a figure: p50/p95, the baseline's, the ratio, frames, the target, verdict."""
    width = max([36, *(len(r.name) for r in results)])
    header = (
        f"{'benchmark':<{width}} {'p50 ms':>8} {'p95 ms':>8} {'base p50':>9} {'base p95':>9}"
        f" {'ratio':>6} {'frames':>6}  {'target':<18} ok"
    )
    yield header
    yield "-" * len(header)
    for r in results:
        frames = f"{r.frames:.2f}" if r.on_screen else ""
        limits = " ".join(
            part
            for part in (
                _limit(r.target.max_ratio, "x"),
                _limit(r.target.max_ms, "ms"),
                _aim(r.target.aim_ratio),
            )
            if part
        )
        verdict = "smoke" if not r.judged else ("yes" if r.passed else "NO")
        yield (
            f"{r.name:<{width}} {r.p50_ms:>8.2f} {r.p95_ms:>8.2f} {r.baseline_p50_ms:>9.2f}"
            f" {r.baseline_p95_ms:>9.2f} {r.ratio_p95:>6.2f} {frames:>6}  {limits:<18} {verdict}"
        )


def save(results: list[Result], path: Path, failures: tuple[Failure, ...] = ()) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "frame_ms": FRAME_MS,
        "results": [
            {**asdict(r), "missed": list(r.missed), "frames": r.frames, "passed": r.passed}
            for r in results
        ],
        "failures": [asdict(f) for f in failures],
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
