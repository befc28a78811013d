"""The organisation store under load (issue 16), on a loopback PostgreSQL.

*Publishing at once*: 20 processes, each the laptops of 3 departments, publish their plans
(each department's workshops of 4 cycles: 60 units x 4 cycles), then change an objective
and a key result in each and publish again, twice; all processes start together. Every
publish (one department's plan, one transaction) is timed where it is made; a run's figure
is the p95 of its publishes. After each run the store is read back: a workshop whose store
version is not the number of its changed publishes, or whose objectives do not read as its
plan's last publish, is a *lost update*; a retry after a deadlock (40P01) is counted. Either
above zero fails the figure, smoke or not. Baseline: the same publishes, one at a time, in
one process (what concurrency adds).

*Reading the organisation*: the cascade board and the alignment tree of a cycle with 500
units (company, departments, teams; 3 objectives of 3 key results each, aligned up), read
as the command line does (a checked transaction). Baseline: the checked transaction alone.

The server is the one OKRDESK_TEST_PG_URL names, else a throwaway cluster
(tests/pg_cluster.py). Worker processes: ``python -m benchmarks.store_load URL PLAN...``.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from benchmarks.core import Benchmark, Step, Target, percentile, sized
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import KeyResult, Objective, Workshop
from okrdesk.models.planfile import PlanFile
from okrdesk.store import deliver as deliver_module
from okrdesk.store.connect import StoreAddress, store_engine
from okrdesk.store.deliver import deliver
from okrdesk.store.publish import in_transaction, publish
from okrdesk.store.schema import (
    StoreAlignment,
    StoreCycle,
    StoreKeyResult,
    StoreObjective,
    StorePlan,
    StoreSignOff,
    StoreUnit,
    StoreWorkshop,
    UnitCycleOwner,
)
from okrdesk.store.version import init_store
from okrdesk.store.views import store_board, store_tree
from tests.pg_cluster import fresh_database, running_cluster

PROCESSES = 20
PLANS_EACH = 3  # 60 departments
CYCLES = 4
ROUNDS = 3  # the first publish, then two more after a change
VIEW_UNITS = 500
NEW_UUID = (
    "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4'"
    " || substr(lower(hex(randomblob(2))), 2) || '-'"
    " || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2)"
    " || '-' || lower(hex(randomblob(6)))"
)
IDENTIFIED = ("plan_info", "org_unit", "workshop", "objective", "key_result")


def write_department(path: Path, cycles: int) -> None:
    """A department's plan: its workshops of ``cycles`` quarters, 4 objectives of 3 KRs."""
    with PlanFile.create(path, "Northstar") as plan:
        editor = PlanEditor(plan)

        def do(operation: Any) -> Any:
            return editor.apply(operation).result

        company = do(ops.CreateUnit("Northstar"))
        department = do(ops.CreateUnit("Department", company))
        for quarter in range(cycles):
            start = date(2027, 1, 1) + timedelta(days=91 * quarter)
            cycle = do(ops.CreateCycle(f"2027-C{quarter + 1}", start, start + timedelta(days=90)))
            workshop = do(ops.CreateWorkshop(department, cycle, f"Department {quarter + 1}"))
            for number in range(4):
                objective = do(ops.CreateObjective(workshop, f"Objective {number + 1}"))
                for kr in range(3):
                    fields = ops.KeyResultFields(f"Key result {kr + 1}", start=0, target=100)
                    do(ops.AddKeyResult(objective, fields))


def copy_department(template: Path, target: Path, name: str) -> None:
    """Another department's laptop: the template with a name and identities of its own."""
    shutil.copyfile(template, target)
    db = sqlite3.connect(target)
    try:
        for table in IDENTIFIED:
            db.execute(f"UPDATE {table} SET uuid = {NEW_UUID}")
        db.execute("UPDATE org_unit SET name = ? WHERE parent_id IS NOT NULL", (name,))
        db.commit()
    finally:
        db.close()  # the last connection: its log is checkpointed and removed


