"""A large plan (500 units, three cycles, 1,500 workshops) read one workshop at a time.

The issue's target: in such a plan, ``info --json --workshop ID`` and building the workshop's
view each take within 2x of the same in the one-company demo plan (``okrdesk demo``), which is
the same-run baseline. ``python -m benchmarks.large_plan`` also prints the SQL statements each
read runs, and the whole-plan ``info --json`` beside the demo's.

The plan is written with the engine's models in one transaction (writing 1,500 workshops
through one operation each would take minutes and measure nothing read here); every workshop
has what a signed department workshop has: participants, cards grouped under objectives with
key results, aligned to the company's objective of its cycle, its phases' times and the
approval.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, event, insert, select

from benchmarks.core import Benchmark, Step, sized
from okrdesk.cli import main as cli_main
from okrdesk.demo import write_demo
from okrdesk.engine.snapshot import workshop_snapshot
from okrdesk.models import (
    Alignment,
    Commitment,
    Cycle,
    Decision,
    Idea,
    KeyResult,
    KeyResultKind,
    Objective,
    OrgUnit,
    Participant,
    Phase,
    PhaseVisit,
    SignOff,
    UnitLevel,
    Workshop,
)
from okrdesk.models.base import Base
from okrdesk.models.planfile import PlanFile

UNITS = 500
CYCLES = 3
FROZEN = datetime(2027, 2, 1, 9, 0, tzinfo=UTC)


def frozen_clock() -> datetime:
    return FROZEN


def write_large_plan(path: Path, units: int | None = None) -> int:
    """Write the plan; returns the id of a department workshop in the last cycle."""
    count = sized(UNITS, 12) if units is None else units
    rows: dict[type[Base], list[dict[str, object]]] = {}

    def add(entity: type[Base], **values: object) -> int:
        table = rows.setdefault(entity, [])
        table.append({"id": len(table) + 1, **values})
        return len(table)

    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    company = add(OrgUnit, name="Large Co", level=UnitLevel.COMPANY, parent_id=None, position=0)
    units_ids = [company] + [
        add(OrgUnit, name=f"部门 {n}", level=UnitLevel.DEPARTMENT, parent_id=company, position=n)
        for n in range(count - 1)
    ]
    chosen = 0
    for n in range(CYCLES):
        cycle = add(
            Cycle,
            name=f"2027-Q{n + 1}",
            starts_on=date(2027, 1 + 3 * n, 1),
            ends_on=date(2027, 3 + 3 * n, 28),
        )
        parent_kr: int | None = None
        for unit in units_ids:
            chosen, first_kr = _workshop(add, unit, cycle, start, parent_kr)
            parent_kr = parent_kr or first_kr
    with PlanFile.create(path, "Large Co") as plan, plan.transaction() as session:
        # Parents before the rows that refer to them.
        order: tuple[type[Base], ...] = (
            OrgUnit,
            Cycle,
            Workshop,
            Participant,
            Objective,
            KeyResult,
            Alignment,
            Idea,
            PhaseVisit,
            SignOff,
        )
        for entity in order:
            session.execute(insert(entity), rows.get(entity, []))
    return chosen


def _workshop(
    add: Callable[..., int], unit: int, cycle: int, start: datetime, parent_kr: int | None
) -> tuple[int, int]:
    """One signed department workshop; returns its id and its first key result's."""
    workshop = add(
        Workshop,
        title=f"部门 {unit} 周期 {cycle} OKR 研讨会",
        unit_id=unit,
        cycle_id=cycle,
        phase=Phase.EXPORT,
        facilitator="王芳",
        anonymous=False,
        created_at=start,
        dot_budget=5,
        dot_cap=3,
        selection_size=3,
        locked=True,
        imported_from=None,
    )
    people = [
        add(Participant, workshop_id=workshop, name=name, position=n)
        for n, name in enumerate(("王芳", "李雷", "韩梅梅", "张伟", "陈静", "刘洋"))
    ]
    first_kr = 0
    objectives = []
    for n in range(4):
        objective = add(
            Objective,
            workshop_id=workshop,
            title=f"目标 {n}：提升客户满意度",
            position=n,
            selected=n < 3,
        )
        objectives.append(objective)
        for k in range(2):
            kr = add(
                KeyResult,
                objective_id=objective,
                title=f"关键结果 {n}.{k}：NPS 从 30 提升到 45",
                kind=KeyResultKind.METRIC,
                start_value=Decimal(30),
                target_value=Decimal(45),
                unit="分",
                deadline=date(2027, 3, 31),
                owner="李雷",
                commitment=Commitment.COMMITTED,
                position=k,
            )
            first_kr = first_kr or kr
        if parent_kr is not None and n < 3:
            add(
                Alignment,
                objective_id=objective,
                parent_objective_id=None,
                parent_key_result_id=parent_kr,
            )
    for n in range(8):
        add(
            Idea,
            workshop_id=workshop,
            text=f"想法 {n}：缩短交付周期",
            author_id=people[n % len(people)],
            objective_id=objectives[n % len(objectives)],
            merged_into_id=None,
            position=n,
            created_at=start,
        )
    at = start
    for phase in (Phase.SETUP, Phase.BRAINSTORM, Phase.GROUP, Phase.SELECT, Phase.SIGNOFF):
        add(
            PhaseVisit,
            workshop_id=workshop,
            phase=phase,
            started_at=at,
            ended_at=at + timedelta(minutes=20),
        )
        at += timedelta(minutes=20)
    add(PhaseVisit, workshop_id=workshop, phase=Phase.EXPORT, started_at=at, ended_at=None)
    add(
        SignOff,
        workshop_id=workshop,
        round=1,
        decision=Decision.APPROVE,
        signer="CEO",
        comment=None,
        decided_at=at,
        signature=None,
    )
    return workshop, first_kr


