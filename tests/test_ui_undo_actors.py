"""The window's undo stack mirrors the engine history; the booth's changes are not on it."""

from __future__ import annotations

from pathlib import Path

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.models import Phase
from tests.ui_helpers import empty_workshop_plan, open_window, rows


def voting_window(qtbot, tmp_path: Path):
    path = tmp_path / "plan.okrdesk"
    workshop = empty_workshop_plan(path)
    window = open_window(qtbot, path)
    run = window.session.run
    run(ops.ChangePhase(workshop, Phase.BRAINSTORM))
    run(ops.AddIdea(workshop, "first card"))
    run(ops.ChangePhase(workshop, Phase.GROUP))
    objectives = [run(ops.CreateObjective(workshop, title)).result for title in ("A", "B")]
    for objective in objectives:
        run(ops.AddKeyResult(objective, ops.KeyResultFields(f"KR of {objective}", target=10)))
    run(ops.ChangePhase(workshop, Phase.VOTE))
    run(ops.OpenVoting(workshop))
    people = [row[0] for row in rows(path, "SELECT id FROM participant ORDER BY id")]
    return window, path, workshop, objectives, people


def test_a_booth_change_is_announced_but_not_undone(qtbot, tmp_path: Path) -> None:
    window, path, workshop, (a, _b), people = voting_window(qtbot, tmp_path)
    session = window.session
    window.session.run(ops.AddParticipant(workshop, "Eve"))
    steps = session.undo_stack.count()
    seen = []
    session.changed.connect(seen.append)
    change = session.run(ops.CastDot(workshop, people[0], a), Actor.BOOTH)
    assert change is not None and change.actor is Actor.BOOTH
    assert seen == [change]
    assert session.undo_stack.count() == steps and len(session.history.done) == steps
    assert window.undo_action.text() == "&Undo Add participant"
    window.undo()  # takes Eve away, not the booth's dot
    assert rows(path, "SELECT participant_id, objective_id, count FROM dot") == [(people[0], a, 1)]
    assert "Eve" not in str(rows(path, "SELECT name FROM participant"))
    assert window.redo_action.text() == "&Redo Add participant"


def test_a_booth_batch_is_no_undo_step(qtbot, tmp_path: Path) -> None:
    window, path, workshop, (a, b), people = voting_window(qtbot, tmp_path)
    session = window.session
    steps = session.undo_stack.count()

    def ballot(apply) -> None:
        apply(ops.CastDot(workshop, people[1], a))
        apply(ops.CastDot(workshop, people[1], b))
        apply(ops.ConfirmBallot(workshop, people[1]))

    assert session.run_batch("op.confirm_ballot", ballot, Actor.BOOTH)
    assert session.undo_stack.count() == steps
    window.undo()  # the facilitator's last step (opening the vote) cannot take the ballot away
    assert rows(path, "SELECT count(*) FROM ballot") == [(1,)]


def test_undo_refuses_to_clobber_the_booth(qtbot, tmp_path: Path) -> None:
    window, path, workshop, (a, _b), people = voting_window(qtbot, tmp_path)
    session = window.session
    session.run(ops.AddParticipant(workshop, "Eve"))
    session.run(ops.CastDot(workshop, people[0], a))  # the facilitator's dot...
    session.run(ops.CastDot(workshop, people[0], a), Actor.BOOTH)  # ...the booth adds to it
    steps = session.undo_stack.count()
    refusals = []
    session.refused.connect(refusals.append)
    window.undo()
    assert refusals == ["This step cannot be undone because the data has changed since."]
    assert rows(path, "SELECT count FROM dot") == [(2,)]
    # The stale step is gone from both histories; Undo now names the step before it.
    assert session.undo_stack.count() == steps - 1 == len(session.history.done)
    assert window.undo_action.text() == "&Undo Add participant"
    assert not window.redo_action.isEnabled()
    window.undo()
    assert "Eve" not in str(rows(path, "SELECT name FROM participant"))
    assert rows(path, "SELECT count FROM dot") == [(2,)]
    assert window.redo_action.text() == "&Redo Add participant"


def test_a_stale_redo_is_dropped_from_the_menu(qtbot, tmp_path: Path) -> None:
    window, path, workshop, (a, _b), people = voting_window(qtbot, tmp_path)
    session = window.session
    session.run(ops.CastDot(workshop, people[0], a))
    window.undo()
    assert window.redo_action.isEnabled()
    session.run(ops.CastDot(workshop, people[0], a), Actor.BOOTH)
    window.redo()
    assert rows(path, "SELECT count FROM dot") == [(1,)]
    assert not window.redo_action.isEnabled() and window.redo_action.text() == "&Redo"
    assert session.undo_stack.index() == len(session.history.done)
