"""Engine operation latency: one operation including its commit, on a 1,000-card plan."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing, contextmanager
from datetime import date
from itertools import count
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from benchmarks.core import Benchmark, Step, sized
from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.models import Idea, Objective, Participant, Phase
from okrdesk.models.planfile import PlanFile

IDEAS = 1000
PARTICIPANTS = 50
OBJECTIVES = 40


def write_big_plan(path: Path, ideas: int | None = None) -> None:
    """A plan with one workshop of 1,000 cards (a smoke run: 120), 50 participants and 40
    groups, voting open."""
    cards = sized(IDEAS, 120) if ideas is None else ideas
    with PlanFile.create(path, "Bench Co") as plan:
        editor = PlanEditor(plan)
        with editor.batch("op.generic"):
            cycle = editor.apply(
                ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
            ).result
            unit = editor.apply(ops.CreateUnit("Bench Co")).result
            workshop = editor.apply(ops.CreateWorkshop(unit, cycle, "Big room")).result
            for n in range(PARTICIPANTS):
                editor.apply(ops.AddParticipant(workshop, f"参与者 {n}"))
            editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
            ids = [
                editor.apply(ops.AddIdea(workshop, f"想法 {n}：提升转化率 {n % 30}%")).result
                for n in range(cards)
            ]
            editor.apply(ops.ChangePhase(workshop, Phase.GROUP))
            for n in range(OBJECTIVES):
                editor.apply(ops.MakeObjectiveFromIdea(ids[n]))
            editor.apply(ops.ChangePhase(workshop, Phase.VOTE))
            editor.apply(ops.OpenVoting(workshop))
            editor.apply(ops.UpdateWorkshopSettings(workshop, dot_budget=20, dot_cap=20))


@contextmanager
def _big_plan() -> Iterator[tuple[PlanEditor, int, list[int], list[int], list[int], Path]]:
    with tempfile.TemporaryDirectory(prefix="okrdesk-bench-") as folder:
        path = Path(folder) / "big.okrdesk"
        write_big_plan(path)
        plan = PlanFile.open(path)
        editor = PlanEditor(plan)
        with plan.reader() as session:
            people, ideas, objectives = big_plan_ids(session)
        try:
            yield editor, 1, people, ideas, objectives, path
        finally:
            plan.close()


def big_plan_ids(session: Session) -> tuple[list[int], list[int], list[int]]:
    """Participants, cards and objectives of the big plan's workshop, in order."""
    people = list(session.scalars(select(Participant.id).order_by(Participant.id)))
    ideas = list(session.scalars(select(Idea.id).order_by(Idea.id)))
    objectives = list(session.scalars(select(Objective.id).order_by(Objective.id)))
    return people, ideas, objectives


def _bare_commit(path: Path) -> tuple[Step, sqlite3.Connection]:
    """The baseline: one row inserted and committed by raw sqlite3, same file, same durability."""
    connection = sqlite3.connect(path.with_name("baseline.sqlite"), isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE IF NOT EXISTS card (id INTEGER PRIMARY KEY, text TEXT)")

    def step() -> None:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO card (text) VALUES ('想法')")
        connection.execute("COMMIT")

    return step, connection


def _setup(kind: str) -> Callable[[], AbstractContextManager[tuple[Step, Step]]]:
    @contextmanager
    def setup() -> Iterator[tuple[Step, Step]]:
        with _big_plan() as (editor, workshop, people, ideas, objectives, path):
            baseline, connection = _bare_commit(path)
            numbers = count()

            def add_idea() -> None:
                editor.apply(ops.AddIdea(workshop, f"新想法 {next(numbers)}"))

            def move_idea() -> None:
                n = next(numbers)
                target = objectives[n % len(objectives)]
                loose = ideas[OBJECTIVES + n % (len(ideas) - OBJECTIVES)]
                editor.apply(ops.MoveIdea(loose, target, index=0))

            def cast_dot() -> None:
                n = next(numbers)
                editor.apply(
                    ops.CastDot(workshop, people[n % PARTICIPANTS], objectives[n % OBJECTIVES])
                )

            def add_and_undo() -> None:
                change = editor.apply(ops.AddIdea(workshop, "撤销我"))
                editor.revert(change)

            steps = {
                "add": add_idea,
                "move": move_idea,
                "dot": cast_dot,
                "undo": add_and_undo,
            }
            with closing(connection):
                yield steps[kind], baseline

    return setup


BASELINE = "raw sqlite3 INSERT + COMMIT (WAL, synchronous=FULL), same disk"
BENCHMARKS = [
    Benchmark("engine: add idea", "AddIdea + commit, 1,000 cards", BASELINE, _setup("add"), 8.0),
    Benchmark("engine: move idea", "MoveIdea to index 0 + commit", BASELINE, _setup("move"), 8.0),
    # A dot is checked against phase, round, ballot, budget and cap: five reads first.
    Benchmark("engine: cast dot", "CastDot + commit, 50 voters", BASELINE, _setup("dot"), 12.0),
    Benchmark(
        "engine: add + undo", "AddIdea then revert, 2 commits", BASELINE, _setup("undo"), 16.0
    ),
]
