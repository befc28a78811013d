"""Every operation has an exact inverse: apply, undo, and the plan is as it was; redo returns."""

from collections.abc import Callable
from datetime import date

import pytest

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.errors import RuleError
from okrdesk.models import Decision, KeyResultKind, Phase

Scenario = Callable[..., object]


def grouped(room):
    """A workshop in grouping with two objectives, cards and key results."""
    room.go(Phase.BRAINSTORM)
    cards = [room.idea(text, room.people[i % 4]) for i, text in enumerate(["甲", "乙", "丙", "丁"])]
    room.go(Phase.GROUP)
    a = room.do(ops.MakeObjectiveFromIdea(cards[0]))
    b = room.objective("B", krs=2)
    room.do(ops.MoveIdea(cards[1], a))
    return a, b, cards


def voting(room):
    objectives = room.to_voting(["A", "B", "C", "D"])
    room.dots(room.people[0], objectives[0], 2)
    return objectives


def tied(room):
    a, b, c = room.to_voting(["A", "B", "C"])
    room.dots(room.people[0], a, 2)
    room.dots(room.people[1], b, 1)
    room.dots(room.people[2], c, 1)
    room.do(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    room.close_and_reveal()
    return a, b, c


def selecting(room):
    room.to_voting(["A", "B", "C"])
    room.close_and_reveal()
    room.go(Phase.SELECT)


def signoff(room):
    selecting(room)
    room.do(ops.ApplySelection(room.workshop))
    room.go(Phase.SIGNOFF)


def approved(room):
    signoff(room)
    room.do(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))


def department(room):
    unit = room.do(ops.CreateUnit("Dept", room.company))
    return room.do(ops.CreateWorkshop(unit, room.cycle, "Dept workshop"))


