"""The room view after a change: patched from what the change names, equal to one built anew."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from okrdesk.engine import ops
from okrdesk.engine.aspects import Aspect
from okrdesk.engine.room_changes import room_view_after, room_view_after_all, room_view_changed_by
from okrdesk.models import Phase
from tests.test_room_view import LATER, view


def test_a_view_after_a_change_is_the_view_built_anew(room: Any) -> None:
    """Patched from the change (titles, key results) or built again: never different."""
    room.go(Phase.BRAINSTORM)
    card = room.idea("card")
    room.go(Phase.GROUP)
    first, second, third = (room.objective(t, krs=2) for t in ("A", "B", "C"))
    kr = room.do(ops.AddKeyResult(first, ops.KeyResultFields("A: one more", target=3)))
    steps = [
        ops.RenameObjective(second, "B renamed"),
        ops.AddKeyResult(third, ops.KeyResultFields("C: third", target=1)),
        ops.EditKeyResult(kr, ops.KeyResultFields("A: edited", target=4)),
        ops.MoveKeyResult(kr, second, 0),
        ops.MoveObjective(third, 0),
        ops.DeleteKeyResult(kr),
        ops.CreateObjective(room.workshop, "D"),
        ops.MoveIdea(card, first, 0),
        ops.DeleteObjective(second, confirm=True),
    ]
    shown = view(room)

    def follow(change: Any) -> Any:
        nonlocal shown
        after = room.editor.view(room_view_after, shown, change, LATER)
        assert after == view(room), change.label_id
        shown = after
        return change

    for step in steps:
        done = follow(room.editor.apply(step))
        undone = follow(room.editor.revert(done))
        follow(room.editor.revert(undone, kind="redo"))
    assert [o.title for o in shown.objectives] == ["C", "A", "D"]


def test_a_change_to_a_title_reads_that_objective_alone(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    room.go(Phase.GROUP)
    objectives = [room.objective(f"O{n}", krs=2) for n in range(40)]
    shown = view(room)
    change = room.editor.apply(ops.RenameObjective(objectives[7], "Seven"))
    statements = 0

    def counted(*args: Any) -> None:
        nonlocal statements
        statements += not str(args[2]).startswith("BEGIN")

    with room.editor.plan.reader() as session:
        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", counted)
        try:
            after = room_view_after(session, shown, change, LATER)
        finally:
            event.remove(engine, "before_cursor_execute", counted)
    assert after is not None and after.objectives[7].title == "Seven"
    assert after.objectives[8] is shown.objectives[8]  # the others are kept, not read again
    assert statements == 4  # its title, its key results, the timer (two): no list, no order


def test_what_can_change_each_picture(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("card")
    wall = view(room)
    assert room_view_changed_by(wall, {Aspect.IDEAS})
    assert not room_view_changed_by(wall, {Aspect.OBJECTIVES, Aspect.ALIGNMENT})
    room.go(Phase.GROUP)
    grouping = view(room)
    assert not room_view_changed_by(grouping, {Aspect.IDEAS})  # cards are not on the wall
    assert room_view_changed_by(grouping, {Aspect.KEY_RESULTS})
    a, _b = (room.objective(t) for t in ("A", "B"))
    room.go(Phase.VOTE)
    room.do(ops.OpenVoting(room.workshop))
    voting = view(room)
    assert not room_view_changed_by(voting, {Aspect.DOTS})  # nothing shows before the reveal
    assert room_view_changed_by(voting, {Aspect.BALLOTS})
    assert room_view_changed_by(voting, {Aspect.PHASE}) and room_view_changed_by(
        voting, {Aspect.WORKSHOPS}
    )
    room.dots(room.people[0], a, 1)
    room.close_and_reveal()
    assert room_view_changed_by(view(room), {Aspect.DOTS})  # a paper count after the reveal


def test_ballots_after_a_change_are_the_ballots_built_anew(room: Any) -> None:
    a, b = room.to_voting(["A", "B"], krs=0)
    ana, bo, chen, _dee = room.people
    shown = view(room)
    steps = [
        ops.CastDot(room.workshop, ana, a),
        ops.ConfirmBallot(room.workshop, ana),
        ops.CastDot(room.workshop, bo, b),
        ops.ConfirmBallot(room.workshop, bo),
        ops.RedoBallot(room.workshop, ana),
        ops.ConfirmBallot(room.workshop, chen),
        ops.CloseVoting(room.workshop),
    ]
    for step in steps:
        done = room.editor.apply(step)
        for change in (done, undone := room.editor.revert(done)):
            shown = room.editor.view(room_view_after, shown, change, LATER)
            assert shown == view(room), change.label_id
        shown = room.editor.view(
            room_view_after, shown, room.editor.revert(undone, kind="redo"), LATER
        )
        assert shown == view(room)
    assert shown.ballots is not None and shown.ballots.ballots_in == 2 and not shown.ballots.open


def test_the_wall_after_a_change_is_the_wall_built_anew(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    ana, bo = room.people[:2]
    first, second, third = (room.idea(t, ana) for t in ("One", "Two", "Three"))
    shown = view(room)
    steps = [
        ops.AddIdea(room.workshop, "Four", bo),
        ops.EditIdea(second, "Two, edited"),
        ops.MergeIdeas(first, (third,)),
        ops.UnmergeIdea(third),
        ops.DeleteIdea(second),
    ]
    for step in steps:
        done = room.editor.apply(step)
        for change in (done, undone := room.editor.revert(done)):
            shown = room.editor.view(room_view_after, shown, change, LATER)
            assert shown == view(room), change.label_id
        shown = room.editor.view(
            room_view_after, shown, room.editor.revert(undone, kind="redo"), LATER
        )
        assert shown == view(room)
    assert [c.text for c in shown.cards] == ["One", "Three", "Four"]
    assert shown.newest_card_id == max(c.id for c in shown.cards)


def test_the_wall_after_several_changes_read_together_is_the_wall_built_anew(room: Any) -> None:
    room.go(Phase.BRAINSTORM)
    ana, bo = room.people[:2]
    first = room.idea("One", ana)
    shown = view(room)
    changes = tuple(
        room.editor.apply(step)
        for step in (
            ops.AddIdea(room.workshop, "Two", bo),
            ops.EditIdea(first, "One, edited"),
            ops.AddIdea(room.workshop, "Three", ana),
        )
    )
    after = room.editor.view(room_view_after_all, shown, changes, LATER)
    assert after == view(room)
    assert [c.text for c in after.cards] == ["One, edited", "Two", "Three"]
