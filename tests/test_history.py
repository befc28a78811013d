"""The engine's undo history: only the facilitator's changes are steps; stale steps refuse."""

from __future__ import annotations

import pytest

from okrdesk.engine import ops
from okrdesk.engine.aspects import Actor
from okrdesk.engine.editor import StaleUndoError
from okrdesk.engine.history import History
from okrdesk.models import Phase


def test_undo_and_redo_go_through_the_history(room) -> None:
    history = History(room.editor)
    before = room.state()
    change = room.editor.apply(ops.AddParticipant(room.workshop, "Eve"))
    assert history.record(change)
    after = room.state()
    assert history.can_undo and not history.can_redo
    assert history.undo_label("en") == change.label("en")
    undone = history.undo()
    assert room.state() == before
    assert undone.actor is Actor.FACILITATOR
    assert history.can_redo and not history.can_undo
    assert history.redo_label("en") == change.label("en")
    history.redo()
    assert room.state() == after
    assert [step.label("en") for step in history.done] == [change.label("en")]


def test_a_new_step_forgets_what_was_undone(room) -> None:
    history = History(room.editor)
    history.record(room.editor.apply(ops.AddParticipant(room.workshop, "Eve")))
    history.undo()
    history.record(room.editor.apply(ops.AddParticipant(room.workshop, "Fay")))
    assert not history.can_redo and len(history.done) == 1


def test_another_actors_change_is_no_step(room) -> None:
    a, _b = room.to_voting(["A", "B"])
    history = History(room.editor)
    booth = room.editor.apply(ops.CastDot(room.workshop, room.people[0], a), Actor.BOOTH)
    assert booth.actor is Actor.BOOTH and not booth.empty
    assert not history.record(booth)
    phone = room.editor.apply(ops.CastDot(room.workshop, room.people[1], a), Actor.PHONE)
    assert not history.record(phone)
    assert not history.can_undo


def test_undo_passes_over_a_booth_change_to_other_rows(room) -> None:
    a, b = room.to_voting(["A", "B"])
    history = History(room.editor)
    history.record(room.editor.apply(ops.CastDot(room.workshop, room.people[0], a)))
    before_booth = room.state()
    room.editor.apply(ops.CastDot(room.workshop, room.people[1], b), Actor.BOOTH)
    room.editor.apply(ops.ConfirmBallot(room.workshop, room.people[1]), Actor.BOOTH)
    with_booth = room.state()
    history.undo()  # the facilitator's dot goes, the booth's ballot stays
    state = room.state()
    assert state["ballot"] == with_booth["ballot"] != before_booth["ballot"]
    assert len(state["dot"]) == 1 and state["dot"][0] in with_booth["dot"]


def test_undo_refuses_to_clobber_rows_the_booth_changed_since(room) -> None:
    a, _b = room.to_voting(["A", "B"])
    history = History(room.editor)
    history.record(room.editor.apply(ops.AddParticipant(room.workshop, "Eve")))
    history.record(room.editor.apply(ops.CastDot(room.workshop, room.people[0], a)))
    room.editor.apply(ops.CastDot(room.workshop, room.people[0], a), Actor.BOOTH)  # same dot row
    booth_state = room.state()
    with pytest.raises(StaleUndoError) as refused:
        history.undo()
    assert refused.value.message_id == "rule.undo_stale"
    assert room.state() == booth_state  # nothing clobbered
    # The stale step left the history: Undo goes on to the step before it.
    assert len(history.done) == 1 and not history.can_redo
    history.undo()
    assert "Eve" not in str(room.state()["participant"])
    assert room.state()["dot"] == booth_state["dot"]


def test_undo_refuses_to_take_away_what_a_booth_ballot_refers_to(room) -> None:
    room.go(Phase.BRAINSTORM)
    room.idea("first card")
    room.go(Phase.GROUP)
    a = room.objective("A", 2)
    room.objective("B", 2)
    room.go(Phase.VOTE)
    history = History(room.editor)
    history.record(room.editor.apply(ops.OpenVoting(room.workshop)))  # the round is new
    room.editor.apply(ops.CastDot(room.workshop, room.people[2], a), Actor.BOOTH)
    room.editor.apply(ops.ConfirmBallot(room.workshop, room.people[2]), Actor.BOOTH)
    booth_state = room.state()
    with pytest.raises(StaleUndoError):
        history.undo()
    assert room.state() == booth_state
    assert not history.can_undo


def test_a_stale_redo_is_dropped(room) -> None:
    a, _b = room.to_voting(["A", "B"])
    history = History(room.editor)
    history.record(room.editor.apply(ops.CastDot(room.workshop, room.people[0], a)))
    history.undo()
    room.editor.apply(ops.CastDot(room.workshop, room.people[0], a), Actor.BOOTH)
    booth_state = room.state()
    with pytest.raises(StaleUndoError):
        history.redo()
    assert room.state() == booth_state and not history.can_redo