def worker(url: str, plans: list[Path], rounds: int) -> dict[str, Any]:
    """One process: publish each plan, then change it and publish again; the times."""
    address = StoreAddress.parse(url)
    # What the app has loaded long before it publishes: the driver, the keyring's backend.
    engine = store_engine(address)  # kept, as the window keeps one on its store
    engine.connect().close()
    print("ready", flush=True)
    sys.stdin.readline()  # everyone starts together
    times: list[float] = []
    cpu: list[float] = []  # the process's own time in each publish (the rest is waiting)
    in_store: list[float] = []  # the store's transactions alone (no reading or writing the plan)
    retried: list[str] = []

    def timed_publish(*args: Any) -> Any:
        began = time.perf_counter()
        try:
            return publish(*args)
        finally:
            in_store.append((time.perf_counter() - began) * 1000)

    setattr(deliver_module, "publish", timed_publish)  # noqa: B010 - time the store alone
    for round_number in range(rounds):
        for path in plans:
            with PlanFile.open(path) as plan:
                editor = PlanEditor(plan)
                if round_number:
                    with plan.reader() as session:
                        objective = session.scalars(select(Objective).order_by(Objective.id))
                        first = objective.first()
                        kr = session.scalars(select(KeyResult).order_by(KeyResult.id)).first()
                        assert first is not None and kr is not None
                        ids = first.id, kr.id
                    editor.apply(ops.RenameObjective(ids[0], f"Objective, round {round_number}"))
                    fields = ops.KeyResultFields(f"Round {round_number}", start=0, target=100)
                    editor.apply(ops.EditKeyResult(ids[1], fields))
                began, began_cpu = time.perf_counter(), time.process_time()
                done = deliver(editor, address, path.name, engine)
                times.append((time.perf_counter() - began) * 1000)
                cpu.append((time.process_time() - began_cpu) * 1000)
                if done.published is None:
                    raise RuntimeError(f"store unreachable: {done.queued_because}")
                retried += done.published.retried
    engine.dispose()
    return {"times": times, "cpu": cpu, "in_store": in_store, "retried": retried}


def read_back(url: str, plans: list[Path], rounds: int) -> int:
    """Lost updates: workshops whose store version or first objective's title is not what
    their plan's last publish sent."""
    engine = create_engine(StoreAddress.parse(url).url)
    lost = 0
    with Session(engine) as session:
        versions = dict(session.execute(select(StoreWorkshop.uuid, StoreWorkshop.version)).all())
        titles = {
            (str(w), title)
            for w, title in session.execute(
                select(StoreObjective.workshop_uuid, StoreObjective.title)
            ).all()
        }
    engine.dispose()
    expected_title = f"Objective, round {rounds - 1}" if rounds > 1 else "Objective 1"
    for path in plans:
        with PlanFile.open(path, read_only=True) as plan, plan.reader() as session:
            first = session.scalars(select(Objective).order_by(Objective.id)).first()
            assert first is not None
            for workshop_id, workshop_uuid in session.execute(
                select(Workshop.id, Workshop.uuid)
            ).all():
                changed = rounds if workshop_id == first.workshop_id else 1
                if versions.get(workshop_uuid) != changed:
                    lost += 1
            if (first.workshop.uuid, expected_title) not in titles:
                lost += 1
    return lost


@contextmanager
def _server() -> Iterator[str]:
    with running_cluster() as admin:
        yield admin


def _new_store(admin: str) -> str:
    url = fresh_database(admin, "okrdesk_bench")
    engine = create_engine(StoreAddress.parse(url).url)
    init_store(engine, url)
    engine.dispose()
    return url


