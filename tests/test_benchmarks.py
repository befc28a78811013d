"""The benchmark harness: figures judged against their targets, the exit status, the smoke.

The figures themselves are judged by running ``python -m benchmarks``, not here; this runs
the smoke CI runs (tiny sizes, a few runs) and checks the harness's verdicts.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from benchmarks.__main__ import main, measure_all, registered, report
from benchmarks.core import (
    FRAME_MS,
    Benchmark,
    Target,
    measure,
    percentile,
    run,
    save,
    sized,
    table,
)


def _steps(measured_ms: float, baseline_ms: float):
    """A setup whose steps report fixed durations, so verdicts do not depend on the clock."""

    @contextmanager
    def setup() -> Iterator[tuple]:
        yield (lambda: measured_ms), (lambda: baseline_ms)

    return setup


def _figure(name: str, measured_ms: float, baseline_ms: float, **target) -> Benchmark:
    return Benchmark(name, "measured", "baseline", _steps(measured_ms, baseline_ms), **target)


def test_a_figure_within_its_ratio_and_frame_passes():
    result = run(_figure("fast", 8.0, 4.0, max_ratio=3.0, max_ms=FRAME_MS), runs=5, warmup=0)
    assert (result.p95_ms, result.baseline_p95_ms, result.ratio_p95) == (8.0, 4.0, 2.0)
    assert result.passed and result.missed == ()
    assert result.frames == pytest.approx(8.0 / FRAME_MS)


def test_a_figure_past_its_ratio_or_its_milliseconds_fails_and_says_which():
    too_slow = run(_figure("slow", 20.0, 4.0, max_ratio=3.0, max_ms=16.0), runs=5, warmup=0)
    assert not too_slow.passed
    assert too_slow.missed == ("ratio 5.00 > 3", "p95 20.0 ms > 16 ms")
    within_ratio_only = run(
        _figure("frame", 20.0, 10.0, target=Target(max_ratio=3.0, max_ms=16.0)), runs=3
    )
    assert within_ratio_only.missed == ("p95 20.0 ms > 16 ms",)


def test_an_aim_is_shown_but_never_fails_a_figure():
    result = run(_figure("aim", 18.0, 10.0, target=Target(max_ratio=2.0, aim_ratio=1.5)), runs=3)
    assert result.passed
    assert "(aim 1.5x)" in list(table([result]))[2]


def test_a_benchmark_needs_one_target_given_one_way():
    with pytest.raises(ValueError, match="needs a target"):
        _figure("none", 1.0, 1.0)
    with pytest.raises(ValueError, match="not both"):
        _figure("both", 1.0, 1.0, max_ratio=2.0, target=Target(max_ratio=2.0))


def test_the_run_exits_non_zero_when_a_figure_misses_or_breaks(capsys):
    passing = _figure("passing", 5.0, 5.0, max_ratio=2.0)
    missing = _figure("missing", 50.0, 5.0, max_ratio=2.0)

    @contextmanager
    def broken() -> Iterator[tuple]:
        raise RuntimeError("no plan")
        yield

    breaking = Benchmark("breaking", "measured", "baseline", broken, max_ratio=2.0)
    assert report(*measure_all([passing], 3, smoke=False)) == 0
    assert report(*measure_all([passing, missing], 3, smoke=False)) == 1
    results, failures = measure_all([breaking, passing], 3, smoke=False)
    assert [r.name for r in results] == ["passing"]  # the others still run
    assert [f.name for f in failures] == ["breaking"]
    assert report(results, failures) == 1
    out = capsys.readouterr().out
    assert "MISSED: ratio 10.00 > 2" in out and "breaking: FAILED TO RUN: RuntimeError" in out


def test_a_smoke_run_judges_no_target_but_fails_on_a_broken_figure():
    missing = _figure("missing", 50.0, 5.0, max_ratio=2.0)
    results, failures = measure_all([missing], 3, smoke=True)
    assert not results[0].judged and results[0].passed
    assert "smoke" in list(table(results))[2]
    assert report(results, failures) == 0


def test_sizes_shrink_only_in_a_smoke_run():
    seen = []

    @contextmanager
    def setup() -> Iterator[tuple]:
        seen.append(sized(1000, 10))
        yield (lambda: 1.0), (lambda: 1.0)

    figure = Benchmark("sized", "m", "b", setup, max_ratio=2.0)
    run(figure, runs=1, smoke=True)
    run(figure, runs=1, smoke=False)
    assert seen == [10, 1000]
    assert sized(1000, 10) == 1000  # outside a run: the full size


def test_measure_interleaves_the_baseline_and_reports_percentiles():
    order = []
    measured, baseline = measure(
        lambda: order.append("m") or 2.0, 4, warmup=1, beside=lambda: order.append("b") or 1.0
    )
    assert order == ["m", "b"] * 5
    assert (measured.p50, measured.p95, baseline.p95) == (2.0, 2.0, 1.0)


def test_percentile_picks_from_the_sorted_samples():
    samples = [float(n) for n in range(1, 101)]
    assert percentile(samples, 0.95) == 95.0
    assert percentile(samples, 0.5) == 51.0  # index round(49.5) == 50


def test_every_registered_figure_has_a_unique_name_and_a_target():
    figures = registered()
    assert len({b.name for b in figures}) == len(figures)
    assert {
        "engine: add idea",
        "export: Chinese handout PDF",
        "room: 200 phones at once, a write acknowledged",
        "cascade: the board refreshed, big cycle",
    } <= {b.name for b in figures}
    assert all(b.goal.max_ratio is not None or b.goal.max_ms is not None for b in figures)


@pytest.mark.slow  # about 80 s: every figure runs, windows, processes and phones (.ci/run)
def test_the_smoke_runs_every_registered_figure_and_saves_the_results(tmp_path, capsys):
    out = tmp_path / "smoke.json"
    assert main(["--smoke", "--json", str(out)]) == 0
    saved = json.loads(out.read_text())
    assert [r["name"] for r in saved["results"]] == [b.name for b in registered()]
    assert saved["failures"] == []
    for result in saved["results"]:
        assert result["p50_ms"] > 0 and result["baseline_p50_ms"] > 0
        assert result["judged"] is False and result["passed"] is True
    assert "smoke" in capsys.readouterr().out


def test_save_writes_each_verdict_and_its_target(tmp_path):
    result = run(_figure("saved", 20.0, 4.0, max_ratio=3.0), runs=3)
    save([result], tmp_path / "out.json")
    saved = json.loads((tmp_path / "out.json").read_text())["results"][0]
    assert saved["passed"] is False and saved["missed"] == ["ratio 5.00 > 3"]
    assert saved["target"] == {"max_ratio": 3.0, "max_ms": None, "aim_ratio": None}


@pytest.fixture(scope="module")
def room_plan(tmp_path_factory):
    """The load benchmark's plan at five participants (the phones' room)."""
    from benchmarks.room_load import write_room_plan

    folder = tmp_path_factory.mktemp("room-load")
    path = folder / "plan.okrdesk"
    workshop, people = write_room_plan(path, 5)
    return path, workshop, people


def test_five_phones_are_acknowledged_and_every_write_is_in_the_file_once(room_plan, tmp_path):
    from benchmarks.room_load import DOTS, IDEAS, room_run

    path, workshop, people = room_plan
    done = room_run(path, workshop, people, tmp_path)
    assert len(done.ms) == 5 * (IDEAS + DOTS) and all(ms > 0 for ms in done.ms)
    assert done.retries == 2  # the first phone (every tenth) sent an idea and a dot twice
    assert (done.lost, done.duplicated) == (0, 0)
    assert done.reads > 0  # the phones read their pages as room.js does


def test_the_read_back_counts_a_lost_and_a_duplicated_write(room_plan, tmp_path):
    import sqlite3

    from benchmarks.room_load import read_back

    path, workshop, people = room_plan
    copy = tmp_path / "plan.okrdesk"
    copy.write_bytes(path.read_bytes())
    with sqlite3.connect(copy) as db:
        db.execute(
            "INSERT INTO idea (workshop_id, text, author_id, position, created_at)"
            " VALUES (?, 'kept', ?, 0, '2027-01-05 09:00:00')",
            (workshop, people[0]),
        )
        kept = db.execute("SELECT max(id) FROM idea").fetchone()[0]
    told = {"kind": "idea", "phone": people[0], "answer": kept, "target": None}
    never_written = {**told, "answer": kept + 1}
    assert read_back(copy, [told], people) == (0, 0)
    assert read_back(copy, [told, never_written], people) == (1, 0)
    assert read_back(copy, [], people) == (0, 1)
