"""Random sequences of operations and undos never break the workshop's invariants."""

import sqlite3
from datetime import date
from functools import cache

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from okrdesk.engine import ops
from okrdesk.engine.editor import PlanEditor
from okrdesk.errors import OkrdeskError
from okrdesk.models import Phase
from okrdesk.models.planfile import PlanFile
from tests.conftest import StepClock, table_state

PEOPLE = 3
INDEX = st.integers(0, 30)
STEP = st.one_of(
    st.tuples(st.just("idea"), st.one_of(st.just(" "), st.text(min_size=1, max_size=12))),
    st.tuples(st.just("idea"), st.sampled_from(["获得更多线索", "Grow MRR 📈", "عربى"])),
    st.tuples(st.just("objective"), INDEX),
    st.tuples(st.just("objective"), INDEX),
    st.tuples(st.just("move"), INDEX, INDEX),
    st.tuples(st.just("merge_ideas"), INDEX, INDEX),
    st.tuples(st.just("merge_objectives"), INDEX, INDEX),
    st.tuples(st.just("delete_objective"), INDEX),
    st.tuples(st.just("kr"), INDEX),
    st.tuples(st.just("next_phase")),
    st.tuples(st.just("next_phase")),
    st.tuples(st.just("back_phase"), st.integers(1, 3)),
    st.tuples(st.just("open")),
    st.tuples(st.just("close")),
    st.tuples(st.just("dot"), st.integers(0, PEOPLE - 1), INDEX),
    st.tuples(st.just("dot"), st.integers(0, PEOPLE - 1), INDEX),
    st.tuples(st.just("dot"), st.integers(0, PEOPLE - 1), INDEX),
    st.tuples(st.just("withdraw"), st.integers(0, PEOPLE - 1), INDEX),
    st.tuples(st.just("settings"), st.integers(1, 4), st.integers(1, 3)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


@cache
def _empty_plan(folder):
    path = folder / "empty.okrdesk"
    PlanFile.create(path, "Co").close()
    return path.read_bytes()


def empty_plan(tmp_path_factory):
    # Not a fixture argument: hypothesis would print the whole file in a failure report.
    return _empty_plan(tmp_path_factory.getbasetemp())


def pick(items, index):
    return items[index % len(items)] if items else 999_999


def ids(path, table, where="1"):
    db = sqlite3.connect(path)
    try:
        return [row[0] for row in db.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY id")]
    finally:
        db.close()


def current_phase(path):
    db = sqlite3.connect(path)
    try:
        return Phase(db.execute("SELECT phase FROM workshop").fetchone()[0])
    finally:
        db.close()


def operation(step, workshop, path, people):
    kind, *args = step
    phases = list(Phase)
    idea_ids = ids(path, "idea", "merged_into_id IS NULL")
    objective_ids = ids(path, "objective")
    match kind:
        case "idea":
            return ops.AddIdea(workshop, args[0] or " ", pick(people, len(args[0])))
        case "objective":
            return ops.MakeObjectiveFromIdea(pick(idea_ids, args[0]))
        case "move":
            return ops.MoveIdea(
                pick(idea_ids, args[0]), pick(objective_ids, args[1]), index=args[1] % 3
            )
        case "merge_ideas":
            return ops.MergeIdeas(pick(idea_ids, args[0]), (pick(idea_ids, args[1]),))
        case "merge_objectives":
            return ops.MergeObjectives(
                pick(objective_ids, args[0]), (pick(objective_ids, args[1]),), confirm=True
            )
        case "delete_objective":
            return ops.DeleteObjective(pick(objective_ids, args[0]), confirm=True)
        case "kr":
            return ops.AddKeyResult(
                pick(objective_ids, args[0]), ops.KeyResultFields("KR 10", target=10)
            )
        case "next_phase":
            return ops.ChangePhase(workshop, phases[min(current_phase(path).order + 1, 6)])
        case "back_phase":
            return ops.ChangePhase(workshop, phases[max(current_phase(path).order - args[0], 0)])
        case "settings":
            return ops.UpdateWorkshopSettings(workshop, dot_budget=args[0], dot_cap=args[1])
        case "open":
            return ops.OpenVoting(workshop)
        case "close":
            return ops.CloseVoting(workshop)
        case "dot":
            return ops.CastDot(workshop, pick(people, args[0]), pick(objective_ids, args[1]))
        case "withdraw":
            return ops.WithdrawDot(workshop, pick(people, args[0]), pick(objective_ids, args[1]))
    raise AssertionError(kind)


def check_invariants(path):
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        # Budget and cap freeze once dots are cast, so today's settings bind every dot.
        over_budget = db.execute(
            "SELECT d.participant_id FROM dot d JOIN vote_round r ON r.id = d.round_id"
            " JOIN workshop w ON w.id = r.workshop_id"
            " GROUP BY d.participant_id, d.round_id HAVING SUM(d.count) > MAX(w.dot_budget)"
        ).fetchall()
        assert over_budget == []
        over_cap = db.execute(
            "SELECT d.id FROM dot d JOIN vote_round r ON r.id = d.round_id"
            " JOIN workshop w ON w.id = r.workshop_id WHERE d.count < 1 OR d.count > w.dot_cap"
        ).fetchall()
        assert over_cap == []
        # Merged cards sit in the same group as the card they were merged into.
        assert (
            db.execute(
                "SELECT a.id FROM idea a JOIN idea b ON a.merged_into_id = b.id"
                " WHERE a.objective_id IS NOT b.objective_id"
            ).fetchall()
            == []
        )
        assert (
            db.execute("SELECT count(*) FROM vote_round WHERE status = 'open'").fetchone()[0] <= 1
        )
    finally:
        db.close()


@pytest.mark.soak  # a long random run: in the slow tier, out of the README's ten minutes
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(STEP, min_size=10, max_size=60))
def test_random_operations_and_undos_keep_the_invariants(tmp_path_factory, steps):
    path = tmp_path_factory.mktemp("prop") / "plan.okrdesk"
    path.write_bytes(empty_plan(tmp_path_factory))
    with PlanFile.open(path) as plan:
        editor = PlanEditor(plan, clock=StepClock())
        cycle = editor.apply(ops.CreateCycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))).result
        unit = editor.apply(ops.CreateUnit("Co")).result
        workshop = editor.apply(ops.CreateWorkshop(unit, cycle, "W")).result
        people = [editor.apply(ops.AddParticipant(workshop, f"P{i}")).result for i in range(PEOPLE)]
        # Start in grouping with three cards and two groups, so runs reach voting quickly.
        editor.apply(ops.ChangePhase(workshop, Phase.BRAINSTORM))
        cards = [editor.apply(ops.AddIdea(workshop, text)).result for text in ("甲", "乙", "丙")]
        editor.apply(ops.ChangePhase(workshop, Phase.GROUP))
        for card in cards[:2]:
            editor.apply(ops.MakeObjectiveFromIdea(card))
        done: list[tuple] = []  # (change, state before it)
        undone: list[tuple] = []
        for step in steps:
            if step[0] == "undo":
                if done:
                    change, before = done.pop()
                    after = table_state(path)
                    undo = editor.revert(change)
                    assert table_state(path) == before
                    undone.append((undo, after))
                continue
            if step[0] == "redo":
                if undone:
                    undo, after = undone.pop()
                    before = table_state(path)
                    redo = editor.revert(undo, kind="redo")
                    assert table_state(path) == after
                    done.append((redo, before))
                continue
            before = table_state(path)
            try:
                change = editor.apply(operation(step, workshop, path, people))
            except OkrdeskError:
                assert table_state(path) == before  # a refusal changes nothing
                continue
            event(f"applied {step[0]}")
            done.append((change, before))
            undone.clear()
            check_invariants(path)
        while done:
            change, before = done.pop()
            editor.revert(change)
            assert table_state(path) == before
            check_invariants(path)