def _publish_load() -> Any:
    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        processes, each = sized(PROCESSES, 2), sized(PLANS_EACH, 1)
        cycles, rounds = sized(CYCLES, 1), sized(ROUNDS, 2)
        with _server() as admin, tempfile.TemporaryDirectory(prefix="okrdesk-store-") as tmp:
            folder = Path(tmp)
            template = folder / "template.okrdesk"
            write_department(template, cycles)

            def plans(run: str) -> list[list[Path]]:
                made = []
                for process in range(processes):
                    mine = []
                    for number in range(each):
                        name = f"Department {process * each + number + 1:02d}"
                        path = folder / f"{run}-{process:02d}-{number}.okrdesk"
                        copy_department(template, path, name)
                        mine.append(path)
                    made.append(mine)
                return made

            counter = [0]

            def measured() -> float:
                counter[0] += 1
                url, groups = _new_store(admin), plans(f"at-once-{counter[0]}")
                children = [
                    subprocess.Popen(
                        [sys.executable, "-m", "benchmarks.store_load", url, str(rounds)]
                        + [str(p) for p in group],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                    )
                    for group in groups
                ]
                for child in children:
                    assert child.stdout is not None and child.stdout.readline().strip() == "ready"
                for child in children:
                    assert child.stdin is not None
                    child.stdin.write("go\n")
                    child.stdin.flush()
                times: list[float] = []
                cpu: list[float] = []
                in_store: list[float] = []
                deadlocks = 0
                for child in children:
                    out, _err = child.communicate(timeout=600)
                    if child.returncode:
                        raise RuntimeError(f"a publishing process failed ({child.returncode})")
                    done = json.loads(out.strip().splitlines()[-1])
                    times += done["times"]
                    cpu += done["cpu"]
                    in_store += done["in_store"]
                    deadlocks += done["retried"].count("40P01")
                lost = read_back(url, [p for g in groups for p in g], rounds)
                p95 = percentile(times, 0.95)
                print(
                    f"store, {processes} processes: {len(times)} publishes, p50"
                    f" {percentile(times, 0.5):.0f} ms, p95 {p95:.0f} ms,"
                    f" lost {lost}, deadlocks {deadlocks}; the client's own time in a publish:"
                    f" p50 {percentile(cpu, 0.5):.0f} ms; the store's transactions alone: p50"
                    f" {percentile(in_store, 0.5):.0f} ms, p95 {percentile(in_store, 0.95):.0f} ms",
                    file=sys.stderr,
                    flush=True,
                )
                if lost or deadlocks:
                    raise RuntimeError(f"lost {lost} updates, {deadlocks} deadlocks")
                return p95

            def baseline() -> float:
                counter[0] += 1
                url, groups = _new_store(admin), plans(f"one-by-one-{counter[0]}")
                address = StoreAddress.parse(url)
                engine = store_engine(address)
                times = []
                for round_number in range(rounds):
                    for path in [p for g in groups for p in g]:
                        with PlanFile.open(path) as plan:
                            editor = PlanEditor(plan)
                            if round_number:
                                with plan.reader() as session:
                                    first = session.scalars(
                                        select(Objective).order_by(Objective.id)
                                    ).first()
                                    assert first is not None
                                    objective_id = first.id
                                title = f"Objective, round {round_number}"
                                editor.apply(ops.RenameObjective(objective_id, title))
                            began = time.perf_counter()
                            deliver(editor, address, path.name, engine)
                            times.append((time.perf_counter() - began) * 1000)
                engine.dispose()
                return percentile(times, 0.95)

            yield measured, baseline

    return setup