def demo_plan(path: Path) -> int:
    """The one-company demo (signed), and its workshop's id."""
    write_demo(path, "signed", "zh_CN")
    with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
        workshop = session.scalar(select(Workshop.id).order_by(Workshop.id).limit(1))
    assert workshop is not None
    return workshop


def info_json(path: Path, *extra: str) -> Step:
    """`okrdesk info --json [--workshop ID]` through the CLI's own entry (output discarded)."""

    def step() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            code = cli_main(["info", str(path), "--json", *extra], clock=frozen_clock)
        if code != 0:
            raise RuntimeError(f"okrdesk info failed with {code}")

    return step


def view_build(path: Path, workshop_id: int) -> tuple[Step, Callable[[], None]]:
    """Building one workshop's view on an open plan (as the window does when switching)."""
    plan = PlanFile.open(path, read_only=True)

    def step() -> None:
        with plan.reader() as session:
            workshop_snapshot(session, workshop_id, FROZEN)

    return step, plan.close


@contextmanager
def _plans() -> Iterator[tuple[Path, int, Path, int]]:
    with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
        large = Path(folder) / "large.okrdesk"
        demo = Path(folder) / "demo.okrdesk"
        workshop = write_large_plan(large)
        yield large, workshop, demo, demo_plan(demo)


@contextmanager
def _info_setup() -> Iterator[tuple[Step, Step]]:
    with _plans() as (large, workshop, demo, demo_workshop):
        yield (
            info_json(large, "--workshop", str(workshop)),
            info_json(demo, "--workshop", str(demo_workshop)),
        )


@contextmanager
def _open_setup() -> Iterator[tuple[Step, Step]]:
    """The 1,500-workshop plan opened to a painted window (its page shown), against a bare
    PySide6 window's first frame: whole processes, as a facilitator waits for them."""
    from benchmarks.startup import BARE_WINDOW, until_reported

    with _plans() as (large, _workshop, _demo, _demo_workshop):
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OKRDESK_DATA_DIR": str(large.parent)}
        okrdesk = [sys.executable, "-m", "okrdesk", "--lang", "zh_CN", str(large)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        ready = {**env, "OKRDESK_STARTUP_PROBE": "ready"}
        first = {**env, "OKRDESK_STARTUP_PROBE": "first-frame"}
        yield (
            lambda: until_reported(okrdesk, ready, "ready"),
            lambda: until_reported(bare, first),
        )


@contextmanager
def _view_setup() -> Iterator[tuple[Step, Step]]:
    with _plans() as (large, workshop, demo, demo_workshop):
        measured, close_large = view_build(large, workshop)
        baseline, close_demo = view_build(demo, demo_workshop)
        try:
            yield measured, baseline
        finally:
            close_large()
            close_demo()


BENCHMARKS = [
    Benchmark(
        name="large_plan.info_json_workshop",
        what="okrdesk info --json --workshop ID, 500 units × 3 cycles (1,500 workshops)",
        baseline_what="the same in the one-company demo plan",
        setup=_info_setup,
        max_ratio=2.0,
        runs=15,
    ),
    Benchmark(
        name="large_plan.workshop_view",
        what="one workshop's view built on the open 1,500-workshop plan",
        baseline_what="the same in the one-company demo plan",
        setup=_view_setup,
        max_ratio=2.0,
        runs=30,
    ),
    Benchmark(
        name="large_plan.open_to_painted_window",
        what="python -m okrdesk PLAN, 500 units × 3 cycles: process start to its workshop's"
        " page painted",
        baseline_what="python -c: a bare PySide6 window to its first painted frame",
        setup=_open_setup,
        max_ratio=10.0,
        runs=7,
    ),
]


@contextmanager
def counting_statements() -> Iterator[list[str]]:
    """Every SQL statement run inside the block (on any engine)."""
    seen: list[str] = []

    def count(*args: object) -> None:
        seen.append(str(args[2]))

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def _report() -> None:
    """Time and count each read once (beside the demo), for the issue's figures."""
    with _plans() as (large, workshop, demo, demo_workshop):
        rows = [
            (
                "info --json --workshop",
                info_json(large, "--workshop", str(workshop)),
                info_json(demo, "--workshop", str(demo_workshop)),
            ),
            ("info --json (whole plan)", info_json(large), info_json(demo)),
        ]
        for label, measured, baseline in rows:
            for name, step in (("large", measured), ("demo", baseline)):
                step()  # warm
                with counting_statements() as seen:
                    began = time.perf_counter()
                    step()
                    took = (time.perf_counter() - began) * 1000
                print(f"{label:28} {name:5} {took:9.1f} ms {len(seen):6} statements")
        for name, path, wid in (("large", large, workshop), ("demo", demo, demo_workshop)):
            step, close = view_build(path, wid)
            step()
            with counting_statements() as seen:
                began = time.perf_counter()
                step()
                took = (time.perf_counter() - began) * 1000
            close()
            print(f"{'workshop view':28} {name:5} {took:9.1f} ms {len(seen):6} statements")


if __name__ == "__main__":
    _report()
    sys.exit(0)