SCENARIOS: dict[str, tuple[Callable, Callable]] = {
    "create cycle": (
        lambda r: None,
        lambda r, _: ops.CreateCycle("2027-Q2", date(2027, 4, 1), date(2027, 6, 30)),
    ),
    "create unit": (lambda r: None, lambda r, _: ops.CreateUnit("Sales", r.company)),
    "create workshop": (
        lambda r: None,
        lambda r, _: ops.CreateWorkshop(r.company, r.cycle, "Second"),
    ),
    "settings": (
        lambda r: None,
        lambda r, _: ops.UpdateWorkshopSettings(
            r.workshop, title="New", dot_budget=7, anonymous=True
        ),
    ),
    "timebox": (lambda r: None, lambda r, _: ops.SetTimebox(r.workshop, Phase.VOTE, 25)),
    "rename organisation": (lambda r: None, lambda r, _: ops.RenameOrganisation("北极星")),
    "add participant": (lambda r: None, lambda r, _: ops.AddParticipant(r.workshop, "Eve")),
    "rename participant": (
        lambda r: None,
        lambda r, _: ops.RenameParticipant(r.people[0], "Ana L."),
    ),
    "remove participant with dots": (
        voting,
        lambda r, _: ops.RemoveParticipant(r.people[0], confirm=True),
    ),
    "add idea": (lambda r: None, lambda r, _: ops.AddIdea(r.workshop, "新想法 ✨", r.people[1])),
    "edit idea": (grouped, lambda r, g: ops.EditIdea(g[2][2], "edited", 0)),
    "delete idea in a group": (grouped, lambda r, g: ops.DeleteIdea(g[2][1])),
    "merge ideas": (grouped, lambda r, g: ops.MergeIdeas(g[2][2], (g[2][3], g[2][1]))),
    "move idea to position": (grouped, lambda r, g: ops.MoveIdea(g[2][2], g[0], index=0)),
    "make objective": (grouped, lambda r, g: ops.MakeObjectiveFromIdea(g[2][3])),
    "rename objective": (grouped, lambda r, g: ops.RenameObjective(g[0], "改名")),
    "move objective": (grouped, lambda r, g: ops.MoveObjective(g[1], 0)),
    "delete objective with krs": (grouped, lambda r, g: ops.DeleteObjective(g[1], confirm=True)),
    "merge objectives": (grouped, lambda r, g: ops.MergeObjectives(g[0], (g[1],))),
    "merge objectives with dots": (
        voting,
        lambda r, v: ops.MergeObjectives(v[1], (v[0], v[2]), confirm=True),
    ),
    "split objective": (grouped, lambda r, g: ops.SplitObjective(g[0], idea_ids=(g[2][1],))),
    "add key result": (
        grouped,
        lambda r, g: ops.AddKeyResult(
            g[0], ops.KeyResultFields("KR", start="0.1", target="0.3", deadline=date(2027, 3, 1))
        ),
    ),
    "edit key result": (
        grouped,
        lambda r, g: ops.EditKeyResult(
            _first_kr(r, g[1]), ops.KeyResultFields("M", kind=KeyResultKind.MILESTONE)
        ),
    ),
    "move key result": (grouped, lambda r, g: ops.MoveKeyResult(_first_kr(r, g[1]), g[0])),
    "delete key result": (grouped, lambda r, g: ops.DeleteKeyResult(_first_kr(r, g[1]))),
    "insert template": (
        lambda r: None,
        lambda r, _: ops.InsertTemplate(r.workshop, "sales", 0, "zh_CN"),
    ),
    "change phase": (lambda r: None, lambda r, _: ops.ChangePhase(r.workshop, Phase.BRAINSTORM)),
    "go back a phase": (voting, lambda r, _: ops.ChangePhase(r.workshop, Phase.GROUP)),
    "open voting": (
        lambda r: grouped(r) and r.go(Phase.VOTE),
        lambda r, _: ops.OpenVoting(r.workshop),
    ),
    "cast dot": (voting, lambda r, v: ops.CastDot(r.workshop, r.people[1], v[1])),
    "cast second dot": (voting, lambda r, v: ops.CastDot(r.workshop, r.people[0], v[0])),
    "withdraw dot": (voting, lambda r, v: ops.WithdrawDot(r.workshop, r.people[0], v[0])),
    "confirm ballot": (voting, lambda r, v: ops.ConfirmBallot(r.workshop, r.people[0])),
    "redo ballot": (
        lambda r: voting(r) and r.do(ops.ConfirmBallot(r.workshop, r.people[0])),
        lambda r, _: ops.RedoBallot(r.workshop, r.people[0]),
    ),
    "paper tally": (voting, lambda r, v: ops.SetPaperTally(r.workshop, v[1], 12)),
    "close voting": (voting, lambda r, _: ops.CloseVoting(r.workshop)),
    "reveal": (
        lambda r: voting(r) and r.do(ops.CloseVoting(r.workshop)),
        lambda r, _: ops.RevealTally(r.workshop),
    ),
    "start runoff": (tied, lambda r, _: ops.StartRunoff(r.workshop)),
    "decide tie": (tied, lambda r, t: ops.DecideTie(r.workshop, (t[1],), "closer to strategy")),
    "apply selection": (selecting, lambda r, _: ops.ApplySelection(r.workshop)),
    "return": (
        signoff,
        lambda r, _: ops.SignOffWorkshop(r.workshop, Decision.RETURN, "CEO", "again"),
    ),
    "approve": (signoff, lambda r, _: ops.SignOffWorkshop(r.workshop, Decision.APPROVE, "CEO")),
    "reopen": (approved, lambda r, _: ops.ReopenWorkshop(r.workshop, "new budget")),
    "align": (
        grouped,
        lambda r, g: ops.AlignObjective(
            r.do(ops.CreateObjective(department(r), "child")), parent_objective_id=g[0]
        ),
    ),
}