def fill_store(url: str, units: int) -> None:
    """A store whose cycle has ``units`` units (a company, departments of ten teams), each
    with an approved workshop of 3 objectives of 3 key results aligned to its parent's."""
    engine = create_engine(StoreAddress.parse(url).url)
    now = datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    plan = "00000000-0000-4000-8000-000000000000"

    def uid(kind: int, number: int, sub: int = 0) -> str:
        return f"{kind:08x}-{number:04x}-4000-8000-{sub:012x}"

    with engine.begin() as connection:
        connection.execute(
            insert(StorePlan).values(
                uuid=plan,
                organisation="Northstar",
                label="bench.okrdesk",
                first_published_at=now,
                last_published_at=now,
            )
        )
        cycle = connection.execute(
            insert(StoreCycle)
            .values(name="2027-Q1", starts_on=date(2027, 1, 1), ends_on=date(2027, 3, 31))
            .returning(StoreCycle.id)
        ).scalar_one()
        parents: dict[int, int | None] = {}
        rows = []
        for number in range(units):
            if number == 0:
                parent, level, path = None, "company", "Northstar"
            elif number <= (units - 1) // 11 + 1:
                parent, level, path = 0, "department", f"Northstar\x1fD{number}"
            else:
                department = 1 + (number % ((units - 1) // 11 + 1))
                parent, level, path = department, "team", f"Northstar\x1fD{department}\x1fT{number}"
            parents[number] = parent
            rows.append({"path": path, "name": path.split("\x1f")[-1], "level": level})
        ids = [
            connection.execute(
                insert(StoreUnit)
                .values(**row, parent_id=None, position=number)
                .returning(StoreUnit.id)
            ).scalar_one()
            for number, row in enumerate(rows)
        ]
        for number, parent in parents.items():
            if parent is not None:
                connection.execute(
                    update(StoreUnit)
                    .where(StoreUnit.id == ids[number])
                    .values(parent_id=ids[parent])
                )
        connection.execute(
            insert(UnitCycleOwner),
            [{"unit_id": i, "cycle_id": cycle, "plan_uuid": plan, "since": now} for i in ids],
        )
        workshops, objectives, key_results, aligned, signed = [], [], [], [], []
        for number, unit_id in enumerate(ids):
            workshop = uid(1, number)
            workshops.append(
                {
                    "uuid": workshop,
                    "plan_uuid": plan,
                    "unit_id": unit_id,
                    "cycle_id": cycle,
                    "title": f"Workshop {number}",
                    "phase": "export",
                    "locked": True,
                    "draft": False,
                    "facilitator": None,
                    "version": 1,
                    "published_at": now,
                }
            )
            signed.append(
                {
                    "workshop_uuid": workshop,
                    "round": 1,
                    "decision": "approve",
                    "signer": "CEO",
                    "decided_at": now,
                }
            )
            for o in range(3):
                objectives.append(
                    {
                        "uuid": uid(2, number, o),
                        "workshop_uuid": workshop,
                        "title": f"Objective {o} of unit {number}",
                        "position": o,
                        "selected": True,
                    }
                )
                parent = parents[number]
                if parent is not None:
                    aligned.append(
                        {
                            "objective_uuid": uid(2, number, o),
                            "parent_objective_uuid": None,
                            "parent_key_result_uuid": uid(3, parent, o * 3 + number % 3),
                        }
                    )
                for k in range(3):
                    key_results.append(
                        {
                            "uuid": uid(3, number, o * 3 + k),
                            "objective_uuid": uid(2, number, o),
                            "title": f"Key result {k} of objective {o}, unit {number}",
                            "kind": "metric",
                            "commitment": "committed",
                            "position": k,
                        }
                    )
        for table, values in (
            (StoreWorkshop, workshops),
            (StoreSignOff, signed),
            (StoreObjective, objectives),
            (StoreKeyResult, key_results),
            (StoreAlignment, aligned),
        ):
            connection.execute(insert(table), values)
    engine.dispose()


def _views(view: str) -> Any:
    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        with _server() as admin:
            url = _new_store(admin)
            fill_store(url, sized(VIEW_UNITS, 23))
            address = StoreAddress.parse(url)
            engine = store_engine(address)
            today = date(2027, 1, 12)

            def measured() -> None:
                def read(connection: Any) -> object:
                    session = Session(bind=connection)
                    if view == "board":
                        return store_board(session, "2027-Q1", today)
                    return store_tree(session, "2027-Q1")

                found, _retried = in_transaction(engine, address, read)
                assert found is not None

            def baseline() -> None:
                in_transaction(engine, address, lambda connection: None)

            try:
                yield measured, baseline
            finally:
                engine.dispose()

    return setup


WHAT_PUBLISH = (
    f"{PROCESSES} processes at once, {PLANS_EACH} department plans each ({PROCESSES * PLANS_EACH}"
    f" units x {CYCLES} cycles), {ROUNDS} publishes of each plan (the first, then after a"
    " change): a run's p95 of one department's publish; 0 lost updates, 0 deadlocks"
)
BENCHMARKS = [
    Benchmark(
        "store: 20 processes publish at once, one department's publish",
        WHAT_PUBLISH,
        "the same publishes one at a time in one process",
        _publish_load(),
        runs=1,
        target=Target(max_ms=1000.0),
    ),
    Benchmark(
        "store: the cascade board of 500 units",
        f"store board of a cycle with {VIEW_UNITS} units (3 objectives, 9 KRs each), checked",
        "the store's checked transaction alone",
        _views("board"),
        runs=50,
        target=Target(max_ms=100.0),
    ),
    Benchmark(
        "store: the alignment tree of 500 units",
        f"store tree of a cycle with {VIEW_UNITS} units (3 objectives, 9 KRs each), checked",
        "the store's checked transaction alone",
        _views("tree"),
        runs=50,
        target=Target(max_ms=100.0),
    ),
]


if __name__ == "__main__":
    done = worker(sys.argv[1], [Path(p) for p in sys.argv[3:]], int(sys.argv[2]))
    print(json.dumps(done))