def _first_kr(room, objective):
    from sqlalchemy import select

    from okrdesk.models import KeyResult

    with room.editor.plan.reader() as session:
        return session.scalars(
            select(KeyResult.id).where(KeyResult.objective_id == objective)
        ).first()


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_undo_restores_exactly_and_redo_reapplies(room, name):
    prepare, make = SCENARIOS[name]
    prepared = prepare(room)
    operation = make(room, prepared)
    before = room.state()
    change = room.editor.apply(operation)
    after = room.state()
    assert after != before, "the operation changed nothing"
    assert change.rows, "the change describes no rows"
    undo = room.editor.revert(change)
    assert room.state() == before
    redo = room.editor.revert(undo, kind="redo")
    assert room.state() == after
    room.editor.revert(redo)
    assert room.state() == before


def test_the_change_names_exactly_the_rows_that_changed(room):
    a, _b, cards = grouped(room)
    change = room.editor.apply(ops.MoveIdea(cards[2], a))
    assert change.aspects == {Aspect.IDEAS}
    assert cards[2] in change.ids(Aspect.IDEAS, "update")
    assert change.label("en") == "Move idea" and change.label("zh_CN") == "移动想法"


def test_undo_of_a_stale_change_is_refused_and_changes_nothing(room):
    card = room.idea("old")
    first = room.editor.apply(ops.EditIdea(card, "first"))
    room.do(ops.EditIdea(card, "second"))
    before = room.state()
    with pytest.raises(RuleError) as refused:
        room.editor.revert(first)
    assert refused.value.message_id == "rule.undo_stale"
    assert room.state() == before


def test_a_batch_is_one_change_and_one_undo_step(room):
    before = room.state()
    with room.editor.batch("op.merge_ideas") as batch:
        first = room.do(ops.AddIdea(room.workshop, "one"))
        room.do(ops.AddIdea(room.workshop, "two"))
        room.do(ops.MergeIdeas(first, (first + 1,)))
    assert batch.change is not None and len(batch.change.ids(Aspect.IDEAS)) == 2
    room.editor.revert(batch.change)
    assert room.state() == before


def test_a_refusal_inside_a_batch_rolls_back_only_that_operation(room):
    with room.editor.batch("op.generic") as batch:
        room.do(ops.AddIdea(room.workshop, "kept"))
        with pytest.raises(RuleError):
            room.do(ops.MergeIdeas(999, (1000,)))
    assert len(batch.change.ids(Aspect.IDEAS, "insert")) == 1


def test_an_exception_leaving_a_batch_rolls_all_of_it_back(room):
    before = room.state()
    with pytest.raises(KeyError), room.editor.batch("op.generic"):
        room.do(ops.AddIdea(room.workshop, "gone"))
        raise KeyError("facilitator cancelled")
    assert room.state() == before


def test_undo_keeps_the_row_order_of_composite_key_tables(room):
    objectives = room.to_voting(["A", "B", "C", "D"])
    room.dots(room.people[0], objectives[0], 2)
    room.dots(room.people[1], objectives[1], 1)
    room.dots(room.people[2], objectives[2], 1)
    room.dots(room.people[3], objectives[3], 1)
    room.do(ops.UpdateWorkshopSettings(room.workshop, selection_size=2))
    room.close_and_reveal()
    room.do(ops.StartRunoff(room.workshop))  # three run-off candidates (composite keys)
    before = room.state()
    change = room.editor.apply(
        ops.MergeObjectives(objectives[0], tuple(objectives[1:]), confirm=True)
    )
    room.editor.revert(change)
    assert room.state() == before  # same rows in the same rowid order


def test_an_undone_decision_is_logged_against_its_workshop(room):
    import json

    from sqlalchemy import select

    from okrdesk.models import AuditEvent

    signoff(room)
    change = room.editor.apply(ops.SignOffWorkshop(room.workshop, Decision.APPROVE, "CEO"))
    room.editor.revert(change)
    with room.editor.plan.reader() as session:
        last = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (last.kind, last.workshop_id) == ("undo", room.workshop)
    assert json.loads(last.detail)["label"] == "op.sign_off"


def test_undo_inside_a_batch_is_refused(room):
    change = room.editor.apply(ops.AddIdea(room.workshop, "x"))
    with pytest.raises(RuntimeError), room.editor.batch("op.generic"):
        room.editor.revert(change)
